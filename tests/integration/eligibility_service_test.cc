// EligibilityService and RegistryService against a real PostgreSQL: registry changes seen by
// the next check, LISTEN/NOTIFY, batches pinned to a snapshot, bad input, imports, receipts.
#include <cctype>
#include <pqxx/pqxx>

#include "support/eligibility_fixture.h"

namespace disposal::testing {
namespace {

using EligibilityServiceTest = EligibilityFixture;

v1::ApplyRegistryChangesRequest CivilServant(const std::string& national_id) {
  v1::ApplyRegistryChangesRequest request;
  v1::RegistryPerson* person = request.add_changes()->mutable_person();
  person->set_national_id(national_id);
  person->set_name("公务员甲");
  v1::RoleEntry* role = request.add_changes()->mutable_role();
  role->set_national_id(national_id);
  role->set_role(v1::PERSON_ROLE_CIVIL_SERVANT);
  role->set_employer("某市财政局");
  *role->mutable_valid_from() = MakeProtoDate(2020, 1, 1);
  return request;
}

bool HasRule(const v1::EligibilityDecision& decision, const std::string& rule_id) {
  for (const v1::EligibilityReason& reason : decision.reasons()) {
    if (reason.rule_id() == rule_id) return true;
  }
  return false;
}

TEST_F(EligibilityServiceTest, UnregisteredAdultWithDepositIsEligible) {
  v1::EligibilityDecision decision;
  ASSERT_TRUE(Check(PersonRequest(NationalId("19800101", 11)), &decision).ok());
  EXPECT_EQ(decision.outcome(), v1::ELIGIBILITY_OUTCOME_ELIGIBLE);
  EXPECT_EQ(decision.reasons_size(), 0);
  EXPECT_FALSE(decision.decision_id().empty());
  EXPECT_GT(decision.registry_version(), 0);
}

TEST_F(EligibilityServiceTest, RegistryChangeIsSeenByTheNextCheck) {
  const std::string id = NationalId("19800101", 12);
  v1::EligibilityDecision before, after;
  ASSERT_TRUE(Check(PersonRequest(id), &before).ok());
  int64_t version = 0;
  ASSERT_TRUE(Apply(CivilServant(id), &version).ok());
  ASSERT_TRUE(Check(PersonRequest(id), &after).ok());
  EXPECT_EQ(before.outcome(), v1::ELIGIBILITY_OUTCOME_ELIGIBLE);
  EXPECT_EQ(after.outcome(), v1::ELIGIBILITY_OUTCOME_INELIGIBLE);
  EXPECT_TRUE(HasRule(after, "excl.1.civil_servant"));
  EXPECT_EQ(after.registry_version(), version);
}

TEST_F(EligibilityServiceTest, DatabaseRefusesARegistryIdentifierNotInCanonicalShape) {
  std::string lowercase = NationalId("19491231", 2);  // ends in X: 11010519491231002X
  ASSERT_EQ(lowercase.back(), 'X');
  lowercase.back() = 'x';
  EXPECT_THROW(db_.Query("INSERT INTO registry_persons (national_id, name) VALUES ('" + lowercase +
                         "', '张三')"),
               pqxx::sql_error);
  EXPECT_THROW(db_.Query("INSERT INTO registry_list_entries VALUES ('sanctions', "
                         "'91110000 00037341L', 'list', 'v1')"),
               pqxx::sql_error);
}

TEST_F(EligibilityServiceTest, ChangeMadeOutsideTheServiceArrivesThroughListenNotify) {
  const std::string id = NationalId("19800101", 13);
  const int64_t before = checker_->Snapshot()->version();
  db_.Query("INSERT INTO registry_persons (national_id, name) VALUES ('" + id + "', '甲')");
  db_.Query("INSERT INTO registry_list_entries VALUES ('dishonest_judgment_debtor', '" + id +
            "', '最高人民法院失信被执行人名单', '2026-11-01')");
  ASSERT_TRUE(checker_->WaitForVersion(before + 2, std::chrono::seconds(10)));
  v1::EligibilityDecision decision;
  ASSERT_TRUE(Check(PersonRequest(id), &decision).ok());
  EXPECT_TRUE(HasRule(decision, "excl.list.dishonest"));
}

TEST_F(EligibilityServiceTest, InvalidNationalIdIsInvalidArgumentNeverIneligible) {
  v1::EligibilityDecision decision;
  grpc::Status status = Check(PersonRequest("110105198001010111"), &decision);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("bidder.person.national_id"), std::string::npos)
      << status.error_message();
}

// Without a name the REVIEW rule (a registered excluded person of the same name) could not
// look: an empty name is refused, never ELIGIBLE, and so is one past 100 characters.
TEST_F(EligibilityServiceTest, BidderWithoutANameIsInvalidArgumentNamingTheField) {
  v1::EligibilityDecision decision;
  grpc::Status status = Check(PersonRequest(NationalId("19800101", 15), ""), &decision);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("bidder.person.name"), std::string::npos)
      << status.error_message();
  status = Check(PersonRequest(NationalId("19800101", 15), std::string(101, 'a')), &decision);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("bidder.person.name"), std::string::npos)
      << status.error_message();
}

