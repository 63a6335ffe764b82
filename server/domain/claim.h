// The claim (债权) as the AMC holds it, its validation rules and its derived totals.
#ifndef DISPOSAL_SERVER_DOMAIN_CLAIM_H_
#define DISPOSAL_SERVER_DOMAIN_CLAIM_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/accrual.h"
#include "domain/date.h"
#include "domain/money.h"
#include "domain/result.h"

namespace disposal::domain {

enum class PartyKind { kPerson, kOrganization };

// A natural person (identifier: national ID) or an organisation (unified social credit code).
struct Party {
  PartyKind kind = PartyKind::kOrganization;
  std::string name;
  std::string identifier;
  bool financial_institution = false;  // organisations only
  bool state_owned = false;            // organisations only
};

enum class ClaimStatus { kHeld, kInDisposal, kDisposed, kSettled, kWrittenOff };

// One acquired loan: what was bought from one original creditor.
struct Tranche {
  std::string original_creditor;
  std::string original_creditor_current_name;
  Money principal;
  Money interest;
  Date interest_cutoff_date{};
  std::optional<Rate> contract_rate;  // annual, as a fraction
  std::optional<Rate> penalty_rate;   // annual, as a fraction
  std::string contract_reference;
};

// The penalty is unliquidated (a court will set it) or a known amount; never a silent zero.
struct Penalty {
  bool unliquidated = true;
  std::string basis;            // why / on what terms, when unliquidated
  std::optional<Money> amount;  // set exactly when !unliquidated
};

enum class CollateralKind {
  kResidential,
  kOffice,
  kStreetFrontShop,
  kCommercial,
  kUndergroundParking,
  kLand,
  kEquipment,
  kOther,
};
enum class EncumbranceKind { kSeized, kTakenInPayment, kOccupied };

struct Encumbrance {
  EncumbranceKind kind = EncumbranceKind::kSeized;
  std::string note;
  std::optional<Date> arose_date;
};

struct Collateral {
  CollateralKind kind = CollateralKind::kOther;
  std::string description;
  std::string location;
  std::optional<Money> appraised_value;
  int lien_rank = 1;
  std::vector<Encumbrance> encumbrances;
};

enum class LiabilityType { kJointAndSeveral, kGeneral };

struct Guarantee {
  Party guarantor;
  LiabilityType liability = LiabilityType::kJointAndSeveral;
  std::string scope;
  std::string term;
};

struct Pledge {
  std::string subject;
  std::optional<Party> pledgor;
};

enum class LitigationStage { kFiled, kInTrial, kJudged, kEnforcement, kClosed };

struct Litigation {
  std::string court;
  std::string case_number;
  LitigationStage stage = LitigationStage::kFiled;
};

// Everything a client writes about a claim. Ids, versions and times are the store's.
struct ClaimContent {
  std::string title;
  ClaimStatus status = ClaimStatus::kHeld;
  Party debtor;
  Party holder;
  std::string currency_code = "CNY";
  std::vector<Tranche> tranches;
  Penalty penalty;
  std::vector<Collateral> collateral;
  std::vector<Guarantee> guarantees;
  std::vector<Pledge> pledges;
  std::vector<Litigation> litigation;
  // The claim's own accrual terms; absent when each accrual call gives them.
  std::optional<AccrualCallTerms> accrual_terms;
};

// A stored claim.
struct Claim {
  std::string id;  // UUID
  int64_t version = 0;
  ClaimContent content;
  int64_t create_time_micros = 0;  // since the Unix epoch, UTC
  int64_t update_time_micros = 0;
};

// Totals derived from the tranches and the penalty; never stored.
struct ClaimTotals {
  Money principal;
  Money interest;
  Money penalty;  // zero when unliquidated
  Money total;    // principal + interest + known penalty
  bool penalty_unliquidated = false;
};

// Limits on a claim's collections; a bigger claim is refused, never truncated.
inline constexpr size_t kTranchesMax = 20;
inline constexpr size_t kCollateralMax = 100;
inline constexpr size_t kEncumbrancesPerCollateralMax = 50;
inline constexpr size_t kGuaranteesMax = 50;
inline constexpr size_t kPledgesMax = 50;
inline constexpr size_t kLitigationMax = 20;

// Checks every rule on a claim's content. On failure the error is INVALID_ARGUMENT and its
// field is the full path from the request, e.g. "claim.tranches[1].principal".
// `today` bounds birth dates in national IDs.
Status ValidateClaimContent(const ClaimContent& content, const Date& today);

// A tranche's penalty rate is the whole rate on its overdue principal, and its surcharge over
// the contract rate is what accrues as penalty interest, so it is not below the contract
// rate (INVALID_ARGUMENT, "claim.tranches[i].penalty_rate"). A tranche that `before` had with
// the same contract reference and rates passes (without `before`, none does), so that a claim
// stored before this rule still takes updates that leave those rates alone.
Status CheckPenaltyRates(const ClaimContent& content, const ClaimContent* before);

// Once a claim's ledger is open, its opening entry has booked each tranche's principal and
// interest as of its cut-off date, and accruals, payments and lots name tranches by position:
// from then on the tranches' number, order and those three figures are the ledger's.
// FAILED_PRECONDITION naming the first that `content` changes against `before` (a mistake in
// them is corrected by journal entries, not by editing the claim). Rates, creditors and
// contract references may still change here (the store keeps a tranche that a live lot offers
// the same loan: its creditor and contract reference too).
Status CheckBookedTranchesKept(const ClaimContent& before, const ClaimContent& content,
                               const Date& opened_on);

// Checks one party: name length and the identifier for its kind. `field` prefixes errors.
Status ValidateParty(const Party& party, const std::string& field, const Date& today);

// Sums the tranches and adds a known penalty. Fails only on overflow.
Result<ClaimTotals> ComputeTotals(const ClaimContent& content);

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_CLAIM_H_
