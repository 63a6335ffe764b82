// LedgerService against a real PostgreSQL: opening a claim's accounts, monthly accruals that
// add up to the one-shot figure, idempotent retries, reversals, trial balance and statement as
// of a date, and concurrent accruals booking each period once.
#include <atomic>
#include <cctype>
#include <chrono>
#include <pqxx/pqxx>
#include <thread>

#include "support/ledger_fixture.h"
#include "support/lock_waiters.h"

namespace disposal::testing {
namespace {

std::string AsciiUpper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// The seed claim's first tranche: 388,658,900.00 at 4.35% a year (ACT/360) from 2021-06-30;
// its second tranche has no rate. Cumulative interest from 2021-06-30, rounded half-up:
//   through 07-31 (31 days): 388658900 x 0.0435 x 31 / 360 = 1,455,851.4629 -> 1,455,851.46
//   through 08-31 (62 days): ... x 62 / 360 = 2,911,702.9258 -> 2,911,702.93
//   through 09-30 (92 days): ... x 92 / 360 = 4,320,591.4383 -> 4,320,591.44
constexpr char kJuly[] = "1455851.46";
constexpr char kAugust[] = "1455851.47";     // 2,911,702.93 - 1,455,851.46
constexpr char kSeptember[] = "1408888.51";  // 4,320,591.44 - 2,911,702.93
constexpr char kThroughSeptember[] = "4320591.44";
constexpr char kThroughAugust[] = "2911702.93";

class LedgerServiceTest : public LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    claim_id_ = CreateSeedClaim();
  }

  grpc::Status Accrue(const v1::Date& through, const std::string& request_id,
                      v1::AccrueInterestResponse* out) {
    return LedgerFixture::Accrue(claim_id_, through, request_id, out);
  }

  v1::ClaimStatement Statement(const v1::Date* as_of = nullptr) {
    return LedgerFixture::Statement(claim_id_, as_of);
  }

  // The amount an accrual entry debits to the claim's interest account.
  std::string InterestOf(const v1::JournalEntry& entry) {
    for (const v1::Posting& posting : entry.postings()) {
      if (posting.account() == "claim/" + claim_id_ + "/interest") return Text(posting.debit());
    }
    return "none";
  }

  grpc::Status ListEntries(const std::string& claim_id, int page_size,
                           const std::string& page_token, v1::ListJournalEntriesResponse* out) {
    grpc::ClientContext context;
    v1::ListJournalEntriesRequest request;
    request.set_claim_id(claim_id);
    request.set_page_size(page_size);
    request.set_page_token(page_token);
    return ledger_stub_->ListJournalEntries(&context, request, out);
  }

  std::string claim_id_;
};

TEST_F(LedgerServiceTest, FirstAccrualOpensTheClaimAndBooksOneEntryPerMonth) {
  v1::AccrueInterestResponse response;
  ASSERT_TRUE(Accrue(Day(2021, 9, 30), "accrue-q3", &response).ok());
  ASSERT_EQ(response.entries_size(), 4);
  EXPECT_EQ(response.entries(0).kind(), v1::ENTRY_KIND_OPENING);
  EXPECT_EQ(InterestOf(response.entries(1)), kJuly);
  EXPECT_EQ(InterestOf(response.entries(2)), kAugust);
  EXPECT_EQ(InterestOf(response.entries(3)), kSeptember);
  EXPECT_EQ(response.entries(3).period_end().day(), 30);
  EXPECT_EQ(Text(response.interest()), kThroughSeptember);
  EXPECT_EQ(response.accrued_through().month(), 9);
}

// Twenty digits pass a digits-only check but not int64: refused naming the field, not UNKNOWN.
TEST_F(LedgerServiceTest, PageTokenBeyondInt64IsInvalidArgumentNamingTheField) {
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(Day(2021, 8, 31), "accrue-august", &accrued).ok());
  v1::ListJournalEntriesResponse first, next;
  ASSERT_TRUE(ListEntries(claim_id_, 1, "", &first).ok());
  std::string token = first.next_page_token();
  const size_t number = token.find('.') + 1;
  token.replace(number, token.find('.', number) - number, "99999999999999999999");
  const grpc::Status status = ListEntries(claim_id_, 1, token, &next);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("page_token"), std::string::npos) << status.error_message();
}

