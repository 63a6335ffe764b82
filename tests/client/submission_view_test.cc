#include "client/submission_view.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

namespace disposalctl {
namespace {

using disposal::v1::Submission;

// Seconds since the epoch of midnight UTC starting 2021-01-01 (51 years, 13 leap days).
constexpr std::int64_t k2021 = 18628LL * 86400;
// Day-of-year indexes (0 for 1 January) in 2021: August starts at 212.
constexpr std::int64_t kAug02 = 213;
constexpr std::int64_t kAug25 = 236;
constexpr std::int64_t kAug27 = 238;

// An objection received half an hour after the seed window closed (2021-08-25T16:30:00Z,
// 00:30 on the 26th in Shanghai), dismissed on the 27th at 10:00 Shanghai time.
Submission LateObjection() {
  Submission submission;
  submission.set_id("s-12");
  submission.set_number(12);
  submission.set_disposal_id("d-1");
  submission.set_kind(disposal::v1::SUBMISSION_KIND_OBJECTION);
  submission.set_channel(disposal::v1::SUBMISSION_CHANNEL_LETTER);
  submission.mutable_received_time()->set_seconds(k2021 + kAug25 * 86400 + 16 * 3600 + 1800);
  submission.set_submitter("李某");
  submission.set_text("对处置方式有异议，认为保证金设置不合理，请求重新公示。\n第二段");
  submission.set_late(true);
  submission.set_late_reason(disposal::v1::LATE_REASON_AFTER_WINDOW);
  submission.set_resolution(disposal::v1::RESOLUTION_DISMISSED);
  submission.set_resolution_note("逾期提出。\n");
  submission.mutable_resolve_time()->set_seconds(k2021 + kAug27 * 86400 + 2 * 3600);
  submission.set_resolved_by("张三");
  return submission;
}

// An inquiry about one lot, on time, answered without a recorded time or person.
Submission AnsweredInquiry() {
  Submission submission;
  submission.set_id("s-1");
  submission.set_number(1);
  submission.set_disposal_id("d-1");
  submission.set_lot_id("l-2");
  submission.set_kind(disposal::v1::SUBMISSION_KIND_INQUIRY);
  submission.set_channel(disposal::v1::SUBMISSION_CHANNEL_PHONE);
  // 2021-08-02T02:00:00Z, 10:00 in Shanghai.
  submission.mutable_received_time()->set_seconds(k2021 + kAug02 * 86400 + 2 * 3600);
  submission.set_submitter("王五");
  submission.set_submitter_contact("13800000000");
  submission.set_text("请问保证金金额？");
  submission.set_resolution(disposal::v1::RESOLUTION_ANSWERED);
  return submission;
}

std::string Printed(const Submission& submission) {
  std::ostringstream out;
  PrintSubmission(submission, out);
  return out.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

TEST(PrintSubmission, ShowsALateDismissedObjectionInFull) {
  EXPECT_EQ(Printed(LateObjection()),
            "submission #12 (late)\n"
            "=====================\n"
            "id          s-12\n"
            "disposal    d-1\n"
            "lot         - (the whole disposal)\n"
            "kind        objection (异议)\n"
            "channel     letter\n"
            "received    2021-08-26 00:30:00 Asia/Shanghai\n"
            "submitter   李某\n"
            "contact     -\n"
            "late        yes: received after the objection window ended\n"
            "resolution  dismissed, 2021-08-27 10:00:00 Asia/Shanghai by 张三\n"
            "note:\n"
            "  逾期提出。\n"
            "text:\n"
            "  对处置方式有异议，认为保证金设置不合理，请求重新公示。\n"
            "  第二段\n");
}

// The late line says which side of the window: a submission before the notice was out is not
// one that came too late.
TEST(PrintSubmission, ALateSubmissionReceivedBeforePublicationSaysSo) {
  Submission early = LateObjection();
  early.set_late_reason(disposal::v1::LATE_REASON_BEFORE_PUBLICATION);
  const std::vector<std::string> lines = Lines(Printed(early));
  EXPECT_NE(std::find(lines.begin(), lines.end(),
                      "late        yes: received before the notice's publication day"),
            lines.end())
      << Printed(early);
}

TEST(PrintSubmission, ALateSubmissionWithoutAReasonNamesBothSides) {
  Submission unexplained = LateObjection();
  unexplained.clear_late_reason();
  const std::vector<std::string> lines = Lines(Printed(unexplained));
  EXPECT_NE(std::find(lines.begin(), lines.end(),
                      "late        yes: received after the objection window ended (or before "
                      "publication)"),
            lines.end())
      << Printed(unexplained);
}

TEST(PrintSubmission, ShowsAnOnTimeInquiryWithoutTheLateMarker) {
  std::vector<std::string> lines = Lines(Printed(AnsweredInquiry()));
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[0], "submission #1");
  EXPECT_EQ(lines[1], "=============");
  std::vector<std::string> expected_fields = {
      "lot         l-2",         "kind        inquiry (征询)",
      "channel     phone",       "received    2021-08-02 10:00:00 Asia/Shanghai",
      "contact     13800000000", "late        no",
      "resolution  answered",
  };
  for (const std::string& field : expected_fields) {
    bool found = false;
    for (const std::string& line : lines) found = found || line == field;
    EXPECT_TRUE(found) << field;
  }
}

TEST(PrintSubmission, LeavesOutTheNoteSectionWhenThereIsNoNote) {
  std::string text = Printed(AnsweredInquiry());
  EXPECT_EQ(text.find("note:"), std::string::npos) << text;
  EXPECT_NE(text.find("text:\n  请问保证金金额？\n"), std::string::npos) << text;
}

TEST(PrintSubmission, NamesTheReportOfObstructionInTheNoticeWord) {
  Submission report = AnsweredInquiry();
  report.set_kind(disposal::v1::SUBMISSION_KIND_OBSTRUCTION_REPORT);
  std::string text = Printed(report);
  EXPECT_NE(text.find("\nkind        obstruction-report (举报)\n"), std::string::npos) << text;
}

TEST(PrintSubmission, ShowsUnresolvedAndADashForNoReceivedTime) {
  Submission submission = AnsweredInquiry();
  submission.set_resolution(disposal::v1::RESOLUTION_UNRESOLVED);
  submission.clear_received_time();
  std::string text = Printed(submission);
  EXPECT_NE(text.find("\nresolution  unresolved\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nreceived    -\n"), std::string::npos) << text;
}

TEST(PrintSubmission, KeepsSubmittedTextFromDrivingTheTerminal) {
  Submission submission = AnsweredInquiry();
  submission.set_text("a\x1b[2Jb");
  submission.set_submitter("x\ry");
  std::string text = Printed(submission);
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_EQ(text.find('\r'), std::string::npos);
  EXPECT_NE(text.find("\n  a [2Jb\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nsubmitter   x y\n"), std::string::npos) << text;
}

TEST(PrintSubmissionTable, ShowsNumberIdKindReceivedLateAndResolution) {
  google::protobuf::RepeatedPtrField<Submission> submissions;
  *submissions.Add() = AnsweredInquiry();
  *submissions.Add() = LateObjection();
  std::ostringstream out;
  PrintSubmissionTable(submissions, out);
  // Widths: # 2 (right), id 4 (what `objection resolve` takes), kind 9, received 24,
  // submitter 9, late 4, resolution 10, and the text cut to 14 Chinese characters and "…"
  // (29 columns).
  std::vector<std::string> expected = {
      " #  id    kind       received (Asia/Shanghai)  submitter  late  resolution  text",
      "--  ----  ---------  ------------------------  ---------  ----  ----------  "
      "-----------------------------",
      " 1  s-1   inquiry    2021-08-02 10:00:00       王五" + std::string(7, ' ') + "no" +
          std::string(4, ' ') + "answered    请问保证金金额？",
      "12  s-12  objection  2021-08-26 00:30:00       李某       late  dismissed   "
      "对处置方式有异议，认为保证金…"};
  EXPECT_EQ(Lines(out.str()), expected) << out.str();
}

TEST(PrintSubmissionTable, PrintsOnlyTheHeaderForNoSubmissions) {
  google::protobuf::RepeatedPtrField<Submission> submissions;
  std::ostringstream out;
  PrintSubmissionTable(submissions, out);
  EXPECT_EQ(out.str(),
            "#  id  kind  received (Asia/Shanghai)  submitter  late  resolution  text\n"
            "-  --  ----  ------------------------  ---------  ----  ----------  ----\n");
}

}  // namespace
}  // namespace disposalctl