TEST_F(EligibilityServiceTest, NationalIdBornAfterTodayIsInvalidArgumentNeverAMinor) {
  v1::EligibilityDecision decision;
  grpc::Status status = Check(PersonRequest(NationalId("20300101", 15)), &decision);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("bidder.person.national_id"), std::string::npos)
      << status.error_message();
  EXPECT_NE(status.error_message().find("in the future"), std::string::npos)
      << status.error_message();
}

// PostgreSQL writes UUIDs in lower case, and the registry's engagements are keyed so; a partner
// that sends the disposal's id in capitals must meet the same exclusions.
TEST_F(EligibilityServiceTest, DisposalIdInCapitalsStillFindsTheEngagedIntermediary) {
  const std::string lawyer = NationalId("19750101", 16);
  v1::ImportRegistryResponse imported;
  ASSERT_TRUE(Import("person," + lawyer + ",王律师\nengagement," + disposal_id_ + "," + lawyer +
                         ",lawyer\n",
                     &imported)
                  .ok());
  ASSERT_TRUE(imported.applied());
  v1::CheckBidderEligibilityRequest request = PersonRequest(lawyer);
  std::string capitals = disposal_id_;
  for (char& c : capitals) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  ASSERT_NE(capitals, disposal_id_);
  request.set_disposal_id(capitals);
  v1::EligibilityDecision decision;
  ASSERT_TRUE(Check(request, &decision).ok());
  EXPECT_EQ(decision.outcome(), v1::ELIGIBILITY_OUTCOME_INELIGIBLE);
  EXPECT_TRUE(HasRule(decision, "excl.6.intermediary"));
}

// The chain attests which file made the registry version: its digest (computed here by
// PostgreSQL), size, lines and the rows applied are in the import's audit event.
TEST_F(EligibilityServiceTest, AnImportsAuditEventNamesTheFilesDigestSizeLinesAndRows) {
  const std::string csv = "# persons\nperson," + NationalId("19800101", 41) + ",甲\nperson," +
                          NationalId("19800101", 42) + ",乙\n";
  v1::ImportRegistryResponse response;
  ASSERT_TRUE(Import(csv, &response).ok());
  ASSERT_TRUE(response.applied());
  const std::string event =
      "FROM audit_events WHERE rpc = 'disposal.v1.RegistryService/ImportRegistry'";
  EXPECT_EQ(db_.Query("SELECT payload->>'file_sha256' " + event),
            db_.Query("SELECT encode(sha256(convert_to('" + csv + "', 'UTF8')), 'hex')"));
  EXPECT_EQ(db_.Query("SELECT payload->>'file_bytes' " + event), std::to_string(csv.size()));
  EXPECT_EQ(db_.Query("SELECT payload->>'file_lines' " + event), "3");
  EXPECT_EQ(db_.Query("SELECT payload->>'rows' " + event), "2");
}

TEST_F(EligibilityServiceTest, UnknownDisposalIsNotFound) {
  v1::CheckBidderEligibilityRequest request = PersonRequest(NationalId("19800101", 14));
  request.set_disposal_id("00000000-0000-4000-8000-000000000000");
  v1::EligibilityDecision decision;
  EXPECT_EQ(Check(request, &decision).error_code(), grpc::StatusCode::NOT_FOUND);
}

v1::EligibilityStreamRequest StreamMessage(std::vector<v1::CheckBidderEligibilityRequest> checks) {
  v1::EligibilityStreamRequest message;
  for (v1::CheckBidderEligibilityRequest& check : checks) *message.add_checks() = std::move(check);
  return message;
}

