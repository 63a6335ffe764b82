// An auditor's work through disposalctl against a real disposal-server: the seed claim's
// history streamed, verified by the server, exported and verified offline (and an edited
// export caught), and an eligibility decision replayed.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <utility>

#include "support/server_fixture.h"

namespace disposal::testing {
namespace {

class AuditEndToEnd : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    claim_ = CtlId({"claim", "create", "-f", RepoFile("deploy/examples/seed-claim.yaml"),
                    "--request-id", "e2e-audit-claim"});
    ASSERT_EQ(claim_.size(), 36u);
    const std::string status_file = Scratch("status.yaml");
    std::ofstream(status_file) << "status: IN_DISPOSAL\n";
    CommandResult updated =
        Ctl({"claim", "update", claim_, "-f", status_file, "--version", "1", "--mask", "status"});
    ASSERT_EQ(updated.exit_code, 0) << updated.err;
  }

  std::string Scratch(const std::string& name) {
    return "/tmp/disposal-e2e-" + std::to_string(port_) + "-" + name;
  }

  // A new disposal of the seed claim (`request_id` makes it), and one decision on it: its
  // guarantor checked as a bidder (INELIGIBLE). The disposal's and the decision's ids.
  std::pair<std::string, std::string> DisposalWithADecision(const std::string& request_id) {
    const std::string disposal =
        CtlId({"disposal", "create", "-f", RepoFile("deploy/examples/seed-disposal.yaml"),
               "--claim", claim_, "--request-id", request_id});
    EXPECT_EQ(disposal.size(), 36u);
    CommandResult checked = Ctl({"--output", "json", "eligibility", "check", disposal, "--person",
                                 "230103196803150315", "--name", "股东甲（示例）"});
    EXPECT_EQ(checked.exit_code, 0) << checked.err;
    const std::string decision = JsonString(checked.out, "decision_id");
    EXPECT_EQ(decision.size(), 36u) << checked.out;
    return {disposal, decision};
  }

  std::string claim_;
};

TEST_F(AuditEndToEnd, AuditorStreamsTheSeedClaimsHistoryWithWhoDidWhat) {
  CommandResult history = CtlAs("auditor", {"audit", "history", claim_});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_NE(history.out.find("CreateClaim"), std::string::npos) << history.out;
  EXPECT_NE(history.out.find("UpdateClaim"), std::string::npos) << history.out;
  EXPECT_NE(history.out.find("e2e-staff"), std::string::npos) << history.out;
}

TEST_F(AuditEndToEnd, ServerVerifiesTheSeedClaimsChain) {
  CommandResult checked = CtlAs("auditor", {"audit", "check", claim_});
  EXPECT_EQ(checked.exit_code, 0) << checked.err;
  EXPECT_NE(checked.out.find("ok: 2 events"), std::string::npos) << checked.out;
}

TEST_F(AuditEndToEnd, ExportVerifiesOfflineWithoutAServer) {
  const std::string dir = Scratch("export");
  RunCommand({"/bin/rm", "-rf", dir});
  CommandResult exported = CtlAs("auditor", {"audit", "export", claim_, "--out", dir});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  server_->Stop(SIGTERM);
  CommandResult verified = RunCommand({kCtlBinary, "audit", "verify", dir});
  EXPECT_EQ(verified.exit_code, 0) << verified.err;
  EXPECT_NE(verified.out.find("ok: 2 events"), std::string::npos) << verified.out;
}

TEST_F(AuditEndToEnd, EditedExportFailsOfflineVerificationNamingTheEvent) {
  const std::string dir = Scratch("edited");
  RunCommand({"/bin/rm", "-rf", dir});
  ASSERT_EQ(CtlAs("auditor", {"audit", "export", claim_, "--out", dir}).exit_code, 0);
  // Someone changes what the second event says the claim's status became.
  CommandResult edited =
      RunCommand({"/bin/sed", "-i", "2s/IN_DISPOSAL/DISPOSED/", dir + "/events.jsonl"});
  ASSERT_EQ(edited.exit_code, 0) << edited.err;
  ASSERT_NE(ReadFile(dir + "/events.jsonl").find("DISPOSED"), std::string::npos);
  CommandResult verified = RunCommand({kCtlBinary, "audit", "verify", dir});
  EXPECT_EQ(verified.exit_code, 1) << verified.out;
  EXPECT_NE((verified.out + verified.err).find("event 2"), std::string::npos)
      << verified.out << verified.err;
  EXPECT_NE((verified.out + verified.err).find("edited"), std::string::npos)
      << verified.out << verified.err;
}

