#include "api/access_service.h"

#include <google/protobuf/util/time_util.h>
#include <openssl/rand.h>

#include <array>
#include <cstdio>

#include "api/enum_table.h"
#include "api/page_token.h"
#include "api/request_context.h"
#include "api/status.h"
#include "domain/date.h"
#include "domain/paging.h"
#include "domain/text_rules.h"

namespace disposal::api {
namespace {

using google::protobuf::util::TimeUtil;

constexpr int kValidDaysMax = 3650;
constexpr int64_t kCallsPerSecondMax = 10'000'000;
constexpr char kListFilterKey[] = "tokens";

template <size_t N>
std::array<unsigned char, N> RandomBytes() {
  std::array<unsigned char, N> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("the system's random source failed");
  }
  return bytes;
}

// "dsp_" and the base64url form (no padding) of 32 random bytes: 47 characters.
std::string NewSecret() {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const auto bytes = RandomBytes<32>();
  std::string secret = kSecretPrefix;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      secret += kAlphabet[(buffer >> bits) & 0x3F];
    }
  }
  if (bits > 0) secret += kAlphabet[(buffer << (6 - bits)) & 0x3F];
  return secret;
}

// A version 4 UUID.
std::string NewTokenId() {
  auto b = RandomBytes<16>();
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);
  char text[37];
  std::snprintf(text, sizeof text,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return text;
}

constexpr EnumTable<v1::Role, domain::Role, 4> kRoles = {{
    {v1::ROLE_STAFF, domain::Role::kStaff},
    {v1::ROLE_AUDITOR, domain::Role::kAuditor},
    {v1::ROLE_PARTNER, domain::Role::kPartner},
    {v1::ROLE_ADMIN, domain::Role::kAdmin},
}};

void TokenToProto(const domain::TokenRecord& token, v1::AccessToken* out) {
  out->set_id(token.id);
  out->set_name(token.name);
  out->set_role(EnumToProto(token.role, kRoles));
  *out->mutable_create_time() = TimeUtil::MicrosecondsToTimestamp(token.create_micros);
  out->set_created_by(token.created_by);
  if (token.expire_micros) {
    *out->mutable_expire_time() = TimeUtil::MicrosecondsToTimestamp(*token.expire_micros);
  }
  if (token.revoke_micros) {
    *out->mutable_revoke_time() = TimeUtil::MicrosecondsToTimestamp(*token.revoke_micros);
  }
  out->set_client_certificate_sha256(token.client_certificate_sha256);
  out->set_calls_per_second(static_cast<int32_t>(token.calls_per_second));
}

}  // namespace

Result<domain::TokenRecord> TokenRecordOf(const TokenRequest& request, int64_t now_micros) {
  if (!domain::IsTokenName(request.name)) {
    return Error::InvalidArgument("name", "must be 1..100 printable ASCII characters");
  }
  if (request.valid_days < 0 || request.valid_days > kValidDaysMax) {
    return Error::InvalidArgument("valid_days", "must be 0..3650 (0: the default of 90)");
  }
  if (request.never_expires && request.valid_days != 0) {
    return Error::InvalidArgument("never_expires",
                                  "a token that never expires has no valid_days; give 0");
  }
  if (request.calls_per_second < 0 || request.calls_per_second > kCallsPerSecondMax) {
    return Error::InvalidArgument("calls_per_second",
                                  "must be 1..10000000 calls a second (0: the server's quota)");
  }
  if (request.calls_per_second > 0 && request.role != domain::Role::kPartner) {
    return Error::InvalidArgument("calls_per_second",
                                  "only partner tokens have a call quota; leave it 0");
  }
  domain::TokenRecord token;
  token.calls_per_second = static_cast<uint32_t>(request.calls_per_second);
  if (!request.client_certificate_sha256.empty()) {
    const auto fingerprint = domain::CertificateFingerprint(request.client_certificate_sha256);
    if (!fingerprint) {
      return Error::InvalidArgument(
          "client_certificate_sha256",
          "must be the certificate's SHA-256: 64 hex digits, optionally colon-separated pairs");
    }
    token.client_certificate_sha256 = *fingerprint;
  }
  token.id = NewTokenId();
  token.name = request.name;
  token.role = request.role;
  token.created_by = request.created_by;
  // The lifetime counts from the time the token is stored with, to the microsecond.
  token.create_micros = now_micros;
  if (!request.never_expires) {
    const int64_t days = request.valid_days > 0 ? request.valid_days : kDefaultTokenValidDays;
    token.expire_micros = now_micros + days * domain::kMicrosPerDay;
  }
  return token;
}

