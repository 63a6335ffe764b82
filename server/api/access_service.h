// gRPC handlers for disposal.v1.AccessService (admins' tokens), and the token issuing that the
// server's own `token create` command shares with them.
#ifndef DISPOSAL_SERVER_API_ACCESS_SERVICE_H_
#define DISPOSAL_SERVER_API_ACCESS_SERVICE_H_

#include <functional>

#include "api/access_control.h"
#include "disposal/v1/access.grpc.pb.h"
#include "domain/token_repository.h"

namespace disposal::api {

// A token's lifetime when its request names none: a secret that leaks stops working by itself.
inline constexpr int kDefaultTokenValidDays = 90;

// What a token is made from.
struct TokenRequest {
  std::string name;
  domain::Role role = domain::Role::kStaff;
  int valid_days = 0;          // 0..3650; 0: kDefaultTokenValidDays, unless never_expires
  bool never_expires = false;  // only with valid_days 0
  std::string created_by;
  // Empty, or a certificate's SHA-256 in a form CertificateFingerprint reads.
  std::string client_certificate_sha256;
  int64_t calls_per_second = 0;  // partner tokens only: 1..10,000,000; 0: the server's quota
};

// A token made: its details and, when it is new, its secret (shown once).
struct IssuedToken {
  domain::TokenRecord token;
  std::string secret;
};

// The token `request` asks for, with a new id; INVALID_ARGUMENT naming the field otherwise.
Result<domain::TokenRecord> TokenRecordOf(const TokenRequest& request, int64_t now_micros);

// Validates `request`, draws a secret and stores its hash. INVALID_ARGUMENT names the field.
Result<IssuedToken> IssueToken(domain::TokenRepository& tokens, const TokenRequest& request,
                               int64_t now_micros, const domain::AuditContext& audit,
                               const domain::RequestKey& key);

class AccessServiceImpl : public v1::AccessService::Service {
 public:
  AccessServiceImpl(domain::TokenRepository& tokens, AccessControl& access,
                    std::function<int64_t()> now_micros)
      : tokens_(tokens), access_(access), now_micros_(std::move(now_micros)) {}

  grpc::Status CreateToken(grpc::ServerContext* context, const v1::CreateTokenRequest* request,
                           v1::CreateTokenResponse* response) override;
  grpc::Status ListTokens(grpc::ServerContext* context, const v1::ListTokensRequest* request,
                          v1::ListTokensResponse* response) override;
  grpc::Status RevokeToken(grpc::ServerContext* context, const v1::RevokeTokenRequest* request,
                           v1::AccessToken* response) override;

 private:
  domain::TokenRepository& tokens_;
  AccessControl& access_;
  std::function<int64_t()> now_micros_;
};

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_ACCESS_SERVICE_H_
