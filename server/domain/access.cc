#include "domain/access.h"

#include <cctype>
#include <utility>

namespace disposal::domain {
namespace {

constexpr RoleSet kStaff = RoleBit(Role::kStaff);
constexpr RoleSet kAuditor = RoleBit(Role::kAuditor);
constexpr RoleSet kPartner = RoleBit(Role::kPartner);
constexpr RoleSet kAdmin = RoleBit(Role::kAdmin);
// Reads of the books and the cases: staff work with them, auditors inspect them.
constexpr RoleSet kReaders = kStaff | kAuditor;

// The policy, one line per RPC. A new RPC is refused to everyone until it is listed here.
constexpr std::pair<std::string_view, RoleSet> kPolicy[] = {
    {"/disposal.v1.ClaimService/CreateClaim", kStaff},
    {"/disposal.v1.ClaimService/GetClaim", kReaders},
    {"/disposal.v1.ClaimService/ListClaims", kReaders},
    {"/disposal.v1.ClaimService/UpdateClaim", kStaff},
    // Staff load the next year when the State Council publishes it; admins may too.
    {"/disposal.v1.CalendarService/ImportCalendarYear", kStaff | kAdmin},
    {"/disposal.v1.CalendarService/GetCalendarYear", kReaders | kAdmin},
    {"/disposal.v1.CalendarService/ComputeDeadline", kReaders},
    {"/disposal.v1.DisposalService/CreateDisposal", kStaff},
    {"/disposal.v1.DisposalService/GetDisposal", kReaders},
    {"/disposal.v1.DisposalService/ListDisposals", kReaders},
    {"/disposal.v1.DisposalService/UpdateDisposal", kStaff},
    {"/disposal.v1.DisposalService/PublishDisposal", kStaff},
    {"/disposal.v1.DisposalService/TransitionDisposal", kStaff},
    {"/disposal.v1.DisposalService/RecordSubmission", kStaff},
    {"/disposal.v1.DisposalService/ListSubmissions", kReaders},
    {"/disposal.v1.DisposalService/ResolveSubmission", kStaff},
    {"/disposal.v1.DisposalService/CheckAwardGate", kReaders},
    // Staff check bidders too (and an award checks one); partners may do nothing else.
    {"/disposal.v1.EligibilityService/CheckBidderEligibility", kStaff | kPartner},
    {"/disposal.v1.EligibilityService/CheckBidderEligibilityStream", kStaff | kPartner},
    {"/disposal.v1.EligibilityService/Ping", kStaff | kAuditor | kPartner | kAdmin},
    {"/disposal.v1.RegistryService/ApplyRegistryChanges", kStaff | kAdmin},
    {"/disposal.v1.RegistryService/ImportRegistry", kAdmin},
    {"/disposal.v1.RegistryService/GetRegistryParty", kReaders | kAdmin},
    {"/disposal.v1.LedgerService/AccrueInterest", kStaff},
    {"/disposal.v1.LedgerService/ReverseEntry", kStaff},
    {"/disposal.v1.LedgerService/RescindOutcome", kStaff},
    {"/disposal.v1.LedgerService/ListOutcomes", kReaders},
    {"/disposal.v1.LedgerService/ListJournalEntries", kReaders},
    {"/disposal.v1.LedgerService/GetTrialBalance", kReaders},
    {"/disposal.v1.LedgerService/GetClaimStatement", kReaders},
    {"/disposal.v1.LedgerService/RecordOutcome", kStaff},
    {"/disposal.v1.LedgerService/GetOutcome", kReaders},
    {"/disposal.v1.LedgerService/RecordPayment", kStaff},
    {"/disposal.v1.LedgerService/RecordCost", kStaff},
    // Histories and decision replays are the auditors' own work.
    {"/disposal.v1.AuditService/StreamClaimHistory", kAuditor},
    {"/disposal.v1.AuditService/VerifyClaimHistory", kAuditor},
    {"/disposal.v1.AuditService/GetEligibilityDecision", kAuditor},
    {"/disposal.v1.AuditService/ReplayEligibilityDecision", kAuditor},
    {"/disposal.v1.AuditService/ListEligibilityDecisions", kAuditor},
    {"/disposal.v1.AccessService/CreateToken", kAdmin},
    {"/disposal.v1.AccessService/ListTokens", kAdmin},
    {"/disposal.v1.AccessService/RevokeToken", kAdmin},
};

}  // namespace

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kStaff:
      return "staff";
    case Role::kAuditor:
      return "auditor";
    case Role::kPartner:
      return "partner";
    case Role::kAdmin:
      return "admin";
  }
  return "";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role role : {Role::kStaff, Role::kAuditor, Role::kPartner, Role::kAdmin}) {
    if (RoleName(role) == name) return role;
  }
  return std::nullopt;
}

std::optional<RoleSet> AllowedRoles(std::string_view method) {
  for (const auto& [name, roles] : kPolicy) {
    if (name == method) return roles;
  }
  return std::nullopt;
}

std::optional<std::string> CertificateFingerprint(std::string_view given) {
  static constexpr std::string_view kLabel = "sha256 fingerprint=";
  if (given.size() > kLabel.size()) {
    bool labelled = true;
    for (size_t i = 0; i < kLabel.size(); ++i) {
      labelled &= std::tolower(static_cast<unsigned char>(given[i])) == kLabel[i];
    }
    if (labelled) given.remove_prefix(kLabel.size());
  }
  // 64 hex digits, or 32 pairs each but the last followed by a colon.
  const bool paired = given.size() == 32 * 3 - 1;
  if (!paired && given.size() != 64) return std::nullopt;
  std::string hex;
  for (size_t i = 0; i < given.size(); ++i) {
    const char c = given[i];
    if (paired && i % 3 == 2) {
      if (c != ':') return std::nullopt;
      continue;
    }
    if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
    hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return hex;
}

bool IsTokenName(std::string_view name) {
  if (name.empty() || name.size() > 100) return false;
  for (char c : name) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

}  // namespace disposal::domain
