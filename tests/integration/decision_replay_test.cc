// Auditors fetch a stored eligibility decision and replay it against the registry as it was at
// the decision's registry version, rebuilt from the registry's history: whatever changed since,
// the replay gives the original answer.
#include <google/protobuf/util/message_differencer.h>

#include <cctype>
#include <functional>
#include <pqxx/pqxx>

#include "api/eligibility_mapping.h"
#include "api/request_context.h"
#include "support/decision_audit_fixture.h"

namespace disposal::testing {
namespace {

using google::protobuf::util::MessageDifferencer;

class DecisionReplayTest : public DecisionAuditFixture {
 protected:
  // The bidder and the AMC staff member engaged on the disposal, both registered, unrelated.
  void RegisterBidderAndStaff() {
    v1::ApplyRegistryChangesRequest request;
    AddPerson(request, bidder_, "投资者");
    AddPerson(request, staff_, "经办人");
    v1::EngagementEntry* engagement = request.add_changes()->mutable_engagement();
    engagement->set_disposal_id(disposal_id_);
    engagement->set_national_id(staff_);
    engagement->set_role(v1::PERSON_ROLE_AMC_STAFF);
    ASSERT_TRUE(Apply(request).ok());
  }

  static void AddPerson(v1::ApplyRegistryChangesRequest& request, const std::string& national_id,
                        const std::string& name) {
    v1::RegistryPerson* person = request.add_changes()->mutable_person();
    person->set_national_id(national_id);
    person->set_name(name);
  }

  // The bidder becomes (or, with `remove`, stops being) the staff member's relative.
  void Relate(v1::RelationKind kind, bool remove = false) {
    v1::ApplyRegistryChangesRequest request;
    v1::RegistryChange* change = request.add_changes();
    change->set_remove(remove);
    change->mutable_relation()->set_national_id(bidder_);
    change->mutable_relation()->set_kind(kind);
    change->mutable_relation()->set_other_national_id(staff_);
    ASSERT_TRUE(Apply(request).ok());
  }

  // The replay of a decision on the bidder's relative (the staff member engaged, the bidder's
  // parent), stored under `decision_id` with its relative's step relabelled by `relabel` (given
  // the label the check gave, also put in `*relation`).
  v1::ReplayEligibilityDecisionResponse ReplayWithTheRelativesStep(
      const std::string& decision_id, const std::function<std::string(const std::string&)>& relabel,
      std::string* relation) {
    RegisterBidderAndStaff();
    Relate(v1::RELATION_KIND_PARENT);
    const v1::CheckBidderEligibilityRequest request = PersonRequest(bidder_);
    v1::EligibilityDecision earlier = Decide(request);
    v1::ReplayEligibilityDecisionResponse replay;
    if (earlier.reasons_size() != 1 || earlier.reasons(0).path_size() != 3) {
      ADD_FAILURE() << "expected one reason with a path of three steps";
      return replay;
    }
    *relation = earlier.reasons(0).path(1).relation();
    earlier.set_decision_id(decision_id);
    earlier.mutable_reasons(0)->mutable_path(1)->set_relation(relabel(*relation));
    EXPECT_TRUE(log_->Record("partner-e", request, earlier).ok());
    log_->Flush();
    EXPECT_TRUE(Replay(earlier.decision_id(), &replay).ok());
    return replay;
  }

  // Checks through the service and waits until the receipt is written.
  v1::EligibilityDecision Decide(const v1::CheckBidderEligibilityRequest& request) {
    v1::EligibilityDecision decision;
    EXPECT_TRUE(Check(request, &decision).ok());
    log_->Flush();
    return decision;
  }

