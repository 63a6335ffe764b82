#include "api/guarded_service.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <grpcpp/impl/rpc_service_method.h>
#include <grpcpp/support/method_handler.h>

#include <algorithm>
#include <cassert>
#include <chrono>
#include <thread>

#include "api/request_context.h"
#include "domain/call_deadline.h"

namespace disposal::api {
namespace {

using grpc::internal::MethodHandler;
using grpc::internal::RpcMethod;

thread_local const grpc::Status* current_refusal = nullptr;

// What StillAuthorized() asks again: set while a synchronous handler runs on this thread.
struct CallAuthority {
  AccessControl* access;
  const grpc::ServerContextBase* context;
  const std::string* method;
  const std::optional<domain::RoleSet>* allowed;
  OpenStreams::Watch* watch;  // a streaming call's, else null
};
thread_local const CallAuthority* current_authority = nullptr;

class AuthorityScope {
 public:
  explicit AuthorityScope(const CallAuthority& authority) : previous_(current_authority) {
    current_authority = &authority;
  }
  ~AuthorityScope() { current_authority = previous_; }
  AuthorityScope(const AuthorityScope&) = delete;
  AuthorityScope& operator=(const AuthorityScope&) = delete;

 private:
  const CallAuthority* previous_;
};

// Sets the refusal a callback-API handler finds through CurrentRefusal() while it is entered.
class RefusalScope {
 public:
  explicit RefusalScope(const grpc::Status& refusal) : previous_(current_refusal) {
    current_refusal = &refusal;
  }
  ~RefusalScope() { current_refusal = previous_; }
  RefusalScope(const RefusalScope&) = delete;
  RefusalScope& operator=(const RefusalScope&) = delete;

 private:
  const grpc::Status* previous_;
};

RpcMethod::RpcType TypeOf(const google::protobuf::MethodDescriptor& method) {
  if (method.client_streaming() && method.server_streaming()) return RpcMethod::BIDI_STREAMING;
  if (method.client_streaming()) return RpcMethod::CLIENT_STREAMING;
  if (method.server_streaming()) return RpcMethod::SERVER_STREAMING;
  return RpcMethod::NORMAL_RPC;
}

// Ends a call with `status` without running its handler, the way gRPC ends a call to an
// unknown method.
void Finish(const MethodHandler::HandlerParameter& param, const grpc::Status& status) {
  using grpc::internal::ErrorMethodHandler;
  switch (status.error_code()) {
    case grpc::StatusCode::UNAUTHENTICATED:
      ErrorMethodHandler<grpc::StatusCode::UNAUTHENTICATED>(status.error_message())
          .RunHandler(param);
      return;
    case grpc::StatusCode::PERMISSION_DENIED:
      ErrorMethodHandler<grpc::StatusCode::PERMISSION_DENIED>(status.error_message())
          .RunHandler(param);
      return;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      ErrorMethodHandler<grpc::StatusCode::RESOURCE_EXHAUSTED>(status.error_message())
          .RunHandler(param);
      return;
    default:
      ErrorMethodHandler<grpc::StatusCode::UNAVAILABLE>(status.error_message()).RunHandler(param);
      return;
  }
}

class GuardHandler : public MethodHandler {
 public:
  GuardHandler(AccessControl& access, std::string method, MethodHandler* inner, bool callback,
               bool streaming)
      : access_(access),
        method_(std::move(method)),
        allowed_(domain::AllowedRoles(method_)),
        inner_(inner),
        callback_(callback),
        streaming_(streaming) {}

  void RunHandler(const HandlerParameter& param) override {
    domain::Principal principal;
    grpc::Status status = access_.Admit(*param.server_context, method_, allowed_, &principal);
    if (status.ok() && streaming_) {
      RunWatched(param, principal);
      return;
    }
    if (status.ok()) {
      PrincipalScope scope(principal);
      domain::CallDeadlineScope deadline(param.server_context->deadline());
      const CallAuthority authority{&access_, param.server_context, &method_, &allowed_, nullptr};
      AuthorityScope authority_scope(authority);
      inner_->RunHandler(param);
      return;
    }
    if (callback_) {
      // The callback handler owns the call's request and reactor; it answers the refusal.
      RefusalScope scope(status);
      inner_->RunHandler(param);
      return;
    }
    // The handler would have destroyed the request it deserialized; do it in its place.
    // Generated messages derive from Message alone, so the pointer is the Message's.
    if (param.request) static_cast<google::protobuf::Message*>(param.request)->~Message();
    Finish(param, status);
  }

  void* Deserialize(grpc_call* call, grpc_byte_buffer* request, grpc::Status* status,
                    void** handler_data) override {
    return inner_->Deserialize(call, request, status, handler_data);
  }

