// Disposal outcomes and payments as the ledger books them: an award derecognises the lot's book
// value against the buyer's receivable (the difference to loss or gain, or to debt relief when
// the debtor itself settles at a reduction), and cash is applied to a buyer's instalments or to
// a debtor's claim (costs -> interest -> principal, 民法典 art. 561). Pure planning: the store
// runs these inside the booking transaction, on balances read under the claim's lock.
#ifndef DISPOSAL_SERVER_DOMAIN_OUTCOME_H_
#define DISPOSAL_SERVER_DOMAIN_OUTCOME_H_

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "domain/allocation.h"
#include "domain/claim.h"
#include "domain/debt_reduction.h"
#include "domain/disposal.h"
#include "domain/disposal_repository.h"
#include "domain/ledger_repository.h"
#include "domain/registry_repository.h"

namespace disposal::domain {

// Balances on one claim's accounts, debit minus credit, by (account, tranche; 0 = none).
using ClaimBalances = std::map<std::pair<std::string, int>, Money>;

// What the booking transaction hands a planner: the claim, whether its accounts are open, and
// its balances as of the entry's effective date.
struct ClaimBooks {
  Claim claim;
  bool opened = false;
  // The day its books open (opened or to be): the opening entry's date. Nothing is booked on
  // the claim with an earlier date: its figures are as of then.
  Date opening_date{};
  // Each tranche's interest cut-off date, by tranche number - 1: a tranche's figures already
  // net what was paid on it up to and including then.
  std::vector<Date> tranche_cutoffs;
  ClaimBalances balances;
  // The latest effective date of any posting on each account (and tranche), whatever the
  // entry's date: what an award must not be dated before.
  std::map<std::pair<std::string, int>, Date> latest_posting;
  // The lot is the last of the claim's tranches the AMC still holds: the balances kept at claim
  // level (tranche 0, e.g. the court's doubled-part interest) leave the books with it.
  bool last_tranche_held = false;
  // The latest award date of the claim's other standing outcomes, if any: the last tranche held
  // takes the claim-level balances, so its award must not be dated before theirs.
  std::optional<Date> latest_other_award;
  // Its principal changes (LedgerRepository's): an award waits for the accrual that corrects
  // for a late one on its lot.
  std::vector<PrincipalChange> principal_changes;
  // Its changes of interest other than accruals, and the accrual periods that compounded
  // (LedgerRepository's): an award waits for the compounding accrual that corrects those
  // periods for a late change of its lot's interest.
  std::vector<PrincipalChange> interest_changes;
  std::vector<AccrualPeriod> compounded_periods;
  // What the debtor's payments took off the judgment debt (LedgerRepository's): a lot that
  // takes the claim-level balances waits for the accrual that corrects the court's interest
  // for a late one.
  std::vector<PrincipalChange> judgment_debt_changes;
  // Tranches an earlier award of which was rescinded, with accruals booked while it stood that
  // no accrual has caught the tranche up on yet: an award of one waits for that accrual.
  std::set<int> awaiting_catch_up;
  // The tranches that accrue (a contract or penalty rate). Only on those is there interest to
  // correct or catch up before a sale: a tranche without a rate never waits for an accrual
  // (which, with every rated tranche sold, could never come).
  std::set<int> accruing_tranches;
  // The received date of the claim's latest debtor's payment still standing (not reversed).
  // Read for a back-dated payment only: a payment dated after the latest posting has none
  // later than itself.
  std::optional<Date> latest_debtor_payment;
};

// A back-dated booking is planned on the balances of its date, but none may exceed what the
// account holds now (`now`): what was booked later is already off the books (e.g. a tranche
// sold since, its balances gone with the award; interest an accrual reversed since waived),
// and must not be paid. (A debtor's payment received after it and still standing refuses it:
// PlanDebtorPayment.) Nor may a balance
// below zero on the date (the debtor's credit) be more below zero than the account is now:
// what was booked later took it up (interest paid ahead of its month's accrual, which then
// booked it; a tranche sold since), and it must not be carried a second time.
ClaimBalances WithinNow(ClaimBalances on_date, const ClaimBalances& now);

// `balances` with what `accrued` (an accrual entry, e.g. AccrualOfDaysBookedLater's, not
// booked) debits to each claim account and tranche, net of what it credits.
Result<ClaimBalances> WithAccrued(ClaimBalances balances, const LedgerEntry& accrued);

struct OutcomeRecord {
  std::string id;  // assigned by the store before planning
  std::string disposal_id;
  std::string lot_id;
  std::string claim_id;
  std::optional<int> tranche_number;  // the lot offers one tranche
  DisposalMethod method = DisposalMethod::kAuction;
  Party buyer;
  Money price;
  Money book_value;  // set by planning
  Date award_date{};
  std::string eligibility_decision_id;
  std::vector<Instalment> schedule;  // a lump sum is one instalment
  int64_t entry_id = 0;
  // The lot's awards are numbered from 1; a lot is awarded again after a rescission.
  int award_number = 1;
  // The reversal of `entry_id` that rescinded the award; 0 while the award stands.
  int64_t rescission_entry_id = 0;
  // The buyer's deposit kept at the rescission, and its entry; 0 when none stands.
  Money forfeited_deposit;
  int64_t forfeiture_entry_id = 0;
  // The deposit the buyer paid, as the award stated it for the eligibility check; none when it
  // did not (proof of funds instead, or an award booked before it was kept).
  std::optional<Money> deposit_paid;
  // The deposit the disposal asked of each bidder (fixed at publication). Read with the
  // outcome; not part of what an award writes.
  Money disposal_deposit;
  // A debt reduction's: the order its agreed amount settles the lot's parts in (the
  // contract's; art. 561's when none), and, set by planning, what it settled and forgave of
  // each part. Empty for every other method.
  std::optional<AllocationOrder> reduction_order;
  std::vector<ReductionPart> reduction;
};

struct PaymentRecord {
  int64_t entry_id = 0;
  std::string outcome_id;  // a buyer's payment; empty for a debtor's
  std::string claim_id;
  Money amount;
  Date received_date{};
  std::vector<InstalmentPayment> instalments;  // how a buyer's payment was applied
  // How a debtor's payment was applied, net per bucket: below zero on a bucket whose credit
  // (paid before, taken back since) the payment carried to the buckets owed.
  std::vector<AllocationLine> allocation;
  // A debtor's: what its transaction booked before it (the claim's opening entry, its interest
  // accrued through the received date); empty when nothing was.
  std::vector<LedgerEntry> booked_first;
};

// An award's own terms, checked before anything is looked up for it: the price more than
// zero, the schedule (one instalment of the whole price due on the award date when none is
// given) adding up to it, in order, and not due before the award date (INVALID_ARGUMENT
// naming the field). Fills in the default schedule.
Status CheckAwardTerms(OutcomeRecord& outcome);

// What the notice offered a lot on: its reserve price (the lot's own, or the disposal's when
// the disposal is that one lot; none when neither is set) and whether it may be paid in
// instalments.
struct OfferedTerms {
  std::optional<Money> reserve_price;
  bool instalments_allowed = false;
};
OfferedTerms OfferedTermsOf(const DisposalContent& content, const Lot& lot);

// An award on terms the notice did not offer is refused (FAILED_PRECONDITION naming the field):
// a price below the reserve, or a schedule of more than one instalment when the notice offered
// a lump sum only. (One payment, whenever due, is a lump sum, which every notice accepts.)
Status CheckOfferedTerms(const OfferedTerms& offered, const OutcomeRecord& outcome);

// The entries that book an award: the opening entry when the claim's accounts are not open
// yet, then one outcome entry: debit the buyer's receivable with the price, credit every
// balance of the lot (its tranche, with the claim-level ones when it is the last tranche held,
// or the whole claim) to zero, and the difference to
// amc/disposal_gain_loss (debit: a loss) or, for a debt reduction, to amc/debt_relief. Sets
// `outcome->book_value`, and for a debt reduction `outcome->reduction`: the agreed amount
// settles the lot's parts in `outcome->reduction_order`, the rest of each is forgiven.
// FAILED_PRECONDITION when the lot has no book value left, or when its accounts carry postings
// effective after the award date (a back-dated award would leave them on the books: accruals after
// the sale, or a payment counted twice).
Result<std::vector<LedgerEntry>> PlanOutcome(const ClaimBooks& books, const std::string& request_id,
                                             OutcomeRecord* outcome);

// A buyer's payment against its outcome's schedule (earliest instalment first): debit cash,
// credit the receivable. `schedule` carries what each instalment has been paid so far. An
// overpayment is FAILED_PRECONDITION naming the amount due, and so is any payment against a
// rescinded award.
Result<LedgerEntry> PlanBuyerPayment(const OutcomeRecord& outcome,
                                     const std::vector<Instalment>& schedule,
                                     const std::string& request_id, PaymentRecord* payment);

// The entry that keeps a defaulting buyer's deposit as its award is rescinded: debit cash,
// credit amc/forfeited_deposits, effective `on` (the rescission's day; the award date when
// that is later), on the outcome's claim. INVALID_ARGUMENT naming forfeited_deposit unless
// 0 < amount <= the price and the deposit held: the one the buyer paid, or, when the award did
// not state it, the one the disposal asked for. FAILED_PRECONDITION when the award was
// rescinded already, or when no deposit is held at all.
Result<LedgerEntry> PlanForfeiture(const OutcomeRecord& outcome, const Money& amount,
                                   const Date& on, const std::string& request_id);

// A debtor's payment against the claim: allocated over the claim's balances (all tranches
// together) in `order`; debit cash, credit each claim account. A bucket below zero (paid, then
// taken back by a reversed or corrected accrual) is the debtor's credit: the payment carries it
// to the buckets owed in the same order (debit the bucket, credit those), and the amount due is
// net of it. The opening entry comes first when the accounts are not open. An overpayment is
// FAILED_PRECONDITION naming the amount due.
Result<std::vector<LedgerEntry>> PlanDebtorPayment(const ClaimBooks& books,
                                                   const AllocationOrder& order,
                                                   const std::string& request_id,
                                                   PaymentRecord* payment);

// What an award must still meet inside its booking transaction, read there under locks that
// the competing writers also take: what was decided before the transaction (the gate, the
// buyer's eligibility) cannot have changed unseen by the time the award is booked.
struct AwardConditions {
  // The disposal's award gate, run on the disposal as the transaction reads it (its state,
  // submissions and the lots' sales, after its row is held FOR SHARE, which filing a
  // submission conflicts with): an objection filed since the gate was first asked refuses
  // the award. FAILED_PRECONDITION with the gate's reasons.
  std::function<Status(DisposalRecord)> gate;
  // The revision of the working-day calendar the gate runs on (a published notice's validity
  // end depends on it): an import committed since makes the booking ABORTED.
  int64_t calendar_revision = 0;
  // The claims the decision read the disposal's parties from, at the versions it read: a claim
  // changed since then makes the booking ABORTED too.
  ClaimVersions claim_versions;
  // The identifiers of each claim's debtor, guarantors and pledgors as the decision read them
  // (at `claim_versions`), by claim id: a debt reduction is agreed with one of its lot's.
  std::map<std::string, std::vector<std::string>> obligors;
  // The buyer's decision receipt, appended to the audit log by the same transaction: an
  // outcome never names a decision the log does not hold. A registry change committed since
  // its registry_version makes the booking ABORTED, to be decided again.
  DecisionRecord receipt;
};

// What outcomes and payments need from storage. Each call is one transaction that locks the
// claim, reads its books (balances as of the entry's date), runs the planner, and books what it
// planned with the outcome or payment rows, the request key and an audit event. A call whose
// request key already booked returns the first result; the same key with another body is
// ALREADY_EXISTS.
// Entries a debtor's payment or an award books before itself, in its own transaction (the
// claim's interest accrued through its date, so that it finds that on the books), and the
// ledger state they were planned from: the booking refuses them (ABORTED) when the claim's
// ledger moved since, even when they are none. Nothing is booked first when `basis` is null.
struct EntriesFirst {
  std::vector<LedgerEntry> entries;
  const ClaimLedgerState* basis = nullptr;
  // When the claim turns out, under its lock, to have accrual terms of its own: plans the
  // accrual through the booking's date on them instead of `entries`, from the claim's ledger
  // state read in the booking's transaction (so it needs no check against `basis`).
  std::function<Result<std::vector<LedgerEntry>>(const ClaimLedgerState&)> on_claim_terms;
};

// Whose outcomes a listing shows: a disposal's (the awards of its lots) or a claim's.
struct OutcomeParent {
  bool is_claim = false;  // else a disposal
  std::string id;
};

class OutcomeRepository {
 public:
  using OutcomePlanner =
      std::function<Result<std::vector<LedgerEntry>>(const ClaimBooks&, OutcomeRecord*)>;
  using BuyerPaymentPlanner = std::function<Result<LedgerEntry>(
      const OutcomeRecord&, const std::vector<Instalment>&, PaymentRecord*)>;
  using DebtorPaymentPlanner =
      std::function<Result<std::vector<LedgerEntry>>(const ClaimBooks&, PaymentRecord*)>;