  // Decides, makes `change` and decides again, then replays the first decision: the change
  // turned the answer to INELIGIBLE, and the replay still gives the original ELIGIBLE. The
  // first decision and the replay are left in `original` and `replay` when given.
  void ExpectReplayUnmovedBy(const std::function<void()>& change,
                             v1::EligibilityDecision* original = nullptr,
                             v1::ReplayEligibilityDecisionResponse* replay = nullptr) {
    v1::EligibilityDecision first;
    v1::ReplayEligibilityDecisionResponse replayed;
    if (original == nullptr) original = &first;
    if (replay == nullptr) replay = &replayed;
    *original = Decide(PersonRequest(bidder_));
    change();
    checker_->InvalidateDisposalContexts();
    const v1::EligibilityDecision now = Decide(PersonRequest(bidder_));
    ASSERT_TRUE(Replay(original->decision_id(), replay).ok());
    EXPECT_EQ(original->outcome(), v1::ELIGIBILITY_OUTCOME_ELIGIBLE);
    EXPECT_EQ(now.outcome(), v1::ELIGIBILITY_OUTCOME_INELIGIBLE);
    EXPECT_EQ(replay->replayed().outcome(), v1::ELIGIBILITY_OUTCOME_ELIGIBLE);
    EXPECT_TRUE(replay->same()) << replay->differences(0);
  }

  grpc::Status Replay(const std::string& decision_id, v1::ReplayEligibilityDecisionResponse* out) {
    v1::ReplayEligibilityDecisionRequest request;
    request.set_decision_id(decision_id);
    return audit_->Replay(request, out);
  }