TEST_F(EligibilityServiceTest, StreamAnswersFromTheSnapshotItOpenedWith) {
  const std::string id = NationalId("19800101", 15);
  grpc::ClientContext context;
  auto stream = stub_->CheckBidderEligibilityStream(&context);
  v1::EligibilityStreamResponse first, second;
  ASSERT_TRUE(stream->Write(StreamMessage({PersonRequest(id)})));
  ASSERT_TRUE(stream->Read(&first));
  ASSERT_TRUE(Apply(CivilServant(id)).ok());
  ASSERT_TRUE(stream->Write(StreamMessage({PersonRequest(id)})));
  ASSERT_TRUE(stream->Read(&second));
  stream->WritesDone();
  ASSERT_TRUE(stream->Finish().ok());
  ASSERT_EQ(first.results_size(), 1);
  ASSERT_EQ(second.results_size(), 1);
  EXPECT_EQ(first.results(0).decision().outcome(), v1::ELIGIBILITY_OUTCOME_ELIGIBLE);
  EXPECT_EQ(second.results(0).decision().outcome(), v1::ELIGIBILITY_OUTCOME_ELIGIBLE);
  EXPECT_EQ(second.results(0).index(), 1);
  EXPECT_EQ(second.results(0).decision().registry_version(),
            first.results(0).decision().registry_version());
  v1::EligibilityDecision unary;
  ASSERT_TRUE(Check(PersonRequest(id), &unary).ok());
  EXPECT_EQ(unary.outcome(), v1::ELIGIBILITY_OUTCOME_INELIGIBLE);
}

TEST_F(EligibilityServiceTest, InvalidBatchItemFailsAloneWithItsIndex) {
  grpc::ClientContext context;
  auto stream = stub_->CheckBidderEligibilityStream(&context);
  ASSERT_TRUE(stream->Write(StreamMessage(
      {PersonRequest(NationalId("19800101", 16)), PersonRequest("11010519800101016X")})));
  ASSERT_TRUE(stream->Write(StreamMessage({PersonRequest(NationalId("19800101", 17))})));
  stream->WritesDone();
  std::vector<v1::EligibilityStreamResult> answers;
  v1::EligibilityStreamResponse response;
  while (stream->Read(&response)) {
    for (const v1::EligibilityStreamResult& result : response.results()) answers.push_back(result);
  }
  ASSERT_TRUE(stream->Finish().ok());
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_TRUE(answers[0].has_decision());
  EXPECT_EQ(answers[1].index(), 1);
  EXPECT_NE(answers[1].error().find("INVALID_ARGUMENT"), std::string::npos) << answers[1].error();
  EXPECT_EQ(answers[2].index(), 2);
  EXPECT_TRUE(answers[2].has_decision());
}

// 1,000 answers of 20 same-name reasons each pass the 4 MiB a message may carry: they come in
// parts, every check answered once, in order.
TEST_F(EligibilityServiceTest, AStreamMessagesAnswersTooLargeForOneMessageComeInParts) {
  v1::ApplyRegistryChangesRequest namesakes;
  for (int i = 0; i < 20; ++i) {
    v1::ApplyRegistryChangesRequest one = CivilServant(NationalId("19700101", 100 + i));
    one.mutable_changes(0)->mutable_person()->set_name("王伟");
    for (const v1::RegistryChange& change : one.changes()) *namesakes.add_changes() = change;
  }
  ASSERT_TRUE(Apply(namesakes).ok());
  std::vector<v1::CheckBidderEligibilityRequest> checks;
  for (int i = 0; i < 1000; ++i) checks.push_back(PersonRequest(NationalId("19850101", i), "王伟"));
  grpc::ClientContext context;
  auto stream = stub_->CheckBidderEligibilityStream(&context);
  ASSERT_TRUE(stream->Write(StreamMessage(std::move(checks))));
  stream->WritesDone();
  int messages = 0;
  std::vector<int64_t> indexes;
  v1::EligibilityStreamResponse response;
  while (stream->Read(&response)) {
    ++messages;
    EXPECT_LE(response.ByteSizeLong(), 4u * 1024 * 1024);
    for (const v1::EligibilityStreamResult& result : response.results()) {
      EXPECT_EQ(result.decision().outcome(), v1::ELIGIBILITY_OUTCOME_REVIEW);
      indexes.push_back(result.index());
    }
  }
  const grpc::Status finished = stream->Finish();
  ASSERT_TRUE(finished.ok()) << finished.error_message();
  EXPECT_GT(messages, 1);
  ASSERT_EQ(indexes.size(), 1000u);
  for (size_t i = 0; i < indexes.size(); ++i) EXPECT_EQ(indexes[i], static_cast<int64_t>(i));
}

TEST_F(EligibilityServiceTest, StreamMessageOverTheCheckBoundEndsTheStreamAsInvalidArgument) {
  grpc::ClientContext context;
  auto stream = stub_->CheckBidderEligibilityStream(&context);
  std::vector<v1::CheckBidderEligibilityRequest> checks(1001,
                                                        PersonRequest(NationalId("19800101", 16)));
  stream->Write(StreamMessage(std::move(checks)));
  stream->WritesDone();
  v1::EligibilityStreamResponse response;
  EXPECT_FALSE(stream->Read(&response));
  const grpc::Status status = stream->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("checks"), std::string::npos) << status.error_message();
}

