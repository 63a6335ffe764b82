#include "token_view.h"

#include "claim_actions.h"  // kListPagesMax
#include "enum_text.h"
#include "statement_text.h"
#include "time_text.h"

namespace disposalctl {
namespace {

using disposal::v1::AccessToken;
using disposal::v1::CreateTokenResponse;
using disposal::v1::Role;

constexpr std::size_t kLabelWidth = 10;
// Names are up to 100 characters; longer cells are cut so that a row fits a terminal.
constexpr std::size_t kNameWidthMax = 32;
constexpr std::size_t kCreatedByWidthMax = 24;

constexpr Role kRoles[] = {disposal::v1::ROLE_STAFF, disposal::v1::ROLE_AUDITOR,
                           disposal::v1::ROLE_PARTNER, disposal::v1::ROLE_ADMIN};

std::string TimeOr(bool has_time, const google::protobuf::Timestamp& time,
                   const std::string& absent) {
  return has_time ? FormatShanghaiTime(time) : absent;
}

// Details name the zone; the table leaves it to the group's help, as `audit history` does.
std::string ZonedTimeOr(bool has_time, const google::protobuf::Timestamp& time,
                        const std::string& absent) {
  return has_time ? FormatShanghaiTime(time) + " " + kShanghaiZoneName : absent;
}

void PrintSecret(const CreateTokenResponse& created, const std::string& secret_file,
                 std::ostream& out) {
  if (created.secret().empty()) {
    // A repeated request id: the server shows a secret only in its first answer.
    PrintField("secret", "none sent (the server shows a secret only once)", kLabelWidth, out);
  } else if (!secret_file.empty()) {
    PrintField("secret", "written to " + secret_file + " (mode 0600)", kLabelWidth, out);
  } else {
    PrintField("secret", created.secret(), kLabelWidth, out);
    out << "\nThe secret is shown only this once; the server keeps only a hash of it.\n";
  }
}

}  // namespace

std::string RoleName(Role role) { return ShortEnumName(*disposal::v1::Role_descriptor(), role); }

Status ParseRole(const std::string& text, Role* role) {
  for (Role known : kRoles) {
    if (text == RoleName(known)) {
      *role = known;
      return Status::Ok();
    }
  }
  return Status::InvalidInput("--role \"" + text + "\" must be one of " +
                              ListShortEnumNames(*disposal::v1::Role_descriptor()));
}

Table NewTokenTable() {
  Table table;
  table.AddColumn("id");
  table.AddColumn("name", Align::kLeft, kNameWidthMax);
  table.AddColumn("role");
  table.AddColumn("calls/s", Align::kRight);
  table.AddColumn("created");
  table.AddColumn("created by", Align::kLeft, kCreatedByWidthMax);
  table.AddColumn("expires");
  table.AddColumn("revoked");
  table.AddColumn("certificate");
  return table;
}

// A partner token's call quota: its own, or the server's; other roles have none.
std::string CallQuotaCell(const AccessToken& token) {
  if (token.role() != disposal::v1::ROLE_PARTNER) return "-";
  return token.calls_per_second() > 0 ? std::to_string(token.calls_per_second()) : "server";
}

void AddTokenRow(const AccessToken& token, Table* table) {
  table->AddRow({OrDash(token.id()), OrDash(token.name()), RoleName(token.role()),
                 CallQuotaCell(token), TimeOr(token.has_create_time(), token.create_time(), "-"),
                 OrDash(token.created_by()),
                 TimeOr(token.has_expire_time(), token.expire_time(), "never"),
                 TimeOr(token.has_revoke_time(), token.revoke_time(), "-"),
                 token.client_certificate_sha256().empty()
                     ? "-"
                     : token.client_certificate_sha256().substr(0, 16) + "..."});
}

void PrintTokenDetails(const AccessToken& token, std::ostream& out) {
  auto field = [&out](const std::string& label, const std::string& value) {
    PrintField(label, value, kLabelWidth, out);
  };
  field("id", OrDash(token.id()));
  field("name", OrDash(token.name()));
  field("role", RoleName(token.role()));
  field("created", ZonedTimeOr(token.has_create_time(), token.create_time(), "-"));
  field("created by", OrDash(token.created_by()));
  field("expires", ZonedTimeOr(token.has_expire_time(), token.expire_time(), "never"));
  field("revoked", ZonedTimeOr(token.has_revoke_time(), token.revoke_time(), "-"));
  field("bound to", token.client_certificate_sha256().empty()
                        ? "no certificate"
                        : "certificate SHA-256 " + token.client_certificate_sha256());
  if (token.role() == disposal::v1::ROLE_PARTNER) {
    field("call quota", token.calls_per_second() > 0
                            ? std::to_string(token.calls_per_second()) + " calls a second"
                            : "the server's (--partner-calls-per-second)");
  }
}

void PrintTokenList(const disposal::v1::ListTokensResponse& listed, bool stopped_at_page_limit,
                    std::ostream& out) {
  if (listed.tokens().empty()) {
    out << "no tokens\n";
  } else {
    Table table = NewTokenTable();
    for (const AccessToken& token : listed.tokens()) AddTokenRow(token, &table);
    table.Print(out);
  }
  if (listed.next_page_token().empty()) return;
  if (stopped_at_page_limit) {
    out << "\nstopped after " << kListPagesMax << " pages; more tokens follow.\n";
  } else {
    out << "\nmore tokens follow; --all lists every one.\n";
  }
}

Status PrintCreatedToken(const CreateTokenResponse& created, OutputFormat format,
                         const std::string& secret_file, std::ostream& out) {
  if (format == OutputFormat::kJson) {
    if (secret_file.empty()) return PrintMessageJson(created, out);
    CreateTokenResponse shown = created;
    shown.clear_secret();
    return PrintMessageJson(shown, out);
  }
  PrintTokenDetails(created.token(), out);
  PrintSecret(created, secret_file, out);
  return Status::Ok();
}

}  // namespace disposalctl
