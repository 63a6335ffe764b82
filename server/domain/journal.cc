#include "domain/journal.h"

#include <utility>

namespace disposal::domain {
namespace {

std::string PostingField(size_t index, const std::string& member) {
  return "postings[" + std::to_string(index) + "]." + member;
}

Status CheckEffectiveDate(const Date& date) {
  const Result<Date> real = MakeDate(date.year, date.month, date.day);
  if (real.ok()) return OkStatus();
  return Error::InvalidArgument("effective_date", real.error().reason);
}

Status CheckPosting(const Posting& posting, size_t index) {
  if (posting.account.empty()) {
    return Error::InvalidArgument(PostingField(index, "account"), "must not be empty");
  }
  if (posting.side != Side::kDebit && posting.side != Side::kCredit) {
    return Error::InvalidArgument(PostingField(index, "side"), "must be debit or credit");
  }
  if (posting.amount <= Money()) {
    // A negative debit would be a credit in disguise; the side alone carries the direction.
    return Error::InvalidArgument(PostingField(index, "amount"),
                                  "must be positive, got " + posting.amount.ToString());
  }
  return OkStatus();
}

Result<Money> SideTotal(const std::vector<Posting>& postings, Side side) {
  std::vector<Money> amounts;
  for (const Posting& posting : postings) {
    if (posting.side == side) amounts.push_back(posting.amount);
  }
  Result<Money> total = Sum(amounts);
  if (total.ok()) return total;
  return Error::InvalidArgument("postings", std::string(side == Side::kDebit ? "debit" : "credit") +
                                                " total is out of range (overflow)");
}

Status CheckBalanced(const std::vector<Posting>& postings) {
  ASSIGN_OR_RETURN(const Money debits, SideTotal(postings, Side::kDebit));
  ASSIGN_OR_RETURN(const Money credits, SideTotal(postings, Side::kCredit));
  if (debits == credits) return OkStatus();
  return Error::InvalidArgument(
      "postings",
      "debits " + debits.ToGroupedString() + " do not equal credits " + credits.ToGroupedString());
}

Side Opposite(Side side) { return side == Side::kDebit ? Side::kCredit : Side::kDebit; }

// The balance after one posting, debit minus credit.
Result<Money> Posted(const Money& balance, const Posting& posting) {
  return posting.side == Side::kDebit ? balance.Add(posting.amount)
                                      : balance.Subtract(posting.amount);
}

}  // namespace

Status ValidateEntry(const JournalEntry& entry) {
  if (entry.request_id.empty()) {
    return Error::InvalidArgument("request_id", "must not be empty; it makes a retry safe");
  }
  RETURN_IF_ERROR(CheckEffectiveDate(entry.effective_date));
  if (entry.postings.size() < 2) {
    return Error::InvalidArgument(
        "postings", "needs at least two postings, got " + std::to_string(entry.postings.size()));
  }
  for (size_t i = 0; i < entry.postings.size(); ++i) {
    RETURN_IF_ERROR(CheckPosting(entry.postings[i], i));
  }
  return CheckBalanced(entry.postings);
}

JournalEntry Reverse(const JournalEntry& entry, const std::string& new_request_id,
                     const Date& effective_date) {
  JournalEntry reversal;
  reversal.request_id = new_request_id;
  reversal.effective_date = effective_date;
  reversal.memo = "reversal of " + entry.request_id + (entry.memo.empty() ? "" : ": " + entry.memo);
  reversal.postings = entry.postings;
  for (Posting& posting : reversal.postings) posting.side = Opposite(posting.side);
  return reversal;
}

Status TrialBalance::Add(const JournalEntry& entry) {
  // Work on copies of the touched balances so that a failure leaves the books unchanged.
  std::map<std::string, Money> touched;
  Money total = total_;
  for (const Posting& posting : entry.postings) {
    auto [it, inserted] = touched.try_emplace(posting.account);
    if (inserted) it->second = Balance(posting.account);
    ASSIGN_OR_RETURN(it->second, Posted(it->second, posting));
    ASSIGN_OR_RETURN(total, Posted(total, posting));
  }
  for (auto& [account, balance] : touched) balances_[account] = std::move(balance);
  total_ = std::move(total);
  return OkStatus();
}

Money TrialBalance::Balance(const std::string& account) const {
  const auto it = balances_.find(account);
  return it == balances_.end() ? Money() : it->second;
}

std::string ClaimAccount(std::string_view claim_id, AllocationBucket bucket) {
  return "claim/" + std::string(claim_id) + "/" + std::string(BucketName(bucket));
}

std::string ClaimPrincipalAccount(std::string_view claim_id) {
  return ClaimAccount(claim_id, AllocationBucket::kPrincipal);
}

std::string ClaimInterestAccount(std::string_view claim_id) {
  return ClaimAccount(claim_id, AllocationBucket::kInterest);
}

std::string ClaimPenaltyAccount(std::string_view claim_id) {
  return ClaimAccount(claim_id, AllocationBucket::kPenalty);
}

std::string ClaimCostsAccount(std::string_view claim_id) {
  return ClaimAccount(claim_id, AllocationBucket::kCosts);
}

std::string OutcomeReceivableAccount(std::string_view outcome_id) {
  return "outcome/" + std::string(outcome_id) + "/receivable";
}

}  // namespace disposal::domain