// Runs `sql` at a psql prompt as the cluster's superuser, the append-only and guard triggers
// switched off for the session, as someone tampering with the tables would.
CommandResult TamperAsSuperuser(TestDatabase& db, const std::string& sql) {
  return RunCommand({"/usr/lib/postgresql/15/bin/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
                     db.url(), "-c", "SET session_replication_role = replica; " + sql});
}

// A superuser at a psql prompt switches the append-only triggers off for the session and
// rewrites what the second event says; the auditor's next check names it.
TEST_F(AuditEndToEnd, PsqlSuperusersEditIsCaughtByTheAuditorsCheck) {
  const std::string sql =
      "UPDATE audit_events SET payload = "
      "jsonb_set(payload, '{claim,status}', '\"HELD\"') WHERE subject_id = '" +
      claim_ + "' AND chain_seq = 2;";
  CommandResult tampered = TamperAsSuperuser(db_, sql);
  ASSERT_EQ(tampered.exit_code, 0) << tampered.err;
  CommandResult checked = CtlAs("auditor", {"audit", "check", claim_});
  EXPECT_EQ(checked.exit_code, 1) << checked.out;
  const std::string said = checked.out + checked.err;
  EXPECT_NE(said.find("event 2"), std::string::npos) << said;
  EXPECT_NE(said.find("edited"), std::string::npos) << said;
}

// A superuser rewrites the claim's second event and recomputes its hash and the chain's head:
// the chain still recomputes.
void RewriteTheSecondEventConsistently(TestDatabase& db, const std::string& claim) {
  const std::string where = " WHERE subject_id = '" + claim + "' AND chain_seq = 2";
  const std::string sql =
      "UPDATE audit_events SET payload = '{\"rewritten\": true}'" + where +
      "; "
      "UPDATE audit_events e SET hash = sha256(e.prev_hash || audit_canonical(e))" +
      where +
      "; "
      "UPDATE audit_heads h SET hash = e.hash FROM audit_events e WHERE e.subject_id = "
      "h.subject_id AND e.chain_seq = h.chain_seq AND h.subject_id = '" +
      claim + "';";
  const CommandResult rewritten = TamperAsSuperuser(db, sql);
  ASSERT_EQ(rewritten.exit_code, 0) << rewritten.err;
}

// "2:<hash>" from `audit check`'s "ok: 2 events, head 2 <hash>".
std::string KeptHead(const std::string& check_output) {
  const std::string marker = ", head ";
  const size_t at = check_output.find(marker);
  if (at == std::string::npos) return "";
  std::string head = check_output.substr(at + marker.size());
  head = head.substr(0, head.find('\n'));
  const size_t space = head.find(' ');
  return space == std::string::npos ? "" : head.substr(0, space) + ":" + head.substr(space + 1);
}

// A superuser rewrites the second event and recomputes its hash and the head: the chain
// recomputes, so the server's check passes; the head the auditor kept from before does not.
TEST_F(AuditEndToEnd, AConsistentRewritePassesTheCheckButNotTheHeadKeptBefore) {
  const CommandResult before = CtlAs("auditor", {"audit", "check", claim_});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  const std::string kept = KeptHead(before.out);
  ASSERT_EQ(kept.size(), 2u + 64u) << before.out;
  ASSERT_NO_FATAL_FAILURE(RewriteTheSecondEventConsistently(db_, claim_));
  const CommandResult recomputed = CtlAs("auditor", {"audit", "check", claim_});
  EXPECT_EQ(recomputed.exit_code, 0) << recomputed.out << recomputed.err;
  const CommandResult against = CtlAs("auditor", {"audit", "check", claim_, "--expect-head", kept});
  EXPECT_EQ(against.exit_code, 1) << against.out;
  // One name for the break, on the verdict and on the failure's line.
  EXPECT_NE(against.out.find("event 2: edited"), std::string::npos) << against.out;
  EXPECT_NE(against.err.find("broken at event 2 (edited)"), std::string::npos) << against.err;
}