  virtual ~OutcomeRepository() = default;
  // FAILED_PRECONDITION when the lot already has a standing outcome (the first of two racing
  // calls wins; a rescinded one does not count) or `conditions` no longer hold (ABORTED for a
  // registry changed since the buyer's check); NOT_FOUND for an unknown claim. Assigns the
  // outcome's id and the lot's next award number.
  // `first` is booked before the award is planned (see EntriesFirst).
  virtual Result<OutcomeRecord> RecordOutcome(OutcomeRecord outcome, const EntriesFirst& first,
                                              const OutcomePlanner& plan,
                                              const AwardConditions& conditions,
                                              const RequestKey& key, const AuditContext& audit) = 0;
  virtual Result<OutcomeRecord> GetOutcome(const std::string& id) = 0;
  // `parent`'s outcomes whose award entry comes after `after_entry_id`, by entry id, at most
  // `limit`, rescinded ones included. NOT_FOUND for an unknown disposal or claim.
  virtual Result<std::vector<OutcomeRecord>> ListOutcomes(const OutcomeParent& parent,
                                                          int64_t after_entry_id, int limit) = 0;
  // The outcome a call with this request key already booked, nullopt when none; ALREADY_EXISTS
  // when the key was used with another body.
  virtual Result<std::optional<OutcomeRecord>> EarlierOutcome(const RequestKey& key) = 0;
  // NOT_FOUND for an unknown outcome.
  virtual Result<PaymentRecord> RecordBuyerPayment(PaymentRecord payment,
                                                   const BuyerPaymentPlanner& plan,
                                                   const RequestKey& key,
                                                   const AuditContext& audit) = 0;
  // Books `first` (see EntriesFirst), then plans the payment on the balances that leaves.
  virtual Result<PaymentRecord> RecordDebtorPayment(PaymentRecord payment,
                                                    const EntriesFirst& first,
                                                    const DebtorPaymentPlanner& plan,
                                                    const RequestKey& key,
                                                    const AuditContext& audit) = 0;
};

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_OUTCOME_H_
