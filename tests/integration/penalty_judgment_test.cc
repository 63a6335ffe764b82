// A penalty (违约金) set after the claim's ledger opened, through ClaimService and
// LedgerService against a real PostgreSQL: the claim's update books the difference to what
// the penalty account holds of penalties fixed, in the same transaction (schema/0023).
//
// The seed claim's penalty is "to be set by the court". An accrual through 2021-07-31 opens
// its ledger; the fixture's clock says today is 2026-11-28, the penalty entries' date.
#include "support/outcome_fixture.h"

namespace disposal::testing {
namespace {

class PenaltyJudgmentTest : public OutcomeFixture {
 protected:
  void OpenLedger() {
    v1::AccrueInterestResponse accrued;
    ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 31), "accrue-july", &accrued).ok());
  }

  // An update of the claim as it is now that sets its penalty to `amount` (mask "penalty").
  v1::UpdateClaimRequest PenaltyUpdate(const char* amount, const std::string& request_id) {
    v1::UpdateClaimRequest request;
    EXPECT_TRUE(GetClaim(claim_id_, request.mutable_claim()).ok());
    *request.mutable_claim()->mutable_penalty()->mutable_amount() = Amount(amount);
    request.mutable_update_mask()->add_paths("penalty");
    request.set_request_id(request_id);
    return request;
  }

  grpc::Status Send(const v1::UpdateClaimRequest& request, v1::Claim* out) {
    grpc::ClientContext context;
    return claim_stub_->UpdateClaim(&context, request, out);
  }

  grpc::Status SetPenalty(const char* amount, const std::string& request_id, v1::Claim* out) {
    return Send(PenaltyUpdate(amount, request_id), out);
  }

  grpc::Status SetPenaltyFixedOn(const char* amount, const v1::Date& fixed,
                                 const std::string& request_id, v1::Claim* out) {
    v1::UpdateClaimRequest request = PenaltyUpdate(amount, request_id);
    *request.mutable_penalty_fixed_date() = fixed;
    return Send(request, out);
  }

  int PenaltyEntries() { return Count("journal_entries WHERE kind = 'penalty'"); }
};

TEST_F(PenaltyJudgmentTest, PenaltySetAfterTheLedgerOpenedIsBookedByTheUpdate) {
  OpenLedger();
  v1::Claim updated;
  ASSERT_TRUE(SetPenalty("1000000.00", "judged", &updated).ok());
  EXPECT_EQ(PenaltyEntries(), 1);
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.penalty_judged()), "1000000.00");
  EXPECT_EQ(Text(statement.penalty_balance()), "1000000.00");
  const v1::TrialBalance trial = Trial(Day(2026, 11, 28));
  EXPECT_EQ(Text(trial.total_debits()), Text(trial.total_credits()));
}

TEST_F(PenaltyJudgmentTest, PenaltyEntryDebitsThePenaltyAccountAgainstInterestIncomeOnTheDay) {
  OpenLedger();
  v1::Claim updated;
  ASSERT_TRUE(SetPenalty("1000000.00", "judged-posting", &updated).ok());
  EXPECT_EQ(Count("journal_entries e JOIN journal_postings p USING (entry_id) WHERE e.kind = "
                  "'penalty' AND e.effective_date = '2026-11-28' AND p.account = 'claim/" +
                  claim_id_ + "/penalty' AND p.debit = 1000000.00 AND p.tranche IS NULL"),
            1);
  EXPECT_EQ(Count("journal_entries e JOIN journal_postings p USING (entry_id) WHERE e.kind = "
                  "'penalty' AND p.account = 'amc/interest_income' AND p.credit = 1000000.00"),
            1);
}

TEST_F(PenaltyJudgmentTest, PenaltyChangedAgainBooksOnlyTheDifference) {
  OpenLedger();
  v1::Claim updated;
  ASSERT_TRUE(SetPenalty("1000000.00", "judged-first", &updated).ok());
  ASSERT_TRUE(SetPenalty("800000.00", "judged-on-appeal", &updated).ok());
  EXPECT_EQ(PenaltyEntries(), 2);
  EXPECT_EQ(Count("journal_postings p JOIN journal_entries e USING (entry_id) WHERE "
                  "e.request_id = 'judged-on-appeal/penalty' AND p.account = 'claim/" +
                  claim_id_ + "/penalty' AND p.credit = 200000.00"),
            1);
  EXPECT_EQ(Text(Statement(claim_id_).penalty_judged()), "800000.00");
}

