#include "api/request_context.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "domain/audit_chain.h"
#include "domain/sha256.h"

namespace disposal::api {
namespace {

bool IsRequestIdCharacter(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == ':' ||
         c == '-';
}

thread_local const domain::Principal* current_principal = nullptr;

}  // namespace

const domain::Principal* CurrentPrincipal() { return current_principal; }

PrincipalScope::PrincipalScope(const domain::Principal& principal) : previous_(current_principal) {
  current_principal = &principal;
}

PrincipalScope::~PrincipalScope() { current_principal = previous_; }

std::string StreamCallerOf(const grpc::ServerContextBase& context) {
  return current_principal ? current_principal->token_id : ActorOf(context);
}

std::string ActorOf(const grpc::ServerContextBase& context) {
  if (current_principal) return current_principal->name;
  const auto& metadata = context.client_metadata();
  auto found = metadata.find(kActorMetadataKey);
  if (found == metadata.end()) return "anonymous";
  const std::string actor(found->second.data(), found->second.size());
  if (actor.empty() || actor.size() > 100) return "anonymous";
  for (char c : actor) {
    if (c < 0x20 || c > 0x7e) return "anonymous";
  }
  return actor;
}

Status ValidateRequestId(const std::string& request_id, bool required) {
  if (request_id.empty()) {
    if (!required) return OkStatus();
    return Error::InvalidArgument(
        "request_id", "is required: send a unique id (e.g. a UUID) so retries are safe");
  }
  if (request_id.size() > kRequestIdLengthMax) {
    return Error::InvalidArgument("request_id", "is longer than 100 characters");
  }
  for (char c : request_id) {
    if (!IsRequestIdCharacter(c)) {
      return Error::InvalidArgument("request_id", "may hold only letters, digits and . _ : -");
    }
  }
  return OkStatus();
}

domain::RequestKey RequestKeyOf(const google::protobuf::Message& request,
                                const std::string& request_id) {
  std::unique_ptr<google::protobuf::Message> body(request.New());
  body->CopyFrom(request);
  const auto* field = body->GetDescriptor()->FindFieldByName("request_id");
  if (field) body->GetReflection()->ClearField(body.get(), field);
  // The request messages hold no map fields, so their serialisation is deterministic.
  const std::string bytes = body->SerializeAsString();
  return {request_id, domain::HexOf(domain::Sha256(bytes))};
}

namespace {

// True when JSON text holds the escape \u0000 (an odd run of backslashes before "u0000").
bool HoldsEscapedNul(const std::string& json) {
  for (size_t at = json.find("u0000"); at != std::string::npos; at = json.find("u0000", at + 1)) {
    size_t backslashes = 0;
    while (backslashes < at && json[at - 1 - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 1) return true;
  }
  return false;
}

}  // namespace

domain::AuditContext AuditOf(const grpc::ServerContextBase& context, const std::string& rpc,
                             const google::protobuf::Message& request,
                             const std::string& request_id) {
  domain::AuditContext audit;
  audit.actor = ActorOf(context);
  if (current_principal) {
    audit.role = std::string(domain::RoleName(current_principal->role));
    audit.token_id = current_principal->token_id;
  }
  audit.rpc = rpc;
  audit.request_id = request_id;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  if (!google::protobuf::util::MessageToJsonString(request, &audit.payload_json, options).ok() ||
      HoldsEscapedNul(audit.payload_json)) {
    // JSON has no form for some values a request may carry (a timestamp past 9999 in a field
    // the call ignores), and PostgreSQL's jsonb none for U+0000 (in a field the call ignores,
    // e.g. an output-only one): the request is kept whole as its bytes, never left out of its
    // event nor failing the call.
    audit.payload_json =
        "{\"request_protobuf_hex\":\"" + domain::HexOf(request.SerializeAsString()) + "\"}";
  }
  // Stored as jsonb, the payload is read back with a space after every ':' and ',': counted.
  const size_t streamed =
      audit.payload_json.size() +
      static_cast<size_t>(std::count(audit.payload_json.begin(), audit.payload_json.end(), ':')) +
      static_cast<size_t>(std::count(audit.payload_json.begin(), audit.payload_json.end(), ','));
  if (streamed > kAuditPayloadBytesMax) {
    // An event is streamed to auditors whole, in one message of at most 4 MiB: one larger
    // would leave its subject's history unreadable for good. A request that large holds far
    // more than any call reads (its fields the call ignores, or escaped control characters):
    // its digest and sizes are kept instead.
    const std::string bytes = request.SerializeAsString();
    audit.payload_json = "{\"request_protobuf_sha256\":\"" + domain::HexOf(domain::Sha256(bytes)) +
                         "\",\"request_bytes\":" + std::to_string(bytes.size()) +
                         ",\"payload_bytes\":" + std::to_string(audit.payload_json.size()) + "}";
  }
  return audit;
}

}  // namespace disposal::api
