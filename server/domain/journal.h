// Journal entries (every debit matched by credits), their validation and reversal, a trial balance,
// and the names of the product's chart of accounts. Pure: storing entries is the store layer's job.
#ifndef DISPOSAL_SERVER_DOMAIN_JOURNAL_H_
#define DISPOSAL_SERVER_DOMAIN_JOURNAL_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/allocation.h"
#include "domain/date.h"
#include "domain/money.h"
#include "domain/result.h"

namespace disposal::domain {

enum class Side { kDebit, kCredit };

struct Posting {
  std::string account;
  Side side = Side::kDebit;
  Money amount;  // > 0; the side carries the direction
};

// Entries are never updated or deleted; a mistake is corrected by a reversing entry.
struct JournalEntry {
  std::string request_id;  // the client's retry key: a retry returns the first result
  Date effective_date{};
  std::string memo;
  std::vector<Posting> postings;
};

// Checks an entry before it is booked: a request id, a real effective date in the business
// range, at least two postings, every account named, every side known, every amount > 0, and
// debits equal to credits exactly. InvalidArgument names the field ("request_id",
// "effective_date", "postings", "postings[1].amount", "postings[0].account"); an unbalanced
// entry names "postings" and states both totals.
Status ValidateEntry(const JournalEntry& entry);

// The correcting entry: the same accounts and amounts with every side swapped, so booking both
// leaves every balance as it was. The memo says which request it reverses.
JournalEntry Reverse(const JournalEntry& entry, const std::string& new_request_id,
                     const Date& effective_date);

// Accumulates entries into per-account balances. It does not validate entries (ValidateEntry
// does, before booking), so that Total() can reveal an unbalanced set of books.
class TrialBalance {
 public:
  // Adds every posting, or none: fails (InvalidArgument, field "amount") only when a balance
  // or the total would leave Money's range.
  Status Add(const JournalEntry& entry);

  // Debits minus credits; zero for an account never posted to.
  Money Balance(const std::string& account) const;

  // Debits minus credits over every account: zero whenever only balanced entries were added.
  const Money& Total() const { return total_; }

  // Every account posted to (even if now back at zero), in name order.
  const std::map<std::string, Money>& balances() const { return balances_; }

 private:
  std::map<std::string, Money> balances_;
  Money total_;
};

// ------------------------------------------------------------------------- chart of accounts
//
// Names are "<scope>/<id>/<account>" or "amc/<account>". Balances are debit minus credit, so an
// account that normally sits on the debit side has a positive balance.
//
// Per claim, all normally DEBIT: each is an asset of the AMC, an amount the debtor owes.
//   claim/<claim_id>/principal  debited when the claim is acquired; credited by repayments,
//                               reductions and disposal.
//   claim/<claim_id>/interest   debited by each accrual (credit amc/interest_income).
//   claim/<claim_id>/penalty    debited when a penalty is liquidated or the court's
//                               extra interest (加倍部分债务利息) accrues; an unliquidated penalty
//                               is never booked.
//   claim/<claim_id>/costs      debited when the AMC advances enforcement costs for the debtor.
// Per outcome:
//   outcome/<outcome_id>/receivable  normally DEBIT: the price the buyer owes; credited as the
//                                    buyer pays each instalment.
// AMC-wide:
//   amc/cash                 normally DEBIT (an asset): debited by every receipt, credited
//                            by the costs the AMC pays for a claim.
//   amc/disposal_gain_loss   either side: credited with a gain, debited with a loss, when an
//                            award books the receivable against the claim's book value.
//   amc/debt_relief          normally DEBIT (an expense): a concession granted to a debtor,
//                            against credits to the claim accounts it reduces.
//   amc/interest_income      normally CREDIT (income): the credit side of an interest accrual.
//   amc/forfeited_deposits   normally CREDIT (income): deposits (保证金) kept from buyers who
//                            defaulted, booked with the rescission of their award.

std::string ClaimPrincipalAccount(std::string_view claim_id);
std::string ClaimInterestAccount(std::string_view claim_id);
std::string ClaimPenaltyAccount(std::string_view claim_id);
std::string ClaimCostsAccount(std::string_view claim_id);
// The claim account an allocation bucket is paid into, e.g. kCosts -> "claim/<id>/costs".
std::string ClaimAccount(std::string_view claim_id, AllocationBucket bucket);
std::string OutcomeReceivableAccount(std::string_view outcome_id);

inline constexpr std::string_view kAmcCashAccount = "amc/cash";
inline constexpr std::string_view kAmcDisposalGainLossAccount = "amc/disposal_gain_loss";
inline constexpr std::string_view kAmcDebtReliefAccount = "amc/debt_relief";
inline constexpr std::string_view kAmcInterestIncomeAccount = "amc/interest_income";
inline constexpr std::string_view kAmcForfeitedDepositsAccount = "amc/forfeited_deposits";

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_JOURNAL_H_