Result<IssuedToken> IssueToken(domain::TokenRepository& tokens, const TokenRequest& request,
                               int64_t now_micros, const domain::AuditContext& audit,
                               const domain::RequestKey& key) {
  ASSIGN_OR_RETURN(const domain::TokenRecord token, TokenRecordOf(request, now_micros));
  const std::string secret = NewSecret();
  ASSIGN_OR_RETURN(domain::CreatedToken created,
                   tokens.Create(token, SecretHash(secret), audit, key));
  return IssuedToken{created.token, created.fresh ? secret : ""};
}

grpc::Status AccessServiceImpl::CreateToken(grpc::ServerContext* context,
                                            const v1::CreateTokenRequest* request,
                                            v1::CreateTokenResponse* response) {
  if (auto s = ValidateRequestId(request->request_id(), true); !s.ok()) {
    return ToGrpcStatus(s.error());
  }
  auto role = EnumFromProto(request->role(), kRoles, "role");
  if (!role.ok()) return ToGrpcStatus(role.error());
  const TokenRequest token{request->name(),
                           role.value(),
                           request->valid_days(),
                           request->never_expires(),
                           ActorOf(*context),
                           request->client_certificate_sha256(),
                           request->calls_per_second()};
  // The arguments first (INVALID_ARGUMENT), then what the server can do with them.
  if (auto valid = TokenRecordOf(token, now_micros_()); !valid.ok()) {
    return ToGrpcStatus(valid.error());
  }
  if (!request->client_certificate_sha256().empty() && !access_.AsksClientCertificates()) {
    return ToGrpcStatus(Error::FailedPrecondition(
        "client_certificate_sha256: this server does not ask clients for certificates (it runs "
        "without --tls-client-ca), so a token bound to one could never be used"));
  }
  // The audit payload must not hold anything secret; the request holds none.
  auto issued = IssueToken(
      tokens_, token, now_micros_(),
      AuditOf(*context, "disposal.v1.AccessService/CreateToken", *request, request->request_id()),
      RequestKeyOf(*request, request->request_id()));
  if (!issued.ok()) return ToGrpcStatus(issued.error());
  TokenToProto(issued.value().token, response->mutable_token());
  response->set_secret(issued.value().secret);
  return grpc::Status::OK;
}

grpc::Status AccessServiceImpl::ListTokens(grpc::ServerContext*,
                                           const v1::ListTokensRequest* request,
                                           v1::ListTokensResponse* response) {
  auto page_size = domain::EffectivePageSize(request->page_size());
  if (!page_size.ok()) return ToGrpcStatus(page_size.error());
  auto cursor = DecodePageToken(request->page_token(), kListFilterKey);
  if (!cursor.ok()) return ToGrpcStatus(cursor.error());
  std::optional<domain::TokenCursor> after;
  if (cursor.value())
    after = domain::TokenCursor{cursor.value()->create_time_micros, cursor.value()->id};
  // One more than asked tells whether another page follows.
  auto tokens = tokens_.List(page_size.value() + 1, after);
  if (!tokens.ok()) return ToGrpcStatus(tokens.error());
  std::vector<domain::TokenRecord>& found = tokens.value();
  const bool more = found.size() > static_cast<size_t>(page_size.value());
  if (more) found.resize(static_cast<size_t>(page_size.value()));
  for (const domain::TokenRecord& token : found) TokenToProto(token, response->add_tokens());
  if (more) {
    response->set_next_page_token(EncodePageToken(
        domain::ClaimCursor{found.back().create_micros, found.back().id}, kListFilterKey));
  }
  return grpc::Status::OK;
}

grpc::Status AccessServiceImpl::RevokeToken(grpc::ServerContext* context,
                                            const v1::RevokeTokenRequest* request,
                                            v1::AccessToken* response) {
  if (!domain::IsUuid(request->id())) {
    return ToGrpcStatus(domain::NotAUuid("id", request->id()));
  }
  auto revoked = tokens_.Revoke(
      request->id(), AuditOf(*context, "disposal.v1.AccessService/RevokeToken", *request, ""));
  if (!revoked.ok()) return ToGrpcStatus(revoked.error());
  access_.Forget();
  TokenToProto(revoked.value(), response);
  return grpc::Status::OK;
}

}  // namespace disposal::api
