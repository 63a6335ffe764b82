#include "eligibility_input.h"

#include <utility>

#include "amount_text.h"
#include "date_text.h"
#include "utf8_text.h"

namespace disposalctl {
namespace {

using disposal::v1::Party;

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

std::string_view Trimmed(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

void SetParty(const std::string& kind, const std::string& identifier, const std::string& name,
              Party* party) {
  if (kind == "person") {
    party->mutable_person()->set_national_id(identifier);
    party->mutable_person()->set_name(name);
  } else {
    party->mutable_organization()->set_credit_code(identifier);
    party->mutable_organization()->set_name(name);
  }
}

// Amounts left out stay unset (not zero): the server tells "no deposit stated" from "a
// deposit of 0".
Status SetAmounts(const CheckBidderOptions& options,
                  disposal::v1::CheckBidderEligibilityRequest* request) {
  if (!options.deposit_paid.empty()) {
    Status status = ParseAmountNotNegative(options.deposit_paid, request->mutable_deposit_paid());
    if (!status.ok()) return status.WithContext("--deposit-paid");
  }
  if (!options.proof_of_funds.empty()) {
    Status status =
        ParseAmountNotNegative(options.proof_of_funds, request->mutable_proof_of_funds());
    if (!status.ok()) return status.WithContext("--proof-of-funds");
  }
  return Status::Ok();
}

// Reads a quoted field from text[*pos] == '"' up to the comma after it (or the end).
Status ReadQuotedField(std::string_view text, std::size_t* pos, std::string* field) {
  std::size_t i = *pos + 1;
  while (i < text.size()) {
    if (text[i] != '"') {
      *field += text[i++];
    } else if (i + 1 < text.size() && text[i + 1] == '"') {
      *field += '"';
      i += 2;
    } else {
      std::size_t comma = text.find(',', i + 1);
      if (comma == std::string_view::npos) comma = text.size();
      if (!Trimmed(text.substr(i + 1, comma - i - 1)).empty()) {
        return Status::InvalidInput(
            "text after a closing quote (write a quote inside quotes "
            "as \"\")");
      }
      *pos = comma;
      return Status::Ok();
    }
  }
  return Status::InvalidInput("a quote is never closed");
}

// RFC 4180 fields of one line, each trimmed of surrounding spaces.
Status SplitCsvLine(std::string_view line, std::vector<std::string>* fields) {
  std::size_t pos = 0;
  while (true) {
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
    std::string field;
    if (pos < line.size() && line[pos] == '"') {
      Status status = ReadQuotedField(line, &pos, &field);
      if (!status.ok()) return status;
    } else {
      std::size_t comma = line.find(',', pos);
      if (comma == std::string_view::npos) comma = line.size();
      field = Trimmed(line.substr(pos, comma - pos));
      if (field.find('"') != std::string::npos) {
        return Status::InvalidInput("a quote inside an unquoted field (quote the whole field)");
      }
      pos = comma;
    }
    fields->push_back(std::move(field));
    if (pos >= line.size()) return Status::Ok();
    ++pos;  // the comma
  }
}

bool IsDigits(const std::string& text, std::size_t min, std::size_t max) {
  return text.size() >= min && text.size() <= max &&
         text.find_first_not_of("0123456789") == std::string::npos;
}

// An amount written with a thousands comma must be quoted: unquoted, its groups fall into the
// next columns ("50,000" becomes a deposit of 50 and proof of funds of 000), and the check
// would be made on amounts the user never wrote.
Status CheckNoAmountSplitAtAComma(const std::vector<std::string>& fields) {
  const char* kHint = "; quote an amount written with commas (\"50,000\"), or leave the commas out";
  for (std::size_t column : {std::size_t{4}, std::size_t{5}}) {
    if (fields.size() <= column) continue;
    const std::string& text = fields[column];
    if (text.size() >= 2 && text[0] == '0' && text[1] >= '0' && text[1] <= '9') {
      return Status::InvalidInput((column == 4 ? "deposit_paid" : "proof_of_funds") +
                                  std::string(": \"") + text +
                                  "\" has a leading zero, as a thousands group split off by an "
                                  "unquoted comma has" +
                                  kHint);
    }
  }
  // "1,500万", "12,345.67", "1,500.00" split the same way: a group of three digits then the
  // rest of the amount.
  const std::string& rest = fields.size() == 6 ? fields[5] : std::string();
  const bool group_then_rest = rest.size() >= 3 && IsDigits(rest.substr(0, 3), 3, 3) &&
                               (rest.size() == 3 || rest[3] < '0' || rest[3] > '9');
  if (fields.size() == 6 && IsDigits(fields[4], 1, 3) && group_then_rest) {
    const std::string two_amounts = rest.size() == 3
                                        ? " (or write them with decimals, " + fields[4] +
                                              ".00 and " + rest + ".00, if two amounts are meant)"
                                        : " (or write the deposit with decimals, " + fields[4] +
                                              ".00, if two amounts are meant)";
    return Status::InvalidInput("deposit_paid and proof_of_funds: \"" + fields[4] + "\" and \"" +
                                rest + "\" read as one amount split at its thousands comma" +
                                kHint + two_amounts);
  }
  return Status::Ok();
}

Status ParseBidderFields(const std::vector<std::string>& fields, BidderRow* row) {
  const std::string& kind = fields[0];
  if (kind != "person" && kind != "organization") {
    return Status::InvalidInput("unknown kind \"" + kind + "\"; expected person or organization");
  }
  if (fields.size() < 3 || fields.size() > 6) {
    return Status::InvalidInput(
        "expected kind,identifier,name[,own_labour_income[,deposit_paid[,proof_of_funds]]], got " +
        std::to_string(fields.size()) + " columns");
  }
  if (fields[1].empty()) return Status::InvalidInput("the identifier is empty");
  if (fields[2].empty()) return Status::InvalidInput("the name is empty");
  const std::string flag = fields.size() >= 4 ? fields[3] : "";
  if (!flag.empty() && flag != "0" && flag != "1") {
    return Status::InvalidInput("own_labour_income must be 0 or 1, got \"" + flag + "\"");
  }
  if (flag == "1" && kind != "person") {
    return Status::InvalidInput("own_labour_income applies to persons only");
  }
  Status split = CheckNoAmountSplitAtAComma(fields);
  if (!split.ok()) return split;
  SetParty(kind, fields[1], fields[2], &row->bidder);
  row->own_labour_income = flag == "1";
  const std::pair<std::size_t, std::optional<disposal::v1::Money>*> amounts[] = {
      {4, &row->deposit_paid}, {5, &row->proof_of_funds}};
  for (const auto& [column, amount] : amounts) {
    if (fields.size() <= column || fields[column].empty()) continue;
    disposal::v1::Money parsed;
    Status status = ParseAmountNotNegative(fields[column], &parsed);
    if (!status.ok()) {
      return status.WithContext(column == 4 ? "deposit_paid" : "proof_of_funds");
    }
    *amount = parsed;
  }
  return Status::Ok();
}

bool IsSkippable(std::string_view line) {
  const std::string_view trimmed = Trimmed(line);
  return trimmed.empty() || trimmed.front() == '#';
}

// The next line of `text` from *start, without its line break; advances *start past it.
std::string_view NextLine(std::string_view text, std::size_t* start) {
  std::size_t end = text.find('\n', *start);
  if (end == std::string_view::npos) end = text.size();
  std::string_view line = text.substr(*start, end - *start);
  *start = end + 1;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

Status BuildCheckRequest(const CheckBidderOptions& options,
                         disposal::v1::CheckBidderEligibilityRequest* request) {
  if (options.person.empty() == options.organization.empty()) {
    return Status::InvalidInput(
        "give the bidder as --person NATIONAL_ID or --organization "
        "CREDIT_CODE (exactly one)");
  }
  if (options.name.empty()) return Status::InvalidInput("--name must not be empty");
  if (options.own_labour_income && options.person.empty()) {
    return Status::InvalidInput("--own-labour-income applies to --person only");
  }
  request->set_disposal_id(options.disposal_id);
  const bool person = !options.person.empty();
  SetParty(person ? "person" : "organization", person ? options.person : options.organization,
           options.name, request->mutable_bidder());
  request->set_declared_own_labour_income(options.own_labour_income);
  Status status = SetAmounts(options, request);
  if (!status.ok() || options.as_of.empty()) return status;
  status = ParseDateText(options.as_of, request->mutable_as_of());
  return status.ok() ? status : status.WithContext("--as-of");
}

Status ParseBidderCsv(std::string_view text, std::vector<BidderRow>* bidders) {
  if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    text.remove_prefix(kByteOrderMark.size());
  }
  Status utf8 = CheckUtf8Text(text);
  if (!utf8.ok()) return utf8;
  std::size_t start = 0;
  std::size_t line_number = 0;
  bool first_data_line = true;
  while (start < text.size()) {
    const std::string_view line = NextLine(text, &start);
    ++line_number;
    if (IsSkippable(line)) continue;
    std::vector<std::string> fields;
    Status status = SplitCsvLine(line, &fields);
    // A spreadsheet's header row is not a bidder; only the first line may be one.
    if (status.ok() && first_data_line && fields[0] == "kind") {
      first_data_line = false;
      continue;
    }
    first_data_line = false;
    BidderRow row;
    row.line = line_number;
    if (status.ok()) status = ParseBidderFields(fields, &row);
    if (!status.ok()) return status.WithContext("line " + std::to_string(line_number));
    bidders->push_back(std::move(row));
  }
  if (bidders->empty())
    return Status::InvalidInput("no bidders (one a line: kind,identifier,name)");
  return Status::Ok();
}

std::string PartyKindName(const Party& party) {
  if (party.has_person()) return "person";
  return party.has_organization() ? "organization" : "";
}

const std::string& PartyIdentifier(const Party& party) {
  return party.has_organization() ? party.organization().credit_code()
                                  : party.person().national_id();
}

const std::string& PartyName(const Party& party) {
  return party.has_organization() ? party.organization().name() : party.person().name();
}

}  // namespace disposalctl