 private:
  // A stream runs watched: its caller is checked again when a token is revoked, and an idle
  // stream is cancelled (open_streams.h).
  void RunWatched(const HandlerParameter& param, const domain::Principal& principal) {
    const grpc::ServerContextBase* context = param.server_context;
    // The watcher checks again what the call presented, read here on the handler's thread:
    // gRPC creates a context's authentication data on first use, without a lock.
    std::shared_ptr<const Presented> presented = AccessControl::Capture(*context);
    // By value: a check may still run on the watcher's thread after this handler is gone.
    OpenStreams::Watch watch(access_.streams(), *context, method_,
                             [&access = access_, method = method_, allowed = allowed_, presented] {
                               domain::Principal again;
                               return access.Authorize(*presented, method, allowed, &again,
                                                       /*log_transient=*/false);
                             });
    PrincipalScope scope(principal);
    domain::CallDeadlineScope deadline(context->deadline());
    const CallAuthority authority{&access_, context, &method_, &allowed_, &watch};
    AuthorityScope authority_scope(authority);
    inner_->RunHandler(param);
  }

  AccessControl& access_;
  const std::string method_;
  const std::optional<domain::RoleSet> allowed_;
  MethodHandler* const inner_;  // owned by the guarded Impl
  const bool callback_;
  const bool streaming_;
};

}  // namespace

const grpc::Status* CurrentRefusal() { return current_refusal; }

grpc::Status StillAuthorized() {
  if (current_authority == nullptr) return grpc::Status::OK;
  if (current_authority->watch != nullptr) current_authority->watch->Touch();
  domain::Principal principal;
  return current_authority->access->Authorize(*current_authority->context,
                                              *current_authority->method,
                                              *current_authority->allowed, &principal);
}

grpc::Status PaceCalls(uint32_t calls) {
  const domain::Principal* principal = CurrentPrincipal();
  if (current_authority == nullptr || principal == nullptr) return grpc::Status::OK;
  const CallAuthority& authority = *current_authority;
  std::chrono::nanoseconds wait{0};
  grpc::Status taken =
      authority.access->PaceCalls(*authority.context, *authority.method, *principal, calls, &wait);
  if (!taken.ok() || wait.count() == 0) return taken;
  // In short sleeps: a cancelled call (by its client, the server's shutdown or the streams'
  // watcher) stops waiting at once, and a waiting stream is not idle.
  constexpr std::chrono::milliseconds kSlice{50};
  const auto until = std::chrono::steady_clock::now() + wait;
  for (auto now = std::chrono::steady_clock::now(); now < until;
       now = std::chrono::steady_clock::now()) {
    if (authority.context->IsCancelled()) {
      return grpc::Status(grpc::StatusCode::CANCELLED,
                          "the call was cancelled while waiting for its call quota");
    }
    if (authority.watch != nullptr) authority.watch->Touch();
    std::this_thread::sleep_for(std::min<std::chrono::nanoseconds>(until - now, kSlice));
  }
  // The token may have been revoked or have expired meanwhile.
  return StillAuthorized();
}

bool StreamFinishing() {
  if (current_authority == nullptr || current_authority->watch == nullptr) return true;
  return current_authority->watch->Finishing();
}

grpc::ServerUnaryReactor* FinishUnary(grpc::CallbackServerContext* context,
                                      const grpc::Status& status) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(status);
  return reactor;
}

GuardService::GuardService(AccessControl& access, const std::string& service_name,
                           const std::function<MethodHandler*(int)>& handler_of,
                           const std::vector<int>& callback_methods) {
  const google::protobuf::ServiceDescriptor* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service_name);
  assert(service != nullptr);
  // Generated services add their methods in the proto's order, so index i is method(i).
  for (int i = 0; i < service->method_count(); ++i) {
    const google::protobuf::MethodDescriptor& method = *service->method(i);
    paths_.push_back("/" + service_name + "/" + method.name());
    const bool callback =
        std::find(callback_methods.begin(), callback_methods.end(), i) != callback_methods.end();
    assert(!callback || TypeOf(method) == RpcMethod::NORMAL_RPC);
    auto* handler = new GuardHandler(access, paths_.back(), handler_of(i), callback,
                                     TypeOf(method) != RpcMethod::NORMAL_RPC);
    if (callback) {
      this->AddMethod(
          new grpc::internal::RpcServiceMethod(paths_.back().c_str(), TypeOf(method), nullptr));
      this->MarkMethodCallback(i, handler);
    } else {
      this->AddMethod(
          new grpc::internal::RpcServiceMethod(paths_.back().c_str(), TypeOf(method), handler));
    }
  }
}

}  // namespace disposal::api
