#include "registry_view.h"

#include <string>
#include <vector>

#include "date_text.h"
#include "enum_text.h"
#include "table.h"

namespace disposalctl {
namespace {

// The server caps the list; when it is full, more rows may be wrong than are shown.
constexpr int kListedErrorsMax = 1000;

// Control characters (a newline in an echoed cell) become spaces: one row, one line.
std::string OneLine(std::string text) {
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return text;
}

using disposal::v1::RegistryParty;

template <typename Enum>
std::string Short(Enum value) {
  return ShortEnumName(*google::protobuf::GetEnumDescriptor<Enum>(), static_cast<int>(value));
}

// A period's end, or that it lasts.
template <typename Entry>
std::string EndOf(const Entry& entry) {
  return entry.has_valid_to() ? FormatDate(entry.valid_to()) : "(open)";
}

void PrintTable(const char* title, const Table& table, std::ostream& out) {
  out << '\n' << title << '\n';
  table.Print(out);
}

void PrintRoles(const RegistryParty& party, std::ostream& out) {
  if (party.roles().empty()) return;
  Table table;
  for (const char* header : {"person", "role", "employer", "employer credit code", "from", "to"}) {
    table.AddColumn(header);
  }
  for (const auto& role : party.roles()) {
    table.AddRow({role.national_id(), Short(role.role()), OneLine(role.employer()),
                  role.employer_credit_code(), FormatDate(role.valid_from()), EndOf(role)});
  }
  PrintTable("Roles", table, out);
}

void PrintRelations(const RegistryParty& party, std::ostream& out) {
  if (party.relations().empty()) return;
  Table table;
  for (const char* header : {"person", "is", "of"}) table.AddColumn(header);
  for (const auto& relation : party.relations()) {
    table.AddRow({relation.national_id(), Short(relation.kind()), relation.other_national_id()});
  }
  PrintTable("Relations", table, out);
}

void PrintParticipations(const RegistryParty& party, std::ostream& out) {
  if (party.participations().empty()) return;
  Table table;
  for (const char* header : {"person", "organisation", "kind"}) table.AddColumn(header);
  table.AddColumn("percent", Align::kRight);
  table.AddColumn("from");
  table.AddColumn("to");
  for (const auto& p : party.participations()) {
    table.AddRow({p.national_id(), p.credit_code(), Short(p.kind()),
                  p.percent().value().empty() ? "-" : p.percent().value(),
                  FormatDate(p.valid_from()), EndOf(p)});
  }
  PrintTable("Participations", table, out);
}

void PrintEngagements(const RegistryParty& party, std::ostream& out) {
  if (party.engagements().empty()) return;
  Table table;
  for (const char* header : {"disposal", "person", "role"}) table.AddColumn(header);
  for (const auto& e : party.engagements()) {
    table.AddRow({e.disposal_id(), e.national_id(), Short(e.role())});
  }
  PrintTable("Engagements", table, out);
}

void PrintListEntries(const RegistryParty& party, std::ostream& out) {
  if (party.list_entries().empty()) return;
  Table table;
  for (const char* header : {"list", "identifier", "source", "list version"}) {
    table.AddColumn(header);
  }
  for (const auto& l : party.list_entries()) {
    table.AddRow({Short(l.kind()), l.identifier(), OneLine(l.source()), OneLine(l.list_version())});
  }
  PrintTable("On lists", table, out);
}

// The server flags a cut list without saying which: a list showing the whole bound may be it.
std::string TruncationNote(const RegistryParty& party) {
  constexpr int kListedMax = 1000;
  std::string lists;
  const auto add = [&lists](int size, const char* name) {
    if (size < kListedMax) return;
    lists += (lists.empty() ? "" : ", ") + std::string(name);
  };
  add(party.roles_size(), "roles");
  add(party.relations_size(), "relations");
  add(party.participations_size(), "participations");
  add(party.engagements_size(), "engagements");
  add(party.list_entries_size(), "list entries");
  return "(more than 1000 " + (lists.empty() ? std::string("entries") : lists) +
         ": the first 1000 by key are shown)";
}

}  // namespace

void PrintRegistryParty(const RegistryParty& party, std::ostream& out) {
  if (party.has_person()) {
    const auto& person = party.person();
    out << "person            " << person.national_id() << "  " << OneLine(person.name())
        << (person.declared_incapacitated() ? "  (declared incapacitated)" : "") << '\n';
  }
  if (party.has_organization()) {
    const auto& org = party.organization();
    std::vector<std::string> flags;
    if (org.financial_institution()) flags.push_back("financial institution");
    if (org.state_owned()) flags.push_back("state-owned");
    if (org.deregistered()) flags.push_back("deregistered");
    out << "organisation      " << org.credit_code() << "  " << OneLine(org.name());
    for (size_t i = 0; i < flags.size(); ++i) out << (i == 0 ? "  (" : ", ") << flags[i];
    out << (flags.empty() ? "" : ")") << '\n';
  }
  if (!party.has_person() && !party.has_organization()) {
    out << "not registered    (only the entries below name it)\n";
  }
  out << "registry version  " << party.registry_version() << '\n';
  PrintRoles(party, out);
  PrintRelations(party, out);
  PrintParticipations(party, out);
  PrintEngagements(party, out);
  PrintListEntries(party, out);
  if (party.truncated()) out << '\n' << TruncationNote(party) << '\n';
}

void PrintImportResponse(const disposal::v1::ImportRegistryResponse& response, std::ostream& out) {
  if (response.applied()) {
    out << "applied " << response.rows() << (response.rows() == 1 ? " row" : " rows")
        << ", registry version " << response.registry_version() << '\n';
    return;
  }
  out << "not applied: nothing was changed";
  if (response.errors().empty()) {
    out << " (the server listed no rejected rows)\n";
    return;
  }
  // The server lists at most kListedErrorsMax: as many listed means at least as many rejected.
  if (response.errors_size() >= kListedErrorsMax) {
    out << "; at least " << response.errors_size() << " rows were rejected (only the first "
        << kListedErrorsMax << " are listed)";
  } else {
    out << "; " << response.errors_size()
        << (response.errors_size() == 1 ? " row was rejected" : " rows were rejected");
  }
  out << ":\n";
  for (const disposal::v1::RowError& error : response.errors()) {
    out << "line " << error.line() << ": " << OneLine(error.reason()) << '\n';
  }
}

}  // namespace disposalctl