TEST_F(PenaltyJudgmentTest, PenaltySetBeforeTheLedgerOpensIsPartOfTheOpeningEntry) {
  v1::Claim updated;
  ASSERT_TRUE(SetPenalty("1000000.00", "judged-early", &updated).ok());
  EXPECT_EQ(PenaltyEntries(), 0);
  OpenLedger();
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.penalty_balance()), "1000000.00");
  EXPECT_EQ(Text(statement.penalty_judged()), "0.00");
  // Changed once the ledger is open: only the difference to the opening's penalty.
  ASSERT_TRUE(SetPenalty("1500000.00", "judged-higher", &updated).ok());
  EXPECT_EQ(Text(Statement(claim_id_).penalty_judged()), "500000.00");
}

// The statement explains every balance: a penalty the opening entry booked is shown as part of
// the opening book value, so the figures add up to the balances.
TEST_F(PenaltyJudgmentTest, APenaltyFixedBeforeTheLedgerOpenedIsShownAsOpeningPenalty) {
  v1::Claim updated;
  ASSERT_TRUE(SetPenalty("1000000.00", "judged-early", &updated).ok());
  OpenLedger();
  const v1::ClaimStatement s = Statement(claim_id_);
  EXPECT_EQ(Text(s.opening_penalty()), "1000000.00");
  const auto sum = [](std::initializer_list<const v1::Money*> amounts) {
    domain::Money total;
    for (const v1::Money* amount : amounts) {
      total = total.Add(domain::Money::Parse(Text(*amount)).value()).value();
    }
    return total.ToString();
  };
  // Nothing was sold, paid or spent: what came in is what the accounts hold.
  EXPECT_EQ(sum({&s.opening_principal(), &s.opening_interest(), &s.opening_penalty(),
                 &s.accrued_interest(), &s.accrued_penalty(), &s.penalty_judged()}),
            sum({&s.principal_balance(), &s.interest_balance(), &s.penalty_balance(),
                 &s.costs_balance()}));
}

// An unliquidated penalty is recorded as such, never as a zero owed: the statement says so, with
// the claim's basis, until an amount is set.
TEST_F(PenaltyJudgmentTest, StatementSaysThePenaltyIsUnliquidatedUntilAnAmountIsSet) {
  OpenLedger();
  const v1::ClaimStatement before = Statement(claim_id_);
  EXPECT_TRUE(before.penalty_unliquidated());
  EXPECT_FALSE(before.penalty_unliquidated_basis().empty());
  v1::Claim updated;
  ASSERT_TRUE(SetPenalty("1000000.00", "judged-known", &updated).ok());
  const v1::ClaimStatement after = Statement(claim_id_);
  EXPECT_FALSE(after.penalty_unliquidated());
  EXPECT_EQ(after.penalty_unliquidated_basis(), "");
  EXPECT_EQ(Text(after.penalty_judged()), "1000000.00");
}

// A statement as of a day before the court set the penalty shows it as it stood that day:
// unliquidated, with the claim's basis then, not as a zero owed.
TEST_F(PenaltyJudgmentTest, AStatementAsOfADayBeforeThePenaltyWasSetSaysItWasUnliquidated) {
  OpenLedger();
  const std::string basis = Statement(claim_id_).penalty_unliquidated_basis();
  ASSERT_FALSE(basis.empty());
  v1::Claim updated;
  ASSERT_TRUE(SetPenaltyFixedOn("5000000.00", Day(2022, 3, 15), "judged-later", &updated).ok());
  const v1::Date before_the_judgment = Day(2021, 12, 31);
  const v1::Date after_the_judgment = Day(2022, 3, 15);

  const v1::ClaimStatement before = Statement(claim_id_, &before_the_judgment);
  const v1::ClaimStatement after = Statement(claim_id_, &after_the_judgment);

  EXPECT_TRUE(before.penalty_unliquidated());
  EXPECT_EQ(before.penalty_unliquidated_basis(), basis);
  EXPECT_EQ(Text(before.penalty_judged()), "0.00");
  EXPECT_FALSE(after.penalty_unliquidated());
  EXPECT_EQ(after.penalty_unliquidated_basis(), "");
  EXPECT_EQ(Text(after.penalty_judged()), "5000000.00");
}

