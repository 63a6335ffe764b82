// The audit history on a real PostgreSQL: chains the database links, tampering by a superuser
// named by verification, the server's role unable to change history, and history streams.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "api/audit_service.h"
#include "api/decision_audit.h"
#include "disposal/v1/audit.grpc.pb.h"
#include "store/audit_store.h"
#include "store/decision_audit_store.h"
#include "store/registry_store.h"
#include "support/audit_service_fixture.h"
#include "support/lock_waiters.h"

namespace disposal::testing {
namespace {

constexpr char kClaim[] = "0b6f7a52-3c3e-4d4e-9a43-7e4b1c2d3e4f";
constexpr char kOtherClaim[] = "1c7f8b63-4d4f-4e5f-8b54-8f5c2d3e4f50";

class AuditHistoryTest : public AuditServiceFixture {
 protected:
  // Runs `sql` as a superuser who has switched the append-only triggers off.
  void Tamper(const std::string& sql) {
    db_.Query("SET LOCAL session_replication_role = replica; " + sql);
  }

  // Moves `claim`'s head back to its event at `position`, as a superuser with the head's guard
  // switched off could, leaving the later events stored past it.
  void MoveHeadBackTo(const std::string& claim, int position) {
    const std::string at = std::to_string(position);
    Tamper("UPDATE audit_heads h SET chain_seq = " + at +
           ", hash = e.hash FROM audit_events e WHERE e.subject_id = h.subject_id AND "
           "e.chain_seq = " +
           at + " AND h.subject_id = '" + claim + "'");
  }