// A script keeping the head it reads from JSON must not be handed the rewritten chain's head
// beside a failed check.
TEST_F(AuditEndToEnd, AHeadKeptBeforeARewriteFailsInJsonWithoutTheRewrittenHead) {
  const CommandResult before = CtlAs("auditor", {"audit", "check", claim_});
  const std::string kept = KeptHead(before.out);
  ASSERT_EQ(kept.size(), 66u) << before.out;
  ASSERT_NO_FATAL_FAILURE(RewriteTheSecondEventConsistently(db_, claim_));
  const std::string rewritten_head =
      db_.Query("SELECT encode(hash, 'hex') FROM audit_heads WHERE subject_id = '" + claim_ + "'");
  ASSERT_EQ(rewritten_head.size(), 64u);
  const CommandResult against =
      CtlAs("auditor", {"--output", "json", "audit", "check", claim_, "--expect-head", kept});
  EXPECT_EQ(against.exit_code, 1) << against.out;
  EXPECT_NE(against.out.find("\"ok\": false"), std::string::npos) << against.out;
  // The reason may quote the rewritten hash; the head fields, which scripts keep, must not.
  EXPECT_EQ(against.out.find("\"head_hash\": \"" + rewritten_head), std::string::npos)
      << against.out;
  EXPECT_NE(against.out.find("\"head_hash\": \"\""), std::string::npos) << against.out;
}

// The chain grows after the head was kept: it still passes through it.
TEST_F(AuditEndToEnd, AKeptHeadStillPassesOnceTheChainHasGrown) {
  const CommandResult before = CtlAs("auditor", {"audit", "check", claim_});
  const std::string kept = KeptHead(before.out);
  ASSERT_EQ(kept.size(), 66u) << before.out;
  db_.Query(
      "SELECT audit_append('tester', 'staff', '', 'disposal.v1.ClaimService/UpdateClaim', "
      "'', 'claim', '" +
      claim_ + "', 3, '{}')");
  const CommandResult after = CtlAs("auditor", {"audit", "check", claim_, "--expect-head", kept});
  EXPECT_EQ(after.exit_code, 0) << after.out << after.err;
  EXPECT_NE(after.out.find("ok: 3 events"), std::string::npos) << after.out;
}

TEST_F(AuditEndToEnd, AKeptHeadBeyondTheChainsEndIsReportedRemoved) {
  const CommandResult checked =
      CtlAs("auditor", {"audit", "check", claim_, "--expect-head", "9:" + std::string(64, 'a')});
  EXPECT_EQ(checked.exit_code, 1) << checked.out;
  EXPECT_NE((checked.out + checked.err).find("event 9: removed"), std::string::npos)
      << checked.out << checked.err;
}

// The same superuser deletes the claim's last event: the stream then simply ends one event
// early, so the export must hold it against the head the server recorded.
TEST_F(AuditEndToEnd, ExportOfAChainWhoseLastEventWasDeletedFailsNamingIt) {
  const std::string sql =
      "DELETE FROM audit_events WHERE subject_id = '" + claim_ + "' AND chain_seq = 2;";
  CommandResult tampered = TamperAsSuperuser(db_, sql);
  ASSERT_EQ(tampered.exit_code, 0) << tampered.err;
  const std::string dir = Scratch("tail-removed");
  RunCommand({"/bin/rm", "-rf", dir});
  CommandResult exported = CtlAs("auditor", {"audit", "export", claim_, "--out", dir});
  EXPECT_EQ(exported.exit_code, 1) << exported.out << exported.err;
  const std::string said = exported.out + exported.err;
  EXPECT_NE(said.find("event 2"), std::string::npos) << said;
  EXPECT_NE(said.find("removed"), std::string::npos) << said;
}