// Between a penalty's setting and its later change, the statement shows the amount first set.
TEST_F(PenaltyJudgmentTest, AStatementBetweenTwoChangesOfThePenaltyShowsItAsSetTheFirstTime) {
  OpenLedger();
  v1::Claim updated;
  ASSERT_TRUE(SetPenaltyFixedOn("1000000.00", Day(2021, 9, 10), "judged-first", &updated).ok());
  ASSERT_TRUE(SetPenaltyFixedOn("800000.00", Day(2022, 3, 15), "judged-again", &updated).ok());
  const v1::Date between = Day(2021, 12, 31);

  const v1::ClaimStatement statement = Statement(claim_id_, &between);

  EXPECT_FALSE(statement.penalty_unliquidated());
  EXPECT_EQ(Text(statement.penalty_judged()), "1000000.00");
}

TEST_F(PenaltyJudgmentTest, UpdateThatLeavesThePenaltyAloneBooksNothing) {
  OpenLedger();
  v1::Claim current, updated;
  ASSERT_TRUE(GetClaim(claim_id_, &current).ok());
  v1::UpdateClaimRequest request;
  *request.mutable_claim() = current;
  request.mutable_claim()->set_title("改名后的债权");
  request.mutable_update_mask()->add_paths("title");
  grpc::ClientContext context;
  ASSERT_TRUE(claim_stub_->UpdateClaim(&context, request, &updated).ok());
  EXPECT_EQ(PenaltyEntries(), 0);
}

TEST_F(PenaltyJudgmentTest, PenaltyEntryCarriesTheUpdatesRequestIdAndARetryBooksItOnce) {
  OpenLedger();
  const v1::UpdateClaimRequest request = PenaltyUpdate("1000000.00", "judged-retried");
  v1::Claim first, retry;
  ASSERT_TRUE(Send(request, &first).ok());
  ASSERT_TRUE(Send(request, &retry).ok());
  EXPECT_EQ(Count("journal_entries WHERE kind = 'penalty' AND request_id = "
                  "'judged-retried/penalty' AND call_request_id = 'claim-update/" +
                  claim_id_ + "/v" + std::to_string(first.version()) + "'"),
            1);
  EXPECT_EQ(PenaltyEntries(), 1);
  EXPECT_EQ(retry.version(), first.version());
}

TEST_F(PenaltyJudgmentTest, UpdateWithoutARequestIdNamesTheEntryAfterTheClaimsVersion) {
  OpenLedger();
  v1::Claim updated;
  ASSERT_TRUE(SetPenalty("1000000.00", "", &updated).ok());
  EXPECT_EQ(Count("journal_entries WHERE kind = 'penalty' AND request_id = 'claim-update/" +
                  claim_id_ + "/v" + std::to_string(updated.version()) + "/penalty'"),
            1);
}

TEST_F(PenaltyJudgmentTest, PenaltyEntryCannotBeReversedAndNamesTheWayToChangeIt) {
  OpenLedger();
  v1::Claim updated;
  ASSERT_TRUE(SetPenalty("1000000.00", "judged-reversed", &updated).ok());
  const int64_t entry_id =
      std::stoll(db_.Query("SELECT entry_id FROM journal_entries WHERE kind = 'penalty'"));
  v1::JournalEntry reversal;
  const grpc::Status status = Reverse(entry_id, "reverse-penalty", &reversal);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("UpdateClaim"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("journal_entries WHERE kind = 'reversal'"), 0);
}

