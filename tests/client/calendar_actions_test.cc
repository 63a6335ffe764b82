// calendar import against a stand-in CalendarService: each year goes with "<id>-<year>", and a
// failure names the import's id to rerun with, so that a rerun sends the same ids again.
#include "client/calendar_actions.h"

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "disposal/v1/calendar.grpc.pb.h"
#include "stand_in_server.h"
#include "support/build_paths.h"

namespace disposalctl {
namespace {

// Answers ImportCalendarYear with the year it got, or UNAVAILABLE (outcome unknown) for the
// year named in `failing_year`.
class FakeCalendarService final : public disposal::v1::CalendarService::Service {
 public:
  grpc::Status ImportCalendarYear(grpc::ServerContext*,
                                  const disposal::v1::ImportCalendarYearRequest* request,
                                  disposal::v1::CalendarYear* response) override {
    if (request->request_id().empty()) {
      // As every server does without validate_only, and an older one ignoring it.
      if (!request->validate_only() || older_server) {
        return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                            "request_id: is required: send a unique id");
      }
    } else if (request->validate_only()) {
      checked_with_an_id = true;
    }
    if (request->validate_only() && !older_server) {
      checked_years.push_back(request->calendar_year().year());
      if (request->calendar_year().year() == refused_year) {
        return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "calendar_year.special_days: no");
      }
      *response = request->calendar_year();
      return grpc::Status::OK;
    }
    request_ids.push_back(request->request_id());
    if (request->calendar_year().year() == failing_year) {
      return grpc::Status(grpc::StatusCode::UNAVAILABLE, "connection reset");
    }
    *response = request->calendar_year();
    return grpc::Status::OK;
  }

  std::vector<std::string> request_ids;  // of the imports, not the checks
  int failing_year = 0;
  std::vector<int> checked_years;  // validate_only
  int refused_year = 0;            // refused when checked
  bool checked_with_an_id = false;
  bool older_server = false;  // knows no validate_only
};

std::string RealCalendarPath() {
  return ::disposal::testing::RepoFile("schema/data/calendar-cn-2021-2026.csv");
}

class CalendarActionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = StartStandInServer(&service_, "admin", &global_);
    ASSERT_NE(server_, nullptr);
  }
  void TearDown() override { server_->Shutdown(); }

  Status Import(const std::string& request_id) {
    ImportCalendarOptions options;
    options.file = RealCalendarPath();
    options.request_id = request_id;
    ::testing::internal::CaptureStdout();
    const Status status = ImportCalendar(global_, options);
    ::testing::internal::GetCapturedStdout();
    return status;
  }

  FakeCalendarService service_;
  std::unique_ptr<grpc::Server> server_;
  GlobalOptions global_;
};

TEST_F(CalendarActionsTest, EachYearGoesWithTheImportsIdAndItsYear) {
  ASSERT_TRUE(Import("cal-v1").ok());
  ASSERT_EQ(service_.request_ids.size(), 6u);
  EXPECT_EQ(service_.request_ids.front(), "cal-v1-2021");
  EXPECT_EQ(service_.request_ids.back(), "cal-v1-2026");
}

TEST_F(CalendarActionsTest, AFailureNamesTheImportsIdAndARerunWithItSendsTheSameIds) {
  service_.failing_year = 2023;
  const Status failed = Import("");
  ASSERT_FALSE(failed.ok());
  const std::string hint = "rerun with --request-id ";
  const size_t at = failed.message().find(hint);
  ASSERT_NE(at, std::string::npos) << failed.message();
  const std::string rerun_id = failed.message().substr(
      at + hint.size(), failed.message().find_first_of(") ", at + hint.size()) - at - hint.size());
  const std::vector<std::string> first_run = service_.request_ids;  // 2021..2023
  ASSERT_EQ(first_run.size(), 3u);
  service_.request_ids.clear();
  service_.failing_year = 0;
  ASSERT_TRUE(Import(rerun_id).ok());
  ASSERT_EQ(service_.request_ids.size(), 6u);
  for (size_t i = 0; i < first_run.size(); ++i) EXPECT_EQ(service_.request_ids[i], first_run[i]);
}