// The same superuser moves the claim's head back to its first event, leaving the second
// stored past it: the export holds that event, and the export, its offline check and the
// server's check all name it inserted.
TEST_F(AuditEndToEnd, ExportOfAChainWhoseHeadWasMovedBackFailsNamingTheEventPastIt) {
  const std::string sql =
      "UPDATE audit_heads h SET chain_seq = 1, hash = "
      "e.hash FROM audit_events e WHERE e.subject_id = h.subject_id AND e.chain_seq = 1 AND "
      "h.subject_id = '" +
      claim_ + "';";
  CommandResult tampered = TamperAsSuperuser(db_, sql);
  ASSERT_EQ(tampered.exit_code, 0) << tampered.err;
  const std::string dir = Scratch("head-moved-back");
  RunCommand({"/bin/rm", "-rf", dir});
  const CommandResult exported = CtlAs("auditor", {"audit", "export", claim_, "--out", dir});
  EXPECT_EQ(exported.exit_code, 1) << exported.out << exported.err;
  EXPECT_NE((exported.out + exported.err).find("event 2"), std::string::npos)
      << exported.out << exported.err;
  EXPECT_NE((exported.out + exported.err).find("inserted"), std::string::npos)
      << exported.out << exported.err;
  EXPECT_NE(ReadFile(dir + "/events.jsonl").find("\"chain_seq\":\"2\""), std::string::npos)
      << ReadFile(dir + "/events.jsonl");
  const CommandResult offline = RunCommand({kCtlBinary, "audit", "verify", dir});
  const CommandResult online = CtlAs("auditor", {"audit", "check", claim_});
  for (const CommandResult& verified : {offline, online}) {
    EXPECT_EQ(verified.exit_code, 1) << verified.out;
    const std::string said = verified.out + verified.err;
    EXPECT_NE(said.find("event 2"), std::string::npos) << said;
    EXPECT_NE(said.find("inserted"), std::string::npos) << said;
  }
}

TEST_F(AuditEndToEnd, StaffMayNotReadTheAuditHistory) {
  CommandResult history = Ctl({"audit", "history", claim_});
  EXPECT_NE(history.exit_code, 0);
  EXPECT_NE(history.err.find("PERMISSION_DENIED"), std::string::npos) << history.err;
}

TEST_F(AuditEndToEnd, AuditorReplaysAnEligibilityDecisionAndGetsTheSameAnswer) {
  const auto [disposal, decision] = DisposalWithADecision("e2e-audit-disposal");
  ASSERT_FALSE(HasFailure());
  const CommandResult replayed = ReplayOnceWritten(decision);
  EXPECT_EQ(replayed.exit_code, 0) << replayed.err << replayed.out;
  EXPECT_NE(replayed.out.find("same"), std::string::npos) << replayed.out;
}

// An auditor lists the decisions made on a disposal: the bidder checked, its outcome and the
// decision's id, which `decision get` then prints whole.
TEST_F(AuditEndToEnd, AuditorListsADisposalsDecisions) {
  const auto [disposal, decision] = DisposalWithADecision("e2e-list-disposal");
  ASSERT_FALSE(HasFailure());
  // Decisions are listed once 5 s old (their receipts are written off the request path).
  CommandResult listed;
  for (int attempt = 0; attempt < 150; ++attempt) {
    listed = CtlAs("auditor", {"decision", "list", disposal, "--outcome", "ineligible"});
    if (listed.out.find(decision) != std::string::npos) break;
    usleep(100'000);
  }
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  const size_t row = listed.out.find(decision);
  ASSERT_NE(row, std::string::npos) << listed.out;
  const std::string line =
      listed.out.substr(listed.out.rfind('\n', row) + 1,
                        listed.out.find('\n', row) - listed.out.rfind('\n', row) - 1);
  EXPECT_NE(line.find("ineligible"), std::string::npos) << line;
  EXPECT_NE(line.find("230103196803150315"), std::string::npos) << line;
  CommandResult eligible_only =
      CtlAs("auditor", {"decision", "list", disposal, "--outcome", "eligible"});
  EXPECT_EQ(eligible_only.exit_code, 0) << eligible_only.err;
  EXPECT_EQ(eligible_only.out, "no decisions\n");
}

}  // namespace
}  // namespace disposal::testing
