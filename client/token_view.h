// Access tokens rendered for people: a token's details, the secret CreateToken shows once, and
// the table of many; and roles as admins type and read them ("staff" for ROLE_STAFF).

#ifndef DISPOSAL_CLIENT_TOKEN_VIEW_H_
#define DISPOSAL_CLIENT_TOKEN_VIEW_H_

#include <ostream>
#include <string>

#include "disposal/v1/access.pb.h"
#include "output.h"
#include "status.h"
#include "table.h"

namespace disposalctl {

// "staff", "auditor", "partner", "admin"; "unspecified", or the number for a role this build
// does not know (a newer server).
std::string RoleName(disposal::v1::Role role);

// The role named by exactly one of "staff", "auditor", "partner", "admin". Fails, naming --role
// and the choices, for anything else: a role grants permissions, so a misspelling, a number
// or "unspecified" is refused rather than guessed at.
Status ParseRole(const std::string& text, disposal::v1::Role* role);

// An empty token table: id, name, role, created, created by, expires, revoked (times in
// Asia/Shanghai; "never" for a token that does not expire, "-" for one not revoked).
Table NewTokenTable();

// One token's row of NewTokenTable.
void AddTokenRow(const disposal::v1::AccessToken& token, Table* table);

// A token as labelled fields: id, name, role, created, created by, expires, revoked.
void PrintTokenDetails(const disposal::v1::AccessToken& token, std::ostream& out);

// A listing: the table (or "no tokens"), then a note when more tokens follow.
// `stopped_at_page_limit`: --all gave up after kListPagesMax pages.
void PrintTokenList(const disposal::v1::ListTokensResponse& listed, bool stopped_at_page_limit,
                    std::ostream& out);

// CreateToken's answer in `format`. With a `secret_file` (--out) the secret went there and is
// left out, the JSON included, so that it never reaches a terminal or a log; the details then
// say where it went. Without one the secret is shown, with a warning that it is shown once.
Status PrintCreatedToken(const disposal::v1::CreateTokenResponse& created, OutputFormat format,
                         const std::string& secret_file, std::ostream& out);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_TOKEN_VIEW_H_
