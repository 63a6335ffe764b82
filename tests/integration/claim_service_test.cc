// ClaimService end to end inside one process: gRPC handlers, domain rules and the PostgreSQL
// store on a real cluster.
#include <google/protobuf/util/message_differencer.h>

#include <atomic>
#include <functional>
#include <pqxx/pqxx>
#include <set>
#include <thread>

#include "support/claim_service_fixture.h"
#include "support/lock_waiters.h"
#include "support/sample_claims.h"

namespace disposal::testing {
namespace {

using google::protobuf::util::MessageDifferencer;

using ClaimServiceTest = ClaimServiceFixture;

TEST_F(ClaimServiceTest, CreatedClaimReadsBackWithDerivedTotals) {
  v1::Claim created;
  ASSERT_TRUE(Create(SampleClaim(), "create-1", &created).ok());
  v1::Claim read;
  ASSERT_TRUE(Get(created.id(), &read).ok());
  EXPECT_EQ(read.version(), 1);
  EXPECT_EQ(read.status(), v1::CLAIM_STATUS_HELD);
  ASSERT_EQ(read.tranches_size(), 2);
  EXPECT_EQ(read.tranches(1).original_creditor_current_name(), "长城华西银行成都分行");
  EXPECT_EQ(read.tranches(0).contract_rate().value(), "0.0435");
  EXPECT_EQ(read.totals().principal().units(), 448658900);
  EXPECT_EQ(read.totals().interest().units(), 357791700);
  EXPECT_EQ(read.totals().total().units(), 806450600);
  EXPECT_TRUE(read.totals().penalty_unliquidated());
  EXPECT_EQ(read.penalty().unliquidated_basis(), "具体金额以法院判定为准");
  EXPECT_EQ(read.collateral(0).encumbrances(0).kind(), v1::ENCUMBRANCE_KIND_SEIZED);
  EXPECT_EQ(read.guarantees(0).guarantor().person().national_id(), "11010519491231002X");
  EXPECT_EQ(read.litigation(0).stage(), v1::LITIGATION_STAGE_IN_TRIAL);
  EXPECT_TRUE(MessageDifferencer::Equals(created, read));
}

TEST_F(ClaimServiceTest, FenAmountsSurviveTheDatabaseExactly) {
  v1::Claim claim = SampleClaim();
  *claim.mutable_tranches(0)->mutable_principal() = Yuan(999999999999, 99);
  *claim.mutable_tranches(1)->mutable_interest() = Yuan(0, 1);
  v1::Claim created;
  ASSERT_TRUE(Create(claim, "fen", &created).ok());
  EXPECT_EQ(created.tranches(0).principal().nanos(), 990000000);
  EXPECT_EQ(created.tranches(1).interest().nanos(), 10000000);
  EXPECT_EQ(db_.Query("SELECT principal::text FROM claim_tranches WHERE position = 0"),
            "999999999999.99");
}

TEST_F(ClaimServiceTest, RetryWithSameRequestIdReturnsFirstClaimAndWritesNothing) {
  v1::Claim first, second;
  ASSERT_TRUE(Create(SampleClaim(), "retry-1", &first).ok());
  ASSERT_TRUE(Create(SampleClaim(), "retry-1", &second).ok());
  EXPECT_EQ(first.id(), second.id());
  EXPECT_EQ(Count("claims"), 1);
  EXPECT_EQ(Count("audit_events"), 1);
}

TEST_F(ClaimServiceTest, SameRequestIdWithDifferentBodyIsRefused) {
  v1::Claim first, second;
  ASSERT_TRUE(Create(SampleClaim(1), "reuse-1", &first).ok());
  grpc::Status status = Create(SampleClaim(2), "reuse-1", &second);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_NE(status.error_message().find("request_id"), std::string::npos);
  EXPECT_EQ(Count("claims"), 1);
}

TEST_F(ClaimServiceTest, CreateWithoutRequestIdIsInvalidArgument) {
  v1::Claim out;
  grpc::Status status = Create(SampleClaim(), "", &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("request_id"), std::string::npos);
}

TEST_F(ClaimServiceTest, InvalidNationalIdIsRefusedNamingTheFieldAndNothingIsWritten) {
  v1::Claim claim = SampleClaim();
  claim.mutable_guarantees(0)->mutable_guarantor()->mutable_person()->set_national_id(
      "110105194912310021");
  v1::Claim out;
  grpc::Status status = Create(claim, "bad-id", &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("claim.guarantees[0].guarantor.person.national_id"),
            std::string::npos)
      << status.error_message();
  EXPECT_NE(status.error_message().find("check"), std::string::npos) << status.error_message();
  EXPECT_EQ(Count("claims"), 0);
  EXPECT_EQ(Count("audit_events"), 0);
}

TEST_F(ClaimServiceTest, InvalidCreditCodeIsRefusedNamingTheField) {
  v1::Claim claim = SampleClaim();
  claim.mutable_debtor()->mutable_organization()->set_credit_code("91110000600037341A");
  v1::Claim out;
  grpc::Status status = Create(claim, "bad-code", &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("claim.debtor.organization.credit_code"), std::string::npos)
      << status.error_message();
}

TEST_F(ClaimServiceTest, ADebtorNamedOnlyByAnIdeographicSpaceIsRefusedNamingTheField) {
  v1::Claim claim = SampleClaim();
  claim.mutable_debtor()->mutable_organization()->set_name("\u3000");
  v1::Claim out;
  grpc::Status status = Create(claim, "blank-debtor", &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("claim.debtor.organization.name: is required"),
            std::string::npos)
      << status.error_message();
  EXPECT_EQ(db_.Query("SELECT count(*) FROM claims"), "0");
}

// JSON clients send `{}` for an optional message they leave out: taken as left out, not as a
// party or date that is "required".
TEST_F(ClaimServiceTest, EmptyOptionalPledgorAndEncumbranceDateAreTakenAsLeftOut) {
  v1::Claim claim = SampleClaim();
  claim.mutable_pledges(0)->mutable_pledgor();
  claim.mutable_collateral(0)->mutable_encumbrances(0)->mutable_date();
  v1::Claim created;
  const grpc::Status status = Create(claim, "empty-optionals", &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_FALSE(created.pledges(0).has_pledgor());
  EXPECT_FALSE(created.collateral(0).encumbrances(0).has_date());
}

TEST_F(ClaimServiceTest, AmountFinerThanAFenIsRefused) {
  v1::Claim claim = SampleClaim();
  claim.mutable_tranches(1)->mutable_principal()->set_nanos(5'000'000);
  v1::Claim out;
  grpc::Status status = Create(claim, "sub-fen", &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("claim.tranches[1].principal"), std::string::npos)
      << status.error_message();
}

TEST_F(ClaimServiceTest, UnknownClaimIsNotFound) {
  v1::Claim out;
  EXPECT_EQ(Get("00000000-0000-4000-8000-000000000000", &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Get("not-a-uuid", &out).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ClaimServiceTest, UpdateWithStaleVersionIsAbortedAndChangesNothing) {
  v1::Claim created, updated, stale;
  ASSERT_TRUE(Create(SampleClaim(), "update-base", &created).ok());
  v1::UpdateClaimRequest request;
  *request.mutable_claim() = created;
  request.mutable_claim()->set_title("第一次修改");
  request.mutable_update_mask()->add_paths("title");
  ASSERT_TRUE(Update(request, &updated).ok());
  EXPECT_EQ(updated.version(), 2);
  request.mutable_claim()->set_title("基于旧版本的修改");
  grpc::Status status = Update(request, &stale);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  v1::Claim read;
  ASSERT_TRUE(Get(created.id(), &read).ok());
  EXPECT_EQ(read.title(), "第一次修改");
  EXPECT_EQ(read.version(), 2);
  EXPECT_EQ(Count("audit_events"), 2);
}

// Runs `read` while another session holds the tranches' table, so that the read gets past the
// claim's row and waits there; that session then changes the claim's title and its tranches,
// commits, and lets the read go on.
void ReadAcrossAnUpdate(TestDatabase& db, const std::string& claim_id,
                        const std::function<void()>& read) {
  pqxx::connection other(db.url());
  pqxx::work change(other);
  change.exec("LOCK TABLE claim_tranches IN ACCESS EXCLUSIVE MODE");
  std::atomic<bool> done{false};
  std::thread reader([&] {
    read();
    done = true;
  });
  const bool overlapped = WaitForLockWaiters(db, 1, done);
  change.exec_params(
      "UPDATE claims SET title = 'changed meanwhile', version = version + 1 WHERE id = $1::uuid",
      claim_id);
  change.exec_params(
      "UPDATE claim_tranches SET principal = principal + 1 WHERE claim_id = $1::uuid", claim_id);
  change.commit();
  reader.join();
  ASSERT_TRUE(overlapped) << "the read never waited for the tranches";
}

// A claim is read in several statements (its row, tranches, collateral, ...): an update
// committed between two of them must not give a claim that never was.
TEST_F(ClaimServiceTest, AReadOverlappingAnUpdateSeesTheClaimWhollyAsItWasBefore) {
  v1::Claim created, read;
  ASSERT_TRUE(Create(SampleClaim(), "torn-get", &created).ok());
  grpc::Status status;
  ReadAcrossAnUpdate(db_, created.id(), [&] { status = Get(created.id(), &read); });
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(read.version(), created.version());
  EXPECT_EQ(read.title(), created.title());
  EXPECT_EQ(read.tranches(0).principal().units(), created.tranches(0).principal().units());
  EXPECT_EQ(read.totals().principal().units(), created.totals().principal().units());
}

TEST_F(ClaimServiceTest, AListingOverlappingAnUpdateSeesEachClaimWhollyAsItWasBefore) {
  v1::Claim created;
  ASSERT_TRUE(Create(SampleClaim(), "torn-list", &created).ok());
  v1::ListClaimsResponse listed;
  grpc::Status status;
  ReadAcrossAnUpdate(db_, created.id(), [&] { status = List(v1::ListClaimsRequest(), &listed); });
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(listed.claims_size(), 1);
  EXPECT_EQ(listed.claims(0).title(), created.title());
  EXPECT_EQ(listed.claims(0).tranches(0).principal().units(),
            created.tranches(0).principal().units());
}

// B names version 2 before it exists; A's update makes it version 2 while B is under way. B
// must not write the title it read at version 1 back over A's.
TEST_F(ClaimServiceTest, AnUpdateNamingAVersionAheadOfTheClaimIsAbortedAndKeepsTheOtherUpdate) {
  v1::Claim created;
  ASSERT_TRUE(Create(SampleClaim(), "ahead-base", &created).ok());
  pqxx::connection other(db_.url());
  pqxx::work first_update(other);  // A: holds the claim's row until it commits
  first_update.exec_params(
      "UPDATE claims SET title = 'A''s title', version = 2 WHERE id = $1::uuid", created.id());
  v1::UpdateClaimRequest request;
  *request.mutable_claim() = created;
  request.mutable_claim()->set_version(2);
  request.mutable_claim()->set_title("ignored: not in the mask");
  request.mutable_claim()->set_status(v1::CLAIM_STATUS_WRITTEN_OFF);
  request.mutable_update_mask()->add_paths("status");
  request.set_request_id("ahead-b");
  std::atomic<bool> done{false};
  grpc::Status status;
  std::thread second([&] {
    v1::Claim out;
    status = Update(request, &out);
    done = true;
  });
  WaitForLockWaiters(db_, 1, done);  // B waits on A's row, or was refused before it
  first_update.commit();
  second.join();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED) << status.error_message();
  v1::Claim read;
  ASSERT_TRUE(Get(created.id(), &read).ok());
  EXPECT_EQ(read.title(), "A's title");
  EXPECT_EQ(read.version(), 2);
}

TEST_F(ClaimServiceTest, UpdateMaskReplacesOnlyTheNamedFields) {
  v1::Claim created, updated;
  ASSERT_TRUE(Create(SampleClaim(), "mask-base", &created).ok());
  v1::UpdateClaimRequest request;
  request.mutable_claim()->set_id(created.id());
  request.mutable_claim()->set_version(created.version());
  request.mutable_claim()->mutable_penalty()->mutable_amount()->CopyFrom(Yuan(1234, 56));
  request.mutable_update_mask()->add_paths("penalty");
  ASSERT_TRUE(Update(request, &updated).ok()) << "update failed";
  EXPECT_FALSE(updated.totals().penalty_unliquidated());
  EXPECT_EQ(updated.totals().total().units(), 806450600 + 1234);
  EXPECT_EQ(updated.totals().total().nanos(), 560000000);
  EXPECT_EQ(updated.tranches_size(), 2);
  EXPECT_EQ(updated.title(), created.title());
}

TEST_F(ClaimServiceTest, UpdateMaskWithUnknownPathIsInvalidArgument) {
  v1::Claim created, updated;
  ASSERT_TRUE(Create(SampleClaim(), "mask-bad", &created).ok());
  v1::UpdateClaimRequest request;
  *request.mutable_claim() = created;
  request.mutable_update_mask()->add_paths("totals");
  grpc::Status status = Update(request, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("update_mask"), std::string::npos);
}

// A malformed mask is what is wrong with the request, whatever the claim it names: not a
// NOT_FOUND to look into, nor an ABORTED to re-read and retry.
TEST_F(ClaimServiceTest, UpdateMaskWithANestedPathIsInvalidArgumentBeforeTheClaimIsLookedFor) {
  v1::Claim created, updated;
  ASSERT_TRUE(Create(SampleClaim(), "mask-nested", &created).ok());
  v1::UpdateClaimRequest missing;
  *missing.mutable_claim() = created;
  missing.mutable_claim()->set_id("6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b");
  missing.mutable_update_mask()->add_paths("debtor.organization.name");
  v1::UpdateClaimRequest stale = missing;
  stale.mutable_claim()->set_id(created.id());
  stale.mutable_claim()->set_version(created.version() + 1);

  const grpc::Status on_missing = Update(missing, &updated);
  const grpc::Status on_stale = Update(stale, &updated);

  EXPECT_EQ(on_missing.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << on_missing.error_message();
  EXPECT_EQ(on_missing.error_message().rfind("update_mask: ", 0), 0u) << on_missing.error_message();
  EXPECT_EQ(on_stale.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << on_stale.error_message();
}

TEST_F(ClaimServiceTest, UpdateWithoutAnIdNamesClaimIdOnce) {
  v1::Claim updated;
  v1::UpdateClaimRequest request;
  *request.mutable_claim() = SampleClaim();
  request.mutable_update_mask()->add_paths("status");
  grpc::Status status = Update(request, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "claim.id: is required");
}

TEST_F(ClaimServiceTest, UpdateRetryWithSameRequestIdIsAppliedOnce) {
  v1::Claim created, first, retry;
  ASSERT_TRUE(Create(SampleClaim(), "update-retry-base", &created).ok());
  v1::UpdateClaimRequest request;
  *request.mutable_claim() = created;
  request.mutable_claim()->set_status(v1::CLAIM_STATUS_IN_DISPOSAL);
  request.mutable_update_mask()->add_paths("status");
  request.set_request_id("update-retry-1");
  ASSERT_TRUE(Update(request, &first).ok());
  ASSERT_TRUE(Update(request, &retry).ok());
  EXPECT_EQ(first.version(), 2);
  EXPECT_EQ(retry.version(), 2);
  EXPECT_EQ(Count("audit_events"), 2);
}

TEST_F(ClaimServiceTest, ListPagesThroughEveryClaimOnceNewestFirst) {
  std::vector<std::string> created_ids;
  for (int i = 0; i < 7; ++i) {
    v1::Claim out;
    ASSERT_TRUE(Create(SampleClaim(i + 1), "page-" + std::to_string(i), &out).ok());
    created_ids.push_back(out.id());
  }
  std::vector<std::string> listed;
  v1::ListClaimsRequest request;
  request.set_page_size(3);
  int pages = 0;
  do {
    v1::ListClaimsResponse response;
    ASSERT_TRUE(List(request, &response).ok());
    for (const v1::Claim& claim : response.claims()) listed.push_back(claim.id());
    request.set_page_token(response.next_page_token());
    ++pages;
  } while (!request.page_token().empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(listed.size(), 7u);
  EXPECT_EQ(listed.front(), created_ids.back());
  EXPECT_EQ(std::set<std::string>(listed.begin(), listed.end()).size(), 7u);
}

TEST_F(ClaimServiceTest, ListFiltersByDebtorAndStatus) {
  v1::Claim a, b, c;
  ASSERT_TRUE(Create(SampleClaim(11), "filter-a", &a).ok());
  ASSERT_TRUE(Create(SampleClaim(12), "filter-b", &b).ok());
  ASSERT_TRUE(Create(SampleClaim(12), "filter-c", &c).ok());
  v1::ListClaimsRequest request;
  request.set_debtor_identifier(CreditCode(12));
  v1::ListClaimsResponse response;
  ASSERT_TRUE(List(request, &response).ok());
  EXPECT_EQ(response.claims_size(), 2);
  request.set_status(v1::CLAIM_STATUS_SETTLED);
  response.Clear();
  ASSERT_TRUE(List(request, &response).ok());
  EXPECT_EQ(response.claims_size(), 0);
}

// Ten claims of about 260 kB each (ten pieces of collateral, each with 50 encumbrances of 500
// characters): a page of all ten would pass the 2 MiB a list response keeps to, so the first
// page ends early, and paging on still lists each claim exactly once.
TEST_F(ClaimServiceTest, APageOfLargeClaimsEndsEarlyAndPagingListsEachOnce) {
  std::set<std::string> created_ids;
  for (int i = 0; i < 10; ++i) {
    v1::Claim claim = SampleClaim(i + 1);
    for (int c = 0; c < 10; ++c) {
      v1::Collateral* collateral = claim.add_collateral();
      *collateral = claim.collateral(0);
      collateral->clear_encumbrances();
      for (int e = 0; e < 50; ++e) {
        v1::Encumbrance* encumbrance = collateral->add_encumbrances();
        encumbrance->set_kind(v1::ENCUMBRANCE_KIND_SEIZED);
        encumbrance->set_note(std::string(500, 'x'));
      }
    }
    v1::Claim out;
    ASSERT_TRUE(Create(claim, "large-" + std::to_string(i), &out).ok());
    created_ids.insert(out.id());
  }
  std::vector<std::string> listed;
  v1::ListClaimsRequest request;
  request.set_page_size(10);
  int pages = 0;
  do {
    v1::ListClaimsResponse response;
    ASSERT_TRUE(List(request, &response).ok());
    EXPECT_LE(response.ByteSizeLong(), 2u * 1024 * 1024 + 300 * 1024);
    for (const v1::Claim& claim : response.claims()) listed.push_back(claim.id());
    request.set_page_token(response.next_page_token());
    ++pages;
  } while (!request.page_token().empty() && pages < 10);
  EXPECT_GE(pages, 2);
  EXPECT_EQ(listed.size(), 10u);
  EXPECT_EQ(std::set<std::string>(listed.begin(), listed.end()), created_ids);
}

TEST_F(ClaimServiceTest, ListByADebtorIdentifierThatIsNoneIsInvalidArgumentNamingTheField) {
  v1::ListClaimsRequest request;
  request.set_debtor_identifier("abc");
  v1::ListClaimsResponse response;
  const grpc::Status status = List(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("debtor_identifier: \"abc\" is neither", 0), 0u)
      << status.error_message();
}

// A megabyte of input does not come back as a megabyte of status message (past gRPC's metadata
// limits the client would see another error than INVALID_ARGUMENT).
TEST_F(ClaimServiceTest, ALongInvalidDebtorIdentifierIsRepeatedShortened) {
  v1::ListClaimsRequest request;
  request.set_debtor_identifier(std::string(1 << 20, '9'));
  v1::ListClaimsResponse response;
  const grpc::Status status = List(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_LT(status.error_message().size(), 200u);
  EXPECT_NE(status.error_message().find("(1048576 bytes)"), std::string::npos)
      << status.error_message();
}

TEST_F(ClaimServiceTest, PageTokenFromAnotherFilterIsRefused) {
  v1::ListClaimsRequest request;
  v1::ListClaimsResponse response;
  request.set_page_size(1);
  request.set_page_token(SecondPageToken(3));
  request.set_status(v1::CLAIM_STATUS_HELD);
  EXPECT_EQ(List(request, &response).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

// Two tokens that pass every form check but do not come from this service: the cursor's id of
// the right length and alphabet yet not a UUID. Refused naming page_token, never with the
// database's text.
TEST_F(ClaimServiceTest, PageTokenWithACursorThatIsNotAUuidIsRefusedNamingTheField) {
  std::string forged = SecondPageToken(2);
  v1::ListClaimsRequest request;
  v1::ListClaimsResponse response;
  request.set_page_size(1);
  const size_t id_start = forged.find('.', forged.find('.') + 1) + 1;
  ASSERT_EQ(forged.find('.', id_start) - id_start, 36u) << forged;
  forged.replace(id_start, 36, std::string(36, '-'));
  request.set_page_token(forged);
  grpc::Status status = List(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("page_token"), std::string::npos) << status.error_message();
  EXPECT_EQ(status.error_message().find("database"), std::string::npos) << status.error_message();
}

TEST_F(ClaimServiceTest, NulCharacterInATextFieldIsInvalidArgumentNamingTheField) {
  v1::Claim claim = SampleClaim();
  claim.set_title(std::string("ab\0c", 4));
  v1::Claim out;
  grpc::Status status = Create(claim, "nul-title", &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("title"), std::string::npos) << status.error_message();
  EXPECT_NE(status.error_message().find("NUL"), std::string::npos) << status.error_message();
}

// AIP-158: a page size above the maximum is served as the maximum, not refused.
TEST_F(ClaimServiceTest, PageSizeAboveTheMaximumIsServed) {
  v1::Claim created;
  ASSERT_TRUE(Create(SampleClaim(), "page-size-above", &created).ok());
  v1::ListClaimsRequest request;
  request.set_page_size(5000);
  v1::ListClaimsResponse response;
  grpc::Status status = List(request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.claims_size(), 1);
}

TEST_F(ClaimServiceTest, NegativePageSizeIsInvalidArgumentNamingIt) {
  v1::ListClaimsRequest request;
  request.set_page_size(-1);
  v1::ListClaimsResponse response;
  grpc::Status status = List(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("page_size: ", 0), 0u) << status.error_message();
}

// Each list and text is bounded, but updates naming a few fields each could together make a
// claim too large for any answer: one that would pass 3 MiB as stored is refused, and the
// claim stays readable.
TEST_F(ClaimServiceTest, AnUpdateThatWouldMakeTheClaimTooLargeToAnswerIsRefused) {
  v1::Claim created;
  ASSERT_TRUE(Create(SampleClaim(), "large-1", &created).ok());
  v1::UpdateClaimRequest request;
  *request.mutable_claim() = created;
  request.mutable_claim()->clear_collateral();
  for (int i = 0; i < 45; ++i) {
    v1::Collateral* item = request.mutable_claim()->add_collateral();
    item->set_kind(v1::COLLATERAL_KIND_RESIDENTIAL);
    item->set_lien_rank(1);
    std::string text;
    for (int c = 0; c < 500; ++c) text += "房";
    item->set_description(text);
    item->set_location(text);
    for (int e = 0; e < 50; ++e) {
      v1::Encumbrance* encumbrance = item->add_encumbrances();
      encumbrance->set_kind(v1::ENCUMBRANCE_KIND_SEIZED);
      encumbrance->set_note(text);
    }
  }
  request.mutable_update_mask()->add_paths("collateral");
  request.set_request_id("large-2");
  ASSERT_GT(request.ByteSizeLong(), 3u * 1024 * 1024);
  v1::Claim updated;
  const grpc::Status status = Update(request, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_NE(status.error_message().find("claim: would be"), std::string::npos)
      << status.error_message();
  v1::Claim read;
  ASSERT_TRUE(Get(created.id(), &read).ok());
  EXPECT_EQ(read.version(), created.version());
}

// A retry is answered before it is checked again on the claim as it now stands. The first
// call kept a tranche whose rates were stored before the penalty-rate rule (kept as it was, so
// allowed); a later update corrected them; checked again, the retry's body would be refused.
TEST_F(ClaimServiceTest, ARetryOfAnUpdateIsAnsweredEvenWhenItsBodyNoLongerPassesTheChecks) {
  v1::Claim created;
  ASSERT_TRUE(Create(SampleClaim(), "legacy-1", &created).ok());
  db_.Query("UPDATE claim_tranches SET penalty_rate = 0.01 WHERE position = 0 AND claim_id = '" +
            created.id() + "'");  // below the contract rate: stored before the rule
  v1::Claim legacy;
  ASSERT_TRUE(Get(created.id(), &legacy).ok());
  v1::UpdateClaimRequest keep;
  *keep.mutable_claim() = legacy;
  keep.mutable_claim()->mutable_tranches(0)->set_original_creditor_current_name("改名后的债权人");
  keep.mutable_update_mask()->add_paths("tranches");
  keep.set_request_id("keep-legacy");
  v1::Claim kept;
  ASSERT_TRUE(Update(keep, &kept).ok());
  v1::UpdateClaimRequest fix;
  *fix.mutable_claim() = kept;
  fix.mutable_claim()->mutable_tranches(0)->mutable_penalty_rate()->set_value("0.06");
  fix.mutable_update_mask()->add_paths("tranches");
  v1::Claim fixed;
  ASSERT_TRUE(Update(fix, &fixed).ok());

  v1::Claim retried;
  const grpc::Status status = Update(keep, &retried);

  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(retried.version(), fixed.version());
  EXPECT_EQ(retried.tranches(0).penalty_rate().value(), fixed.tranches(0).penalty_rate().value());
}

// A request without the version read is malformed, whether or not the claim exists.
TEST_F(ClaimServiceTest, AnUpdateWithoutAVersionIsInvalidArgumentEvenForAnUnknownClaim) {
  v1::UpdateClaimRequest request;
  *request.mutable_claim() = SampleClaim();
  request.mutable_claim()->set_id("00000000-0000-4000-8000-000000000000");
  request.mutable_update_mask()->add_paths("status");
  v1::Claim updated;
  const grpc::Status status = Update(request, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_NE(status.error_message().find("claim.version"), std::string::npos)
      << status.error_message();
}

}  // namespace
}  // namespace disposal::testing
