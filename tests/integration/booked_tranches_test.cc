// A claim's tranches once its ledger is open, through ClaimService against a real PostgreSQL:
// the opening entry booked each tranche's principal and interest as of its cut-off date, and
// lots and accruals name tranches by position, so an update that changes those figures, the
// cut-off or the number of tranches is refused and changes nothing; rates may still change.
//
// The seed claim: an accrual through 2021-07-31 opens its ledger (opening entry 2021-06-30).
#include "support/outcome_fixture.h"

namespace disposal::testing {
namespace {

class BookedTranchesTest : public OutcomeFixture {
 protected:
  void OpenLedger() {
    v1::AccrueInterestResponse accrued;
    ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 31), "accrue-july", &accrued).ok());
  }

  // The claim as it is now, for an update of its tranches.
  v1::UpdateClaimRequest TranchesUpdate() {
    v1::UpdateClaimRequest request;
    EXPECT_TRUE(GetClaim(claim_id_, request.mutable_claim()).ok());
    request.mutable_update_mask()->add_paths("tranches");
    request.set_request_id("tranches-update");
    return request;
  }

  grpc::Status Send(const v1::UpdateClaimRequest& request) {
    grpc::ClientContext context;
    v1::Claim updated;
    return claim_stub_->UpdateClaim(&context, request, &updated);
  }

  int64_t ClaimVersion() {
    v1::Claim claim;
    EXPECT_TRUE(GetClaim(claim_id_, &claim).ok());
    return claim.version();
  }

  static void ExpectRefused(const grpc::Status& status, const std::string& field) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
    EXPECT_NE(status.error_message().find(field), std::string::npos) << status.error_message();
    EXPECT_NE(status.error_message().find("ledger opened on 2021-06-30"), std::string::npos)
        << status.error_message();
  }
};

TEST_F(BookedTranchesTest, PrincipalChangedAfterTheLedgerOpenedIsRefusedAndNothingChanges) {
  OpenLedger();
  const int64_t version = ClaimVersion();
  v1::UpdateClaimRequest request = TranchesUpdate();
  *request.mutable_claim()->mutable_tranches(0)->mutable_principal() = Amount("388658900.01");
  ExpectRefused(Send(request), "claim.tranches[0].principal");
  EXPECT_EQ(ClaimVersion(), version);
  EXPECT_EQ(Text(Statement(claim_id_).principal_balance()), "448658900.00");
}

TEST_F(BookedTranchesTest, InterestChangedAfterTheLedgerOpenedIsRefused) {
  OpenLedger();
  v1::UpdateClaimRequest request = TranchesUpdate();
  *request.mutable_claim()->mutable_tranches(1)->mutable_interest() = Amount("1.00");
  ExpectRefused(Send(request), "claim.tranches[1].interest");
}

TEST_F(BookedTranchesTest, CutOffMovedAfterTheLedgerOpenedIsRefused) {
  OpenLedger();
  v1::UpdateClaimRequest request = TranchesUpdate();
  *request.mutable_claim()->mutable_tranches(1)->mutable_interest_cutoff_date() = Day(2021, 9, 30);
  ExpectRefused(Send(request), "claim.tranches[1].interest_cutoff_date");
}

TEST_F(BookedTranchesTest, TrancheAddedAfterTheLedgerOpenedIsRefused) {
  OpenLedger();
  v1::UpdateClaimRequest request = TranchesUpdate();
  *request.mutable_claim()->add_tranches() = request.claim().tranches(1);
  const grpc::Status status = Send(request);
  ExpectRefused(status, "claim.tranches");
  EXPECT_NE(status.error_message().find("a claim of its own"), std::string::npos)
      << status.error_message();
}

TEST_F(BookedTranchesTest, RatesMayStillChangeAfterTheLedgerOpened) {
  OpenLedger();
  const int64_t version = ClaimVersion();
  v1::UpdateClaimRequest request = TranchesUpdate();
  request.mutable_claim()->mutable_tranches(0)->mutable_contract_rate()->set_value("0.05");
  request.mutable_claim()->mutable_tranches(0)->mutable_penalty_rate()->set_value("0.075");
  const grpc::Status status = Send(request);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(ClaimVersion(), version + 1);
}

TEST_F(BookedTranchesTest, FiguresMayChangeWhileTheLedgerIsNotOpen) {
  const int64_t version = ClaimVersion();
  v1::UpdateClaimRequest request = TranchesUpdate();
  *request.mutable_claim()->mutable_tranches(0)->mutable_principal() = Amount("388658900.01");
  const grpc::Status status = Send(request);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(ClaimVersion(), version + 1);
}

}  // namespace
}  // namespace disposal::testing