TEST_F(PenaltyJudgmentTest, DebtorsPayoffIncludesTheJudgedPenaltyPaidLast) {
  OpenLedger();
  v1::Claim updated;
  ASSERT_TRUE(SetPenalty("1000000.00", "judged-paid", &updated).ok());
  const v1::ClaimStatement before = Statement(claim_id_);
  v1::RecordPaymentRequest request;
  request.set_claim_id(claim_id_);
  *request.mutable_received_date() = Day(2026, 11, 28);
  request.set_request_id("pay-off-with-penalty");
  // Principal, interest as accrued through July, and the penalty: 1,000,000.00 on top.
  const domain::Money owed = domain::Money::Parse(Text(before.principal_balance()))
                                 .value()
                                 .Add(domain::Money::Parse(Text(before.interest_balance())).value())
                                 .value()
                                 .Add(domain::Money::Parse("1000000.00").value())
                                 .value();
  *request.mutable_amount() = api::MoneyToProto(owed);
  v1::Payment payment;
  ASSERT_TRUE(Pay(request, &payment).ok());
  ASSERT_GE(payment.applications_size(), 1);
  const v1::PaymentApplication& last = payment.applications(payment.applications_size() - 1);
  EXPECT_EQ(last.bucket(), v1::ALLOCATION_BUCKET_PENALTY);
  EXPECT_EQ(Text(last.amount()), "1000000.00");
  EXPECT_EQ(Text(Statement(claim_id_).penalty_balance()), "0.00");
  // Paid in full: an appeal that lowers it would owe a refund, which is not booked.
  const grpc::Status lowered = SetPenalty("800000.00", "judged-lower-after-payoff", &updated);
  EXPECT_EQ(lowered.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << lowered.error_message();
  EXPECT_NE(lowered.error_message().find("refund"), std::string::npos) << lowered.error_message();
  EXPECT_EQ(PenaltyEntries(), 1);
}

TEST_F(PenaltyJudgmentTest, PenaltyPaidInFullIsNotLoweredAgainstTheCourtsInterestBesideIt) {
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 8, 31), "accrue-with-court", &accrued).ok());
  v1::Claim updated;
  ASSERT_TRUE(SetPenaltyFixedOn("1000000.00", Day(2021, 9, 10), "judged", &updated).ok());
  // The contract's order pays the penalty account first: the whole penalty, none of the
  // court's interest, which stays on the same account.
  v1::RecordPaymentRequest request;
  request.set_claim_id(claim_id_);
  *request.mutable_amount() = Amount("1000000.00");
  *request.mutable_received_date() = Day(2021, 9, 15);
  for (v1::AllocationBucket bucket :
       {v1::ALLOCATION_BUCKET_PENALTY, v1::ALLOCATION_BUCKET_COSTS, v1::ALLOCATION_BUCKET_INTEREST,
        v1::ALLOCATION_BUCKET_PRINCIPAL}) {
    request.add_allocation_order(bucket);
  }
  request.set_request_id("pay-penalty-first");
  v1::Payment payment;
  ASSERT_TRUE(Pay(request, &payment).ok());
  const grpc::Status lowered =
      SetPenaltyFixedOn("800000.00", Day(2021, 9, 20), "judged-lower", &updated);
  EXPECT_EQ(lowered.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << lowered.error_message();
  EXPECT_NE(lowered.error_message().find("paid 1000000.00 of the penalty"), std::string::npos)
      << lowered.error_message();
  EXPECT_EQ(PenaltyEntries(), 1);
}

TEST_F(PenaltyJudgmentTest, PenaltyChangeDatedBeforeItsLatestChangeIsRefused) {
  OpenLedger();
  v1::Claim updated;
  ASSERT_TRUE(SetPenaltyFixedOn("1000000.00", Day(2022, 3, 15), "judged", &updated).ok());
  const grpc::Status appeal =
      SetPenaltyFixedOn("800000.00", Day(2022, 2, 1), "appeal-back-dated", &updated);
  EXPECT_EQ(appeal.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << appeal.error_message();
  EXPECT_NE(appeal.error_message().find("penalty_fixed_date"), std::string::npos)
      << appeal.error_message();
  EXPECT_NE(appeal.error_message().find("2022-03-15"), std::string::npos) << appeal.error_message();
  EXPECT_EQ(PenaltyEntries(), 1);
  // On the same day as the change it amends, or later, it is booked.
  ASSERT_TRUE(SetPenaltyFixedOn("800000.00", Day(2022, 3, 15), "appeal", &updated).ok());
  EXPECT_EQ(PenaltyEntries(), 2);
}

TEST_F(PenaltyJudgmentTest, PenaltyChangeAfterTheWholeClaimIsSoldIsRefusedAndChangesNothing) {
  OpenLedger();
  v1::Outcome first, second;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &first).ok());
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 1, "50000000.00", 2021, 9, 2), &second).ok());
  v1::Claim before, updated, after;
  ASSERT_TRUE(GetClaim(claim_id_, &before).ok());
  const grpc::Status status = SetPenalty("1000000.00", "judged-too-late", &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("claim.penalty"), std::string::npos)
      << status.error_message();
  EXPECT_NE(status.error_message().find("2021-09-02"), std::string::npos) << status.error_message();
  ASSERT_TRUE(GetClaim(claim_id_, &after).ok());
  EXPECT_EQ(after.version(), before.version());
  EXPECT_TRUE(after.penalty().has_unliquidated_basis());
  EXPECT_EQ(PenaltyEntries(), 0);
}

