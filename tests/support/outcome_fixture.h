// OutcomeFixture: the seed claim published for disposal in two lots (2021-07-28; the objection
// window closes 2021-08-25), with helpers for buyer payments and reversals through
// LedgerService against a real PostgreSQL.
#ifndef DISPOSAL_TESTS_SUPPORT_OUTCOME_FIXTURE_H_
#define DISPOSAL_TESTS_SUPPORT_OUTCOME_FIXTURE_H_

#include <string>
#include <vector>

#include "support/ledger_fixture.h"

namespace disposal::testing {

// The seed claim: tranche 1 principal 388,658,900.00 + interest 320,366,200.00 = 709,025,100.00;
// tranche 2 principal 60,000,000.00 + interest 37,425,500.00 = 97,425,500.00.
inline constexpr char kLotOneBookValue[] = "709025100.00";
inline constexpr char kLotTwoBookValue[] = "97425500.00";

class OutcomeFixture : public LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    disposal_ = PublishedSeed();  // published 2021-07-28; the window closes 2021-08-25
    claim_id_ = disposal_.lots(0).claim_id();
  }

  v1::RecordPaymentRequest BuyerPayment(const v1::Outcome& outcome, const char* amount,
                                        const std::string& request_id) {
    v1::RecordPaymentRequest request;
    request.set_outcome_id(outcome.id());
    *request.mutable_amount() = Amount(amount);
    *request.mutable_received_date() = Day(2021, 10, 8);
    request.set_request_id(request_id);
    return request;
  }

  // Rescinds the outcome (RescindOutcome), keeping `forfeited` of the buyer's deposit (none
  // when null).
  grpc::Status Rescind(const std::string& outcome_id, const std::string& memo,
                       const std::string& request_id, v1::Outcome* out,
                       const char* forfeited = nullptr) {
    v1::RescindOutcomeRequest request;
    request.set_outcome_id(outcome_id);
    request.set_memo(memo);
    request.set_request_id(request_id);
    if (forfeited != nullptr) *request.mutable_forfeited_deposit() = Amount(forfeited);
    grpc::ClientContext context;
    context.AddMetadata("x-disposal-actor", "tester");
    return ledger_stub_->RescindOutcome(&context, request, out);
  }

  grpc::Status Reverse(int64_t entry_id, const std::string& request_id, v1::JournalEntry* out) {
    v1::ReverseEntryRequest request;
    request.set_entry_id(entry_id);
    request.set_memo("bounced transfer");
    request.set_request_id(request_id);
    grpc::ClientContext context;
    context.AddMetadata("x-disposal-actor", "tester");
    return ledger_stub_->ReverseEntry(&context, request, out);
  }

  // Accrues the claim through `through` with the court's doubled-part interest on the whole
  // principal (448,658,900.00), delayed from `delay_start` (2021-07-01 unless given): booked at
  // claim level (tranche 0).
  grpc::Status AccrueWithCourtInterest(const v1::Date& through, const std::string& request_id,
                                       v1::AccrueInterestResponse* out,
                                       const v1::Date& delay_start = Day(2021, 7, 1)) {
    return AccrueWithCourtInterestOn(claim_id_, through, request_id, out, delay_start);
  }
  // The same for another seed claim.
  grpc::Status AccrueWithCourtInterestOn(const std::string& claim_id, const v1::Date& through,
                                         const std::string& request_id,
                                         v1::AccrueInterestResponse* out,
                                         const v1::Date& delay_start = Day(2021, 7, 1)) {
    v1::AccrueInterestRequest request = AccrueRequest(claim_id, through, request_id);
    *request.mutable_court_delay()->mutable_judgment_debt() = Amount("448658900.00");
    *request.mutable_court_delay()->mutable_delay_start() = delay_start;
    return Accrue(request, out);
  }

  // What a debtor's payment received on `received` is told is due ("411,335,739.14"), asking
  // to pay 900,000,000.00 and refused as overpaying.
  std::string DueOn(const std::string& claim_id, const v1::Date& received,
                    const std::string& request_id) {
    v1::RecordPaymentRequest request;
    request.set_claim_id(claim_id);
    *request.mutable_amount() = Amount("900000000.00");
    *request.mutable_received_date() = received;
    request.set_request_id(request_id);
    v1::Payment payment;
    const grpc::Status status = Pay(request, &payment);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
    const std::string& message = status.error_message();
    const size_t from = message.find("exceeds the ");
    const size_t to = message.find(" due", from);
    if (from == std::string::npos || to == std::string::npos) return "(no amount due): " + message;
    return message.substr(from + 12, to - from - 12);
  }

  // A payment's applications as "bucket:amount" pairs, in order.
  static std::vector<std::string> Applications(const v1::Payment& payment) {
    std::vector<std::string> lines;
    for (const v1::PaymentApplication& line : payment.applications()) {
      lines.push_back(v1::AllocationBucket_Name(line.bucket()) + ":" + Text(line.amount()));
    }
    return lines;
  }

  int Count(const std::string& table) {
    return std::stoi(db_.Query("SELECT count(*) FROM " + table));
  }

  // Awards `lot` (0: tranche 1, 1: tranche 2) on the given day of September 2021, expecting
  // success.
  v1::Outcome Awarded(int lot, const std::string& price, int day) {
    v1::Outcome outcome;
    const grpc::Status status = RecordOutcome(Award(disposal_, lot, price, 2021, 9, day), &outcome);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return outcome;
  }

  // The outcome as GetOutcome returns it now, expecting the call to succeed.
  v1::Outcome GetOutcome(const std::string& id) {
    v1::GetOutcomeRequest request;
    request.set_id(id);
    grpc::ClientContext context;
    v1::Outcome outcome;
    EXPECT_TRUE(ledger_stub_->GetOutcome(&context, request, &outcome).ok());
    return outcome;
  }

  v1::Disposal disposal_;
  std::string claim_id_;
};

}  // namespace disposal::testing

#endif  // DISPOSAL_TESTS_SUPPORT_OUTCOME_FIXTURE_H_
