// Auditors list the eligibility decisions made on a disposal: oldest first, filtered by bidder
// or outcome, in pages, each as the receipt stored it.
#include <pqxx/pqxx>
#include <set>

#include "support/decision_audit_fixture.h"

namespace disposal::testing {
namespace {

class DecisionListingTest : public DecisionAuditFixture {
 protected:
  void SetUp() override {
    DecisionAuditFixture::SetUp();
    // One bidder on the dishonest judgment debtors' list: INELIGIBLE.
    db_.Query("INSERT INTO registry_persons (national_id, name) VALUES ('" + listed_ + "', '甲')");
    db_.Query("INSERT INTO registry_list_entries VALUES ('dishonest_judgment_debtor', '" + listed_ +
              "', '最高人民法院失信被执行人名单', '2026-11-01')");
    ASSERT_TRUE(checker_->Refresh().ok());
  }

  // Checks the bidders in order through the service; their receipts are written before it
  // returns. The decisions' ids, in the order made.
  std::vector<std::string> Decide(const std::vector<std::string>& bidders) {
    std::vector<std::string> ids;
    for (const std::string& bidder : bidders) {
      v1::EligibilityDecision decision;
      EXPECT_TRUE(Check(PersonRequest(bidder), &decision).ok());
      ids.push_back(decision.decision_id());
    }
    log_->Flush();
    return ids;
  }

  v1::ListEligibilityDecisionsRequest ListOf(const std::string& disposal_id) {
    v1::ListEligibilityDecisionsRequest request;
    request.set_disposal_id(disposal_id);
    return request;
  }

  grpc::Status List(const v1::ListEligibilityDecisionsRequest& request,
                    v1::ListEligibilityDecisionsResponse* out) {
    return audit_->List(request, out);
  }

  static std::vector<std::string> IdsOf(const v1::ListEligibilityDecisionsResponse& listed) {
    std::vector<std::string> ids;
    for (const auto& decision : listed.decisions()) ids.push_back(decision.decision_id());
    return ids;
  }

