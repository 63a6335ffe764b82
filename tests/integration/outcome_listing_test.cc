// Listing a disposal's or a claim's outcomes (ListOutcomes) through LedgerService against a
// real PostgreSQL: in the order they were booked, rescinded ones included, page by page, with
// tokens bound to the listing that issued them.
#include <cctype>

#include "support/outcome_fixture.h"

namespace disposal::testing {
namespace {

class OutcomeListingTest : public OutcomeFixture {
 protected:
  v1::ListOutcomesRequest OfDisposal(int page_size = 0, const std::string& token = "") {
    v1::ListOutcomesRequest request;
    request.set_disposal_id(disposal_.id());
    request.set_page_size(page_size);
    request.set_page_token(token);
    return request;
  }

  grpc::Status List(const v1::ListOutcomesRequest& request, v1::ListOutcomesResponse* out) {
    grpc::ClientContext context;
    return ledger_stub_->ListOutcomes(&context, request, out);
  }

  static std::vector<std::string> Ids(const v1::ListOutcomesResponse& listed) {
    std::vector<std::string> ids;
    for (const v1::Outcome& outcome : listed.outcomes()) ids.push_back(outcome.id());
    return ids;
  }
};

TEST_F(OutcomeListingTest, DisposalsOutcomesAreListedInTheOrderTheyWereBooked) {
  const v1::Outcome second_lot = Awarded(1, "90000000.00", 1);
  const v1::Outcome first_lot = Awarded(0, "300000000.00", 2);
  v1::ListOutcomesResponse listed;
  ASSERT_TRUE(List(OfDisposal(), &listed).ok());
  EXPECT_EQ(Ids(listed), (std::vector<std::string>{second_lot.id(), first_lot.id()}));
  EXPECT_EQ(Text(listed.outcomes(1).price()), "300000000.00");
  EXPECT_TRUE(listed.next_page_token().empty());
}

TEST_F(OutcomeListingTest, RescindedOutcomeIsListedWithItsRescissionAndTheAwardAfterIt) {
  const v1::Outcome first = Awarded(0, "300000000.00", 1);
  v1::JournalEntry reversal;
  ASSERT_TRUE(Reverse(first.entry_id(), "rescind", &reversal).ok());
  const v1::Outcome again = Awarded(0, "280000000.00", 2);
  v1::ListOutcomesResponse listed;
  ASSERT_TRUE(List(OfDisposal(), &listed).ok());
  ASSERT_EQ(listed.outcomes_size(), 2);
  EXPECT_EQ(listed.outcomes(0).rescission_entry_id(), reversal.entry_id());
  EXPECT_EQ(listed.outcomes(1).id(), again.id());
  EXPECT_EQ(listed.outcomes(1).award_number(), 2);
}

TEST_F(OutcomeListingTest, ClaimsOutcomesAreListedByClaim) {
  const v1::Outcome outcome = Awarded(0, "300000000.00", 1);
  v1::ListOutcomesRequest request;
  request.set_claim_id(claim_id_);
  v1::ListOutcomesResponse listed;
  ASSERT_TRUE(List(request, &listed).ok());
  EXPECT_EQ(Ids(listed), std::vector<std::string>{outcome.id()});
}

TEST_F(OutcomeListingTest, PagesFollowEachOtherThroughTheirTokens) {
  const v1::Outcome first = Awarded(1, "90000000.00", 1);
  const v1::Outcome second = Awarded(0, "300000000.00", 2);
  v1::ListOutcomesResponse page1, page2;
  ASSERT_TRUE(List(OfDisposal(1), &page1).ok());
  EXPECT_EQ(Ids(page1), std::vector<std::string>{first.id()});
  ASSERT_FALSE(page1.next_page_token().empty());
  ASSERT_TRUE(List(OfDisposal(1, page1.next_page_token()), &page2).ok());
  EXPECT_EQ(Ids(page2), std::vector<std::string>{second.id()});
  EXPECT_TRUE(page2.next_page_token().empty());
}

TEST_F(OutcomeListingTest, TokenOfAClaimsListingIsRefusedForTheDisposals) {
  Awarded(1, "90000000.00", 1);
  Awarded(0, "300000000.00", 2);
  v1::ListOutcomesRequest by_claim;
  by_claim.set_claim_id(claim_id_);
  by_claim.set_page_size(1);
  v1::ListOutcomesResponse page1, refused;
  ASSERT_TRUE(List(by_claim, &page1).ok());
  const grpc::Status status = List(OfDisposal(1, page1.next_page_token()), &refused);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("page_token"), std::string::npos) << status.error_message();
}

TEST_F(OutcomeListingTest, UnknownDisposalIsNotFound) {
  v1::ListOutcomesRequest request;
  request.set_disposal_id("00000000-0000-4000-8000-000000000000");
  v1::ListOutcomesResponse listed;
  EXPECT_EQ(List(request, &listed).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(OutcomeListingTest, UnknownClaimIsNotFound) {
  v1::ListOutcomesRequest request;
  request.set_claim_id("00000000-0000-4000-8000-000000000000");
  v1::ListOutcomesResponse listed;
  EXPECT_EQ(List(request, &listed).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(OutcomeListingTest, DisposalIdInCapitalsListsTheSameOutcomesAndPages) {
  Awarded(1, "90000000.00", 1);
  const v1::Outcome second = Awarded(0, "300000000.00", 2);
  std::string upper = disposal_.id();
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  v1::ListOutcomesRequest request;
  request.set_disposal_id(upper);
  request.set_page_size(1);
  v1::ListOutcomesResponse page1, page2;
  ASSERT_TRUE(List(request, &page1).ok());
  ASSERT_EQ(page1.outcomes_size(), 1);
  // The token of the listing in capitals continues the listing in lower case.
  ASSERT_TRUE(List(OfDisposal(1, page1.next_page_token()), &page2).ok());
  EXPECT_EQ(Ids(page2), std::vector<std::string>{second.id()});
}

TEST_F(OutcomeListingTest, MissingParentIsRefusedNamingIt) {
  v1::ListOutcomesRequest request;
  v1::ListOutcomesResponse listed;
  const grpc::Status status = List(request, &listed);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("parent"), std::string::npos) << status.error_message();
}

TEST_F(OutcomeListingTest, MalformedClaimIdIsRefusedNamingIt) {
  v1::ListOutcomesRequest request;
  request.set_claim_id("not-a-uuid");
  v1::ListOutcomesResponse listed;
  const grpc::Status status = List(request, &listed);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("claim_id"), std::string::npos) << status.error_message();
}

}  // namespace
}  // namespace disposal::testing
