// The registry import format: one registry change per CSV line, as partner systems and staff
// export them from spreadsheets.
//
//   # comment
//   person,11010519491231002X,张三,0
//   organization,91110000100000000R,"某某资产管理有限公司,北京分公司",1,1,0
//   role,11010519491231002X,appraisal_agency_head,某评估公司,,2020-01-01,
//   -relation,11010519491231002X,spouse,110105195001010012
//
// Kinds and their columns (column 1 is the kind; a leading "-" removes the entry instead):
//   person,NATIONAL_ID,NAME[,INCAPACITATED]
//   organization,CREDIT_CODE,NAME[,FINANCIAL[,STATE_OWNED[,DEREGISTERED]]]
//   role,NATIONAL_ID,ROLE,EMPLOYER,EMPLOYER_CREDIT_CODE,VALID_FROM[,VALID_TO]
//   relation,NATIONAL_ID,KIND,OTHER_NATIONAL_ID   ("A,parent,B": A is B's parent)
//   participation,NATIONAL_ID,CREDIT_CODE,KIND,PERCENT,VALID_FROM[,VALID_TO]
//   engagement,DISPOSAL_ID,NATIONAL_ID,ROLE
//   list,KIND,IDENTIFIER,SOURCE,LIST_VERSION
// Flags are 0 or 1 (empty = 0); dates are YYYY-MM-DD; an empty VALID_TO leaves the period
// open and an empty PERCENT leaves the share unknown. Enum values are the lower-case names
// (civil_servant, spouse, shareholder, dishonest_judgment_debtor, ...).
// Fields may be in quotes ("), with "" for a quote inside, so that names may hold commas and
// line breaks (a spreadsheet cell of two lines): a record then spans several lines.
#ifndef DISPOSAL_SERVER_DOMAIN_REGISTRY_CSV_H_
#define DISPOSAL_SERVER_DOMAIN_REGISTRY_CSV_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "domain/registry_repository.h"
#include "domain/result.h"

namespace disposal::domain {

// True for a blank line (spaces, tabs, a trailing \r) or a comment ('#' as the first
// non-space character). A UTF-8 byte order mark at the start is ignored.
bool IsRegistryCsvSkippable(std::string_view line);

// Parses one line of the registry import format (without its '\n'; a trailing '\r' and a
// leading byte order mark are ignored) into a change, validated with ValidateRegistryChange.
// Errors are InvalidArgument with an empty field and a reason naming the column, e.g.
// "column 2 (national_id): check character is 3, expected X": a malformed quoted field, an
// unknown kind, too few or too many columns, a bad flag, date or enum value, or anything
// ValidateRegistryChange or CheckBornByToday refuses.
// REQUIRES: !IsRegistryCsvSkippable(line) (a blank line is reported as an unknown kind).
Result<RegistryChange> ParseRegistryCsvLine(std::string_view line, const Date& today);

// Cuts CSV text that arrives in pieces into records. A line break ends a record unless it is
// inside a quoted field (a quote opens a field only at its start, as the parser reads it, so a
// stray quote elsewhere never swallows the lines after it). A comment line ('#' first) is one
// line whatever quotes it holds. An unclosed quote takes the rest of the text into its record,
// which the parser then refuses on its first line.
class CsvRecordSplitter {
 public:
  // Called with each complete record (without its '\n') and the number of its first line
  // (1-based, counting every line of the text).
  using Take = std::function<void(const std::string& record, int64_t first_line)>;

  // Adds `piece` and takes every record it completes.
  void Feed(std::string_view piece, const Take& take);
  // Takes the last record when the text does not end in a line break.
  void Finish(const Take& take);
  // Lines completed so far.
  int64_t lines() const { return lines_; }

 private:
  std::string pending_;
  size_t scanned_ = 0;   // bytes of pending_ already scanned
  bool quoted_ = false;  // inside a quoted field
  bool field_start_ = true;
  bool closed_quote_ = false;  // the last byte closed a quoted field ("" continues it)
  bool leading_ = true;        // only spaces or a byte order mark so far on this line
  bool comment_ = false;       // the line is a comment ('#' first): its quotes open nothing
  int64_t lines_ = 0;
};

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_REGISTRY_CSV_H_