  const std::string listed_ = NationalId("19800101", 51);
  const std::string clean_ = NationalId("19800101", 52);
};

TEST_F(DecisionListingTest, ADisposalsDecisionsAreListedOldestFirstAsStored) {
  const std::vector<std::string> made = Decide({clean_, listed_, clean_});
  v1::ListEligibilityDecisionsResponse listed;
  ASSERT_TRUE(List(ListOf(disposal_id_), &listed).ok());
  EXPECT_EQ(IdsOf(listed), made);
  ASSERT_EQ(listed.decisions_size(), 3);
  const auto& second = listed.decisions(1);
  EXPECT_EQ(second.bidder(), listed_);
  EXPECT_EQ(second.outcome(), v1::ELIGIBILITY_OUTCOME_INELIGIBLE);
  EXPECT_EQ(listed.decisions(0).outcome(), v1::ELIGIBILITY_OUTCOME_ELIGIBLE);
  EXPECT_EQ(second.registry_version(), checker_->Snapshot()->version());
  EXPECT_EQ(second.decide_time().seconds(),
            std::stoll(db_.Query("SELECT floor(extract(epoch FROM decided_at))::bigint FROM "
                                 "eligibility_decisions WHERE decision_id = '" +
                                 made[1] + "'")));
  EXPECT_TRUE(listed.next_page_token().empty());
}

TEST_F(DecisionListingTest, ABiddersOrAnOutcomesDecisionsAreListedAlone) {
  const std::vector<std::string> made = Decide({clean_, listed_, clean_});
  v1::ListEligibilityDecisionsRequest by_bidder = ListOf(disposal_id_);
  by_bidder.set_bidder(clean_);
  v1::ListEligibilityDecisionsResponse listed;
  ASSERT_TRUE(List(by_bidder, &listed).ok());
  EXPECT_EQ(IdsOf(listed), (std::vector<std::string>{made[0], made[2]}));
  v1::ListEligibilityDecisionsRequest by_outcome = ListOf(disposal_id_);
  by_outcome.set_outcome(v1::ELIGIBILITY_OUTCOME_INELIGIBLE);
  v1::ListEligibilityDecisionsResponse refused;
  ASSERT_TRUE(List(by_outcome, &refused).ok());
  EXPECT_EQ(IdsOf(refused), (std::vector<std::string>{made[1]}));
}

TEST_F(DecisionListingTest, PagesFollowEachOtherWithoutGapOrRepeat) {
  const std::vector<std::string> made = Decide({clean_, listed_, clean_, listed_, clean_});
  v1::ListEligibilityDecisionsRequest request = ListOf(disposal_id_);
  request.set_page_size(2);
  std::vector<std::string> seen;
  int pages = 0;
  do {
    v1::ListEligibilityDecisionsResponse page;
    ASSERT_TRUE(List(request, &page).ok());
    EXPECT_LE(page.decisions_size(), 2);
    for (const std::string& id : IdsOf(page)) seen.push_back(id);
    request.set_page_token(page.next_page_token());
    ++pages;
  } while (!request.page_token().empty() && pages < 10);
  EXPECT_EQ(seen, made);
  EXPECT_EQ(pages, 3);
}

TEST_F(DecisionListingTest, APageTokenOfAnotherFilterIsInvalidArgument) {
  Decide({clean_, listed_, clean_});
  v1::ListEligibilityDecisionsRequest request = ListOf(disposal_id_);
  request.set_page_size(1);
  v1::ListEligibilityDecisionsResponse first;
  ASSERT_TRUE(List(request, &first).ok());
  ASSERT_FALSE(first.next_page_token().empty());
  request.set_page_token(first.next_page_token());
  request.set_bidder(clean_);
  v1::ListEligibilityDecisionsResponse other;
  const grpc::Status status = List(request, &other);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("page_token"), std::string::npos) << status.error_message();
}

// The fixture's decision ids are of the epoch's first millisecond: an auditor asking within 5 s
// of it sees none of them yet, and one asking later sees them all.
TEST_F(DecisionListingTest, DecisionsOfTheLastFiveSecondsAreNotListedYet) {
  const std::vector<std::string> made = Decide({clean_, listed_});
  api::DecisionAudit early(*decisions_, *registry_, [] { return int64_t{4'999'000}; });
  v1::ListEligibilityDecisionsResponse too_soon, later;
  ASSERT_TRUE(early.List(ListOf(disposal_id_), &too_soon).ok());
  EXPECT_EQ(too_soon.decisions_size(), 0);
  api::DecisionAudit settled(*decisions_, *registry_, [] { return int64_t{6'000'000}; });
  ASSERT_TRUE(settled.List(ListOf(disposal_id_), &later).ok());
  EXPECT_EQ(IdsOf(later), made);
}

// A receipt keeps the bidder as checked then: the filter asks for the shape only, so a bidder
// whose check character no longer passes (a receipt of older rules) is still found.
TEST_F(DecisionListingTest, ABidderIsFoundByTheStoredShapeWithoutItsCheckCharacterChecked) {
  std::string old = clean_;
  old.back() = old.back() == '1' ? '2' : '1';
  db_.Query(
      "INSERT INTO eligibility_decisions VALUES ('00000000-0000-4000-8000-00000000f001', "
      "now(), 'partner-1', '" +
      disposal_id_ + "', '" + old + "', 'ELIGIBLE', 1, '', '')");
  v1::ListEligibilityDecisionsRequest request = ListOf(disposal_id_);
  request.set_bidder(old);
  v1::ListEligibilityDecisionsResponse listed;
  ASSERT_TRUE(List(request, &listed).ok());
  EXPECT_EQ(IdsOf(listed), (std::vector<std::string>{"00000000-0000-4000-8000-00000000f001"}));
}

// One call reads at most 10,000 decisions: a bidder's one decision after 10,001 others comes
// on the second page, the first empty but with a token to follow.
TEST_F(DecisionListingTest, AFilteredListingReadsABoundedStretchAndSaysWhereToGoOn) {
  db_.Query(
      "INSERT INTO eligibility_decisions SELECT ('00000000-0000-4000-8000-' || "
      "lpad(to_hex(n), 12, '0'))::uuid, now(), 'partner-1', '" +
      disposal_id_ + "', '" + listed_ +
      "', 'INELIGIBLE', 1, '', '' FROM generate_series(1, 10001) n");
  db_.Query(
      "INSERT INTO eligibility_decisions VALUES ('00000000-0000-4000-8000-0000000f0000', "
      "now(), 'partner-1', '" +
      disposal_id_ + "', '" + clean_ + "', 'ELIGIBLE', 1, '', '')");
  v1::ListEligibilityDecisionsRequest request = ListOf(disposal_id_);
  request.set_bidder(clean_);
  request.set_page_size(10);
  v1::ListEligibilityDecisionsResponse first, second;
  ASSERT_TRUE(List(request, &first).ok());
  EXPECT_EQ(first.decisions_size(), 0);
  ASSERT_FALSE(first.next_page_token().empty()) << "an empty page that is not the last";
  request.set_page_token(first.next_page_token());
  ASSERT_TRUE(List(request, &second).ok());
  EXPECT_EQ(IdsOf(second), (std::vector<std::string>{"00000000-0000-4000-8000-0000000f0000"}));
  EXPECT_TRUE(second.next_page_token().empty());
}

TEST_F(DecisionListingTest, AnotherDisposalsDecisionsAreNotListed) {
  Decide({clean_});
  v1::ListEligibilityDecisionsResponse listed;
  ASSERT_TRUE(List(ListOf("00000000-0000-4000-8000-00000000abcd"), &listed).ok());
  EXPECT_EQ(listed.decisions_size(), 0);
}

TEST_F(DecisionListingTest, MalformedFiltersAreInvalidArgumentNamingTheField) {
  v1::ListEligibilityDecisionsResponse listed;
  std::vector<std::pair<v1::ListEligibilityDecisionsRequest, std::string>> cases;
  cases.push_back({ListOf("not-a-uuid"), "disposal_id"});
  cases.push_back({ListOf(disposal_id_), "bidder"});
  cases.back().first.set_bidder(clean_.substr(0, 17));  // 17 characters
  cases.push_back({ListOf(disposal_id_), "bidder"});
  cases.back().first.set_bidder(clean_.substr(0, 17) + "x");  // a lower-case x
  cases.push_back({ListOf(disposal_id_), "outcome"});
  cases.back().first.set_outcome(static_cast<v1::EligibilityOutcome>(9));
  cases.push_back({ListOf(disposal_id_), "page_size"});
  cases.back().first.set_page_size(-1);
  cases.push_back({ListOf(disposal_id_), "page_token"});
  cases.back().first.set_page_token("c1.1.x.y");
  for (const auto& [request, field] : cases) {
    const grpc::Status status = List(request, &listed);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << field;
    EXPECT_EQ(status.error_message().rfind(field + ":", 0), 0u) << status.error_message();
  }
}

}  // namespace
}  // namespace disposal::testing
