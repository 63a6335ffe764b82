#include "registry_view.h"

#include <string>

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

}  // namespace

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
  out << "; " << response.errors_size()
      << (response.errors_size() == 1 ? " row was rejected" : " rows were rejected");
  if (response.errors_size() >= kListedErrorsMax) out << " (the first " << kListedErrorsMax << ")";
  out << ":\n";
  for (const disposal::v1::RowError& error : response.errors()) {
    out << "line " << error.line() << ": " << OneLine(error.reason()) << '\n';
  }
}

}  // namespace disposalctl
