#include "store/outcome_store.h"

#include <algorithm>
#include <pqxx/pqxx>

#include "domain/ledger.h"
#include "domain/text_rules.h"
#include "store/audit_rows.h"
#include "store/award_conditions.h"
#include "store/booking_first.h"
#include "store/booking_snapshot.h"
#include "store/claim_codes.h"
#include "store/claim_ledger_rows.h"
#include "store/connection_pool.h"
#include "store/disposal_codes.h"
#include "store/ledger_rows.h"
#include "store/outcome_rows.h"
#include "store/prepared.h"
#include "store/request_keys.h"
#include "store/sql_values.h"

namespace disposal::store {
namespace {

using domain::LedgerEntry;
using domain::OutcomeRecord;
using domain::PaymentRecord;

// The award gate was asked before this transaction: the disposal's row is held FOR SHARE (a
// withdrawal, a suspension or a submission's filing waits for the award and then sees it) and
// must still be published; CheckAwardConditions then runs the whole gate again.
Status HoldPublishedDisposal(pqxx::work& txn, const std::string& disposal_id) {
  const pqxx::result row = txn.exec_params(
      "SELECT stored_state FROM disposals WHERE id = $1::uuid FOR SHARE", disposal_id);
  if (row.empty()) return Error::NotFound("disposal " + disposal_id + " does not exist");
  const std::string state = row[0][0].as<std::string>();
  if (state == "published") return OkStatus();
  return Error::FailedPrecondition("disposal " + disposal_id + " is " + state +
                                   " since the award gate was asked; nothing was booked");
}

// One award of a disposal at a time, to its commit: a disposal's outcomes are then committed in
// the order of their entry ids, which ListOutcomes pages by (two awards of lots on different
// claims, each holding only its own claim's lock, could otherwise commit out of order and a
// reader paging between the two commits would skip the earlier one for good). The key cannot
// be a request id's: those never contain '/'.
void SerializeDisposalsAwards(pqxx::work& txn, const std::string& disposal_id) {
  txn.exec_params("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
                  "awards/" + domain::AsciiLowercase(disposal_id));
}

// The entries of a call booked before its entry `last`, in their order.
std::vector<LedgerEntry> BookedBefore(std::vector<LedgerEntry> call, int64_t last) {
  call.erase(std::remove_if(call.begin(), call.end(),
                            [last](const LedgerEntry& entry) { return entry.entry_id >= last; }),
             call.end());
  return call;
}

// Whether every other tranche of the claim already has a standing outcome (under the claim's
// lock).
bool IsLastTrancheHeld(pqxx::work& txn, const std::string& claim_id, int tranche_number) {
  return txn
      .exec_params(
          std::string(
              "SELECT (SELECT count(*) FROM claim_tranches WHERE claim_id = $1::uuid) - 1 = "
              "  (SELECT count(DISTINCT tranche_number) FROM outcomes "
              "   WHERE claim_id = $1::uuid AND tranche_number <> $2") +
              kStandingOutcome + ")",
          claim_id, tranche_number)[0][0]
      .as<bool>();
}

// FAILED_PRECONDITION when another lot's standing outcome sold what this lot offers (the same
// tranche, or either is the whole claim): a notice published after the other expired offers
// it again, and its award would sell a book value already derecognised, or price a whole
// claim that is no longer whole. Under the claim's lock.
Status RefuseWhatAnotherLotSold(pqxx::work& txn, const OutcomeRecord& outcome) {
  const std::optional<std::string> tranche =
      outcome.tranche_number ? std::optional<std::string>(std::to_string(*outcome.tranche_number))
                             : std::nullopt;
  const pqxx::result sold = txn.exec_params(
      std::string("SELECT id::text, disposal_id::text, tranche_number FROM outcomes "
                  "WHERE claim_id = $1::uuid AND lot_id <> $2::uuid AND ($3::int IS NULL OR "
                  "tranche_number IS NULL OR tranche_number = $3::int)") +
          kStandingOutcome + " ORDER BY entry_id LIMIT 1",
      outcome.claim_id, outcome.lot_id, OrNull(tranche));
  if (sold.empty()) return OkStatus();
  const std::string what =
      sold[0][2].is_null() ? "the whole claim" : "its tranche " + sold[0][2].as<std::string>();
  return Error::FailedPrecondition("claim " + outcome.claim_id + ": " + what +
                                   " was sold by outcome " + sold[0][0].as<std::string>() +
                                   " of disposal " + sold[0][1].as<std::string>() +
                                   ", which stands; this lot offers it again");
}

// The latest award date among the claim's standing outcomes of other lots (under the claim's
// lock); nullopt when there are none.
std::optional<domain::Date> LatestOtherAward(pqxx::work& txn, const std::string& claim_id,
                                             const std::string& lot_id) {
  const pqxx::row row = txn.exec_params1(
      std::string("SELECT max(award_date)::text FROM outcomes WHERE claim_id = $1::uuid "
                  "AND lot_id <> $2::uuid") +
          kStandingOutcome,
      claim_id, lot_id);
  if (row[0].is_null()) return std::nullopt;
  return domain::ParseIsoDate(row[0].as<std::string>()).value();
}

// The number the lot's next award takes (under the claim's lock): one more than its awards so
// far, rescinded ones included.
int NextAwardNumber(pqxx::work& txn, const std::string& lot_id) {
  return txn.exec_params1("SELECT count(*) + 1 FROM outcomes WHERE lot_id = $1::uuid", lot_id)[0]
      .as<int>();
}

void InsertOutcome(pqxx::work& txn, const OutcomeRecord& o) {
  const std::optional<std::string> tranche =
      o.tranche_number ? std::optional<std::string>(std::to_string(*o.tranche_number))
                       : std::nullopt;
  txn.exec_params(
      "INSERT INTO outcomes (id, disposal_id, lot_id, claim_id, tranche_number, method, "
      "buyer_kind, buyer_name, buyer_identifier, price, book_value, award_date, "
      "eligibility_decision_id, entry_id, award_number, deposit_paid) VALUES ($1::uuid, "
      "$2::uuid, $3::uuid, $4::uuid, $5::int, $6, $7, $8, $9, $10::numeric, $11::numeric, "
      "$12::date, $13::uuid, $14, $15, $16::numeric)",
      o.id, o.disposal_id, o.lot_id, o.claim_id, OrNull(tranche), ToCode(o.method),
      ToCode(o.buyer.kind), o.buyer.name, o.buyer.identifier, o.price.ToString(),
      o.book_value.ToString(), domain::FormatIsoDate(o.award_date), o.eligibility_decision_id,
      o.entry_id, o.award_number, OrNull(MoneyText(o.deposit_paid)));
  int position = 0;
  for (const domain::ReductionPart& part : o.reduction) {
    txn.exec_params(
        "INSERT INTO outcome_reduction_parts (outcome_id, position, bucket, owed, settled, "
        "forgiven) VALUES ($1::uuid, $2, $3, $4::numeric, $5::numeric, $6::numeric)",
        o.id, ++position, std::string(domain::BucketName(part.bucket)), part.owed.ToString(),
        part.settled.ToString(), part.forgiven.ToString());
  }
  int number = 0;
  for (const domain::Instalment& instalment : o.schedule) {
    txn.exec_params(
        "INSERT INTO outcome_instalments (outcome_id, number, due_date, amount) "
        "VALUES ($1::uuid, $2, $3::date, $4::numeric)",
        o.id, ++number, domain::FormatIsoDate(instalment.due), instalment.amount.ToString());
  }
}

// Inserts the entries; returns the id of the last one of `kind`.
int64_t InsertEntries(pqxx::work& txn, const std::vector<LedgerEntry>& entries,
                      domain::EntryKind kind, const domain::RequestKey& key,
                      const std::string& actor) {
  int64_t id = 0;
  for (const LedgerEntry& entry : entries) {
    const int64_t inserted = InsertEntry(txn, entry, key, actor);
    if (entry.kind == kind) id = inserted;
  }
  return id;
}

// Books a payment's entry, the payment and how it was applied to instalments, and the audit
// event on the claim, in one statement: one round trip for the whole write. Returns the
// entry's id.
int64_t BookPayment(pqxx::work& txn, const LedgerEntry& entry, const PaymentRecord& payment,
                    const domain::RequestKey& key, const domain::AuditContext& audit,
                    int64_t claim_version) {
  const EntryValues v = ValuesOf(entry, key, audit.actor);
  const std::optional<std::string> outcome =
      payment.outcome_id.empty() ? std::nullopt : std::optional<std::string>(payment.outcome_id);
  std::vector<std::string> numbers, applied;
  for (const domain::InstalmentPayment& instalment : payment.instalments) {
    numbers.push_back(std::to_string(instalment.index + 1));
    applied.push_back(instalment.applied.ToString());
  }
  static const PreparedStatement kBook{
      "book_payment",
      std::string(kInsertEntryCte) +
          ", payment AS ("
          "  INSERT INTO payments (entry_id, outcome_id, claim_id, amount, received_date) "
          "  SELECT entry_id, $16::uuid, $17::uuid, $18::numeric, $19::date FROM entry "
          "  RETURNING entry_id), "
          "instalments AS ("
          "  INSERT INTO payment_instalments (entry_id, outcome_id, number, amount) "
          "  SELECT (SELECT entry_id FROM payment), $16::uuid, i.number, i.amount "
          "  FROM unnest($20::int[], $21::numeric[]) AS i(number, amount)) "
          "SELECT entry_id, audit_append($22, $23, $24, $25, $26, 'claim', $17::uuid, "
          "  $27, $28::jsonb) FROM entry"};
  return ExecPrepared(txn, kBook, v.request_id, v.call_request_id, v.body_sha256, v.kind,
                      v.effective_date, v.actor, OrNull(v.claim_id), OrNull(v.period_start),
                      OrNull(v.period_end), OrNull(v.reverses), v.memo, v.accounts, v.tranches,
                      v.debits, v.credits, OrNull(outcome), payment.claim_id,
                      payment.amount.ToString(), domain::FormatIsoDate(payment.received_date),
                      PlainArrayLiteral(numbers), PlainArrayLiteral(applied), audit.actor,
                      audit.role, audit.token_id, audit.rpc, audit.request_id, claim_version,
                      AuditPayload(audit))[0][0]
      .as<int64_t>();
}

// How a debtor's payment was allocated, read back from its entry's credits to the claim, in
// the order it was allocated (the order its postings were written in: the contract's, when it
// gave one), so that a retry answers as the first call did.
std::vector<domain::AllocationLine> AllocationOf(pqxx::work& txn, int64_t entry_id) {
  std::vector<std::pair<int, domain::AllocationLine>> by_line;
  for (domain::AllocationBucket bucket : domain::kAllocationBuckets) {
    const pqxx::row row = txn.exec_params1(
        "SELECT coalesce(sum(credit) - sum(debit), 0)::text, coalesce(min(line), 32767) "
        "FROM journal_postings "
        "WHERE entry_id = $1 AND account LIKE 'claim/%' AND account LIKE '%/' || $2",
        entry_id, std::string(domain::BucketName(bucket)));
    by_line.push_back({row[1].as<int>(), {bucket, MoneyField(row[0])}});
  }
  std::stable_sort(by_line.begin(), by_line.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<domain::AllocationLine> lines;
  for (auto& [line, allocation] : by_line) lines.push_back(std::move(allocation));
  return lines;
}

// The payment a retried call booked, rebuilt from its rows.
PaymentRecord LoadPayment(pqxx::work& txn, int64_t entry_id) {
  const pqxx::row row = txn.exec_params1(
      "SELECT coalesce(outcome_id::text, ''), claim_id::text, amount::text, received_date::text "
      "FROM payments WHERE entry_id = $1",
      entry_id);
  PaymentRecord payment;
  payment.entry_id = entry_id;
  payment.outcome_id = row[0].as<std::string>();
  payment.claim_id = row[1].as<std::string>();
  payment.amount = MoneyField(row[2]);
  payment.received_date = DateField(row[3]);
  for (const pqxx::row& applied :
       txn.exec_params("SELECT number, amount::text FROM payment_instalments WHERE entry_id = $1 "
                       "ORDER BY number",
                       entry_id)) {
    payment.instalments.push_back(
        {static_cast<size_t>(applied[0].as<int>() - 1), MoneyField(applied[1])});
  }
  if (payment.outcome_id.empty()) payment.allocation = AllocationOf(txn, entry_id);
  return payment;
}

int64_t LastEntryOf(const std::vector<LedgerEntry>& entries, domain::EntryKind kind) {
  int64_t id = 0;
  for (const LedgerEntry& entry : entries) {
    if (entry.kind == kind) id = entry.entry_id;
  }
  return id;
}

// A request key whose earlier call booked no payment: another kind of call used it.
Error UsedByAnotherCall() {
  return Error::AlreadyExists("request_id",
                              "was used for a different request; use a new request id");
}

Status CheckUuid(const std::string& value, const char* field) {
  if (!domain::IsUuid(value)) return domain::NotAUuid(field, value);
  return OkStatus();
}

}  // namespace

Result<OutcomeRecord> PgOutcomeRepository::RecordOutcome(OutcomeRecord outcome,
                                                         const domain::EntriesFirst& first,
                                                         const OutcomePlanner& plan,
                                                         const domain::AwardConditions& conditions,
                                                         const domain::RequestKey& key,
                                                         const domain::AuditContext& audit) {
  RETURN_IF_ERROR(CheckUuid(outcome.claim_id, "claim_id"));
  RETURN_IF_ERROR(CheckUuid(outcome.lot_id, "lot_id"));
  outcome.claim_id = domain::AsciiLowercase(outcome.claim_id);
  outcome.lot_id = domain::AsciiLowercase(outcome.lot_id);
  return database_.pool().InTransaction<OutcomeRecord>(
      [&](pqxx::work& txn) -> Result<OutcomeRecord> {
        LockRequestId(txn, key.request_id);
        const std::optional<int64_t> version = LockClaim(txn, outcome.claim_id);
        if (!version) return Error::NotFound("claim " + outcome.claim_id + " does not exist");
        ASSIGN_OR_RETURN(std::vector<LedgerEntry> earlier, EarlierCall(txn, key));
        if (!earlier.empty()) {
          const int64_t entry = LastEntryOf(earlier, domain::EntryKind::kOutcome);
          return *LoadOutcome(txn, "entry_id = $1::bigint", std::to_string(entry));
        }
        SerializeDisposalsAwards(txn, outcome.disposal_id);
        RETURN_IF_ERROR(HoldPublishedDisposal(txn, outcome.disposal_id));
        if (auto existing = LoadOutcome(txn, std::string("lot_id = $1::uuid") + kStandingOutcome,
                                        outcome.lot_id)) {
          return Error::FailedPrecondition(
              "lot_id", "lot " + outcome.lot_id + " already has a standing outcome (" +
                            existing->id + ", awarded to " + existing->buyer.name +
                            "); rescind it to award the lot again");
        }
        RETURN_IF_ERROR(RefuseWhatAnotherLotSold(txn, outcome));
        RETURN_IF_ERROR(CheckAwardConditions(txn, outcome.disposal_id, conditions));
        // The lot's books are read after this in any case.
        const Result<bool> before =
            BookBefore(txn, outcome.claim_id, *version, HasOwnAccrualTerms(txn, outcome.claim_id),
                       first, key, audit);
        if (!before.ok()) return before.error();
        OutcomeRecord planned = outcome;
        planned.id = txn.exec("SELECT gen_random_uuid()::text")[0][0].as<std::string>();
        planned.award_number = NextAwardNumber(txn, planned.lot_id);
        domain::ClaimBooks books =
            BooksFrom(txn, ReadSnapshot(txn, planned.claim_id, key.request_id, planned.award_date),
                      planned.claim_id, planned.award_date);
        books.principal_changes = PrincipalChangesOf(txn, planned.claim_id);
        books.interest_changes = InterestChangesOf(txn, planned.claim_id);
        books.judgment_debt_changes = JudgmentDebtChangesOf(txn, planned.claim_id);
        books.compounded_periods = CompoundedPeriodsOf(txn, planned.claim_id);
        books.accruing_tranches = AccruingTranchesOf(txn, planned.claim_id);
        for (const auto& [tranche, periods] :
             AccruedWhileSoldOf(txn, planned.claim_id).awaiting_catch_up) {
          books.awaiting_catch_up.insert(tranche);
        }
        books.last_tranche_held = planned.tranche_number &&
                                  IsLastTrancheHeld(txn, planned.claim_id, *planned.tranche_number);
        books.latest_other_award = LatestOtherAward(txn, planned.claim_id, planned.lot_id);
        ASSIGN_OR_RETURN(std::vector<LedgerEntry> entries, plan(books, &planned));
        planned.entry_id =
            InsertEntries(txn, entries, domain::EntryKind::kOutcome, key, audit.actor);
        InsertOutcome(txn, planned);
        InsertDecisionReceipt(txn, conditions.receipt);
        AppendAuditEvent(txn, audit, "claim", planned.claim_id, *version);
        return *LoadOutcome(txn, "id = $1::uuid", planned.id);
      });
}

Result<OutcomeRecord> PgOutcomeRepository::GetOutcome(const std::string& id) {
  RETURN_IF_ERROR(CheckUuid(id, "outcome_id"));
  return database_.pool().InTransaction<OutcomeRecord>(
      [&](pqxx::work& txn) -> Result<OutcomeRecord> {
        std::optional<OutcomeRecord> outcome =
            LoadOutcome(txn, "id = $1::uuid", domain::AsciiLowercase(id));
        if (!outcome) return Error::NotFound("outcome " + id + " does not exist");
        return *outcome;
      });
}

Result<std::vector<OutcomeRecord>> PgOutcomeRepository::ListOutcomes(
    const domain::OutcomeParent& parent, int64_t after_entry_id, int limit) {
  const char* field = parent.is_claim ? "claim_id" : "disposal_id";
  RETURN_IF_ERROR(CheckUuid(parent.id, field));
  domain::OutcomeParent normalized{parent.is_claim, domain::AsciiLowercase(parent.id)};
  using Outcomes = std::vector<OutcomeRecord>;
  return database_.pool().InTransaction<Outcomes>([&](pqxx::work& txn) -> Result<Outcomes> {
    const char* table = parent.is_claim ? "claims" : "disposals";
    if (txn.exec_params(std::string("SELECT 1 FROM ") + table + " WHERE id = $1::uuid",
                        normalized.id)
            .empty()) {
      return Error::NotFound(std::string(parent.is_claim ? "claim " : "disposal ") + normalized.id +
                             " does not exist");
    }
    return LoadOutcomes(txn, normalized, after_entry_id, limit);
  });
}

Result<std::optional<OutcomeRecord>> PgOutcomeRepository::EarlierOutcome(
    const domain::RequestKey& key) {
  using Earlier = std::optional<OutcomeRecord>;
  return database_.pool().InTransaction<Earlier>([&](pqxx::work& txn) -> Result<Earlier> {
    ASSIGN_OR_RETURN(std::vector<LedgerEntry> earlier, EarlierCall(txn, key));
    const int64_t entry = LastEntryOf(earlier, domain::EntryKind::kOutcome);
    if (entry == 0) return Earlier();
    return LoadOutcome(txn, "entry_id = $1::bigint", std::to_string(entry));
  });
}

Result<PaymentRecord> PgOutcomeRepository::RecordBuyerPayment(PaymentRecord payment,
                                                              const BuyerPaymentPlanner& plan,
                                                              const domain::RequestKey& key,
                                                              const domain::AuditContext& audit) {
  RETURN_IF_ERROR(CheckUuid(payment.outcome_id, "outcome_id"));
  payment.outcome_id = domain::AsciiLowercase(payment.outcome_id);
  return database_.pool().InTransaction<PaymentRecord>(
      [&](pqxx::work& txn) -> Result<PaymentRecord> {
        LockRequestId(txn, key.request_id);
        // The request id first: one used with another body is ALREADY_EXISTS, whatever
        // outcome this body names (as documented), and a retry needs nothing else.
        ASSIGN_OR_RETURN(std::vector<LedgerEntry> earlier, EarlierCall(txn, key));
        if (!earlier.empty()) {
          return LoadPayment(txn, LastEntryOf(earlier, domain::EntryKind::kPayment));
        }
        std::optional<OutcomeRecord> outcome =
            LoadOutcome(txn, "id = $1::uuid", payment.outcome_id);
        if (!outcome) return Error::NotFound("outcome " + payment.outcome_id + " does not exist");
        const std::optional<int64_t> version = LockClaim(txn, outcome->claim_id);
        // Reloaded under the claim's lock: the instalments' paid amounts are current.
        outcome = LoadOutcome(txn, "id = $1::uuid", payment.outcome_id);
        PaymentRecord planned = payment;
        planned.claim_id = outcome->claim_id;
        ASSIGN_OR_RETURN(LedgerEntry entry, plan(*outcome, outcome->schedule, &planned));
        planned.entry_id = BookPayment(txn, entry, planned, key, audit, version.value_or(0));
        return planned;
      });
}

Result<PaymentRecord> PgOutcomeRepository::RecordDebtorPayment(PaymentRecord payment,
                                                               const domain::EntriesFirst& first,
                                                               const DebtorPaymentPlanner& plan,
                                                               const domain::RequestKey& key,
                                                               const domain::AuditContext& audit) {
  RETURN_IF_ERROR(CheckUuid(payment.claim_id, "claim_id"));
  payment.claim_id = domain::AsciiLowercase(payment.claim_id);
  return database_.pool().InTransaction<PaymentRecord>(
      [&](pqxx::work& txn) -> Result<PaymentRecord> {
        LockRequestId(txn, key.request_id);
        const std::optional<int64_t> version = LockClaim(txn, payment.claim_id);
        if (!version) {
          // A request id used before with another body says so first, as documented.
          RETURN_IF_ERROR(EarlierCall(txn, key));
          return Error::NotFound("claim " + payment.claim_id + " does not exist");
        }
        BookingSnapshot snapshot =
            ReadSnapshot(txn, payment.claim_id, key.request_id, payment.received_date);
        if (snapshot.booked_before) {
          ASSIGN_OR_RETURN(std::vector<LedgerEntry> earlier, EarlierCall(txn, key));
          const int64_t entry = LastEntryOf(earlier, domain::EntryKind::kPayment);
          if (entry == 0) return UsedByAnotherCall();
          PaymentRecord loaded = LoadPayment(txn, entry);
          loaded.booked_first = BookedBefore(std::move(earlier), entry);
          return loaded;
        }
        ASSIGN_OR_RETURN(const bool booked_first,
                         BookBefore(txn, payment.claim_id, *version, snapshot.own_accrual_terms,
                                    first, key, audit));
        if (booked_first) {
          // The balances as the payment finds them: with what was just booked.
          snapshot = ReadSnapshot(txn, payment.claim_id, key.request_id, payment.received_date);
        }
        const bool back_dated = snapshot.opened_on && !snapshot.balances_current;
        const domain::ClaimBalances now = back_dated ? snapshot.balances : domain::ClaimBalances();
        domain::ClaimBooks books =
            BooksFrom(txn, std::move(snapshot), payment.claim_id, payment.received_date);
        if (back_dated) {
          books.latest_debtor_payment = LatestDebtorPaymentOf(txn, payment.claim_id);
          ASSIGN_OR_RETURN(books.balances,
                           WithDaysBookedLater(txn, payment.claim_id, payment.received_date,
                                               std::move(books.balances)));
          books.balances = domain::WithinNow(std::move(books.balances), now);
        }
        PaymentRecord planned = payment;
        ASSIGN_OR_RETURN(std::vector<LedgerEntry> entries, plan(books, &planned));
        // The opening entry, when planned, comes first; the payment's entry is the last.
        for (size_t i = 0; i + 1 < entries.size(); ++i) {
          InsertEntry(txn, entries[i], key, audit.actor);
        }
        planned.entry_id = BookPayment(txn, entries.back(), planned, key, audit, *version);
        if (booked_first || entries.size() > 1) {
          ASSIGN_OR_RETURN(std::vector<LedgerEntry> booked, EarlierCall(txn, key));
          planned.booked_first = BookedBefore(std::move(booked), planned.entry_id);
        }
        return planned;
      });
}

}  // namespace disposal::store