TEST_F(EligibilityServiceTest, EmptyStreamMessageEndsTheStreamAsInvalidArgument) {
  grpc::ClientContext context;
  auto stream = stub_->CheckBidderEligibilityStream(&context);
  stream->Write(v1::EligibilityStreamRequest());
  stream->WritesDone();
  v1::EligibilityStreamResponse response;
  EXPECT_FALSE(stream->Read(&response));
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

// A stream that has been answered once, and so holds its slot on the server.
struct OpenStream {
  grpc::ClientContext context;
  std::unique_ptr<
      grpc::ClientReaderWriter<v1::EligibilityStreamRequest, v1::EligibilityStreamResponse>>
      stream;
};

TEST_F(EligibilityServiceTest, OneCallerMayKeepOnlySoManyStreamsOpen) {
  const v1::EligibilityStreamRequest message =
      StreamMessage({PersonRequest(NationalId("19800101", 18))});
  std::vector<std::unique_ptr<OpenStream>> open;
  for (int i = 0; i < api::EligibilityServiceImpl::kStreamsPerCallerMax; ++i) {
    open.push_back(std::make_unique<OpenStream>());
    open.back()->stream = stub_->CheckBidderEligibilityStream(&open.back()->context);
    v1::EligibilityStreamResponse answer;
    ASSERT_TRUE(open.back()->stream->Write(message));
    ASSERT_TRUE(open.back()->stream->Read(&answer)) << "stream " << i;
  }
  grpc::ClientContext context;
  auto refused = stub_->CheckBidderEligibilityStream(&context);
  refused->Write(message);
  v1::EligibilityStreamResponse answer;
  EXPECT_FALSE(refused->Read(&answer));
  const grpc::Status status = refused->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
  EXPECT_NE(status.error_message().find("close one"), std::string::npos) << status.error_message();

  // A stream closed gives its slot back.
  open.front()->stream->WritesDone();
  ASSERT_TRUE(open.front()->stream->Finish().ok());
  grpc::ClientContext again_context;
  auto again = stub_->CheckBidderEligibilityStream(&again_context);
  ASSERT_TRUE(again->Write(message));
  EXPECT_TRUE(again->Read(&answer));
  again->WritesDone();
  EXPECT_TRUE(again->Finish().ok());
  for (size_t i = 1; i < open.size(); ++i) {
    open[i]->stream->WritesDone();
    EXPECT_TRUE(open[i]->stream->Finish().ok());
  }
}

std::string HexOf(const std::string& bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : bytes) {
    hex += kDigits[c >> 4];
    hex += kDigits[c & 15];
  }
  return hex;
}

TEST_F(EligibilityServiceTest, DecisionIsWrittenToTheAuditLogWithItsRegistryVersion) {
  v1::EligibilityDecision decision;
  const v1::CheckBidderEligibilityRequest request = PersonRequest(NationalId("19800101", 18));
  ASSERT_TRUE(Check(request, &decision).ok());
  log_->Flush();
  const std::string where =
      " FROM eligibility_decisions WHERE decision_id = '" + decision.decision_id() + "'";
  EXPECT_EQ(db_.Query("SELECT registry_version" + where),
            std::to_string(decision.registry_version()));
  EXPECT_EQ(db_.Query("SELECT outcome || ' ' || bidder || ' ' || disposal_id" + where),
            "ELIGIBLE " + request.bidder().person().national_id() + " " + disposal_id_);
  EXPECT_EQ(db_.Query("SELECT encode(decision, 'hex')" + where),
            HexOf(decision.SerializeAsString()));
  EXPECT_EQ(db_.Query("SELECT encode(request, 'hex')" + where), HexOf(request.SerializeAsString()));
}

TEST_F(EligibilityServiceTest, DecisionReceiptsRefuseUpdateAndDelete) {
  v1::EligibilityDecision decision;
  ASSERT_TRUE(Check(PersonRequest(NationalId("19800101", 18)), &decision).ok());
  log_->Flush();
  EXPECT_THROW(db_.Query("UPDATE eligibility_decisions SET outcome = 'INELIGIBLE'"),
               pqxx::sql_error);
  EXPECT_THROW(db_.Query("DELETE FROM eligibility_decisions"), pqxx::sql_error);
  EXPECT_THROW(db_.Query("TRUNCATE eligibility_decisions"), pqxx::sql_error);
  EXPECT_EQ(db_.Query("SELECT outcome FROM eligibility_decisions"), "ELIGIBLE");
}

