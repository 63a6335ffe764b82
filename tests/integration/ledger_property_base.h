// The state and the checks of the ledger's property test (ledger_property_test.cc): the seed
// claim and disposal, the test's exact model of them, the calls made so far, randomness that
// replays alike with every standard library, the expected shapes of entries, and the checks of
// the books after every operation (the trial balance, each entry, each account recomputed
// from the journal, the claim statement and the outcomes, all to the fen).
#ifndef DISPOSAL_TESTS_INTEGRATION_LEDGER_PROPERTY_BASE_H_
#define DISPOSAL_TESTS_INTEGRATION_LEDGER_PROPERTY_BASE_H_

#include <google/protobuf/util/message_differencer.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "integration/ledger_model.h"
#include "support/ledger_fixture.h"

// Inside the model's namespace, so that its Day (not the fixture's Day()) is the one meant.
namespace disposal::testing::ledger_model {

// A successful call, kept to be retried with the same request id.
struct Call {
  enum Kind { kAccrue, kReverse, kAward, kPayment, kCost } kind = kAccrue;
  v1::AccrueInterestRequest accrue;
  v1::AccrueInterestResponse accrued;
  v1::ReverseEntryRequest reverse;
  v1::JournalEntry reversal;
  v1::RecordOutcomeRequest award;
  v1::Outcome outcome;
  v1::RecordPaymentRequest pay;
  v1::Payment payment;
  v1::RecordCostRequest cost;
  v1::JournalEntry cost_entry;
};

struct Totals {
  Fen debits = 0;
  Fen credits = 0;
};

inline bool Equal(const google::protobuf::Message& a, const google::protobuf::Message& b) {
  return google::protobuf::util::MessageDifferencer::Equals(a, b);
}

class LedgerPropertyBase : public LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    if (HasFatalFailure()) return;
    disposal_ = PublishedSeed();  // published 2021-07-28: lot 0 = tranche 1, lot 1 = tranche 2
    claim_id_ = disposal_.lots(0).claim_id();
  }

  // ---------------------------------------------------------------------------- randomness

  // lo..hi inclusive; the modulo's bias is far below anything the properties care about, and
  // unlike the standard distributions it replays alike with every standard library.
  int64_t Uniform(int64_t lo, int64_t hi) {
    const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
    return lo + static_cast<int64_t>(rng_() % span);
  }
  bool OneIn(int n) { return Uniform(1, n) == 1; }
  // One of `items` (not empty) at random.
  template <typename T>
  T& Pick(std::vector<T>& items) {
    return items[static_cast<size_t>(Uniform(0, static_cast<int64_t>(items.size()) - 1))];
  }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[static_cast<size_t>(Uniform(0, static_cast<int64_t>(items.size()) - 1))];
  }

  // A random amount in 1..limit: now and then all of it or a few fen, mostly anything between.
  Fen SomeOf(Fen limit) {
    switch (Uniform(0, 7)) {
      case 0:
        return limit;
      case 1:
        return std::min<Fen>(limit, Uniform(1, 500));
      case 2:
        return Uniform(1, std::max<Fen>(1, limit / 100));
      default:
        return Uniform(1, limit);
    }
  }

  // The business date of a payment or award: `today`, or a few days after it.
  Day NextBusinessDay(Day from, int max_days) {
    return Earliest(AddDays(from, Uniform(0, max_days)), Latest(from, kLastDay));
  }

  std::string NextRequestId(const std::string& what) {
    return "prop-" + what + "-" + std::to_string(++requests_);
  }
  // ------------------------------------------------------------------------ entry shapes

  std::string ClaimAccount(const std::string& kind) const {
    return "claim/" + claim_id_ + "/" + kind;
  }

  // The opening entry: each tranche's principal and interest at cut-off against acquisitions.
  void ExpectOpeningEntry(const v1::JournalEntry& entry) {
    SCOPED_TRACE("opening entry " + std::to_string(entry.entry_id()));
    EXPECT_EQ(entry.kind(), v1::ENTRY_KIND_OPENING);
    EXPECT_EQ(entry.claim_id(), claim_id_);
    EXPECT_EQ(Iso(DayOf(entry.effective_date())), Iso(kCutoff));
    std::map<std::pair<std::string, int>, Fen> net;
    for (const v1::Posting& posting : entry.postings()) {
      net[{posting.account(), posting.tranche_number()}] +=
          FenOf(posting.debit()) - FenOf(posting.credit());
    }
    const std::map<std::pair<std::string, int>, Fen> expected = {
        {{ClaimAccount("principal"), 1}, kPrincipal[1]},
        {{ClaimAccount("principal"), 2}, kPrincipal[2]},
        {{ClaimAccount("interest"), 1}, kInterest[1]},
        {{ClaimAccount("interest"), 2}, kInterest[2]},
        {{"amc/acquisitions", 0}, -(kOpeningPrincipal + kOpeningInterest)},
    };
    EXPECT_EQ(net, expected) << entry.ShortDebugString();
  }

  // Debits minus credits of an entry's postings, by account.
  static std::map<std::string, Fen> NetByAccount(const v1::JournalEntry& entry) {
    std::map<std::string, Fen> net;
    for (const v1::Posting& posting : entry.postings()) {
      net[posting.account()] += FenOf(posting.debit()) - FenOf(posting.credit());
    }
    return net;
  }

  // An accrual (or its reversal): tranche 1's interest account against interest income.
  void ExpectAccrualPostings(const v1::JournalEntry& entry, Fen interest, bool reversal) {
    const Fen sign = reversal ? -1 : 1;
    ASSERT_EQ(entry.postings_size(), 2) << entry.ShortDebugString();
    std::map<std::string, Fen> net;
    for (const v1::Posting& posting : entry.postings()) {
      net[posting.account()] += FenOf(posting.debit()) - FenOf(posting.credit());
      if (posting.account() == ClaimAccount("interest")) {
        EXPECT_EQ(posting.tranche_number(), 1) << entry.ShortDebugString();
      }
    }
    const std::map<std::string, Fen> expected = {{ClaimAccount("interest"), sign * interest},
                                                 {"amc/interest_income", -sign * interest}};
    EXPECT_EQ(net, expected) << entry.ShortDebugString();
  }

  // -------------------------------------------------------------------------- the checks

  // Every entry on the claim, page by page.
  std::vector<v1::JournalEntry> Journal(int page_size) {
    std::vector<v1::JournalEntry> entries;
    std::string token;
    for (int page = 0; page < 1000; ++page) {
      grpc::ClientContext context;
      v1::ListJournalEntriesRequest request;
      request.set_claim_id(claim_id_);
      request.set_page_size(page_size);
      request.set_page_token(token);
      v1::ListJournalEntriesResponse response;
      const grpc::Status status = ledger_stub_->ListJournalEntries(&context, request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      EXPECT_LE(response.entries_size(), page_size);
      for (const v1::JournalEntry& entry : response.entries()) entries.push_back(entry);
      token = response.next_page_token();
      if (token.empty()) break;
    }
    return entries;
  }

  void CheckBooks(int operation) {
    SCOPED_TRACE("checking the books");
    const Model& m = model_;
    // The journal: complete, oldest first, every entry balanced.
    const int page_size = std::array<int, 4>{1, 3, 7, 50}[static_cast<size_t>(operation % 4)];
    const std::vector<v1::JournalEntry> journal = Journal(page_size);
    std::map<std::string, Totals> recomputed;
    int openings = 0;
    int64_t previous = 0;
    std::map<int64_t, v1::EntryKind> listed;
    for (const v1::JournalEntry& entry : journal) {
      SCOPED_TRACE("entry " + std::to_string(entry.entry_id()));
      EXPECT_GT(entry.entry_id(), previous) << "not oldest first, or listed twice";
      previous = entry.entry_id();
      listed[entry.entry_id()] = entry.kind();
      EXPECT_EQ(entry.claim_id(), claim_id_);
      EXPECT_GE(entry.postings_size(), 2);
      if (entry.kind() == v1::ENTRY_KIND_OPENING) {
        ++openings;
        ExpectOpeningEntry(entry);
      }
      Fen debits = 0, credits = 0;
      for (const v1::Posting& posting : entry.postings()) {
        const Fen debit = FenOf(posting.debit());
        const Fen credit = FenOf(posting.credit());
        EXPECT_TRUE((debit > 0 && credit == 0) || (debit == 0 && credit > 0))
            << posting.ShortDebugString();
        debits += debit;
        credits += credit;
        recomputed[posting.account()].debits += debit;
        recomputed[posting.account()].credits += credit;
      }
      EXPECT_EQ(debits, credits) << "unbalanced: " << entry.ShortDebugString();
    }
    EXPECT_EQ(openings, m.opened ? 1 : 0);
    for (const auto& [id, kind] : m.entries) {
      auto found = listed.find(id);
      if (found == listed.end()) {
        ADD_FAILURE() << "entry " << id << " is not in the journal";
      } else {
        EXPECT_EQ(found->second, kind) << "entry " << id;
      }
    }
    // What the calls reported, plus an opening entry nobody reported when one was booked.
    size_t reported_openings = 0;
    for (const auto& [id, kind] : m.entries) reported_openings += kind == v1::ENTRY_KIND_OPENING;
    EXPECT_EQ(journal.size(), m.entries.size() + (m.opened && reported_openings == 0 ? 1 : 0))
        << "the journal holds entries no call reported, or lost some";

    // The trial balance: balanced, and each account as recomputed from the journal (the test
    // database holds this claim only, so every account is one of its entries').
    const v1::TrialBalance trial = Trial(ProtoDay(kTrialAsOf));
    EXPECT_EQ(FenOf(trial.total_debits()), FenOf(trial.total_credits()));
    std::map<std::string, Totals> reported;
    Fen total_debits = 0, total_credits = 0;
    for (const v1::AccountBalance& account : trial.accounts()) {
      const Fen debits = FenOf(account.debits()), credits = FenOf(account.credits());
      EXPECT_EQ(FenOf(account.balance()), debits - credits) << account.ShortDebugString();
      EXPECT_EQ(reported.count(account.account()), 0u) << "listed twice: " << account.account();
      reported[account.account()] = {debits, credits};
      total_debits += debits;
      total_credits += credits;
    }
    EXPECT_EQ(FenOf(trial.total_debits()), total_debits);
    EXPECT_EQ(FenOf(trial.total_credits()), total_credits);
    for (const auto& [account, totals] : recomputed) {
      auto found = reported.find(account);
      if (found == reported.end()) {
        ADD_FAILURE() << account << " has postings but is not in the trial balance";
        continue;
      }
      EXPECT_EQ(found->second.debits, totals.debits) << account;
      EXPECT_EQ(found->second.credits, totals.credits) << account;
    }
    for (const auto& [account, totals] : reported) {
      EXPECT_EQ(recomputed.count(account), 1u)
          << account << " is in the trial balance without postings in the journal";
    }

    // Each account's balance as the model has it: no money appeared or disappeared.
    std::map<std::string, Fen> expected;
    if (m.opened) {
      expected[ClaimAccount("principal")] = m.PrincipalNet();
      expected[ClaimAccount("interest")] = m.InterestNet();
      expected[ClaimAccount("costs")] = m.costs;
      expected[ClaimAccount("penalty")] = m.penalty;
      expected["amc/acquisitions"] = -(kOpeningPrincipal + kOpeningInterest);
      expected["amc/interest_income"] = -(m.accrued - m.reversed + m.penalty_judged);
      expected["amc/cash"] = m.debtor_paid + m.buyer_paid - m.costs_advanced;
      expected["amc/disposal_gain_loss"] = m.Loss();
      for (const Sale& sale : m.sales) {
        expected["outcome/" + sale.outcome_id + "/receivable"] = sale.Due();
      }
    }
    std::map<std::string, Fen> balances;
    for (const auto& [account, totals] : reported)
      balances[account] = totals.debits - totals.credits;
    for (const auto& [account, balance] : expected) {
      const Fen actual = balances.count(account) != 0 ? balances[account] : 0;
      EXPECT_EQ(actual, balance) << account << ": " << Plain(actual) << ", model "
                                 << Plain(balance);
    }
    for (const auto& [account, balance] : balances) {
      if (expected.count(account) == 0) {
        EXPECT_EQ(balance, 0) << account << " is not an account the model expects";
      }
    }

    // The claim statement, figure by figure.
    const v1::ClaimStatement statement = Statement(claim_id_);
    EXPECT_EQ(statement.claim_id(), claim_id_);
    // Before its first booking the claim shows the book value it will enter the ledger with.
    const Fen opening_principal = kOpeningPrincipal;
    const Fen opening_interest = kOpeningInterest;
    EXPECT_EQ(FenOf(statement.opening_principal()), opening_principal);
    EXPECT_EQ(FenOf(statement.opening_interest()), opening_interest);
    EXPECT_EQ(FenOf(statement.accrued_interest()), m.accrued - m.reversed);
    EXPECT_EQ(FenOf(statement.accrued_penalty()), 0);
    const Fen principal = FenOf(statement.principal_balance());
    const Fen interest = FenOf(statement.interest_balance());
    const Fen penalty = FenOf(statement.penalty_balance());
    const Fen costs = FenOf(statement.costs_balance());
    EXPECT_EQ(principal, m.PrincipalNet());
    EXPECT_EQ(interest, m.InterestNet());
    EXPECT_EQ(penalty, m.penalty);
    EXPECT_EQ(FenOf(statement.penalty_judged()), m.penalty_judged);
    EXPECT_EQ(costs, m.costs);
    EXPECT_EQ(FenOf(statement.costs_advanced()), m.costs_advanced);
    EXPECT_EQ(FenOf(statement.recovered()), m.debtor_paid + m.buyer_paid);
    EXPECT_EQ(FenOf(statement.receivable_balance()), m.Receivable());
    EXPECT_EQ(FenOf(statement.disposal_loss()), m.Loss());
    EXPECT_EQ(FenOf(statement.debt_relief()), 0);
    if (m.accrued_through) {
      EXPECT_EQ(Iso(DayOf(statement.accrued_through())), Iso(*m.accrued_through));
    } else {
      EXPECT_FALSE(statement.has_accrued_through());
    }
    // What is left on the claim, what was sold and what the debtor paid add up to what the
    // claim was booked at plus what it accrued and what the AMC paid for it.
    EXPECT_EQ(principal + interest + penalty + costs + m.BookValueSold() + m.debtor_paid,
              opening_principal + opening_interest + FenOf(statement.accrued_interest()) +
                  FenOf(statement.costs_advanced()) + FenOf(statement.penalty_judged()))
        << "principal " << Plain(principal) << ", interest " << Plain(interest)
        << ", book value sold " << Plain(m.BookValueSold()) << ", paid by the debtor "
        << Plain(m.debtor_paid);
    // Principal is only repaid or sold, never more than there was.
    EXPECT_GE(principal, 0) << "the claim's principal balance is negative";

    // Each outcome's instalments as paid.
    for (const Sale& sale : m.sales) {
      grpc::ClientContext context;
      v1::GetOutcomeRequest request;
      request.set_id(sale.outcome_id);
      v1::Outcome outcome;
      const grpc::Status status = ledger_stub_->GetOutcome(&context, request, &outcome);
      EXPECT_TRUE(status.ok()) << status.error_message();
      EXPECT_EQ(FenOf(outcome.book_value()), sale.book_value);
      EXPECT_EQ(outcome.entry_id(), sale.entry_id);
      EXPECT_EQ(outcome.rescission_entry_id(), sale.rescission_id);
      if (outcome.instalments_size() != static_cast<int>(sale.paid.size())) {
        ADD_FAILURE() << "outcome " << sale.outcome_id << " lists " << outcome.instalments_size()
                      << " instalments";
        continue;
      }
      for (size_t i = 0; i < sale.paid.size(); ++i) {
        EXPECT_EQ(FenOf(outcome.instalments(static_cast<int>(i)).paid()), sale.paid[i])
            << "outcome " << sale.outcome_id << " instalment " << i + 1;
      }
    }
  }
  v1::Disposal disposal_;
  std::string claim_id_;
  // The claim has accrual terms of its own: debtor payments and awards always accrue first.
  bool own_terms_ = false;
  // The claim's penalty is set (and set again) by UpdateClaim once its ledger is open.
  bool penalty_ops_ = false;
  std::mt19937_64 rng_;
  Model model_;
  std::vector<Call> calls_;
  std::vector<std::string> history_;
  int requests_ = 0;
};

}  // namespace disposal::testing::ledger_model

#endif  // DISPOSAL_TESTS_INTEGRATION_LEDGER_PROPERTY_BASE_H_