  v1::VerifyClaimHistoryResponse Verify(const std::string& claim) {
    grpc::ClientContext context;
    v1::VerifyClaimHistoryRequest request;
    request.mutable_subject()->set_claim_id(claim);
    v1::VerifyClaimHistoryResponse response;
    grpc::Status status = stub_->VerifyClaimHistory(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  // Every page of a stream, and its final status.
  grpc::Status Stream(const v1::StreamClaimHistoryRequest& request,
                      std::vector<v1::ClaimHistoryPage>* pages) {
    grpc::ClientContext context;
    auto reader = stub_->StreamClaimHistory(&context, request);
    v1::ClaimHistoryPage page;
    while (reader->Read(&page)) pages->push_back(page);
    return reader->Finish();
  }

  static v1::StreamClaimHistoryRequest StreamOf(const std::string& claim, int page_size) {
    v1::StreamClaimHistoryRequest request;
    request.mutable_subject()->set_claim_id(claim);
    request.set_page_size(page_size);
    return request;
  }

  // The SQLSTATE of `sql` run as the server's role, "" when it succeeds.
  std::string StateAsServerRole(const std::string& sql) {
    try {
      db_.Query("SET LOCAL ROLE disposal_app; " + sql);
      return "";
    } catch (const pqxx::sql_error& e) {
      // A multi-statement query does not carry the SQLSTATE through libpqxx; the message does.
      const std::string message = e.what();
      return message.find("permission denied") != std::string::npos ? "42501" : message;
    }
  }
};

TEST_F(AuditHistoryTest, IntactHistoryVerifiesWithTheHeadTheDatabaseRecorded) {
  AppendMany(kClaim, 5);
  v1::VerifyClaimHistoryResponse verified = Verify(kClaim);
  EXPECT_TRUE(verified.ok()) << verified.first_break().reason();
  EXPECT_EQ(verified.event_count(), 5);
  EXPECT_EQ(verified.head_chain_seq(), 5);
  EXPECT_EQ(verified.head_hash(), db_.Query("SELECT encode(hash, 'hex') FROM audit_heads WHERE "
                                            "subject_id = '" +
                                            std::string(kClaim) + "'"));
}

TEST_F(AuditHistoryTest, StartTimeBeforeYearOneIsInvalidArgumentNamingTheField) {
  AppendMany(kClaim, 2);
  v1::StreamClaimHistoryRequest request = StreamOf(kClaim, 10);
  request.mutable_start_time()->set_seconds(-300'000'000'000);  // about 7500 BC
  std::vector<v1::ClaimHistoryPage> pages;
  grpc::Status status = Stream(request, &pages);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("start_time"), std::string::npos) << status.error_message();
  EXPECT_TRUE(pages.empty());
}

// Events appended while a verification reads the chain are not tampering: every answer is
// ok (or ABORTED when the chain grew during each reading), never a break.
TEST_F(AuditHistoryTest, ChainGrowingDuringVerificationIsNeverReportedAsBroken) {
  AppendMany(kClaim, 50);
  std::atomic<bool> appending{true};
  std::thread appender([&] {
    for (int version = 51; version <= 400; ++version) Append(kClaim, "UpdateClaim", version);
    appending = false;
  });
  int verified = 0, broken = 0;
  while (appending) {
    grpc::ClientContext context;
    v1::VerifyClaimHistoryRequest request;
    request.mutable_subject()->set_claim_id(kClaim);
    v1::VerifyClaimHistoryResponse response;
    const grpc::Status status = stub_->VerifyClaimHistory(&context, request, &response);
    if (status.error_code() == grpc::StatusCode::ABORTED) continue;
    ASSERT_TRUE(status.ok()) << status.error_message();
    ++verified;
    if (!response.ok()) {
      ++broken;
      ADD_FAILURE() << response.first_break().ShortDebugString();
    }
  }
  appender.join();
  EXPECT_GT(verified, 0);
  EXPECT_EQ(broken, 0);
  EXPECT_TRUE(Verify(kClaim).ok());
}

TEST_F(AuditHistoryTest, EachSubjectHasItsOwnChainFromPositionOne) {
  AppendMany(kClaim, 3);
  AppendMany(kOtherClaim, 2);
  EXPECT_EQ(db_.Query("SELECT string_agg(chain_seq::text, ',' ORDER BY seq) FROM audit_events "
                      "WHERE subject_id = '" +
                      std::string(kOtherClaim) + "'"),
            "1,2");
  EXPECT_TRUE(Verify(kOtherClaim).ok());
}

TEST_F(AuditHistoryTest, DisposalHasItsOwnChainReadThroughItsId) {
  db_.Query(
      "SELECT audit_append('tester', 'staff', '', 'disposal.v1.DisposalService/"
      "CreateDisposal', 'req-d', 'disposal', '" +
      std::string(kOtherClaim) + "', 1, '{}')");
  grpc::ClientContext context;
  v1::VerifyClaimHistoryRequest request;
  request.mutable_subject()->set_disposal_id(kOtherClaim);
  v1::VerifyClaimHistoryResponse response;
  ASSERT_TRUE(stub_->VerifyClaimHistory(&context, request, &response).ok());
  EXPECT_TRUE(response.ok());
  EXPECT_EQ(response.event_count(), 1);
  grpc::ClientContext as_claim;
  request.mutable_subject()->Clear();
  request.mutable_subject()->set_claim_id(kOtherClaim);
  EXPECT_EQ(stub_->VerifyClaimHistory(&as_claim, request, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(AuditHistoryTest, SuperuserEditOfAPayloadIsNamedEditedAtThatEvent) {
  AppendMany(kClaim, 5);
  Tamper(
      "UPDATE audit_events SET payload = '{\"version\": 99}' WHERE chain_seq = 3 AND "
      "subject_id = '" +
      std::string(kClaim) + "'");
  v1::VerifyClaimHistoryResponse verified = Verify(kClaim);
  EXPECT_FALSE(verified.ok());
  EXPECT_EQ(verified.first_break().kind(), v1::CHAIN_BREAK_KIND_EDITED);
  EXPECT_EQ(verified.first_break().chain_seq(), 3);
  EXPECT_NE(verified.first_break().reason().find("edited"), std::string::npos);
}

TEST_F(AuditHistoryTest, SuperuserDeleteOfAMiddleEventIsNamedRemoved) {
  AppendMany(kClaim, 5);
  Tamper("DELETE FROM audit_events WHERE chain_seq = 3 AND subject_id = '" + std::string(kClaim) +
         "'");
  v1::VerifyClaimHistoryResponse verified = Verify(kClaim);
  EXPECT_EQ(verified.first_break().kind(), v1::CHAIN_BREAK_KIND_REMOVED);
  EXPECT_EQ(verified.first_break().chain_seq(), 3);
  EXPECT_EQ(verified.first_break().seq(), 0);
  EXPECT_EQ(
      verified.first_break().reason().rfind("event 3: removed: it is missing before event 4", 0),
      0u)
      << verified.first_break().reason();
}

TEST_F(AuditHistoryTest, SuperuserDeleteOfTheLastEventIsCaughtByTheHead) {
  AppendMany(kClaim, 5);
  Tamper("DELETE FROM audit_events WHERE chain_seq = 5 AND subject_id = '" + std::string(kClaim) +
         "'");
  v1::VerifyClaimHistoryResponse verified = Verify(kClaim);
  EXPECT_EQ(verified.first_break().kind(), v1::CHAIN_BREAK_KIND_REMOVED);
  EXPECT_EQ(verified.first_break().chain_seq(), 5);
}

// The events are the evidence: a stream sends them even when the head's record is gone, under
// head 0, and verification still reports the chain unprovable.
TEST_F(AuditHistoryTest, SuperuserDeleteOfTheHeadRecordLeavesEveryEventStreamedUnderHeadZero) {
  AppendMany(kClaim, 3);
  Tamper("DELETE FROM audit_heads WHERE subject_id = '" + std::string(kClaim) + "'");
  std::vector<v1::ClaimHistoryPage> pages;
  const grpc::Status status = Stream(StreamOf(kClaim, 10), &pages);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0].events_size(), 3);
  EXPECT_EQ(pages[0].head_chain_seq(), 0);
  EXPECT_EQ(pages[0].head_hash(), "");
  const v1::VerifyClaimHistoryResponse verified = Verify(kClaim);
  EXPECT_EQ(verified.first_break().kind(), v1::CHAIN_BREAK_KIND_REMOVED);
  EXPECT_NE(verified.first_break().reason().find("head record is missing"), std::string::npos)
      << verified.first_break().reason();
}

// A head moved back by a superuser (its guard switched off) leaves events stored past it: the
// stream sends them after the recorded head, which its head fields still name, so that an
// export holds the evidence that VerifyClaimHistory reads.
TEST_F(AuditHistoryTest, EventsLeftPastAHeadMovedBackAreStreamedUnderTheRecordedHead) {
  AppendMany(kClaim, 4);
  const std::string where = " WHERE subject_id = '" + std::string(kClaim) + "'";
  MoveHeadBackTo(kClaim, 2);
  ASSERT_EQ(db_.Query("SELECT chain_seq FROM audit_heads" + where), "2");
  std::vector<v1::ClaimHistoryPage> pages;
  const grpc::Status status = Stream(StreamOf(kClaim, 3), &pages);
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::vector<int64_t> positions;
  for (const v1::ClaimHistoryPage& page : pages) {
    EXPECT_EQ(page.head_chain_seq(), 2);
    EXPECT_EQ(page.head_hash(), db_.Query("SELECT encode(hash, 'hex') FROM audit_events" + where +
                                          " AND chain_seq = 2"));
    for (const v1::AuditEvent& event : page.events()) positions.push_back(event.chain_seq());
  }
  EXPECT_EQ(positions, (std::vector<int64_t>{1, 2, 3, 4}));
  const v1::VerifyClaimHistoryResponse verified = Verify(kClaim);
  EXPECT_EQ(verified.first_break().kind(), v1::CHAIN_BREAK_KIND_INSERTED);
  EXPECT_EQ(verified.first_break().chain_seq(), 3);
}

// Past a head moved back, a later event edited too: the first event past the head is named,
// with its seq, as disposalctl names it reading the chain in order.
TEST_F(AuditHistoryTest, AnEventPastAHeadMovedBackIsNamedBeforeALaterEdit) {
  AppendMany(kClaim, 4);
  const std::string claim = "'" + std::string(kClaim) + "'";
  MoveHeadBackTo(kClaim, 1);
  Tamper(
      "UPDATE audit_events SET payload = '{\"forged\": true}' WHERE chain_seq = 4 AND "
      "subject_id = " +
      claim);
  const v1::VerifyClaimHistoryResponse verified = Verify(kClaim);
  EXPECT_EQ(verified.first_break().kind(), v1::CHAIN_BREAK_KIND_INSERTED);
  EXPECT_EQ(verified.first_break().chain_seq(), 2);
  EXPECT_EQ(
      std::to_string(verified.first_break().seq()),
      db_.Query("SELECT seq FROM audit_events WHERE chain_seq = 2 AND subject_id = " + claim));
}

// The head moved back to event 3 and event 3 deleted: the events past the head follow a gap
// that reaches back to the head, which is events removed, not inserted.
TEST_F(AuditHistoryTest, AGapReachingBackToAHeadMovedBackIsNamedRemoved) {
  AppendMany(kClaim, 5);
  const std::string claim = "'" + std::string(kClaim) + "'";
  MoveHeadBackTo(kClaim, 3);
  Tamper("DELETE FROM audit_events WHERE chain_seq = 3 AND subject_id = " + claim);
  const v1::VerifyClaimHistoryResponse verified = Verify(kClaim);
  EXPECT_EQ(verified.first_break().kind(), v1::CHAIN_BREAK_KIND_REMOVED);
  EXPECT_EQ(verified.first_break().chain_seq(), 3);
  EXPECT_NE(verified.first_break().reason().find("event 3: removed"), std::string::npos)
      << verified.first_break().reason();
}

// A stream resumed past a head moved back still reaches the events beyond it.
TEST_F(AuditHistoryTest, AStreamResumedAtAHeadMovedBackSendsTheEventsPastIt) {
  AppendMany(kClaim, 4);
  const std::string where = " WHERE subject_id = '" + std::string(kClaim) + "'";
  MoveHeadBackTo(kClaim, 1);
  v1::StreamClaimHistoryRequest request = StreamOf(kClaim, 10);
  request.set_after_chain_seq(1);
  std::vector<v1::ClaimHistoryPage> pages;
  ASSERT_TRUE(Stream(request, &pages).ok());
  ASSERT_EQ(pages.size(), 1u);
  ASSERT_EQ(pages[0].events_size(), 3);
  EXPECT_EQ(pages[0].events(0).chain_seq(), 2);
  EXPECT_EQ(pages[0].events(2).chain_seq(), 4);
}

TEST_F(AuditHistoryTest, SuperuserInsertAtATakenPositionIsNamedInserted) {
  AppendMany(kClaim, 5);
  const std::string forged_seq = db_.Query(
      "SET LOCAL session_replication_role = replica; INSERT INTO audit_events (event_time, actor, "
      "rpc, request_id, subject_kind, subject_id, "
      "subject_version, payload, role, token_id, chain_seq, prev_hash, hash) "
      "SELECT event_time, 'intruder', rpc, request_id, subject_kind, subject_id, "
      "subject_version, '{\"forged\": true}', role, token_id, chain_seq, prev_hash, hash "
      "FROM audit_events WHERE chain_seq = 3 AND subject_id = '" +
      std::string(kClaim) + "' RETURNING seq");
  v1::VerifyClaimHistoryResponse verified = Verify(kClaim);
  EXPECT_EQ(verified.first_break().kind(), v1::CHAIN_BREAK_KIND_INSERTED);
  EXPECT_EQ(verified.first_break().chain_seq(), 3);
  EXPECT_EQ(std::to_string(verified.first_break().seq()), forged_seq);
}

// Removing a chain's last events and rewinding its head would leave a shorter chain that
// verifies: the head only moves forward, even for the tables' owner.
TEST_F(AuditHistoryTest, AChainsHeadCannotBeRewoundEvenByTheTablesOwner) {
  AppendMany(kClaim, 3);
  EXPECT_THROW(db_.Query("UPDATE audit_heads SET chain_seq = 2 WHERE subject_id = '" +
                         std::string(kClaim) + "'"),
               pqxx::sql_error);
  EXPECT_THROW(db_.Query("UPDATE audit_heads SET chain_seq = chain_seq + 2"), pqxx::sql_error);
  EXPECT_EQ(db_.Query("SELECT chain_seq FROM audit_heads WHERE subject_id = '" +
                      std::string(kClaim) + "'"),
            "3");
}

// A correctly linked event with a time in the past would verify: the owner, who may link one
// with audit_link(), still cannot store it.
TEST_F(AuditHistoryTest, ABackdatedEventIsRefusedEvenCorrectlyLinked) {
  AppendMany(kClaim, 2);
  const std::string backdate =
      "DO $$ DECLARE e audit_events; BEGIN "
      "e.seq := nextval(pg_get_serial_sequence('audit_events', 'seq')); "
      "e.event_time := '2021-08-20 10:00+08'; e.actor := 'alice'; e.role := 'staff'; "
      "e.token_id := ''; e.rpc := 'disposal.v1.ClaimService/UpdateClaim'; e.request_id := ''; "
      "e.subject_kind := 'claim'; e.subject_id := '" +
      std::string(kClaim) +
      "'; e.subject_version := 9; e.payload := '{}'; e := audit_link(e); "
      "INSERT INTO audit_events SELECT (e).*; END $$";
  try {
    db_.Query(backdate);
    ADD_FAILURE() << "a backdated event was stored";
  } catch (const pqxx::sql_error& e) {
    EXPECT_NE(std::string(e.what()).find("is not now"), std::string::npos) << e.what();
  }
  EXPECT_EQ(db_.Query("SELECT count(*) FROM audit_events"), "2");
  EXPECT_TRUE(Verify(kClaim).ok());
}

// A line feed in a field the event is hashed by would make the chain unverifiable from there
// on, hiding whatever came after it.
TEST_F(AuditHistoryTest, AnEventWithALineFeedInAHashedFieldIsRefused) {
  AppendMany(kClaim, 1);
  EXPECT_NE(StateAsServerRole("SELECT audit_append(E'a\\nb', 'staff', '', "
                              "'disposal.v1.ClaimService/UpdateClaim', '', 'claim', '" +
                              std::string(kClaim) + "', 2, '{}')")
                .find("holds a line feed"),
            std::string::npos);
  EXPECT_EQ(db_.Query("SELECT count(*) FROM audit_events"), "1");
  EXPECT_TRUE(Verify(kClaim).ok());
}

// A history stream holds one of the server's threads while it lasts: one caller may keep four
// open (here held on a locked table), the fifth is refused at once, and the four end normally.
TEST_F(AuditHistoryTest, AFifthHistoryStreamOfOneCallerIsRefusedWhileFourAreOpen) {
  AppendMany(kClaim, 3);
  pqxx::connection raw(db_.url());
  pqxx::work holder(raw);
  holder.exec("LOCK TABLE audit_heads IN ACCESS EXCLUSIVE MODE");
  std::atomic<bool> any_done{false};
  std::vector<grpc::Status> statuses(api::AuditServiceImpl::kStreamsPerCallerMax);
  std::vector<std::thread> streams;
  for (grpc::Status& status : statuses) {
    streams.emplace_back([&] {
      std::vector<v1::ClaimHistoryPage> pages;
      status = Stream(StreamOf(kClaim, 10), &pages);
      any_done = true;
    });
  }
  const bool held = WaitForLockWaiters(db_, api::AuditServiceImpl::kStreamsPerCallerMax, any_done);
  std::vector<v1::ClaimHistoryPage> pages;
  const grpc::Status fifth = Stream(StreamOf(kClaim, 10), &pages);
  holder.commit();
  for (std::thread& stream : streams) stream.join();
  ASSERT_TRUE(held) << "the four streams never waited on the locked table";
  EXPECT_EQ(fifth.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << fifth.error_message();
  for (const grpc::Status& status : statuses) EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(AuditHistoryTest, AppendOnlyTriggersRefuseEvenTheTablesOwner) {
  AppendMany(kClaim, 1);
  EXPECT_THROW(db_.Query("UPDATE audit_events SET actor = 'x'"), pqxx::sql_error);
  EXPECT_THROW(db_.Query("DELETE FROM audit_events"), pqxx::sql_error);
  EXPECT_THROW(db_.Query("TRUNCATE audit_events"), pqxx::sql_error);
  EXPECT_EQ(db_.Query("SELECT count(*) FROM audit_events"), "1");
}

// audit_link() hashes audit_canonical(e) for every event. A function PostgreSQL cannot inline is
// planned again in each transaction that calls it; inlined, it is part of audit_link()'s plan,
// which a session makes once.
TEST_F(AuditHistoryTest, CanonicalBytesAreInlinedIntoTheCallersPlan) {
  const std::string plan = db_.Query(
      "CREATE FUNCTION pg_temp.plan_of(q text) RETURNS SETOF text LANGUAGE plpgsql AS $$ "
      "BEGIN RETURN QUERY EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || q; END $$; "
      "SELECT string_agg(line, E'\\n') FROM pg_temp.plan_of("
      "'SELECT audit_canonical(e) FROM audit_events e') AS line");
  EXPECT_NE(plan.find("convert_to(concat_ws("), std::string::npos) << plan;
  EXPECT_EQ(plan.find("audit_canonical"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("audit_micros"), std::string::npos) << plan;
}

TEST_F(AuditHistoryTest, ServerRoleHasNoRightToWriteEventsExceptThroughAppend) {
  AppendMany(kClaim, 1);
  constexpr char kInsufficientPrivilege[] = "42501";
  EXPECT_EQ(StateAsServerRole("UPDATE audit_events SET actor = 'x'"), kInsufficientPrivilege);
  EXPECT_EQ(StateAsServerRole("DELETE FROM audit_events"), kInsufficientPrivilege);
  EXPECT_EQ(StateAsServerRole("TRUNCATE audit_events"), kInsufficientPrivilege);
  EXPECT_EQ(StateAsServerRole("INSERT INTO audit_events SELECT * FROM audit_events"),
            kInsufficientPrivilege);
  EXPECT_EQ(StateAsServerRole("UPDATE audit_heads SET chain_seq = 0"), kInsufficientPrivilege);
  EXPECT_EQ(StateAsServerRole("SELECT audit_append('a', 'staff', '', 'r', '', 'claim', '" +
                              std::string(kClaim) + "', 2, '{}')"),
            "");
  EXPECT_TRUE(Verify(kClaim).ok());
}

// audit_append runs with the owner's rights; were PUBLIC allowed to execute it (PostgreSQL's
// default for a new function), any role able to connect could add a correctly linked event.
TEST_F(AuditHistoryTest, NoRoleButTheServersMayAppendEvents) {
  AppendMany(kClaim, 1);
  db_.Query("DROP ROLE IF EXISTS audit_outsider; CREATE ROLE audit_outsider");
  std::string refused;
  try {
    db_.Query(
        "SET LOCAL ROLE audit_outsider; SELECT audit_append('a', 'staff', '', 'r', '', "
        "'claim', '" +
        std::string(kClaim) + "', 2, '{}')");
  } catch (const pqxx::sql_error& e) {
    refused = e.what();
  }
  db_.Query("DROP ROLE audit_outsider");
  EXPECT_NE(refused.find("permission denied"), std::string::npos) << refused;
  EXPECT_EQ(db_.Query("SELECT count(*) FROM audit_events"), "1");
}

TEST_F(AuditHistoryTest, StreamSendsEveryEventInChainOrderAPageAtATime) {
  AppendMany(kClaim, 25);
  std::vector<v1::ClaimHistoryPage> pages;
  ASSERT_TRUE(Stream(StreamOf(kClaim, 10), &pages).ok());
  ASSERT_EQ(pages.size(), 3u);
  EXPECT_EQ(pages[2].events_size(), 5);
  int64_t expected = 1;
  for (const auto& page : pages) {
    for (const auto& event : page.events()) EXPECT_EQ(event.chain_seq(), expected++);
  }
  EXPECT_EQ(pages[0].events(0).kind(), "CreateClaim");
  EXPECT_EQ(pages[0].events(0).prev_hash(), std::string(64, '0'));
  EXPECT_EQ(pages[0].events(1).prev_hash(), pages[0].events(0).hash());
}

TEST_F(AuditHistoryTest, StreamPagesAnnounceTheChainsRecordedHead) {
  AppendMany(kClaim, 5);
  std::vector<v1::ClaimHistoryPage> pages;
  ASSERT_TRUE(Stream(StreamOf(kClaim, 2), &pages).ok());
  ASSERT_EQ(pages.size(), 3u);
  for (const auto& page : pages) {
    EXPECT_EQ(page.head_chain_seq(), 5);
    EXPECT_EQ(page.head_hash(), pages.back().events(0).hash());
  }
}

// Events of about 400 KB each: a page of ten would pass the 4 MiB a message may carry, so it
// goes out as several messages of at most 1 MiB of events, every event once and in order.
TEST_F(AuditHistoryTest, StreamSplitsAPageOfLargeEventsIntoMessagesOfAtMostOneMebibyte) {
  const std::string note(400 * 1024, 'a');
  for (int i = 1; i <= 10; ++i) {
    db_.Query(
        "SELECT audit_append('tester', 'staff', '', 'disposal.v1.ClaimService/UpdateClaim', "
        "'req-" +
        std::to_string(i) + "', 'claim', '" + kClaim + "', " + std::to_string(i) +
        ", '{\"note\": \"" + note + "\"}')");
  }
  std::vector<v1::ClaimHistoryPage> pages;
  const grpc::Status status = Stream(StreamOf(kClaim, 10), &pages);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_GT(pages.size(), 3u);
  int64_t expected = 1;
  for (const auto& page : pages) {
    EXPECT_LE(page.ByteSizeLong(), 1024u * 1024u + 1024u);
    for (const auto& event : page.events()) EXPECT_EQ(event.chain_seq(), expected++);
  }
  EXPECT_EQ(expected, 11);
}

TEST_F(AuditHistoryTest, StreamWithNothingAfterItsPositionStillAnnouncesTheHead) {
  AppendMany(kClaim, 3);
  v1::StreamClaimHistoryRequest request = StreamOf(kClaim, 10);
  request.set_after_chain_seq(3);
  std::vector<v1::ClaimHistoryPage> pages;
  ASSERT_TRUE(Stream(request, &pages).ok());
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0].events_size(), 0);
  EXPECT_EQ(pages[0].head_chain_seq(), 3);
}

TEST_F(AuditHistoryTest, StreamResumesAfterAChainPosition) {
  AppendMany(kClaim, 25);
  v1::StreamClaimHistoryRequest request = StreamOf(kClaim, 0);
  request.set_after_chain_seq(20);
  std::vector<v1::ClaimHistoryPage> pages;
  ASSERT_TRUE(Stream(request, &pages).ok());
  ASSERT_EQ(pages.size(), 1u);
  ASSERT_EQ(pages[0].events_size(), 5);
  EXPECT_EQ(pages[0].events(0).chain_seq(), 21);
}

TEST_F(AuditHistoryTest, StreamFiltersByKind) {
  AppendMany(kClaim, 4);
  v1::StreamClaimHistoryRequest request = StreamOf(kClaim, 0);
  request.add_kinds("CreateClaim");
  std::vector<v1::ClaimHistoryPage> pages;
  ASSERT_TRUE(Stream(request, &pages).ok());
  ASSERT_EQ(pages.size(), 1u);
  ASSERT_EQ(pages[0].events_size(), 1);
  EXPECT_EQ(pages[0].events(0).kind(), "CreateClaim");
}

// A misspelt kind would match nothing and read as "no such events".
TEST_F(AuditHistoryTest, StreamFilteringByAKindThatIsNoMethodIsInvalidArgumentNamingIt) {
  AppendMany(kClaim, 2);
  v1::StreamClaimHistoryRequest request = StreamOf(kClaim, 0);
  request.add_kinds("CreateClaim");
  request.add_kinds("CreatClaim");
  std::vector<v1::ClaimHistoryPage> pages;
  const grpc::Status status = Stream(request, &pages);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("kinds[1]: \"CreatClaim\" is not a method", 0), 0u)
      << status.error_message();
}

TEST_F(AuditHistoryTest, StreamFiltersByTimeRange) {
  AppendMany(kClaim, 3);
  const int64_t second_micros = std::stoll(
      db_.Query("SELECT audit_micros(event_time) FROM audit_events WHERE chain_seq = 2"));
  v1::StreamClaimHistoryRequest request = StreamOf(kClaim, 0);
  request.mutable_start_time()->set_seconds(second_micros / 1000000);
  request.mutable_start_time()->set_nanos(static_cast<int32_t>(second_micros % 1000000) * 1000);
  std::vector<v1::ClaimHistoryPage> pages;
  ASSERT_TRUE(Stream(request, &pages).ok());
  ASSERT_EQ(pages.size(), 1u);
  ASSERT_EQ(pages[0].events_size(), 2);
  EXPECT_EQ(pages[0].events(0).chain_seq(), 2);
}

// Events are stamped to the microsecond; a bound half a microsecond past an event's time puts
// the event before it: out of a window starting there, inside one ending there.
TEST_F(AuditHistoryTest, BoundsBetweenTwoMicrosecondsPlaceAnEventAtTheEarlierOneBeforeThem) {
  AppendMany(kClaim, 3);
  const int64_t second_micros = std::stoll(
      db_.Query("SELECT audit_micros(event_time) FROM audit_events WHERE chain_seq = 2"));
  google::protobuf::Timestamp half_past;
  half_past.set_seconds(second_micros / 1000000);
  half_past.set_nanos(static_cast<int32_t>(second_micros % 1000000) * 1000 + 500);
  std::vector<v1::ClaimHistoryPage> pages;
  v1::StreamClaimHistoryRequest from = StreamOf(kClaim, 0);
  *from.mutable_start_time() = half_past;
  ASSERT_TRUE(Stream(from, &pages).ok());
  ASSERT_EQ(pages.size(), 1u);
  ASSERT_EQ(pages[0].events_size(), 1);
  EXPECT_EQ(pages[0].events(0).chain_seq(), 3);
  pages.clear();
  v1::StreamClaimHistoryRequest until = StreamOf(kClaim, 0);
  *until.mutable_end_time() = half_past;
  ASSERT_TRUE(Stream(until, &pages).ok());
  ASSERT_EQ(pages.size(), 1u);
  ASSERT_EQ(pages[0].events_size(), 2);
  EXPECT_EQ(pages[0].events(1).chain_seq(), 2);
}

// A stream of kClaim's history from and until these nanoseconds into one second of 2027.
v1::StreamClaimHistoryRequest WithinOneSecond(int32_t start_nanos, int32_t end_nanos) {
  v1::StreamClaimHistoryRequest request;
  request.mutable_subject()->set_claim_id(kClaim);
  request.mutable_start_time()->set_seconds(1'800'000'000);
  request.mutable_start_time()->set_nanos(start_nanos);
  request.mutable_end_time()->set_seconds(1'800'000'000);
  request.mutable_end_time()->set_nanos(end_nanos);
  return request;
}

// A start and an end within one microsecond are a window no event falls in: answered, empty.
TEST_F(AuditHistoryTest, AWindowWithinOneMicrosecondIsEmptyNotRefused) {
  AppendMany(kClaim, 1);
  std::vector<v1::ClaimHistoryPage> pages;
  const grpc::Status status = Stream(WithinOneSecond(100, 600), &pages);
  ASSERT_TRUE(status.ok()) << status.error_message();
  int events = 0;
  for (const v1::ClaimHistoryPage& page : pages) events += page.events_size();
  EXPECT_EQ(events, 0);
}

TEST_F(AuditHistoryTest, AnEndBeforeItsStartIsInvalidArgumentNamingTheEnd) {
  AppendMany(kClaim, 1);
  std::vector<v1::ClaimHistoryPage> pages;
  const grpc::Status status = Stream(WithinOneSecond(600, 100), &pages);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("end_time: must be after start_time", 0), 0u)
      << status.error_message();
}

TEST_F(AuditHistoryTest, StreamOfASubjectWithoutHistoryIsNotFound) {
  std::vector<v1::ClaimHistoryPage> pages;
  EXPECT_EQ(Stream(StreamOf(kClaim, 0), &pages).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(AuditHistoryTest, StreamPageSizeAboveTheBoundIsServedAsTheBound) {
  // 1,001 events in one statement (one call each would take a minute).
  Append(kClaim, "CreateClaim", 1);
  db_.Query(std::string("SELECT count(audit_append('tester', 'staff', '', "
                        "'disposal.v1.ClaimService/UpdateClaim', 'req-' || v, 'claim', '") +
            kClaim + "', v, jsonb_build_object('version', v))) FROM generate_series(2, 1001) v");
  std::vector<v1::ClaimHistoryPage> pages;
  grpc::Status status = Stream(StreamOf(kClaim, 5000), &pages);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_GE(pages.size(), 2u);
  EXPECT_EQ(pages[0].events_size(), 1000);
  EXPECT_EQ(pages[1].events_size(), 1);
}

TEST_F(AuditHistoryTest, NegativeStreamPageSizeIsInvalidArgumentNamingTheField) {
  AppendMany(kClaim, 1);
  std::vector<v1::ClaimHistoryPage> pages;
  grpc::Status status = Stream(StreamOf(kClaim, -1), &pages);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("page_size: ", 0), 0u) << status.error_message();
}

TEST_F(AuditHistoryTest, SubjectWithBothIdsIsInvalidArgument) {
  v1::StreamClaimHistoryRequest request = StreamOf(kClaim, 0);
  request.mutable_subject()->set_disposal_id(kOtherClaim);
  std::vector<v1::ClaimHistoryPage> pages;
  grpc::Status status = Stream(request, &pages);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("subject"), std::string::npos);
}

TEST_F(AuditHistoryTest, RegistryTogetherWithAClaimIdIsInvalidArgument) {
  v1::StreamClaimHistoryRequest request = StreamOf(kClaim, 0);
  request.mutable_subject()->set_registry(true);
  std::vector<v1::ClaimHistoryPage> pages;
  grpc::Status status = Stream(request, &pages);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("exactly one of"), std::string::npos)
      << status.error_message();
}

TEST_F(AuditHistoryTest, CalendarYearOutsideTheCalendarsRangeIsInvalidArgumentNamingTheField) {
  v1::StreamClaimHistoryRequest request;
  request.mutable_subject()->set_calendar_year(1899);
  std::vector<v1::ClaimHistoryPage> pages;
  grpc::Status status = Stream(request, &pages);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("subject.calendar_year"), std::string::npos)
      << status.error_message();
}

TEST_F(AuditHistoryTest, NegativeRegistryVersionIsInvalidArgumentNamingTheField) {
  v1::StreamClaimHistoryRequest request;
  request.mutable_subject()->set_registry_version(-3);
  std::vector<v1::ClaimHistoryPage> pages;
  grpc::Status status = Stream(request, &pages);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("subject.registry_version"), std::string::npos)
      << status.error_message();
}

TEST_F(AuditHistoryTest, CalendarYearsChainIsReadThroughItsYear) {
  db_.Query(
      "SELECT audit_append('tester', 'admin', '', "
      "'disposal.v1.CalendarService/ImportCalendarYear', 'import-2027', 'calendar_year', "
      "md5('calendar_year:2027')::uuid, 1, '{}')");
  v1::StreamClaimHistoryRequest request;
  request.mutable_subject()->set_calendar_year(2027);
  std::vector<v1::ClaimHistoryPage> pages;
  ASSERT_TRUE(Stream(request, &pages).ok());
  ASSERT_EQ(pages.size(), 1u);
  ASSERT_EQ(pages[0].events_size(), 1);
  EXPECT_EQ(pages[0].events(0).request_id(), "import-2027");
  EXPECT_EQ(pages[0].events(0).subject_kind(), "calendar_year");
}

TEST_F(AuditHistoryTest, RegistryVersionWithoutAChainOfItsOwnIsNotFoundPointingAtTheRegistrys) {
  v1::StreamClaimHistoryRequest request;
  request.mutable_subject()->set_registry_version(3);
  std::vector<v1::ClaimHistoryPage> pages;
  const grpc::Status status = Stream(request, &pages);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(status.error_message().find("subject.registry"), std::string::npos)
      << status.error_message();
}

TEST_F(AuditHistoryTest, CalendarYearNeverImportedIsNotFoundNamingTheYear) {
  v1::StreamClaimHistoryRequest request;
  request.mutable_subject()->set_calendar_year(2099);
  std::vector<v1::ClaimHistoryPage> pages;
  const grpc::Status status = Stream(request, &pages);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(status.error_message().find("calendar year 2099"), std::string::npos)
      << status.error_message();
}

}  // namespace
}  // namespace disposal::testing