TEST_F(EligibilityServiceTest, ImportWithAnInvalidRowReportsItsLineAndAppliesNothing) {
  const std::string good = NationalId("19800101", 19);
  const std::string csv = "# registry\nperson," + good + ",甲\nperson,110105198001010111,乙\n";
  v1::ImportRegistryResponse response;
  ASSERT_TRUE(Import(csv, &response).ok());
  EXPECT_FALSE(response.applied());
  ASSERT_EQ(response.errors_size(), 1);
  EXPECT_EQ(response.errors(0).line(), 3);
  EXPECT_EQ(db_.Query("SELECT count(*) FROM registry_persons"), "0");
}

v1::RegistryChange RelationChange(const std::string& person, v1::RelationKind kind,
                                  const std::string& other, bool remove) {
  v1::RegistryChange change;
  change.mutable_relation()->set_national_id(person);
  change.mutable_relation()->set_kind(kind);
  change.mutable_relation()->set_other_national_id(other);
  change.set_remove(remove);
  return change;
}

v1::ApplyRegistryChangesRequest Persons(std::initializer_list<std::string> national_ids) {
  v1::ApplyRegistryChangesRequest request;
  for (const std::string& national_id : national_ids) {
    v1::RegistryPerson* person = request.add_changes()->mutable_person();
    person->set_national_id(national_id);
    person->set_name("亲属");
  }
  return request;
}

v1::ApplyRegistryChangesRequest Changes(std::initializer_list<v1::RegistryChange> changes) {
  v1::ApplyRegistryChangesRequest request;
  for (const v1::RegistryChange& change : changes) *request.add_changes() = change;
  return request;
}

// "A parent of B" and "B child of A" are one fact: a removal spelt the other way round removes
// it (after a divorce, a spouse relation is often entered from the other side).
TEST_F(EligibilityServiceTest, RemovingARelationSpeltTheOtherWayRoundRemovesIt) {
  const std::string a = NationalId("19600101", 31), b = NationalId("19850101", 32);
  ASSERT_TRUE(Apply(Persons({a, b})).ok());
  ASSERT_TRUE(Apply(Changes({RelationChange(a, v1::RELATION_KIND_SPOUSE, b, false),
                             RelationChange(a, v1::RELATION_KIND_PARENT, b, false)}))
                  .ok());
  ASSERT_EQ(db_.Query("SELECT count(*) FROM registry_relations"), "2");
  ASSERT_TRUE(Apply(Changes({RelationChange(b, v1::RELATION_KIND_SPOUSE, a, true),
                             RelationChange(b, v1::RELATION_KIND_CHILD, a, true)}))
                  .ok());
  EXPECT_EQ(db_.Query("SELECT count(*) FROM registry_relations"), "0");
}

TEST_F(EligibilityServiceTest, AddingARelationSpeltTheOtherWayRoundKeepsOneRow) {
  const std::string a = NationalId("19600101", 31), b = NationalId("19850101", 32);
  ASSERT_TRUE(Apply(Persons({a, b})).ok());
  ASSERT_TRUE(Apply(Changes({RelationChange(a, v1::RELATION_KIND_GRANDPARENT, b, false)})).ok());
  ASSERT_TRUE(Apply(Changes({RelationChange(b, v1::RELATION_KIND_GRANDCHILD, a, false)})).ok());
  EXPECT_EQ(db_.Query("SELECT national_id || ' ' || kind FROM registry_relations"),
            b + " grandchild");
}

// A name exported from a spreadsheet cell of two lines spans two lines of the file; the rows
// after it keep their line numbers.
TEST_F(EligibilityServiceTest, ImportOfANameHoldingALineBreakCountsTheLinesAfterIt) {
  const std::string csv =
      "person," + NationalId("19800101", 19) + ",\"王\n某\"\nperson,110105198001010111,乙\n";
  v1::ImportRegistryResponse response;
  ASSERT_TRUE(Import(csv, &response).ok());
  ASSERT_EQ(response.errors_size(), 1);
  EXPECT_EQ(response.errors(0).line(), 3);
  ASSERT_TRUE(Import("person," + NationalId("19800101", 19) + ",\"王\n某\"\n", &response).ok());
  EXPECT_TRUE(response.applied());
  EXPECT_EQ(db_.Query("SELECT name FROM registry_persons"), "王\n某");
}

TEST_F(EligibilityServiceTest, ImportCutOffBeforeItsLastChunkAppliesNothing) {
  // The upload stops inside a role's line: applied, it would be a role without its end date.
  const std::string person = NationalId("19800101", 19);
  const std::string csv =
      "person," + person + ",甲\nrole," + person + ",civil_servant,某局,,2010-01-01";
  v1::ImportRegistryResponse response;
  const grpc::Status status = Import(csv, &response, /*mark_last=*/false);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("last"), std::string::npos) << status.error_message();
  EXPECT_EQ(db_.Query("SELECT count(*) FROM registry_persons"), "0");
  EXPECT_EQ(db_.Query("SELECT count(*) FROM registry_roles"), "0");
}

