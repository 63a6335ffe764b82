#include "domain/registry_csv.h"

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "domain/date.h"
#include "domain/text_rules.h"

namespace disposal::domain {
namespace {

using Fields = std::vector<std::string>;

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

std::string_view WithoutByteOrderMark(std::string_view line) {
  if (line.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    line.remove_prefix(kByteOrderMark.size());
  }
  return line;
}

// Every error names the column by number and, when the kind is known, by name, so that a
// person fixing the file in a spreadsheet finds the cell without counting commas.
Error ColumnError(size_t column, std::string_view name, const std::string& reason) {
  std::string where = "column " + std::to_string(column);
  if (!name.empty()) where += " (" + std::string(name) + ")";
  return Error::InvalidArgument("", where + ": " + reason);
}

// Reads a quoted field starting at line[*pos] == '"'; leaves *pos after the closing quote.
Result<std::string> ReadQuotedField(std::string_view line, size_t column, size_t* pos) {
  std::string field;
  size_t i = *pos + 1;
  while (i < line.size()) {
    if (line[i] != '"') {
      field += line[i++];
    } else if (i + 1 < line.size() && line[i + 1] == '"') {
      field += '"';
      i += 2;
    } else {
      *pos = i + 1;
      if (*pos < line.size() && line[*pos] != ',') {
        return ColumnError(column, "",
                           "text after the closing quote (write a quote inside a quoted field "
                           "as \"\")");
      }
      return field;
    }
  }
  return ColumnError(column, "", "the opening quote is never closed");
}

// The most columns any kind of row has (checked against kKinds below).
constexpr size_t kWidestRowColumns = 7;

// RFC 4180 fields of one line. Quoted fields may hold commas and doubled quotes; a quote
// inside an unquoted field is refused, since it usually means a field was quoted badly. At most
// kWidestRowColumns + 1 fields: a row with more is refused whatever the rest holds, and a line
// of a million commas must not become a million strings.
Result<Fields> SplitFields(std::string_view line) {
  Fields fields;
  size_t pos = 0;
  while (true) {
    if (fields.size() > kWidestRowColumns) return fields;
    const size_t column = fields.size() + 1;
    if (pos < line.size() && line[pos] == '"') {
      ASSIGN_OR_RETURN(std::string field, ReadQuotedField(line, column, &pos));
      fields.push_back(std::move(field));
    } else {
      size_t end = line.find(',', pos);
      if (end == std::string_view::npos) end = line.size();
      std::string_view field = line.substr(pos, end - pos);
      if (field.find('"') != std::string_view::npos) {
        return ColumnError(column, "", "a quote inside an unquoted field (quote the whole field)");
      }
      fields.emplace_back(field);
      pos = end;
    }
    if (pos >= line.size()) return fields;
    ++pos;  // the comma
  }
}

template <typename E>
struct EnumName {
  std::string_view name;
  E value;
};

constexpr EnumName<PersonRole> kRoles[] = {
    {"civil_servant", PersonRole::kCivilServant},
    {"financial_regulator_staff", PersonRole::kFinancialRegulatorStaff},
    {"law_enforcement_officer", PersonRole::kLawEnforcementOfficer},
    {"amc_staff", PersonRole::kAmcStaff},
    {"debtor_management", PersonRole::kDebtorManagement},
    {"lawyer", PersonRole::kLawyer},
    {"accountant", PersonRole::kAccountant},
    {"appraiser", PersonRole::kAppraiser},
    {"auctioneer", PersonRole::kAuctioneer},
    {"appraisal_agency_head", PersonRole::kAppraisalAgencyHead},
};

constexpr EnumName<RelationKind> kRelations[] = {
    {"spouse", RelationKind::kSpouse},         {"parent", RelationKind::kParent},
    {"child", RelationKind::kChild},           {"grandparent", RelationKind::kGrandparent},
    {"grandchild", RelationKind::kGrandchild}, {"sibling", RelationKind::kSibling},
};

constexpr EnumName<ParticipationKind> kParticipations[] = {
    {"shareholder", ParticipationKind::kShareholder},
    {"director", ParticipationKind::kDirector},
    {"supervisor", ParticipationKind::kSupervisor},
    {"senior_manager", ParticipationKind::kSeniorManager},
    {"actual_controller", ParticipationKind::kActualController},
};

constexpr EnumName<ListKind> kLists[] = {
    {"dishonest_judgment_debtor", ListKind::kDishonestJudgmentDebtor},
    {"sanctions", ListKind::kSanctions},
};

class Columns;
using EntryParser = Result<RegistryChange> (*)(const Columns&);

// One kind of row: its columns' names (column 1 is the kind) and how many are required.
struct KindSpec {
  std::string_view kind;
  const std::string_view* names;
  size_t column_count;
  size_t required;
  EntryParser parse;
};

// The fields of one row, read by 1-based column number with errors that name the column.
class Columns {
 public:
  Columns(const Fields& fields, const KindSpec& spec) : fields_(fields), spec_(spec) {}