  const std::string bidder_ = NationalId("19800101", 41);
  const std::string staff_ = NationalId("19700101", 42);
};

bool SameReasons(const v1::EligibilityDecision& a, const v1::EligibilityDecision& b) {
  if (a.reasons_size() != b.reasons_size()) return false;
  for (int i = 0; i < a.reasons_size(); ++i) {
    if (!MessageDifferencer::Equals(a.reasons(i), b.reasons(i))) return false;
  }
  return true;
}

TEST_F(DecisionReplayTest, GetReturnsTheStoredDecisionWithItsRequestAndActor) {
  const v1::CheckBidderEligibilityRequest request = PersonRequest(bidder_);
  grpc::ClientContext context;
  context.AddMetadata(api::kActorMetadataKey, "partner-a");
  v1::EligibilityDecision decision;
  ASSERT_TRUE(stub_->CheckBidderEligibility(&context, request, &decision).ok());
  log_->Flush();
  v1::GetEligibilityDecisionRequest get;
  get.set_decision_id(decision.decision_id());
  v1::EligibilityReceipt receipt;
  ASSERT_TRUE(audit_->Get(get, &receipt).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(receipt.decision(), decision));
  EXPECT_TRUE(MessageDifferencer::Equals(receipt.request(), request));
  EXPECT_EQ(receipt.actor(), "partner-a");
}

TEST_F(DecisionReplayTest, ReplayIgnoresARelationAddedAfterTheDecision) {
  RegisterBidderAndStaff();
  v1::EligibilityDecision original;
  v1::ReplayEligibilityDecisionResponse replay;
  ASSERT_NO_FATAL_FAILURE(
      ExpectReplayUnmovedBy([&] { Relate(v1::RELATION_KIND_SPOUSE); }, &original, &replay));
  EXPECT_EQ(replay.replayed().reasons_size(), 0);
  EXPECT_EQ(replay.replayed().registry_version(), original.registry_version());
  EXPECT_EQ(replay.differences_size(), 0);
  EXPECT_EQ(replay.original().decision().decision_id(), original.decision_id());
}

TEST_F(DecisionReplayTest, ReplayRestoresARelationRemovedAfterTheDecision) {
  RegisterBidderAndStaff();
  Relate(v1::RELATION_KIND_SPOUSE);
  const v1::EligibilityDecision original = Decide(PersonRequest(bidder_));
  Relate(v1::RELATION_KIND_SPOUSE, /*remove=*/true);
  const v1::EligibilityDecision now = Decide(PersonRequest(bidder_));
  v1::ReplayEligibilityDecisionResponse replay;
  ASSERT_TRUE(Replay(original.decision_id(), &replay).ok());
  EXPECT_EQ(original.outcome(), v1::ELIGIBILITY_OUTCOME_INELIGIBLE);
  EXPECT_EQ(now.outcome(), v1::ELIGIBILITY_OUTCOME_ELIGIBLE);
  EXPECT_EQ(replay.replayed().outcome(), v1::ELIGIBILITY_OUTCOME_INELIGIBLE);
  EXPECT_TRUE(SameReasons(replay.replayed(), original));
  EXPECT_TRUE(replay.same());
}

TEST_F(DecisionReplayTest, ReplayShowsNamesInTheReasonPathAsTheyWere) {
  RegisterBidderAndStaff();
  Relate(v1::RELATION_KIND_SPOUSE);
  const v1::EligibilityDecision original = Decide(PersonRequest(bidder_));
  v1::ApplyRegistryChangesRequest rename;
  AddPerson(rename, staff_, "经办人乙");
  ASSERT_TRUE(Apply(rename).ok());
  const v1::EligibilityDecision now = Decide(PersonRequest(bidder_));
  v1::ReplayEligibilityDecisionResponse replay;
  ASSERT_TRUE(Replay(original.decision_id(), &replay).ok());
  ASSERT_EQ(now.reasons_size(), 1);
  EXPECT_EQ(now.reasons(0).path(1).name(), "经办人乙");
  ASSERT_EQ(replay.replayed().reasons_size(), 1);
  EXPECT_EQ(replay.replayed().reasons(0).path(1).name(), "经办人");
  EXPECT_TRUE(replay.same());
}

TEST_F(DecisionReplayTest, ReplayRestoresListEntriesRemovedByTruncate) {
  db_.Query("INSERT INTO registry_persons (national_id, name) VALUES ('" + bidder_ + "', '甲')");
  db_.Query("INSERT INTO registry_list_entries VALUES ('dishonest_judgment_debtor', '" + bidder_ +
            "', '最高人民法院失信被执行人名单', '2026-11-01')");
  ASSERT_TRUE(checker_->WaitForVersion(std::stoll(db_.Query("SELECT max(version) FROM "
                                                            "registry_versions")),
                                       std::chrono::seconds(10)));
  const v1::EligibilityDecision original = Decide(PersonRequest(bidder_));
  db_.Query("TRUNCATE registry_list_entries");
  v1::ReplayEligibilityDecisionResponse replay;
  ASSERT_TRUE(Replay(original.decision_id(), &replay).ok());
  EXPECT_EQ(original.outcome(), v1::ELIGIBILITY_OUTCOME_INELIGIBLE);
  EXPECT_EQ(db_.Query("SELECT count(*) FROM registry_list_entries"), "0");
  EXPECT_EQ(replay.replayed().outcome(), v1::ELIGIBILITY_OUTCOME_INELIGIBLE);
  EXPECT_TRUE(replay.same());
}

TEST_F(DecisionReplayTest, ReplayUsesTheSettingsTheDecisionWasMadeWith) {
  RegisterBidderAndStaff();
  Relate(v1::RELATION_KIND_SIBLING);
  // A server whose lineal relatives include siblings made the decision; this one's do not.
  domain::EligibilitySettings with_siblings;
  with_siblings.lineal_relation_kinds.insert(domain::RelationKind::kSibling);
  domain::EligibilityChecker sibling_checker(
      *registry_, with_siblings,
      {[] { return NowMicros(); },
       [] {
         return domain::Date{2026, 11, 28};
       },
       [] { return std::string("00000000-0000-4000-8000-00000000aaaa"); }});
  ASSERT_TRUE(sibling_checker.Refresh().ok());
  const v1::CheckBidderEligibilityRequest request = PersonRequest(bidder_);
  bool as_of_given = false;
  auto query = api::BidderQueryFromProto(request, &as_of_given);
  ASSERT_TRUE(query.ok());
  auto decided =
      sibling_checker.Check(*sibling_checker.Snapshot(), disposal_id_, query.value(), as_of_given);
  ASSERT_TRUE(decided.ok());
  v1::EligibilityDecision original;
  api::DecisionToProto(decided.value(), sibling_checker.described_settings(), &original);
  ASSERT_TRUE(log_->Record("partner-b", request, original).ok());
  log_->Flush();
  v1::ReplayEligibilityDecisionResponse replay;
  ASSERT_TRUE(Replay(original.decision_id(), &replay).ok());
  EXPECT_EQ(original.outcome(), v1::ELIGIBILITY_OUTCOME_INELIGIBLE);
  EXPECT_EQ(Decide(request).outcome(), v1::ELIGIBILITY_OUTCOME_ELIGIBLE);
  EXPECT_EQ(replay.replayed().outcome(), v1::ELIGIBILITY_OUTCOME_INELIGIBLE);
  EXPECT_TRUE(replay.same());
}

TEST_F(DecisionReplayTest, ReplayOfACheckWithoutAsOfUsesTheDayTheOriginalWasDecidedOn) {
  v1::ApplyRegistryChangesRequest servant;
  AddPerson(servant, bidder_, "公务员甲");
  v1::RoleEntry* role = servant.add_changes()->mutable_role();
  role->set_national_id(bidder_);
  role->set_role(v1::PERSON_ROLE_CIVIL_SERVANT);
  role->set_employer("某市财政局");
  *role->mutable_valid_from() = MakeProtoDate(2026, 11, 1);
  ASSERT_TRUE(Apply(servant).ok());
  v1::CheckBidderEligibilityRequest request = PersonRequest(bidder_);
  request.clear_as_of();
  const v1::EligibilityDecision original = Decide(request);
  v1::ReplayEligibilityDecisionResponse replay;
  ASSERT_TRUE(Replay(original.decision_id(), &replay).ok());
  EXPECT_EQ(original.outcome(), v1::ELIGIBILITY_OUTCOME_INELIGIBLE);
  EXPECT_TRUE(MessageDifferencer::Equals(replay.replayed().as_of(), original.as_of()));
  EXPECT_TRUE(replay.same()) << replay.differences(0);
}

TEST_F(DecisionReplayTest, ReplayReadsTheDisposalAsItWasWhenTheDecisionWasMade) {
  // The bidder paid 1,000,000; the deposit is raised to 2,000,000 after the decision.
  ExpectReplayUnmovedBy([&] {
    db_.Query("UPDATE disposals SET deposit = 2000000 WHERE id = '" + disposal_id_ + "'");
  });
}

TEST_F(DecisionReplayTest, ReplayReadsTheClaimsAsTheyWereWhenTheDecisionWasMade) {
  // The bidder becomes the debtor of the claim on offer only after the decision.
  std::string change = "UPDATE claims SET debtor_kind = 'person', debtor_name = '投资者', ";
  change += "debtor_identifier = '" + bidder_ + "', debtor_state_owned = false, ";
  change += "debtor_financial_institution = false WHERE id = '" + claim_id_ + "'";
  ExpectReplayUnmovedBy([&] { db_.Query(change); });
}

TEST_F(DecisionReplayTest, ReplayOfACheckNamingTheDisposalInCapitalsFindsTheDisposal) {
  v1::CheckBidderEligibilityRequest request = PersonRequest(bidder_);
  std::string upper = disposal_id_;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  ASSERT_NE(upper, disposal_id_);
  request.set_disposal_id(upper);
  const v1::EligibilityDecision original = Decide(request);
  v1::ReplayEligibilityDecisionResponse replay;
  const grpc::Status status = Replay(original.decision_id(), &replay);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(replay.replayed().outcome(), original.outcome());
  EXPECT_TRUE(replay.same()) << replay.differences(0);
}

TEST_F(DecisionReplayTest, ReplayListsTheDifferencesFromAReceiptThatDoesNotMatch) {
  // A receipt whose answer the registry as it was does not give (a fault, or a forged row):
  // the replay names every difference.
  const v1::CheckBidderEligibilityRequest request = PersonRequest(bidder_);
  v1::EligibilityDecision forged = Decide(request);
  ASSERT_EQ(forged.outcome(), v1::ELIGIBILITY_OUTCOME_ELIGIBLE);
  forged.set_decision_id("00000000-0000-4000-8000-00000000cccc");
  forged.set_outcome(v1::ELIGIBILITY_OUTCOME_INELIGIBLE);
  v1::EligibilityReason* reason = forged.add_reasons();
  reason->set_rule_id("excl.1.civil_servant");
  reason->set_outcome(v1::ELIGIBILITY_OUTCOME_INELIGIBLE);
  ASSERT_TRUE(log_->Record("partner-d", request, forged).ok());
  log_->Flush();
  v1::ReplayEligibilityDecisionResponse replay;
  ASSERT_TRUE(Replay(forged.decision_id(), &replay).ok());
  EXPECT_EQ(replay.replayed().outcome(), v1::ELIGIBILITY_OUTCOME_ELIGIBLE);
  EXPECT_FALSE(replay.same());
  ASSERT_EQ(replay.differences_size(), 2);
  EXPECT_EQ(replay.differences(0), "outcome: INELIGIBLE originally, ELIGIBLE on replay");
  EXPECT_EQ(replay.differences(1).rfind("reason only in the original: ", 0), 0u)
      << replay.differences(1);
  EXPECT_NE(replay.differences(1).find("excl.1.civil_servant"), std::string::npos)
      << replay.differences(1);
}

// Decisions stored before a pledgor was named one called it a guarantor: the same finding.
TEST_F(DecisionReplayTest, ADecisionNamingAPledgorAGuarantorReplaysTheSame) {
  db_.Query(
      "UPDATE claim_pledges SET pledgor_kind = 'person', pledgor_name = '投资者', "
      "pledgor_identifier = '" +
      bidder_ + "' WHERE claim_id = '" + claim_id_ + "' AND position = 0");
  checker_->InvalidateDisposalContexts();
  const v1::CheckBidderEligibilityRequest request = PersonRequest(bidder_);
  v1::EligibilityDecision earlier = Decide(request);
  ASSERT_EQ(earlier.reasons_size(), 1);
  ASSERT_EQ(earlier.reasons(0).path_size(), 2);
  ASSERT_EQ(earlier.reasons(0).path(1).relation(), "pledgor in this disposal");
  earlier.set_decision_id("00000000-0000-4000-8000-00000000dddd");
  earlier.mutable_reasons(0)->mutable_path(1)->set_relation("guarantor in this disposal");
  ASSERT_TRUE(log_->Record("partner-d", request, earlier).ok());
  log_->Flush();
  v1::ReplayEligibilityDecisionResponse replay;
  ASSERT_TRUE(Replay(earlier.decision_id(), &replay).ok());
  EXPECT_TRUE(replay.same()) << replay.differences(0);
}

// Decisions stored before a relative's step dropped its " of" ("parent of", for the person
// reached being the one before's parent) name the same finding.
TEST_F(DecisionReplayTest, ADecisionNamingARelativesStepWithOfReplaysTheSame) {
  std::string relation;
  const v1::ReplayEligibilityDecisionResponse replay = ReplayWithTheRelativesStep(
      "00000000-0000-4000-8000-00000000eeee",
      [](const std::string& label) { return label + " of"; }, &relation);
  ASSERT_TRUE(relation == "parent" || relation == "child") << relation;
  EXPECT_TRUE(replay.same()) << replay.differences(0);
  EXPECT_EQ(replay.replayed().reasons(0).path(1).relation(), relation);
}

// The other way round the step names another fact: not the same.
TEST_F(DecisionReplayTest, ADecisionNamingTheOtherKinshipDiffersOnReplay) {
  std::string relation;
  const v1::ReplayEligibilityDecisionResponse replay = ReplayWithTheRelativesStep(
      "00000000-0000-4000-8000-00000000ffff",
      [](const std::string& label) { return label == "parent" ? "child of" : "parent of"; },
      &relation);
  EXPECT_FALSE(replay.same());
}

TEST_F(DecisionReplayTest, UnknownDecisionIdIsNotFound) {
  const std::string unknown = "01234567-89ab-7cde-8f01-23456789abcd";
  v1::GetEligibilityDecisionRequest get;
  get.set_decision_id(unknown);
  v1::EligibilityReceipt receipt;
  v1::ReplayEligibilityDecisionResponse replay;
  EXPECT_EQ(audit_->Get(get, &receipt).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Replay(unknown, &replay).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(DecisionReplayTest, MalformedDecisionIdIsInvalidArgumentNamingTheField) {
  v1::ReplayEligibilityDecisionResponse replay;
  const grpc::Status status = Replay("not-a-uuid", &replay);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("decision_id"), std::string::npos)
      << status.error_message();
}

TEST_F(DecisionReplayTest, DecisionOlderThanTheRegistryHistoryIsFailedPrecondition) {
  // A receipt from before the history was kept: the history starts at the version that was
  // current when its migration ran.
  const std::string start = db_.Query("SELECT version FROM registry_history_start");
  const v1::CheckBidderEligibilityRequest request = PersonRequest(bidder_);
  v1::EligibilityDecision decision = Decide(request);
  decision.set_decision_id("00000000-0000-4000-8000-00000000bbbb");
  decision.set_registry_version(std::stoll(start) - 1);
  ASSERT_TRUE(log_->Record("partner-c", request, decision).ok());
  log_->Flush();
  v1::ReplayEligibilityDecisionResponse replay;
  const grpc::Status status = Replay(decision.decision_id(), &replay);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("registry history starts at version " + start),
            std::string::npos)
      << status.error_message();
}

TEST_F(DecisionReplayTest, RegistryHistoryRefusesUpdateDeleteAndTruncate) {
  RegisterBidderAndStaff();
  const std::string rows = db_.Query("SELECT count(*) FROM registry_history");
  EXPECT_THROW(db_.Query("UPDATE registry_history SET table_name = 'x'"), pqxx::sql_error);
  EXPECT_THROW(db_.Query("DELETE FROM registry_history"), pqxx::sql_error);
  EXPECT_THROW(db_.Query("TRUNCATE registry_history"), pqxx::sql_error);
  EXPECT_THROW(db_.Query("UPDATE registry_history_start SET version = 0"), pqxx::sql_error);
  EXPECT_EQ(db_.Query("SELECT count(*) FROM registry_history"), rows);
  EXPECT_NE(rows, "0");
}

// The history a replay rebuilds from is written by the registry's triggers alone: the server's
// role may change the registry (and so add history) but not add history rows of its own.
TEST_F(DecisionReplayTest, ServerRoleCannotAddRegistryHistoryRowsDirectly) {
  RegisterBidderAndStaff();
  const std::string rows = db_.Query("SELECT count(*) FROM registry_history");
  try {
    db_.Query(
        "SET LOCAL ROLE disposal_app; INSERT INTO registry_history (txid, statement, table_name, "
        "operation, old_row) SELECT txid, statement, table_name, operation, old_row "
        "FROM registry_history LIMIT 1");
    ADD_FAILURE() << "the server's role inserted a history row";
  } catch (const pqxx::sql_error& e) {
    EXPECT_NE(std::string(e.what()).find("permission denied"), std::string::npos) << e.what();
  }
  EXPECT_EQ(db_.Query("SELECT count(*) FROM registry_history"), rows);
}

}  // namespace
}  // namespace disposal::testing