TEST_F(EligibilityServiceTest, ImportWithAChunkAfterTheLastIsRefusedAndAppliesNothing) {
  grpc::ClientContext context;
  v1::ImportRegistryResponse response;
  auto writer = registry_stub_->ImportRegistry(&context, &response);
  v1::ImportRegistryChunk chunk;
  chunk.set_data("person," + NationalId("19800101", 19) + ",甲\n");
  chunk.set_last(true);
  writer->Write(chunk);
  chunk.set_data("person," + NationalId("19800101", 20) + ",乙\n");
  writer->Write(chunk);
  writer->WritesDone();
  const grpc::Status status = writer->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(db_.Query("SELECT count(*) FROM registry_persons"), "0");
}

TEST_F(EligibilityServiceTest, RegistryChangeNamingAPersonBornAfterTodayIsRefusedWithItsField) {
  // The server's today is 2026-11-28: an ID born on 2030-01-01 cannot be anyone's yet.
  v1::ApplyRegistryChangesRequest request = CivilServant(NationalId("19800101", 21));
  request.mutable_changes(1)->mutable_role()->set_national_id(NationalId("20300101", 21));
  int64_t version = 0;
  const grpc::Status status = Apply(request, &version);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("changes[1].role.national_id: birth date 20300101 is in "
                                        "the future"),
            std::string::npos)
      << status.error_message();
  EXPECT_EQ(db_.Query("SELECT count(*) FROM registry_persons"), "0");
}

TEST_F(EligibilityServiceTest, ImportRowNamingAPersonBornAfterTodayIsReportedWithItsLine) {
  const std::string parent = NationalId("19800101", 22);
  const std::string csv = "person," + parent + ",甲\nrelation," + parent + ",child," +
                          NationalId("20291231", 22) + "\n";
  v1::ImportRegistryResponse response;
  ASSERT_TRUE(Import(csv, &response).ok());
  EXPECT_FALSE(response.applied());
  ASSERT_EQ(response.errors_size(), 1);
  EXPECT_EQ(response.errors(0).line(), 2);
  EXPECT_NE(response.errors(0).reason().find("column 4 (other_national_id): birth date 20291231"),
            std::string::npos)
      << response.errors(0).reason();
  EXPECT_EQ(db_.Query("SELECT count(*) FROM registry_persons"), "0");
}

TEST_F(EligibilityServiceTest, EntryBornTodayIsAcceptedAndAFutureBornOneCanBeRemoved) {
  const std::string born_today = NationalId("20261128", 23);
  int64_t version = 0;
  ASSERT_TRUE(Apply(CivilServant(born_today), &version).ok());
  // An entry stored before this check existed can still be taken out.
  const std::string future = NationalId("20300101", 23);
  db_.Query("INSERT INTO registry_persons (national_id, name) VALUES ('" + future + "', '乙')");
  v1::ApplyRegistryChangesRequest removal;
  removal.add_changes()->mutable_person()->set_national_id(future);
  removal.mutable_changes(0)->mutable_person()->set_name("乙");
  removal.mutable_changes(0)->set_remove(true);
  const grpc::Status status = Apply(removal, &version);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(db_.Query("SELECT count(*) FROM registry_persons WHERE national_id = '" + future + "'"),
            "0");
}

// An entry stored under older check-character rules (the database checks the shape only) can
// be taken out through the API: a removal names what is stored.
TEST_F(EligibilityServiceTest, ARoleStoredUnderAnOutdatedCheckCharacterCanBeRemoved) {
  const std::string outdated = "110105194912310021";  // the check character should be X
  db_.Query("INSERT INTO registry_persons (national_id, name) VALUES ('" + outdated + "', '丙')");
  db_.Query("INSERT INTO registry_roles (national_id, role, valid_from) VALUES ('" + outdated +
            "', 'civil_servant', '2020-01-01')");
  v1::ApplyRegistryChangesRequest removal;
  v1::RoleEntry* role = removal.add_changes()->mutable_role();
  role->set_national_id(outdated);
  role->set_role(v1::PERSON_ROLE_CIVIL_SERVANT);
  *role->mutable_valid_from() = MakeProtoDate(2020, 1, 1);
  removal.mutable_changes(0)->set_remove(true);
  int64_t version = 0;
  const grpc::Status status = Apply(removal, &version);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(db_.Query("SELECT count(*) FROM registry_roles WHERE national_id = '" + outdated + "'"),
            "0");
}