  // The text of a column; empty for an optional column the row leaves out.
  std::string Text(size_t column) const {
    return column <= fields_.size() ? fields_[column - 1] : std::string();
  }

  Error Invalid(size_t column, const std::string& reason) const {
    return ColumnError(column, spec_.names[column - 1], reason);
  }

  // "1" or "0"; empty counts as 0, as spreadsheets leave unset flags blank.
  Result<bool> Flag(size_t column) const {
    const std::string text = Text(column);
    if (text.empty() || text == "0") return false;
    if (text == "1") return true;
    return Invalid(column, "must be 0 or 1, got " + Quoted(text));
  }

  Result<int64_t> Day(size_t column) const {
    auto date = ParseIsoDate(Text(column));
    if (!date.ok()) return Invalid(column, date.error().reason);
    return DaysFromCivil(date.value());
  }

  // From `from_column` (required) and the next column (empty: open-ended).
  Result<DayRange> Range(size_t from_column) const {
    DayRange range;
    ASSIGN_OR_RETURN(range.from_day, Day(from_column));
    if (Text(from_column + 1).empty()) return range;
    ASSIGN_OR_RETURN(range.to_day, Day(from_column + 1));
    return range;
  }

  template <typename E, size_t N>
  Result<E> Enum(size_t column, const EnumName<E> (&names)[N]) const {
    const std::string text = Text(column);
    std::string expected;
    for (const EnumName<E>& entry : names) {
      if (entry.name == text) return entry.value;
      expected += (expected.empty() ? "" : ", ") + std::string(entry.name);
    }
    return Invalid(column, "unknown value " + Quoted(text) + "; expected one of " + expected);
  }

