#include "store/booking_first.h"

#include <vector>

#include "store/claim_ledger_rows.h"
#include "store/claim_rows.h"
#include "store/ledger_rows.h"

namespace disposal::store {
namespace {

using domain::LedgerEntry;

// Books what a payment or an award books before itself (EntriesFirst), under the claim's lock
// (`version`), provided the claim's ledger is still as the entries were planned from.
Status BookFirst(pqxx::work& txn, const std::string& claim_id, int64_t version,
                 const domain::EntriesFirst& first, const domain::RequestKey& key,
                 const domain::AuditContext& audit) {
  if (first.basis == nullptr) return OkStatus();
  // Checked even when nothing was planned: the claim may accrue since (new terms, say).
  if (!LedgerBasisUnchanged(txn, claim_id, version, *first.basis, first.entries)) {
    return Error::Aborted("the claim's ledger changed while this call was prepared; retry");
  }
  for (const LedgerEntry& entry : first.entries) InsertLedgerEntry(txn, entry, key, audit.actor);
  return OkStatus();
}

// Accrues the claim's interest on its own terms (EntriesFirst::on_claim_terms), planned from
// its ledger as this transaction sees it under the claim's lock.
Status AccrueOnClaimTerms(pqxx::work& txn, const std::string& claim_id,
                          const domain::EntriesFirst& first, const domain::RequestKey& key,
                          const domain::AuditContext& audit) {
  std::vector<domain::Claim> claims = LoadClaims(txn, {claim_id});
  if (claims.empty()) return Error::NotFound("claim " + claim_id + " does not exist");
  ASSIGN_OR_RETURN(const std::vector<LedgerEntry> entries,
                   first.on_claim_terms(ClaimLedgerStateIn(txn, std::move(claims.front()))));
  for (const LedgerEntry& entry : entries) InsertLedgerEntry(txn, entry, key, audit.actor);
  return OkStatus();
}

// Whether the booking accrues on the claim's own terms, planned in its transaction (whatever
// was planned before it): the claim has them.
bool AccruesOnClaimTerms(const domain::EntriesFirst& first, bool own_accrual_terms) {
  return first.on_claim_terms && own_accrual_terms;
}

}  // namespace

Result<bool> BookBefore(pqxx::work& txn, const std::string& claim_id, int64_t version,
                        bool own_accrual_terms, const domain::EntriesFirst& first,
                        const domain::RequestKey& key, const domain::AuditContext& audit) {
  if (AccruesOnClaimTerms(first, own_accrual_terms)) {
    RETURN_IF_ERROR(AccrueOnClaimTerms(txn, claim_id, first, key, audit));
    return true;
  }
  RETURN_IF_ERROR(BookFirst(txn, claim_id, version, first, key, audit));
  return first.basis != nullptr && !first.entries.empty();
}

}  // namespace disposal::store