// A token carries the claim it was issued for: on another claim's listing it would skip that
// claim's first entries, so it is refused.
TEST_F(LedgerServiceTest, PageTokenFromAnotherClaimsListingIsInvalidArgument) {
  const std::string other_claim = CreateSeedClaim("another-claim");
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(Day(2021, 8, 31), "accrue-august", &accrued).ok());
  ASSERT_TRUE(LedgerFixture::Accrue(other_claim, Day(2021, 8, 31), "accrue-other", &accrued).ok());
  v1::ListJournalEntriesResponse first, other;
  ASSERT_TRUE(ListEntries(claim_id_, 1, "", &first).ok());
  ASSERT_FALSE(first.next_page_token().empty());
  const grpc::Status status = ListEntries(other_claim, 1, first.next_page_token(), &other);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_TRUE(ListEntries(claim_id_, 1, first.next_page_token(), &other).ok());
  EXPECT_TRUE(ListEntries(AsciiUpper(claim_id_), 1, first.next_page_token(), &other).ok());
}

TEST_F(LedgerServiceTest, EntriesOfAnUnknownClaimAreNotFoundWhileAClaimWithoutEntriesListsNone) {
  grpc::ClientContext unknown_context;
  v1::ListJournalEntriesRequest request;
  request.set_claim_id("00000000-0000-4000-8000-000000000000");
  v1::ListJournalEntriesResponse response;
  EXPECT_EQ(ledger_stub_->ListJournalEntries(&unknown_context, request, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
  grpc::ClientContext known_context;
  request.set_claim_id(claim_id_);  // created, its books not opened yet
  const grpc::Status known = ledger_stub_->ListJournalEntries(&known_context, request, &response);
  ASSERT_TRUE(known.ok()) << known.error_message();
  EXPECT_EQ(response.entries_size(), 0);
}

TEST_F(LedgerServiceTest, StatementShowsTheOpeningBookValueAndTheAccruals) {
  v1::AccrueInterestResponse response;
  ASSERT_TRUE(Accrue(Day(2021, 9, 30), "accrue-statement", &response).ok());
  const v1::ClaimStatement statement = Statement();
  EXPECT_EQ(Text(statement.opening_principal()), "448658900.00");
  EXPECT_EQ(Text(statement.opening_interest()), "357791700.00");
  EXPECT_EQ(Text(statement.accrued_interest()), kThroughSeptember);
  EXPECT_EQ(Text(statement.interest_balance()), "362112291.44");  // 357,791,700 + 4,320,591.44
  EXPECT_EQ(Text(statement.principal_balance()), "448658900.00");
}

TEST_F(LedgerServiceTest, StatementAsOfADateIsAccruedThroughThatDatesLatestPeriod) {
  v1::AccrueInterestResponse response;
  ASSERT_TRUE(Accrue(Day(2021, 9, 30), "accrue-q3", &response).ok());
  const v1::Date mid_september = Day(2021, 9, 15);
  const v1::ClaimStatement then = Statement(&mid_september);
  EXPECT_EQ(then.accrued_through().month(), 8);
  EXPECT_EQ(then.accrued_through().day(), 31);
  EXPECT_EQ(Text(then.accrued_interest()), kThroughAugust);
  EXPECT_EQ(Statement().accrued_through().month(), 9);
  const v1::Date before_any = Day(2021, 7, 20);
  EXPECT_FALSE(Statement(&before_any).has_accrued_through());
}

TEST_F(LedgerServiceTest, StatementBeforeAnyBookingShowsTheCutOffBookValue) {
  const v1::ClaimStatement statement = Statement();
  EXPECT_EQ(Text(statement.opening_principal()), "448658900.00");
  EXPECT_EQ(Text(statement.interest_balance()), "357791700.00");
  EXPECT_EQ(Text(statement.accrued_interest()), "0.00");
  EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_entries"), "0");
}

TEST_F(LedgerServiceTest, AccrualInTwoCallsAddsUpToTheOneShotFigure) {
  v1::AccrueInterestResponse first, second;
  ASSERT_TRUE(Accrue(Day(2021, 7, 15), "accrue-half", &first).ok());
  ASSERT_TRUE(Accrue(Day(2021, 7, 31), "accrue-rest", &second).ok());
  ASSERT_EQ(second.entries_size(), 1);
  EXPECT_EQ(second.entries(0).period_start().day(), 15);
  EXPECT_EQ(Text(Statement().accrued_interest()), kJuly);
}

TEST_F(LedgerServiceTest, RetryWithTheSameRequestIdReturnsTheFirstEntries) {
  v1::AccrueInterestResponse first, retry;
  ASSERT_TRUE(Accrue(Day(2021, 8, 31), "accrue-retry", &first).ok());
  ASSERT_TRUE(Accrue(Day(2021, 8, 31), "accrue-retry", &retry).ok());
  ASSERT_EQ(retry.entries_size(), first.entries_size());
  EXPECT_EQ(retry.entries(2).entry_id(), first.entries(2).entry_id());
  EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_entries"), "3");
}

TEST_F(LedgerServiceTest, SameRequestIdWithAnotherBodyIsAlreadyExists) {
  v1::AccrueInterestResponse first, other;
  ASSERT_TRUE(Accrue(Day(2021, 7, 31), "accrue-reused", &first).ok());
  EXPECT_EQ(Accrue(Day(2021, 8, 31), "accrue-reused", &other).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Text(Statement().accrued_interest()), kJuly);
}

TEST_F(LedgerServiceTest, AccrualThatBookedNothingKeepsItsRequestIdFromAnotherBody) {
  v1::AccrueInterestResponse first, nothing, other;
  ASSERT_TRUE(Accrue(Day(2021, 8, 31), "accrue-august", &first).ok());
  ASSERT_TRUE(Accrue(Day(2021, 8, 31), "accrue-nothing", &nothing).ok());
  EXPECT_EQ(nothing.entries_size(), 0);
  const grpc::Status status = Accrue(Day(2021, 9, 30), "accrue-nothing", &other);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << status.error_message();
  EXPECT_EQ(Text(Statement().accrued_interest()), kThroughAugust);
}

TEST_F(LedgerServiceTest, RetryOfAnAccrualThatBookedNothingGetsItsFirstAnswerAfterLaterOnes) {
  v1::AccrueInterestResponse first, nothing, later, retry;
  ASSERT_TRUE(Accrue(Day(2021, 8, 31), "accrue-august", &first).ok());
  ASSERT_TRUE(Accrue(Day(2021, 8, 31), "accrue-nothing", &nothing).ok());
  ASSERT_TRUE(Accrue(Day(2021, 9, 30), "accrue-september", &later).ok());
  const grpc::Status status = Accrue(Day(2021, 8, 31), "accrue-nothing", &retry);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(retry.entries_size(), 0);
  EXPECT_EQ(retry.accrued_through().month(), 8);
  EXPECT_EQ(retry.accrued_through().day(), 31);
}

TEST_F(LedgerServiceTest, PaymentUnderTheRequestIdOfAnAccrualThatBookedNothingIsAlreadyExists) {
  v1::AccrueInterestResponse first, nothing;
  ASSERT_TRUE(Accrue(Day(2021, 8, 31), "accrue-august", &first).ok());
  ASSERT_TRUE(Accrue(Day(2021, 8, 31), "accrue-nothing", &nothing).ok());
  v1::RecordPaymentRequest request;
  request.set_claim_id(claim_id_);
  *request.mutable_amount() = Amount("100.00");
  *request.mutable_received_date() = Day(2021, 9, 10);
  request.set_request_id("accrue-nothing");
  v1::Payment payment;
  EXPECT_EQ(Pay(request, &payment).error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(db_.Query("SELECT count(*) FROM payments"), "0");
}

TEST_F(LedgerServiceTest, TrialBalanceBalancesAndAsOfLeavesOutLaterEntries) {
  v1::AccrueInterestResponse response;
  ASSERT_TRUE(Accrue(Day(2021, 9, 30), "accrue-trial", &response).ok());
  auto interest_income = [](const v1::TrialBalance& trial) -> std::string {
    for (const v1::AccountBalance& account : trial.accounts()) {
      if (account.account() == "amc/interest_income") return Text(account.credits());
    }
    return "(no amc/interest_income)";
  };
  const v1::TrialBalance all = Trial(Day(2021, 12, 31));
  EXPECT_EQ(Text(all.total_debits()), Text(all.total_credits()));
  EXPECT_EQ(interest_income(all), kThroughSeptember);
  const v1::TrialBalance august = Trial(Day(2021, 8, 31));
  EXPECT_EQ(Text(august.total_debits()), Text(august.total_credits()));
  EXPECT_EQ(interest_income(august), kThroughAugust);
  const v1::Date as_of = Day(2021, 8, 31);
  EXPECT_EQ(Text(Statement(&as_of).accrued_interest()), kThroughAugust);
}

TEST_F(LedgerServiceTest, ReversalTakesAnAccrualBackAndCannotBeRepeated) {
  v1::AccrueInterestResponse response;
  ASSERT_TRUE(Accrue(Day(2021, 9, 30), "accrue-reverse", &response).ok());
  v1::ReverseEntryRequest request;
  request.set_entry_id(response.entries(3).entry_id());
  request.set_memo("September booked in error");
  request.set_request_id("reverse-september");
  v1::JournalEntry reversal;
  {
    grpc::ClientContext context;
    ASSERT_TRUE(ledger_stub_->ReverseEntry(&context, request, &reversal).ok());
  }
  EXPECT_EQ(reversal.kind(), v1::ENTRY_KIND_REVERSAL);
  EXPECT_EQ(Text(Statement().accrued_interest()), kThroughAugust);
  request.set_request_id("reverse-september-again");
  grpc::ClientContext again;
  v1::JournalEntry twice;
  const grpc::Status second = ledger_stub_->ReverseEntry(&again, request, &twice);
  EXPECT_EQ(second.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(second.error_message().find("already reversed"), std::string::npos)
      << second.error_message();
  EXPECT_EQ(Text(Statement().accrued_interest()), kThroughAugust);
}

TEST_F(LedgerServiceTest, ThroughDateInTheFutureIsInvalidArgumentNamingTheField) {
  v1::AccrueInterestResponse response;
  const grpc::Status status = Accrue(Day(2027, 1, 31), "accrue-future", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("through_date"), std::string::npos);
  EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_entries"), "0");
}

TEST_F(LedgerServiceTest, UnknownClaimIsNotFound) {
  claim_id_ = "00000000-0000-4000-8000-000000000009";
  v1::AccrueInterestResponse response;
  EXPECT_EQ(Accrue(Day(2021, 7, 31), "accrue-unknown", &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(LedgerServiceTest, ConcurrentAccrualsBookEachPeriodOnce) {
  std::vector<std::thread> threads;
  std::vector<grpc::Status> statuses(4);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([this, i, &statuses] {
      v1::AccrueInterestResponse response;
      statuses[static_cast<size_t>(i)] =
          Accrue(Day(2021, 9, 30), "accrue-race-" + std::to_string(i), &response);
    });
  }
  for (std::thread& thread : threads) thread.join();
  int succeeded = 0;
  for (const grpc::Status& status : statuses) {
    if (status.ok()) {
      ++succeeded;
    } else {
      EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED) << status.error_message();
    }
  }
  EXPECT_GE(succeeded, 1);
  EXPECT_EQ(Text(Statement().accrued_interest()), kThroughSeptember);
  EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_entries WHERE kind = 'accrual'"), "3");
}

// Two calls with one request id on two claims (an accrual on one, a debtor's payment on the
// other): the ledger keeps request ids on its journal entries, not in request_keys, so nothing
// but the id's lock stops both from booking. The accrual is held after its duplicate check (on
// its claim's audit head) while the payment comes in; one of them must book and the other be
// refused.
TEST_F(LedgerServiceTest, OneRequestIdOnTwoClaimsAtOnceBooksOnlyOnce) {
  const std::string other_claim = CreateSeedClaim("another-claim");
  ASSERT_NE(other_claim, claim_id_);
  pqxx::connection raw(db_.url());
  pqxx::work holder(raw);
  holder.exec_params(
      "SELECT 1 FROM audit_heads WHERE subject_kind = 'claim' AND subject_id = $1::uuid "
      "FOR UPDATE",
      other_claim);
  grpc::Status held_status, second_status;
  std::atomic<bool> held_done{false}, second_done{false};
  std::thread held([&] {
    v1::AccrueInterestResponse response;
    held_status = LedgerFixture::Accrue(other_claim, Day(2021, 7, 31), "shared-id", &response);
    held_done = true;
  });
  ASSERT_TRUE(WaitForLockWaiters(db_, 1, held_done)) << "the accrual never waited on the held head";
  std::thread second([&] {
    v1::RecordPaymentRequest request;
    request.set_claim_id(claim_id_);
    *request.mutable_amount() = Amount("100.00");
    *request.mutable_received_date() = Day(2021, 9, 10);
    request.set_request_id("shared-id");
    v1::Payment payment;
    second_status = Pay(request, &payment);
    second_done = true;
  });
  WaitForLockWaiters(db_, 2, second_done);
  holder.commit();
  held.join();
  second.join();
  EXPECT_NE(held_status.ok(), second_status.ok())
      << held_status.error_message() << " / " << second_status.error_message();
  const grpc::Status& refused = held_status.ok() ? second_status : held_status;
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::ALREADY_EXISTS) << refused.error_message();
  EXPECT_EQ(db_.Query("SELECT count(DISTINCT claim_id) FROM journal_entries "
                      "WHERE call_request_id = 'shared-id'"),
            "1");
}

}  // namespace
}  // namespace disposal::testing
