// The notice an interrupted change prints: the complete rerun, so that a retry is the same request
// under the same id and not one the server refuses (ALREADY_EXISTS).
#include "client/interrupt_notice.h"

#include <gtest/gtest.h>

#include <csignal>
#include <string>

#include "client/request_id.h"

namespace disposalctl {
namespace {

TEST(InterruptNotice, SaysTheChangeMayOrMayNotHaveBeenMade) {
  EXPECT_NE(InterruptNotice("cost-0710", "").find("may or may not have been made"),
            std::string::npos);
}

TEST(InterruptNotice, NamesTheRequestIdAloneWhenNothingElseMustBeRepeated) {
  const std::string notice = InterruptNotice("cost-0710", "");
  EXPECT_NE(notice.find("rerun with --request-id cost-0710\n"), std::string::npos) << notice;
}

TEST(InterruptNotice, RepeatsTheReceivedTimeTheFirstAttemptSent) {
  const std::string notice = InterruptNotice("objection-1", "--received 2021-08-03T02:00:00Z");
  EXPECT_NE(notice.find("rerun with --request-id objection-1 --received 2021-08-03T02:00:00Z\n"),
            std::string::npos)
      << notice;
}

TEST(InterruptNotice, GivesTheSameRerunAsAFailureOfUnknownOutcome) {
  const std::string rerun = "rerun with --request-id publish-1 --version 3";
  const Status failed = WithRequestId(Status::RpcFailed("UNAVAILABLE", "connection lost"),
                                      "publish-1", "--version 3");
  ASSERT_NE(failed.message().find(rerun), std::string::npos) << failed.message();
  EXPECT_NE(InterruptNotice("publish-1", "--version 3").find(rerun), std::string::npos);
}

TEST(RegistryImportInterruptNotice, NamesTheFileToImportAgain) {
  const std::string notice = RegistryImportInterruptNotice("registry-2026.csv");
  EXPECT_NE(notice.find("Importing registry-2026.csv again is safe"), std::string::npos) << notice;
}

TEST(RegistryImportInterruptNotice, SpeaksOfTheSameRowsForStandardInput) {
  const std::string notice = RegistryImportInterruptNotice("stdin");
  EXPECT_NE(notice.find("Importing the same rows again is safe"), std::string::npos) << notice;
}

TEST(WhileInFlight, ReturnsWhatTheCallReturns) {
  EXPECT_EQ(WhileInFlight("publish-1", "--version 3", [] { return 7; }), 7);
  EXPECT_EQ(WhileInFlight("cost-0710", [] { return 8; }), 8);
}

TEST(ChangeInFlightDeathTest, TerminatedChangePrintsTheCompleteRerunAndDiesOfTheSignal) {
  EXPECT_EXIT(
      {
        const ChangeInFlight in_flight("publish-1", "--version 3");
        std::raise(SIGTERM);
      },
      testing::KilledBySignal(SIGTERM), "rerun with --request-id publish-1 --version 3");
}

}  // namespace
}  // namespace disposalctl