TEST_F(CalendarActionsTest, EveryYearIsCheckedByTheServerBeforeAnyIsImported) {
  ASSERT_TRUE(Import("cal-v1").ok());
  EXPECT_EQ(service_.checked_years, (std::vector<int>{2021, 2022, 2023, 2024, 2025, 2026}));
  service_.checked_years.clear();
  service_.request_ids.clear();
  service_.refused_year = 2025;
  const Status refused = Import("cal-v2");
  EXPECT_EQ(refused.exit_code(), kExitRpcFailed);
  EXPECT_NE(refused.message().find("year 2025 (checked before importing: nothing was imported)"),
            std::string::npos)
      << refused.message();
  EXPECT_TRUE(service_.request_ids.empty()) << "a year was imported before 2025 was checked";
  EXPECT_FALSE(service_.checked_with_an_id);
}

// A server that ignores validate_only would import a checked year under its id: the check
// goes without one, is refused for it, and the years are then imported as before.
TEST_F(CalendarActionsTest, AServerOlderThanTheCheckIsSentTheYearsUnchecked) {
  service_.older_server = true;
  ASSERT_TRUE(Import("cal-v1").ok());
  EXPECT_EQ(service_.request_ids.size(), 6u);
  EXPECT_TRUE(service_.checked_years.empty());
}

TEST_F(CalendarActionsTest, AFileWithAFragmentOfAYearSendsNoneOfItsYears) {
  const std::string path =
      ::testing::TempDir() + "calendar-fragment-" + std::to_string(getpid()) + ".csv";
  // A whole 2021 (its days off, as many as the law gives and more), then a fragment of 2022.
  std::ofstream file(path);
  file << "# source: A\n";
  for (const char* day : {"01-01", "01-02", "01-03", "02-11", "02-12", "02-13", "02-14",
                          "02-15", "02-16", "02-17", "04-05", "05-01", "05-03", "05-04",
                          "05-05", "06-14", "10-01", "10-04", "10-05", "10-06", "10-07"}) {
    file << "2021-" << day << ",holiday,\n";
  }
  file << "2022-12-31,holiday,元旦\n";
  file.close();
  ImportCalendarOptions options;
  options.file = path;
  const Status refused = ImportCalendar(global_, options);
  EXPECT_EQ(refused.exit_code(), kExitBadInput);
  EXPECT_NE(refused.message().find("2022 lacks the holiday 2022-01-01"), std::string::npos)
      << refused.message();
  EXPECT_TRUE(service_.request_ids.empty()) << "2021 was sent before the fragment was found";
  EXPECT_TRUE(service_.checked_years.empty());
}

TEST_F(CalendarActionsTest, AnIdLeavingNoRoomForTheYearIsRefusedBeforeAnythingIsSent) {
  const Status refused = Import(std::string(96, 'c'));
  EXPECT_EQ(refused.exit_code(), kExitBadInput);
  EXPECT_NE(refused.message().find("give at most 95"), std::string::npos) << refused.message();
  EXPECT_TRUE(service_.request_ids.empty());
}

TEST_F(CalendarActionsTest, AnIdPastTheApisOwnLimitIsToldTheImportsLimit) {
  const Status refused = Import(std::string(101, 'c'));
  EXPECT_EQ(refused.exit_code(), kExitBadInput);
  EXPECT_NE(refused.message().find("give at most 95"), std::string::npos) << refused.message();
}

TEST_F(CalendarActionsTest, AnIdOfTheLongestLengthThatFitsIsSentWithItsYear) {
  ASSERT_TRUE(Import(std::string(95, 'c')).ok());
  ASSERT_EQ(service_.request_ids.size(), 6u);
  EXPECT_EQ(service_.request_ids.front(), std::string(95, 'c') + "-2021");
}

}  // namespace
}  // namespace disposalctl
