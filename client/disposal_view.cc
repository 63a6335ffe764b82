#include "disposal_view.h"

#include <iterator>
#include <string>

#include "amount_text.h"
#include "date_text.h"
#include "enum_text.h"
#include "statement_text.h"
#include "table.h"
#include "time_text.h"

namespace disposalctl {
namespace {

// How the window was counted from the publication day.
std::string WindowCountingText(disposal::v1::PeriodCounting counting) {
  return counting == disposal::v1::PERIOD_COUNTING_START_DAY_COUNTED
             ? "the publication day counted (民法典 art. 204)"
             : "counted from the day after publication (民法典 art. 201)";
}

using disposal::v1::Disposal;
using disposal::v1::DisposalState;
using disposal::v1::Lot;

// The server leaves the total out when the lots' values together pass the largest amount (a
// draft whose claims grew after it was made); never shown as a zero.
constexpr char kTotalTooLarge[] = "over 999,999,999,999,999,999.99 (change the lots)";

std::string TotalYuanAndWan(const Disposal& disposal) {
  return disposal.has_book_value() ? YuanAndWan(disposal.book_value()) : kTotalTooLarge;
}

std::string TotalCell(const Disposal& disposal, std::string (*format)(const disposal::v1::Money&)) {
  return disposal.has_book_value() ? format(disposal.book_value()) : "-";
}

constexpr std::size_t kLabelWidth = 18;
// List cells wider than this are cut so that a row fits a terminal.
constexpr std::size_t kListTitleWidthMax = 40;

std::string StateName(DisposalState state) {
  return ShortEnumName(*disposal::v1::DisposalState_descriptor(), state);
}

// The notice's own words beside the short name, so that staff can match them to the text.
std::string MethodText(int method) {
  static constexpr const char* kChinese[] = {
      "", "债务减免", "协议转让", "拍卖", "要约邀请竞价转让", "分别挂牌转让", "其他处置方式"};
  std::string name = ShortEnumName(*disposal::v1::DisposalMethod_descriptor(), method);
  if (method <= 0 || method >= static_cast<int>(std::size(kChinese))) return name;
  return std::string(kChinese[method]) + " (" + name + ")";
}

std::string PaymentTermText(int term) {
  static constexpr const char* kChinese[] = {"", "一次性付款", "分期付款"};
  std::string name = ShortEnumName(*disposal::v1::PaymentTerm_descriptor(), term);
  if (term <= 0 || term >= static_cast<int>(std::size(kChinese))) return name;
  return std::string(kChinese[term]) + " (" + name + ")";
}

template <typename Values, typename Render>
std::string JoinRendered(const Values& values, Render render) {
  std::string text;
  for (int value : values) text += (text.empty() ? "" : ", ") + render(value);
  return text.empty() ? "-" : text;
}

std::string TimeText(bool present, const google::protobuf::Timestamp& time) {
  return present ? FormatShanghaiTime(time) + " " + kShanghaiZoneName : "-";
}

std::string WorkingDaysLeftText(const Disposal& disposal) {
  if (!disposal.has_publication_date()) return "- (not published)";
  switch (disposal.state()) {
    case disposal::v1::DISPOSAL_STATE_PUBLISHED:
      if (!disposal.has_working_days_left()) {
        return "unknown (the calendar lacks a year the count needs; import it)";
      }
      return std::to_string(disposal.working_days_left());
    case disposal::v1::DISPOSAL_STATE_SUSPENDED:
      return "- (suspended; the deadline is kept)";
    case disposal::v1::DISPOSAL_STATE_WITHDRAWN:
      return "- (withdrawn)";
    default:
      return "0 (window closed)";
  }
}

std::string ValidityText(const Disposal& disposal) {
  const int32_t months = disposal.validity_months();
  std::string text = std::to_string(months) + (months == 1 ? " month" : " months");
  if (disposal.has_validity_end_date()) {
    text += ", through " + FormatDate(disposal.validity_end_date());
    if (disposal.validity_end_provisional()) {
      text += " (provisional: later if a rest day; the calendar lacks a year needed)";
    }
  }
  return text;
}

void PrintHeading(const Disposal& disposal, std::ostream& out) {
  auto field = [&out](const std::string& label, const std::string& value) {
    PrintField(label, value, kLabelWidth, out);
  };
  PrintTitle(disposal.title(), out);
  field("id", OrDash(disposal.id()));
  field("version", std::to_string(disposal.version()));
  field("state", StateName(disposal.state()));
  field("publication date", FormatDate(disposal.publication_date()));
  field("objection window", std::to_string(disposal.window_working_days()) + " working days, " +
                                WindowCountingText(disposal.window_counting()));
  field("objection deadline", DeadlineText(disposal.objection_deadline_date()));
  field("working days left", WorkingDaysLeftText(disposal));
  field("validity", ValidityText(disposal));
  field("book value", TotalYuanAndWan(disposal));
  field("open objections", std::to_string(disposal.open_objection_count()));
  field("created", TimeText(disposal.has_create_time(), disposal.create_time()));
  field("updated", TimeText(disposal.has_update_time(), disposal.update_time()));
}

std::string OfferedText(const Lot& lot) {
  return lot.has_tranche_number() ? "tranche " + std::to_string(lot.tranche_number())
                                  : "whole claim";
}

// "-" while unsold; "awarded" or "paid" once it has a standing outcome.
std::string SaleText(const Lot& lot) {
  if (lot.outcome_id().empty()) return "-";
  return lot.paid_in_full() ? "paid" : "awarded";
}

void PrintLots(const Disposal& disposal, std::ostream& out) {
  PrintSection("Lots", out);
  if (disposal.lots().empty()) {
    out << "none\n";
    return;
  }
  Table table;
  table.AddColumn("lot id");
  table.AddColumn("claim id");
  table.AddColumn("offered");
  table.AddColumn("book value 元", Align::kRight);
  table.AddColumn("book value 万元", Align::kRight);
  table.AddColumn("reserve 元", Align::kRight);
  table.AddColumn("sale");
  for (const Lot& lot : disposal.lots()) {
    table.AddRow({OrDash(lot.id()), OrDash(lot.claim_id()), OfferedText(lot),
                  FormatYuan(lot.book_value()), FormatWanYuan(lot.book_value()),
                  lot.has_reserve_price() ? FormatYuan(lot.reserve_price()) : "-", SaleText(lot)});
  }
  table.AddRule();
  table.AddRow({"", "", "total", TotalCell(disposal, FormatYuan),
                TotalCell(disposal, FormatWanYuan), "", ""});
  table.Print(out);
}

void PrintTerms(const Disposal& disposal, std::ostream& out) {
  PrintSection("Terms", out);
  PrintField("methods", JoinRendered(disposal.methods(), MethodText), kLabelWidth, out);
  PrintField("payment terms", JoinRendered(disposal.payment_terms(), PaymentTermText), kLabelWidth,
             out);
  PrintField("deposit", YuanAndWan(disposal.deposit()), kLabelWidth, out);
  PrintField("reserve price",
             disposal.has_reserve_price() ? YuanAndWan(disposal.reserve_price()) : "-", kLabelWidth,
             out);
}

std::string ChannelValue(const disposal::v1::PublicationChannel& channel) {
  if (channel.kind() != disposal::v1::CHANNEL_KIND_NEWSPAPER) return channel.name();
  return channel.name() + " (" +
         ShortEnumName(*disposal::v1::NewspaperLevel_descriptor(), channel.level()) + ")";
}

void PrintChannels(const Disposal& disposal, std::ostream& out) {
  PrintSection("Channels", out);
  if (disposal.channels().empty()) out << "none\n";
  for (const disposal::v1::PublicationChannel& channel : disposal.channels()) {
    PrintField(ShortEnumName(*disposal::v1::ChannelKind_descriptor(), channel.kind()),
               ChannelValue(channel), kLabelWidth, out);
  }
}

std::string PhonesText(const disposal::v1::Contact& contact) {
  std::string text;
  for (const std::string& phone : contact.phones()) text += (text.empty() ? "" : ", ") + phone;
  return OrDash(text);
}

void PrintContacts(const disposal::v1::ContactDetails& details, std::ostream& out) {
  PrintSection("Contacts (受理公示事项)", out);
  for (const disposal::v1::Contact& contact : details.contacts()) {
    PrintField(contact.name(), PhonesText(contact), kLabelWidth, out);
  }
  PrintField("address", OrDash(details.address()), kLabelWidth, out);
  PrintField("postcode", OrDash(details.postcode()), kLabelWidth, out);
  std::string supervisory = "-";
  if (details.has_supervisory_contact()) {
    supervisory =
        details.supervisory_contact().name() + "  " + PhonesText(details.supervisory_contact());
  }
  PrintField("supervisory", supervisory, kLabelWidth, out);
}

}  // namespace

std::string DeadlineText(const disposal::v1::Date& deadline) {
  std::string date = FormatDate(deadline);
  return date == "-" ? date : date + " 24:00 " + kShanghaiZoneName;
}

void PrintDisposalNotice(const Disposal& disposal, std::ostream& out) {
  PrintHeading(disposal, out);
  PrintLots(disposal, out);
  PrintTerms(disposal, out);
  PrintChannels(disposal, out);
  PrintContacts(disposal.contact_details(), out);
}

void PrintDisposalTable(const google::protobuf::RepeatedPtrField<Disposal>& disposals,
                        std::ostream& out) {
  Table table;
  table.AddColumn("id");
  table.AddColumn("title", Align::kLeft, kListTitleWidthMax);
  table.AddColumn("state");
  table.AddColumn("published");
  table.AddColumn("deadline");
  table.AddColumn("book value 万元", Align::kRight);
  table.AddColumn("open objections", Align::kRight);
  table.AddColumn("version", Align::kRight);
  for (const Disposal& disposal : disposals) {
    table.AddRow(
        {disposal.id(), disposal.title(), StateName(disposal.state()),
         FormatDate(disposal.publication_date()), FormatDate(disposal.objection_deadline_date()),
         TotalCell(disposal, FormatWanYuan), std::to_string(disposal.open_objection_count()),
         std::to_string(disposal.version())});
  }
  table.Print(out);
}

void PrintGateDecision(const disposal::v1::AwardGateDecision& decision, std::ostream& out) {
  out << (decision.allowed() ? "award allowed\n" : "award refused:\n");
  for (const disposal::v1::GateReason& reason : decision.reasons()) {
    std::string line = ShortEnumName(*disposal::v1::GateReasonCode_descriptor(), reason.code()) +
                       ": " + reason.message();
    if (!reason.submission_id().empty()) line += " (submission " + reason.submission_id() + ")";
    PrintIndentedText(line, out);
  }
  if (decision.has_at_time()) {
    out << "as of " << FormatShanghaiTime(decision.at_time()) << ' ' << kShanghaiZoneName << '\n';
  }
}

}  // namespace disposalctl