TEST_F(PenaltyJudgmentTest, PenaltyFixedOnADayIsBookedOnItAndTheLastLotSoldAfterTakesIt) {
  OpenLedger();
  v1::Outcome first, last;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &first).ok());
  v1::Claim updated;
  ASSERT_TRUE(SetPenaltyFixedOn("1000000.00", Day(2021, 9, 10), "judged-on-day", &updated).ok());
  EXPECT_EQ(Count("journal_entries WHERE kind = 'penalty' AND effective_date = '2021-09-10'"), 1);
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 1, "50000000.00", 2021, 9, 20), &last).ok());
  // Tranche 2's 97,425,500.00 and the claim-level penalty.
  EXPECT_EQ(Text(last.book_value()), "98425500.00");
  EXPECT_EQ(Text(Statement(claim_id_).penalty_balance()), "0.00");
}

TEST_F(PenaltyJudgmentTest, LastLotAwardedBeforeThePenaltysDayIsRefused) {
  OpenLedger();
  v1::Claim updated;
  ASSERT_TRUE(SetPenaltyFixedOn("1000000.00", Day(2021, 9, 10), "judged-before", &updated).ok());
  v1::Outcome outcome;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &outcome).ok());
  const grpc::Status status =
      RecordOutcome(Award(disposal_, 1, "50000000.00", 2021, 9, 2), &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("has bookings effective up to 2021-09-10"),
            std::string::npos)
      << status.error_message();
}

TEST_F(PenaltyJudgmentTest, PenaltyFixedInTheFutureIsInvalidArgumentAndChangesNothing) {
  OpenLedger();
  v1::Claim before, updated, after;
  ASSERT_TRUE(GetClaim(claim_id_, &before).ok());
  const grpc::Status status =
      SetPenaltyFixedOn("1000000.00", Day(2026, 11, 29), "judged-tomorrow", &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_NE(status.error_message().find("penalty_fixed_date"), std::string::npos)
      << status.error_message();
  ASSERT_TRUE(GetClaim(claim_id_, &after).ok());
  EXPECT_EQ(after.version(), before.version());
}

TEST_F(PenaltyJudgmentTest, PenaltyFixedOnOrBeforeADebtorsPaymentIsRefused) {
  OpenLedger();
  v1::RecordPaymentRequest pay;
  pay.set_claim_id(claim_id_);
  *pay.mutable_amount() = Amount("1000.00");
  *pay.mutable_received_date() = Day(2021, 9, 10);
  pay.set_request_id("pay-before-judgment");
  v1::Payment payment;
  ASSERT_TRUE(Pay(pay, &payment).ok());
  v1::Claim updated;
  const grpc::Status status =
      SetPenaltyFixedOn("1000000.00", Day(2021, 9, 10), "judged-on-payment", &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("penalty_fixed_date"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(PenaltyEntries(), 0);
}

TEST_F(PenaltyJudgmentTest, AwardOfOneLotIsRescindedAfterAPenaltyWasBooked) {
  OpenLedger();
  v1::Outcome outcome;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &outcome).ok());
  v1::Claim updated;
  ASSERT_TRUE(SetPenalty("1000000.00", "judged-after-award", &updated).ok());
  v1::JournalEntry reversal;
  const grpc::Status status = Reverse(outcome.entry_id(), "rescind-after-penalty", &reversal);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

// Request ids are one namespace: the update may not take the accrual's id (its penalty entry
// would otherwise sit under it), and the accrual's retry still gets its first result.
TEST_F(PenaltyJudgmentTest, AnUpdateReusingALedgerCallsRequestIdIsRefusedAndTheRetryAnswered) {
  v1::AccrueInterestResponse first, retry;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 31), "shared-id", &first).ok());
  v1::Claim updated;
  const grpc::Status reused = SetPenalty("1000000.00", "shared-id", &updated);
  EXPECT_EQ(reused.error_code(), grpc::StatusCode::ALREADY_EXISTS) << reused.error_message();
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 31), "shared-id", &retry).ok());
  ASSERT_EQ(retry.entries_size(), first.entries_size());
  EXPECT_EQ(retry.entries(0).entry_id(), first.entries(0).entry_id());
}

}  // namespace
}  // namespace disposal::testing
