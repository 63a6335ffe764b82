#include "client/disposal_view.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

namespace disposalctl {
namespace {

using disposal::v1::Disposal;
using disposal::v1::Money;

constexpr char kSeedTitle[] =
    "中国长城资产管理股份有限公司黑龙江省分公司对黑龙江省日出康城房地产开发有限公司债权处置公告";

// Seconds since the epoch of midnight UTC starting 2021-01-01 (51 years, 13 leap days).
constexpr std::int64_t k2021 = 18628LL * 86400;

void SetMoney(Money* money, std::int64_t units, std::int32_t nanos = 0) {
  money->set_units(units);
  money->set_nanos(nanos);
}

void SetDate(disposal::v1::Date* date, int year, int month, int day) {
  date->set_year(year);
  date->set_month(month);
  date->set_day(day);
}

// The seed disposal as the server returns it once published on 2021-07-28: tranche 1
// (388,658,900 + 320,366,200) and the whole of a second claim (60,000,000 + 37,425,500).
Disposal PublishedSeed() {
  Disposal disposal;
  disposal.set_id("d-1");
  disposal.set_version(2);
  disposal.set_title(kSeedTitle);
  disposal.set_state(disposal::v1::DISPOSAL_STATE_PUBLISHED);
  SetDate(disposal.mutable_publication_date(), 2021, 7, 28);
  disposal.set_window_working_days(20);
  SetDate(disposal.mutable_objection_deadline_date(), 2021, 8, 25);
  disposal.set_validity_months(12);
  SetDate(disposal.mutable_validity_end_date(), 2022, 7, 27);
  SetMoney(disposal.mutable_book_value(), 806450600);
  disposal.set_working_days_left(5);
  disposal.set_open_objection_count(1);
  // 2021-07-20T01:30:00Z (day 200 of 2021) and 2021-07-28T02:00:00Z (day 208).
  disposal.mutable_create_time()->set_seconds(k2021 + 200LL * 86400 + 5400);
  disposal.mutable_update_time()->set_seconds(k2021 + 208LL * 86400 + 7200);
  disposal::v1::Lot* first = disposal.add_lots();
  first->set_id("l-1");
  first->set_claim_id("c-1");
  first->set_tranche_number(1);
  SetMoney(first->mutable_book_value(), 709025100);
  disposal::v1::Lot* second = disposal.add_lots();
  second->set_id("l-2");
  second->set_claim_id("c-2");
  SetMoney(second->mutable_book_value(), 97425500);
  SetMoney(second->mutable_reserve_price(), 90000000);
  disposal.add_methods(disposal::v1::DISPOSAL_METHOD_DEBT_REDUCTION);
  disposal.add_methods(disposal::v1::DISPOSAL_METHOD_AUCTION);
  disposal.add_payment_terms(disposal::v1::PAYMENT_TERM_LUMP_SUM);
  disposal.add_payment_terms(disposal::v1::PAYMENT_TERM_INSTALMENTS);
  SetMoney(disposal.mutable_deposit(), 1000000);
  disposal::v1::PublicationChannel* website = disposal.add_channels();
  website->set_kind(disposal::v1::CHANNEL_KIND_WEBSITE);
  website->set_name("http://www.gwamcc.com");
  disposal::v1::PublicationChannel* paper = disposal.add_channels();
  paper->set_kind(disposal::v1::CHANNEL_KIND_NEWSPAPER);
  paper->set_name("省级报纸（示例）");
  paper->set_level(disposal::v1::NEWSPAPER_LEVEL_PROVINCIAL);
  disposal::v1::ContactDetails* contacts = disposal.mutable_contact_details();
  disposal::v1::Contact* wang = contacts->add_contacts();
  wang->set_name("王先生");
  wang->add_phones("0451-53620829");
  wang->add_phones("0451-53603025");
  contacts->set_address("哈尔滨市南岗区红军街10号金融大厦");
  contacts->set_postcode("150001");
  contacts->mutable_supervisory_contact()->set_name("李先生");
  contacts->mutable_supervisory_contact()->add_phones("0451-53622431");
  return disposal;
}

std::string Notice(const Disposal& disposal) {
  std::ostringstream out;
  PrintDisposalNotice(disposal, out);
  return out.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

// The first line of `text` that starts with `label` and a space, or "(no such line)".
std::string LineOf(const std::string& text, const std::string& label) {
  for (const std::string& line : Lines(text)) {
    if (line.compare(0, label.size() + 1, label + " ") == 0) return line;
  }
  return "(no such line)";
}

// `label` padded to the notice's 18 columns, two spaces, then `value`.
std::string Field(const std::string& label, std::size_t label_width, const std::string& value) {
  return label + std::string(18 - label_width, ' ') + "  " + value;
}

bool HasLine(const std::string& text, const std::string& line) {
  for (const std::string& each : Lines(text)) {
    if (each == line) return true;
  }
  return false;
}

TEST(DeadlineText, AddsMidnightInShanghai) {
  disposal::v1::Date date;
  SetDate(&date, 2021, 8, 25);
  EXPECT_EQ(DeadlineText(date), "2021-08-25 24:00 Asia/Shanghai");
}

TEST(DeadlineText, IsADashForAnUnsetDate) { EXPECT_EQ(DeadlineText(disposal::v1::Date()), "-"); }

TEST(PrintDisposalNotice, ShowsTheDeadlineAs24HoursShanghaiTime) {
  std::string text = Notice(PublishedSeed());
  EXPECT_EQ(LineOf(text, "objection deadline"),
            "objection deadline  2021-08-25 24:00 Asia/Shanghai")
      << text;
}

TEST(PrintDisposalNotice, ShowsTheBookValueInYuanAndWanYuan) {
  std::string text = Notice(PublishedSeed());
  EXPECT_EQ(LineOf(text, "book value"),
            Field("book value", 10, "806,450,600.00 元 (80645.06 万元)"))
      << text;
}

TEST(PrintDisposalNotice, ShowsATotalTooLargeToHoldAsSuchNotAsZero) {
  disposal::v1::Disposal disposal = PublishedSeed();
  disposal.clear_book_value();
  std::string text = Notice(disposal);
  EXPECT_EQ(LineOf(text, "book value"),
            Field("book value", 10, "over 999,999,999,999,999,999.99 (change the lots)"))
      << text;
}

TEST(PrintDisposalNotice, UnderlinesTheTitle) {
  std::string text = Notice(PublishedSeed());
  // 45 Chinese characters, two columns each.
  EXPECT_EQ(text.rfind(std::string(kSeedTitle) + "\n" + std::string(90, '=') + "\n", 0), 0u)
      << text;
}

TEST(PrintDisposalNotice, NamesTheCountingMethodWhenThePublicationDayIsCounted) {
  disposal::v1::Disposal counted = PublishedSeed();
  counted.set_window_counting(disposal::v1::PERIOD_COUNTING_START_DAY_COUNTED);
  const std::string text = Notice(counted);
  EXPECT_NE(LineOf(text, "objection window").find("the publication day counted (民法典 art. 204)"),
            std::string::npos)
      << text;
}

TEST(PrintDisposalNotice, ShowsStatePublicationWindowAndValidity) {
  std::string text = Notice(PublishedSeed());
  EXPECT_EQ(LineOf(text, "id"), Field("id", 2, "d-1"));
  EXPECT_EQ(LineOf(text, "version"), Field("version", 7, "2"));
  EXPECT_EQ(LineOf(text, "state"), Field("state", 5, "published"));
  EXPECT_EQ(LineOf(text, "publication date"), Field("publication date", 16, "2021-07-28"));
  EXPECT_EQ(LineOf(text, "objection window"),
            Field("objection window", 16,
                  "20 working days, counted from the day after publication (民法典 art. 201)"));
  EXPECT_EQ(LineOf(text, "working days left"), Field("working days left", 17, "5"));
  EXPECT_EQ(LineOf(text, "validity"), Field("validity", 8, "12 months, through 2022-07-27"));
  EXPECT_EQ(LineOf(text, "open objections"), Field("open objections", 15, "1"));
}

TEST(PrintDisposalNotice, ShowsCreatedAndUpdatedInShanghai) {
  std::string text = Notice(PublishedSeed());
  EXPECT_EQ(LineOf(text, "created"), Field("created", 7, "2021-07-20 09:30:00 Asia/Shanghai"));
  EXPECT_EQ(LineOf(text, "updated"), Field("updated", 7, "2021-07-28 10:00:00 Asia/Shanghai"));
}

TEST(PrintDisposalNotice, ShowsDashesForADraftNotYetPublished) {
  Disposal draft = PublishedSeed();
  draft.set_state(disposal::v1::DISPOSAL_STATE_DRAFT);
  draft.clear_publication_date();
  draft.clear_objection_deadline_date();
  draft.clear_validity_end_date();
  draft.clear_create_time();
  draft.clear_update_time();
  std::string text = Notice(draft);
  EXPECT_EQ(LineOf(text, "state"), Field("state", 5, "draft"));
  EXPECT_EQ(LineOf(text, "publication date"), Field("publication date", 16, "-"));
  EXPECT_EQ(LineOf(text, "objection deadline"), Field("objection deadline", 18, "-"));
  EXPECT_EQ(LineOf(text, "working days left"), Field("working days left", 17, "- (not published)"));
  EXPECT_EQ(LineOf(text, "validity"), Field("validity", 8, "12 months"));
  EXPECT_EQ(LineOf(text, "created"), Field("created", 7, "-"));
}

TEST(PrintDisposalNotice, AValidityOfOneMonthIsSaidInTheSingular) {
  Disposal disposal = PublishedSeed();
  disposal.set_validity_months(1);
  disposal.clear_validity_end_date();
  EXPECT_EQ(LineOf(Notice(disposal), "validity"), Field("validity", 8, "1 month"));
}

TEST(PrintDisposalNotice, ShowsNoWorkingDaysLeftOnceTheWindowClosed) {
  Disposal closed = PublishedSeed();
  closed.set_state(disposal::v1::DISPOSAL_STATE_WINDOW_CLOSED);
  closed.set_working_days_left(0);
  std::string text = Notice(closed);
  EXPECT_EQ(LineOf(text, "state"), Field("state", 5, "window-closed"));
  EXPECT_EQ(LineOf(text, "working days left"), Field("working days left", 17, "0 (window closed)"));
}

TEST(PrintDisposalNotice, SaysTheCountIsUnknownWhenTheServerSentNone) {
  Disposal published = PublishedSeed();
  published.clear_working_days_left();
  EXPECT_EQ(LineOf(Notice(published), "working days left"),
            Field("working days left", 17,
                  "unknown (the calendar lacks a year the count needs; import it)"));
}

TEST(PrintDisposalNotice, MarksAProvisionalValidityEnd) {
  Disposal published = PublishedSeed();
  published.set_validity_end_provisional(true);
  EXPECT_EQ(LineOf(Notice(published), "validity"),
            Field("validity", 8,
                  "12 months, through 2022-07-27 (provisional: later if a rest day; the calendar "
                  "lacks a year needed)"));
}

TEST(PrintDisposalNotice, SaysTheCountPausesWhileSuspended) {
  Disposal suspended = PublishedSeed();
  suspended.set_state(disposal::v1::DISPOSAL_STATE_SUSPENDED);
  EXPECT_EQ(LineOf(Notice(suspended), "working days left"),
            Field("working days left", 17, "- (suspended; the deadline is kept)"));
}

TEST(PrintDisposalNotice, SaysAWithdrawnDisposalHasNoWindow) {
  Disposal withdrawn = PublishedSeed();
  withdrawn.set_state(disposal::v1::DISPOSAL_STATE_WITHDRAWN);
  EXPECT_EQ(LineOf(Notice(withdrawn), "working days left"),
            Field("working days left", 17, "- (withdrawn)"));
}

TEST(PrintDisposalNotice, ListsLotsAsTrancheOrWholeClaimWithValuesAndSales) {
  Disposal disposal = PublishedSeed();
  disposal.mutable_lots(0)->set_outcome_id("o-1");
  std::vector<std::string> lines = Lines(Notice(disposal));
  // Columns: lot id 6, claim id 8, offered 11 ("whole claim"), book value 元 14,
  // book value 万元 15, reserve 元 13, sale 7 ("awarded"); two spaces apart, numbers
  // right-aligned.
  std::vector<std::string> expected = {
      "Lots",
      "lot id  claim id  offered       book value 元  book value 万元     reserve 元  sale",
      "------  --------  -----------  --------------  ---------------  -------------  -------",
      "l-1     c-1       tranche 1    709,025,100.00         70902.51              -  awarded",
      "l-2     c-2       whole claim   97,425,500.00          9742.55  90,000,000.00  -",
      "------  --------  -----------  --------------  ---------------  -------------  -------",
      "                  total        806,450,600.00         80645.06"};
  std::size_t at = 0;
  while (at < lines.size() && lines[at] != "Lots") ++at;
  ASSERT_LT(at + expected.size(), lines.size() + 1);
  std::vector<std::string> lots(lines.begin() + at, lines.begin() + at + expected.size());
  EXPECT_EQ(lots, expected);
}

TEST(PrintDisposalNotice, CallsALotWhoseBuyerPaidInFullPaid) {
  Disposal disposal = PublishedSeed();
  disposal.mutable_lots(1)->set_outcome_id("o-2");
  disposal.mutable_lots(1)->set_paid_in_full(true);
  const std::string text = Notice(disposal);
  EXPECT_NE(text.find("9742.55  90,000,000.00  paid\n"), std::string::npos) << text;
}

TEST(PrintDisposalNotice, SaysNoneWhenThereAreNoLots) {
  Disposal disposal = PublishedSeed();
  disposal.clear_lots();
  EXPECT_NE(Notice(disposal).find("\nLots\nnone\n"), std::string::npos);
}

TEST(PrintDisposalNotice, ShowsMethodsAndTermsInTheNoticeWords) {
  std::string text = Notice(PublishedSeed());
  EXPECT_EQ(LineOf(text, "methods"),
            Field("methods", 7, "债务减免 (debt-reduction), 拍卖 (auction)"));
  EXPECT_EQ(LineOf(text, "payment terms"),
            Field("payment terms", 13, "一次性付款 (lump-sum), 分期付款 (instalments)"));
  EXPECT_EQ(LineOf(text, "deposit"), Field("deposit", 7, "1,000,000.00 元 (100.00 万元)"));
  EXPECT_EQ(LineOf(text, "reserve price"), Field("reserve price", 13, "-"));
}

TEST(PrintDisposalNotice, ShowsTheReservePriceWhenSet) {
  Disposal disposal = PublishedSeed();
  SetMoney(disposal.mutable_reserve_price(), 500000000);
  EXPECT_EQ(LineOf(Notice(disposal), "reserve price"),
            Field("reserve price", 13, "500,000,000.00 元 (50000.00 万元)"));
}

TEST(PrintDisposalNotice, ShowsAllSixMethodsInTheNoticeWords) {
  Disposal disposal = PublishedSeed();
  disposal.clear_methods();
  for (int method = 1; method <= 6; ++method) {
    disposal.add_methods(static_cast<disposal::v1::DisposalMethod>(method));
  }
  EXPECT_EQ(LineOf(Notice(disposal), "methods"),
            Field("methods", 7,
                  "债务减免 (debt-reduction), 协议转让 (agreement-transfer), 拍卖 (auction), "
                  "要约邀请竞价转让 (invitation-to-offer), 分别挂牌转让 (separate-listing), "
                  "其他处置方式 (other)"));
}

TEST(PrintDisposalNotice, ShowsChannelsWithTheNewspaperLevel) {
  std::string text = Notice(PublishedSeed());
  EXPECT_TRUE(HasLine(text, Field("website", 7, "http://www.gwamcc.com"))) << text;
  EXPECT_TRUE(HasLine(text, Field("newspaper", 9, "省级报纸（示例） (provincial)"))) << text;
}

TEST(PrintDisposalNotice, ShowsContactsAddressAndSupervisoryContact) {
  std::string text = Notice(PublishedSeed());
  EXPECT_NE(text.find("\nContacts (受理公示事项)\n"), std::string::npos) << text;
  // 王先生 is six columns wide.
  EXPECT_TRUE(HasLine(text, Field("王先生", 6, "0451-53620829, 0451-53603025"))) << text;
  EXPECT_EQ(LineOf(text, "address"), Field("address", 7, "哈尔滨市南岗区红军街10号金融大厦"));
  EXPECT_EQ(LineOf(text, "postcode"), Field("postcode", 8, "150001"));
  EXPECT_EQ(LineOf(text, "supervisory"), Field("supervisory", 11, "李先生  0451-53622431"));
}

TEST(PrintDisposalNotice, ShowsDashesForMissingContactDetails) {
  Disposal disposal = PublishedSeed();
  disposal.clear_contact_details();
  std::string text = Notice(disposal);
  EXPECT_EQ(LineOf(text, "address"), Field("address", 7, "-"));
  EXPECT_EQ(LineOf(text, "postcode"), Field("postcode", 8, "-"));
  EXPECT_EQ(LineOf(text, "supervisory"), Field("supervisory", 11, "-"));
}

TEST(PrintDisposalTable, ShowsOneRowPerDisposalWithTheTitleCut) {
  google::protobuf::RepeatedPtrField<Disposal> disposals;
  *disposals.Add() = PublishedSeed();
  Disposal draft;
  draft.set_id("d-2");
  draft.set_title("草稿");
  draft.set_state(disposal::v1::DISPOSAL_STATE_DRAFT);
  draft.set_version(1);
  SetMoney(draft.mutable_book_value(), 123456);
  *disposals.Add() = draft;
  std::ostringstream out;
  PrintDisposalTable(disposals, out);
  // The title is cut to 19 characters (38 columns) and "…" to fit 40 columns: 39 wide.
  std::string cut_title = "中国长城资产管理股份有限公司黑龙江省分…";
  std::vector<std::string> expected = {
      "id   title" + std::string(34, ' ') +
          "  state      published   deadline    book value 万元  open objections  version",
      "---  " + std::string(39, '-') +
          "  ---------  ----------  ----------  ---------------  ---------------  -------",
      "d-1  " + cut_title + "  published  2021-07-28  2021-08-25         80645.06" +
          std::string(16, ' ') + "1        2",
      "d-2  草稿" + std::string(35, ' ') + "  draft      -           -" + std::string(19, ' ') +
          "12.3456" + std::string(16, ' ') + "0        1"};
  EXPECT_EQ(Lines(out.str()), expected) << out.str();
}

TEST(PrintGateDecision, SaysAllowedWithNoReasons) {
  disposal::v1::AwardGateDecision decision;
  decision.set_allowed(true);
  std::ostringstream out;
  PrintGateDecision(decision, out);
  EXPECT_EQ(out.str(), "award allowed\n");
}

TEST(PrintGateDecision, ListsEveryReasonAndTheInstant) {
  disposal::v1::AwardGateDecision decision;
  decision.set_allowed(false);
  disposal::v1::GateReason* open = decision.add_reasons();
  open->set_code(disposal::v1::GATE_REASON_CODE_WINDOW_OPEN);
  open->set_message("the objection window is open until 2021-08-25 24:00 Asia/Shanghai");
  disposal::v1::GateReason* objection = decision.add_reasons();
  objection->set_code(disposal::v1::GATE_REASON_CODE_OBJECTION_UNRESOLVED);
  objection->set_message("objection #1 is unresolved");
  objection->set_submission_id("s-1");
  // 2021-08-20T02:00:00Z: day 231 of 2021 plus two hours.
  decision.mutable_at_time()->set_seconds(k2021 + 231LL * 86400 + 7200);
  std::ostringstream out;
  PrintGateDecision(decision, out);
  EXPECT_EQ(out.str(),
            "award refused:\n"
            "  window-open: the objection window is open until 2021-08-25 24:00 Asia/Shanghai\n"
            "  objection-unresolved: objection #1 is unresolved (submission s-1)\n"
            "as of 2021-08-20 10:00:00 Asia/Shanghai\n");
}

}  // namespace
}  // namespace disposalctl