 private:
  const Fields& fields_;
  const KindSpec& spec_;
};

RegistryChange Change(decltype(RegistryChange::entry) entry) {
  RegistryChange change;
  change.entry = std::move(entry);
  return change;
}

Result<RegistryChange> ParsePerson(const Columns& row) {
  RegistryPersonChange person;
  person.national_id = row.Text(2);
  person.name = row.Text(3);
  ASSIGN_OR_RETURN(person.declared_incapacitated, row.Flag(4));
  return Change(std::move(person));
}

Result<RegistryChange> ParseOrganization(const Columns& row) {
  OrganizationEntry organization;
  organization.credit_code = row.Text(2);
  organization.name = row.Text(3);
  ASSIGN_OR_RETURN(organization.financial_institution, row.Flag(4));
  ASSIGN_OR_RETURN(organization.state_owned, row.Flag(5));
  ASSIGN_OR_RETURN(organization.deregistered, row.Flag(6));
  return Change(std::move(organization));
}

Result<RegistryChange> ParseRole(const Columns& row) {
  RegistryRoleChange role;
  role.national_id = row.Text(2);
  ASSIGN_OR_RETURN(role.role.role, row.Enum(3, kRoles));
  role.role.employer = row.Text(4);
  role.role.employer_credit_code = row.Text(5);
  ASSIGN_OR_RETURN(role.role.valid, row.Range(6));
  return Change(std::move(role));
}

Result<RegistryChange> ParseRelation(const Columns& row) {
  RegistryRelationChange relation;
  relation.national_id = row.Text(2);
  ASSIGN_OR_RETURN(relation.kind, row.Enum(3, kRelations));
  relation.other_national_id = row.Text(4);
  return Change(std::move(relation));
}

Result<RegistryChange> ParseParticipation(const Columns& row) {
  RegistryParticipationChange participation;
  participation.national_id = row.Text(2);
  participation.credit_code = row.Text(3);
  ASSIGN_OR_RETURN(participation.kind, row.Enum(4, kParticipations));
  participation.percent = row.Text(5);
  ASSIGN_OR_RETURN(participation.valid, row.Range(6));
  return Change(std::move(participation));
}

Result<RegistryChange> ParseEngagement(const Columns& row) {
  RegistryEngagementChange engagement;
  engagement.disposal_id = row.Text(2);
  engagement.national_id = row.Text(3);
  ASSIGN_OR_RETURN(engagement.role, row.Enum(4, kRoles));
  return Change(std::move(engagement));
}

Result<RegistryChange> ParseList(const Columns& row) {
  RegistryListChange list;
  ASSIGN_OR_RETURN(list.kind, row.Enum(2, kLists));
  list.identifier = row.Text(3);
  list.source = row.Text(4);
  list.list_version = row.Text(5);
  return Change(std::move(list));
}

// Column names match the field names ValidateRegistryChange reports, so that its errors can
// be traced back to a column (see ColumnOfField).
constexpr std::string_view kPersonColumns[] = {"kind", "national_id", "name",
                                               "declared_incapacitated"};
constexpr std::string_view kOrganizationColumns[] = {
    "kind", "credit_code", "name", "financial_institution", "state_owned", "deregistered"};
constexpr std::string_view kRoleColumns[] = {
    "kind", "national_id", "role", "employer", "employer_credit_code", "valid_from", "valid_to"};
constexpr std::string_view kRelationColumns[] = {"kind", "national_id", "relation_kind",
                                                 "other_national_id"};
constexpr std::string_view kParticipationColumns[] = {
    "kind",    "national_id", "credit_code", "participation_kind",
    "percent", "valid_from",  "valid_to"};
constexpr std::string_view kEngagementColumns[] = {"kind", "disposal_id", "national_id", "role"};
constexpr std::string_view kListColumns[] = {"kind", "list_kind", "identifier", "source",
                                             "list_version"};

constexpr KindSpec kKinds[] = {
    {"person", kPersonColumns, std::size(kPersonColumns), 3, &ParsePerson},
    {"organization", kOrganizationColumns, std::size(kOrganizationColumns), 3, &ParseOrganization},
    {"role", kRoleColumns, std::size(kRoleColumns), 6, &ParseRole},
    {"relation", kRelationColumns, std::size(kRelationColumns), 4, &ParseRelation},
    {"participation", kParticipationColumns, std::size(kParticipationColumns), 6,
     &ParseParticipation},
    {"engagement", kEngagementColumns, std::size(kEngagementColumns), 4, &ParseEngagement},
    {"list", kListColumns, std::size(kListColumns), 5, &ParseList},
};

constexpr bool NoKindIsWiderThan(size_t columns) {
  for (const KindSpec& spec : kKinds) {
    if (spec.column_count > columns) return false;
  }
  return true;
}
static_assert(NoKindIsWiderThan(kWidestRowColumns), "SplitFields would cut a row short");

Result<const KindSpec*> FindKind(std::string_view kind) {
  std::string expected;
  for (const KindSpec& spec : kKinds) {
    if (spec.kind == kind) return &spec;
    expected += (expected.empty() ? "" : ", ") + std::string(spec.kind);
  }
  return ColumnError(1, "kind",
                     "unknown kind " + Quoted(kind) + "; expected one of " + expected +
                         " (a leading - removes the entry)");
}

Status CheckColumnCount(const KindSpec& spec, size_t count) {
  const std::string kind(spec.kind);
  const std::string allowed =
      spec.required == spec.column_count
          ? std::to_string(spec.required)
          : std::to_string(spec.required) + " to " + std::to_string(spec.column_count);
  if (count < spec.required) {
    return ColumnError(
        count + 1, spec.names[count],
        "missing; " + kind + " rows have " + allowed + " columns, got " + std::to_string(count));
  }
  if (count > spec.column_count) {
    // SplitFields stops past the widest kind's columns.
    const std::string got = count > kWidestRowColumns
                                ? "more than " + std::to_string(kWidestRowColumns)
                                : std::to_string(count);
    return ColumnError(spec.column_count + 1, "",
                       "unexpected; " + kind + " rows have " + allowed + " columns, got " + got);
  }
  return OkStatus();
}

// ValidateRegistryChange reports fields as "<prefix>.<entry>.<field>[.<detail>]"; <field> is
// one of the kind's column names. 0 when it names none (an error about the whole row).
size_t ColumnOfField(const KindSpec& spec, const std::string& field) {
  const size_t entry_dot = field.find('.');
  if (entry_dot == std::string::npos) return 0;
  const size_t start = field.find('.', entry_dot + 1);
  if (start == std::string::npos) return 0;
  const size_t end = field.find('.', start + 1);
  const std::string name =
      field.substr(start + 1, end == std::string::npos ? end : end - start - 1);
  for (size_t i = 0; i < spec.column_count; ++i) {
    if (spec.names[i] == name) return i + 1;
  }
  return 0;
}

Error ToColumnError(const KindSpec& spec, const Error& error) {
  const size_t column = ColumnOfField(spec, error.field);
  if (column == 0) return Error::InvalidArgument("", error.Message());
  return ColumnError(column, spec.names[column - 1], error.reason);
}

}  // namespace

bool IsRegistryCsvSkippable(std::string_view line) {
  line = WithoutByteOrderMark(line);
  const size_t first = line.find_first_not_of(" \t\r");
  return first == std::string_view::npos || line[first] == '#';
}

Result<RegistryChange> ParseRegistryCsvLine(std::string_view line, const Date& today) {
  line = WithoutByteOrderMark(line);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  // A spreadsheet saved in a legacy code page (GBK, say) must be named here, by its line, not
  // by the database refusing the whole import.
  if (!IsValidUtf8(line)) {
    return Error::InvalidArgument(
        "", "not UTF-8: save the file as UTF-8 (CSV UTF-8) and import it again");
  }
  ASSIGN_OR_RETURN(const Fields fields, SplitFields(line));
  std::string_view kind = fields[0];
  const bool remove = !kind.empty() && kind.front() == '-';
  if (remove) kind.remove_prefix(1);
  ASSIGN_OR_RETURN(const KindSpec* spec, FindKind(kind));
  RETURN_IF_ERROR(CheckColumnCount(*spec, fields.size()));
  ASSIGN_OR_RETURN(RegistryChange change, spec->parse(Columns(fields, *spec)));
  change.remove = remove;
  const Status valid = ValidateRegistryChange(change, "row");
  if (!valid.ok()) return ToColumnError(*spec, valid.error());
  const Status born = CheckBornByToday(change, today, "row");
  if (!born.ok()) return ToColumnError(*spec, born.error());
  return change;
}

void CsvRecordSplitter::Feed(std::string_view piece, const Take& take) {
  pending_.append(piece);
  size_t start = 0;
  for (size_t i = scanned_; i < pending_.size(); ++i) {
    const char c = pending_[i];
    if (quoted_) {
      if (c == '"') quoted_ = false, closed_quote_ = true;
      continue;
    }
    if (leading_) {
      // A byte order mark is skipped, as the parser skips it, so a quote after it still opens
      // the first field; the first other character says whether the line is a comment.
      const unsigned char byte = static_cast<unsigned char>(c);
      if (byte == 0xEF || byte == 0xBB || byte == 0xBF) continue;
      if (c != ' ' && c != '\t' && c != '\r') leading_ = false, comment_ = c == '#';
    }
    if (c == '\n') {
      const std::string record = pending_.substr(start, i - start);
      const int64_t first_line = lines_ + 1;
      lines_ += 1 + static_cast<int64_t>(std::count(record.begin(), record.end(), '\n'));
      take(record, first_line);
      start = i + 1;
      field_start_ = leading_ = true;
      comment_ = closed_quote_ = false;
      continue;
    }
    if (comment_) continue;  // a comment's quotes open nothing
    if (c == '"') {
      quoted_ = field_start_ || closed_quote_;  // a field's opening quote, or "" inside one
      closed_quote_ = field_start_ = false;
      continue;
    }
    closed_quote_ = false;
    field_start_ = c == ',';
  }
  pending_.erase(0, start);
  scanned_ = pending_.size();
}

void CsvRecordSplitter::Finish(const Take& take) {
  if (pending_.empty()) return;
  const std::string record = std::move(pending_);
  pending_.clear();
  scanned_ = 0;
  const int64_t first_line = lines_ + 1;
  lines_ += 1 + static_cast<int64_t>(std::count(record.begin(), record.end(), '\n'));
  take(record, first_line);
}

}  // namespace disposal::domain
