// The ledger rendered for people: the entries an accrual booked, journal entries with their
// postings, a claim's ledger statement, the trial balance, a disposal outcome with the buyer's
// payment schedule, and how a payment was applied.

#ifndef DISPOSAL_CLIENT_LEDGER_VIEW_H_
#define DISPOSAL_CLIENT_LEDGER_VIEW_H_

#include <google/protobuf/repeated_ptr_field.h>

#include <ostream>
#include <string>

#include "disposal/v1/ledger.pb.h"

namespace disposalctl {

// One row per entry booked (id, kind, period, interest 元, penalty 元; the amounts are what
// the entry debits to the claim's interest and penalty accounts, "-" for an entry that is not
// an accrual, such as the opening entry), then a summary line: the number of entries, the
// interest and penalty totals and the date the claim is accrued through. "nothing was due"
// instead of the table when no entry was booked.
void PrintAccrual(const disposal::v1::AccrueInterestResponse& accrual, std::ostream& out);

// One row per entry: id, kind, effective date, period, memo, total debits in 元. With
// `with_postings`, then each entry's postings (account, tranche, debit, credit) under a line
// naming the entry.
void PrintJournalEntries(
    const google::protobuf::RepeatedPtrField<disposal::v1::JournalEntry>& entries,
    bool with_postings, std::ostream& out);

// One entry in full: id, kind, the entry it reverses, dates, claim, memo, actor, request id,
// and its postings.
void PrintJournalEntry(const disposal::v1::JournalEntry& entry, std::ostream& out);

// A claim's ledger statement: a heading naming the claim and the date, then one row per item
// (opening principal and interest, accruals, balances, recovered, the receivable balance the
// buyers still owe, disposal loss, debt relief) with its amount in 元 and 万元, and the date
// the claim is accrued through.
void PrintLedgerStatement(const disposal::v1::ClaimStatement& statement, std::ostream& out);

// A heading with the date, one row per account (debits, credits, balance in 元), a totals
// row, then TrialBalanceVerdict on a line of its own.
void PrintTrialBalance(const disposal::v1::TrialBalance& trial, std::ostream& out);

// Whether the total debits equal the total credits, compared exactly.
bool TrialBalanceIsBalanced(const disposal::v1::TrialBalance& trial);

// "balanced", or "NOT BALANCED: debits 1,000.00, credits 999.99".
std::string TrialBalanceVerdict(const disposal::v1::TrialBalance& trial);

// An award: outcome, disposal, lot, claim and tranche, method, buyer, price and book value
// (元 and 万元), then book value - price labelled "loss on disposal" when positive ("debt
// relief" for a debt reduction) and "gain" (shown positive) when negative; the award date,
// the buyer's eligibility decision and the journal entry. Then the payment schedule, headed
// "lump sum" or with the number of instalments: one row per instalment (number, due date,
// amount, paid, outstanding, in 元) and a totals row.
void PrintOutcome(const disposal::v1::Outcome& outcome, std::ostream& out);

// A payment: its entry, the outcome (a buyer's payment), the claim, the amount in 元 and 万元,
// the received date; then where it went, one row per instalment ("instalment 2") or bucket
// ("interest") with the amount, and a total when there are several; then the entries its
// transaction booked first (an opening entry, the interest accrued to its date), if any.
void PrintPayment(const disposal::v1::Payment& payment, std::ostream& out);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_LEDGER_VIEW_H_