TEST_F(EligibilityServiceTest,
       ImportRowNamingAPersonNeitherRegisteredNorInTheFileIsReportedOnItsLine) {
  const std::string spouse = NationalId("19800101", 31);
  const std::string unknown = NationalId("19800101", 32);
  const std::string csv =
      "person," + spouse + ",甲\n# a comment\nrelation," + spouse + ",spouse," + unknown + "\n";
  v1::ImportRegistryResponse response;
  ASSERT_TRUE(Import(csv, &response).ok());
  EXPECT_FALSE(response.applied());
  ASSERT_EQ(response.errors_size(), 1);
  EXPECT_EQ(response.errors(0).line(), 3);
  EXPECT_NE(response.errors(0).reason().find("other_national_id " + unknown + ": no person"),
            std::string::npos)
      << response.errors(0).reason();
  EXPECT_EQ(db_.Query("SELECT count(*) FROM registry_persons"), "0");
}

TEST_F(EligibilityServiceTest,
       ImportRowsNamingAnUnknownOrganisationOrDisposalAreReportedOnTheirLines) {
  const std::string person = NationalId("19800101", 33);
  const std::string csv = "person," + person + ",甲\nparticipation," + person + "," +
                          CreditCode(903) + ",director,,2020-01-01\n" +
                          "engagement,00000000-0000-4000-8000-000000000009," + person + ",lawyer\n";
  v1::ImportRegistryResponse response;
  ASSERT_TRUE(Import(csv, &response).ok());
  EXPECT_FALSE(response.applied());
  ASSERT_EQ(response.errors_size(), 2);
  EXPECT_EQ(response.errors(0).line(), 2);
  EXPECT_NE(response.errors(0).reason().find("no organisation"), std::string::npos);
  EXPECT_EQ(response.errors(1).line(), 3);
  EXPECT_NE(response.errors(1).reason().find("no disposal"), std::string::npos);
}

// Rows are applied in file order: a relation above the person it names would fail in the
// database, so it is reported on its line with where the person comes.
TEST_F(EligibilityServiceTest, ImportRowNamingAPersonAddedOnlyOnALaterLineIsReportedOnItsLine) {
  const std::string first = NationalId("19800101", 36);
  const std::string second = NationalId("19800101", 37);
  const std::string csv = "person," + first + ",甲\nrelation," + first + ",spouse," + second +
                          "\nperson," + second + ",乙\n";
  v1::ImportRegistryResponse response;
  ASSERT_TRUE(Import(csv, &response).ok());
  EXPECT_FALSE(response.applied());
  ASSERT_EQ(response.errors_size(), 1);
  EXPECT_EQ(response.errors(0).line(), 2);
  EXPECT_NE(response.errors(0).reason().find("is added only on line 3"), std::string::npos)
      << response.errors(0).reason();
}

TEST_F(EligibilityServiceTest, ImportRowNamingAPersonRemovedOnAnEarlierLineIsReportedOnItsLine) {
  const std::string kept = NationalId("19800101", 38);
  const std::string removed = NationalId("19800101", 39);
  v1::ImportRegistryResponse first;
  ASSERT_TRUE(Import("person," + kept + ",甲\nperson," + removed + ",乙\n", &first).ok());
  ASSERT_TRUE(first.applied());
  v1::ImportRegistryResponse response;
  ASSERT_TRUE(Import("-person," + removed + ",乙\nrelation," + kept + ",spouse," + removed + "\n",
                     &response)
                  .ok());
  EXPECT_FALSE(response.applied());
  ASSERT_EQ(response.errors_size(), 1);
  EXPECT_EQ(response.errors(0).line(), 2);
}

TEST_F(EligibilityServiceTest, ImportRowNamingAPersonRegisteredEarlierIsApplied) {
  const std::string registered = NationalId("19800101", 34);
  v1::ImportRegistryResponse first;
  ASSERT_TRUE(Import("person," + registered + ",甲\n", &first).ok());
  ASSERT_TRUE(first.applied());
  const std::string other = NationalId("19800101", 35);
  v1::ImportRegistryResponse response;
  ASSERT_TRUE(Import("person," + other + ",乙\nrelation," + other + ",spouse," + registered + "\n",
                     &response)
                  .ok());
  EXPECT_TRUE(response.applied()) << (response.errors_size() ? response.errors(0).reason() : "");
}

