// Who may call what: roles, the principal a token stands for, and the permission of every RPC.
#ifndef DISPOSAL_SERVER_DOMAIN_ACCESS_H_
#define DISPOSAL_SERVER_DOMAIN_ACCESS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace disposal::domain {

enum class Role : uint8_t { kStaff = 1, kAuditor = 2, kPartner = 4, kAdmin = 8 };

// A set of roles as bits of Role.
using RoleSet = uint8_t;
inline constexpr RoleSet RoleBit(Role role) { return static_cast<RoleSet>(role); }

std::string_view RoleName(Role role);  // "staff", "auditor", "partner", "admin"
std::optional<Role> ParseRole(std::string_view name);

// The caller, as its token says.
struct Principal {
  std::string token_id;
  std::string name;
  Role role = Role::kStaff;
  uint32_t calls_per_second = 0;  // a partner token's own call quota; 0: the server's
};

// The roles that may call `method` ("/disposal.v1.ClaimService/CreateClaim"); nullopt for a
// method the policy does not know, which nobody may call (deny by default).
std::optional<RoleSet> AllowedRoles(std::string_view method);

// A token's details as kept (never its secret).
struct TokenRecord {
  std::string id;
  std::string name;
  Role role = Role::kStaff;
  int64_t create_micros = 0;
  std::string created_by;
  std::optional<int64_t> expire_micros;
  std::optional<int64_t> revoke_micros;
  // The client certificate the token is bound to: the SHA-256 of its DER encoding, 64
  // lower-case hex digits. Empty: not bound (any certificate the CA signed, or none where the
  // role needs none).
  std::string client_certificate_sha256;
  // A partner token's own call quota, calls a second (1..10,000,000); 0: the server's.
  uint32_t calls_per_second = 0;

  // Usable at `now_micros`: neither revoked nor expired.
  bool LiveAt(int64_t now_micros) const {
    return !revoke_micros && (!expire_micros || now_micros < *expire_micros);
  }
};

// 1..100 printable ASCII characters: token names travel as audit actors.
bool IsTokenName(std::string_view name);

// A certificate's SHA-256 fingerprint as TokenRecord keeps it (64 lower-case hex digits), from
// 64 hex digits in either case, or 32 colon-separated pairs as `openssl x509 -noout
// -fingerprint -sha256` prints them, its "sha256 Fingerprint=" label included. nullopt
// otherwise.
std::optional<std::string> CertificateFingerprint(std::string_view given);

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_ACCESS_H_