TEST_F(EligibilityServiceTest, ImportedMultiHopPathExcludesTheCompany) {
  const std::string shareholder = NationalId("19700101", 21);
  const std::string head = NationalId("19720101", 22);
  const std::string company = CreditCode(901);
  const std::string csv = "person," + shareholder + ",张三\nperson," + head + ",李四\n" +
                          "organization," + company + ",某投资有限公司,0,0,0\n" + "participation," +
                          shareholder + "," + company + ",shareholder,30,2020-01-01\n" +
                          "relation," + shareholder + ",spouse," + head + "\n" + "engagement," +
                          disposal_id_ + "," + head + ",appraisal_agency_head\n";
  v1::ImportRegistryResponse imported;
  ASSERT_TRUE(Import(csv, &imported).ok());
  ASSERT_TRUE(imported.applied()) << (imported.errors_size() ? imported.errors(0).reason() : "");
  v1::CheckBidderEligibilityRequest request = PersonRequest(shareholder);
  request.mutable_bidder()->mutable_organization()->set_credit_code(company);
  request.mutable_bidder()->mutable_organization()->set_name("某投资有限公司");
  v1::EligibilityDecision decision;
  ASSERT_TRUE(Check(request, &decision).ok());
  EXPECT_EQ(decision.outcome(), v1::ELIGIBILITY_OUTCOME_INELIGIBLE);
  ASSERT_TRUE(HasRule(decision, "excl.7.participated_entity"));
  const v1::EligibilityReason& reason = decision.reasons(0);
  ASSERT_GE(reason.path_size(), 3);
  EXPECT_EQ(reason.path(0).identifier(), company);
  EXPECT_EQ(reason.path(1).identifier(), shareholder);
  EXPECT_EQ(reason.path(2).identifier(), head);
}

}  // namespace
}  // namespace disposal::testing

namespace disposal::testing {
namespace {

TEST(EligibilityIndexLoadingTest, ChecksAreUnavailableUntilTheFirstSnapshotIsLoaded) {
  TestDatabase db;
  store::PgRegistryRepository registry(db.database());
  domain::EligibilityChecker checker(registry, domain::EligibilitySettings{},
                                     {[] { return int64_t{0}; },
                                      [] {
                                        return domain::Date{2026, 11, 28};
                                      },
                                      [] { return std::string("id"); }});
  api::DecisionLog log(registry);
  api::EligibilityServiceImpl service(checker, log);
  grpc::ServerBuilder builder;
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  auto stub = v1::EligibilityService::NewStub(server->InProcessChannel(grpc::ChannelArguments()));
  grpc::ClientContext context;
  v1::CheckBidderEligibilityRequest request;
  v1::EligibilityDecision decision;
  grpc::Status status = stub->CheckBidderEligibility(&context, request, &decision);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  server->Shutdown();
  ASSERT_TRUE(checker.Refresh().ok());
  EXPECT_NE(checker.Snapshot(), nullptr);
}

// The database's foreign keys would refuse it too, but in their own words and naming no change.
TEST_F(EligibilityServiceTest, ChangeNamingAnUnregisteredOrganisationIsRefusedWithItsField) {
  const std::string holder = NationalId("19800101", 41);
  v1::ApplyRegistryChangesRequest request = CivilServant(holder);
  v1::ParticipationEntry* share = request.add_changes()->mutable_participation();
  share->set_national_id(holder);
  share->set_credit_code(CreditCode(77));
  share->set_kind(v1::PARTICIPATION_KIND_SHAREHOLDER);
  share->mutable_percent()->set_value("30");
  *share->mutable_valid_from() = MakeProtoDate(2020, 1, 1);
  const grpc::Status status = Apply(request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status.error_message().rfind("changes[2].participation.credit_code: " + CreditCode(77) +
                                             ": no organisation with this identifier",
                                         0),
            0u)
      << status.error_message();
  EXPECT_EQ(db_.Query("SELECT count(*) FROM registry_persons"), "0");
}

// The retry of a call whose answer was lost is answered from the first call, even though what
// it named has been removed since (a reference check before the request id's would refuse it,
// and the caller would think it never took effect).
TEST_F(EligibilityServiceTest, RetryOfAnAppliedChangeIsAnsweredAfterWhatItNamedWasRemoved) {
  const std::string id = NationalId("19800101", 42);
  v1::ApplyRegistryChangesRequest person = CivilServant(id);
  person.mutable_changes()->DeleteSubrange(1, 1);  // the person only
  person.set_request_id("add-person");
  ASSERT_TRUE(Apply(person).ok());
  v1::ApplyRegistryChangesRequest role = CivilServant(id);
  role.mutable_changes()->DeleteSubrange(0, 1);  // the role only
  role.set_request_id("add-role");
  int64_t first = 0;
  ASSERT_TRUE(Apply(role, &first).ok());
  v1::ApplyRegistryChangesRequest removal = CivilServant(id);
  std::swap(*removal.mutable_changes(0), *removal.mutable_changes(1));  // the role first
  for (v1::RegistryChange& change : *removal.mutable_changes()) change.set_remove(true);
  removal.set_request_id("remove-both");
  const grpc::Status removed = Apply(removal);
  ASSERT_TRUE(removed.ok()) << removed.error_message();
  int64_t retried = 0;
  const grpc::Status status = Apply(role, &retried);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(retried, first);
}

}  // namespace
}  // namespace disposal::testing
