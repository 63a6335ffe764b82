// Puts access control in front of every method of a service, so no handler can forget it: a
// Guarded<Impl> registers, in place of Impl's own methods, one method per RPC that first asks
// AccessControl and then runs Impl's handler, with the caller as the current principal. A
// refused call ends with its status before the handler runs. RPCs missing from the policy
// (domain/access.cc) are refused to everyone.
//
// A unary method Impl serves with gRPC's callback API (listed by a static
// Impl::CallbackMethodIndices()) runs on gRPC's own threads, without the synchronous server's
// hand-off between threads: for the hottest calls. gRPC gives such a handler no way to be
// skipped, so a refused call still enters it, and it must start with GuardedUnary, which
// answers the refusal instead of running the work.
#ifndef DISPOSAL_SERVER_API_GUARDED_SERVICE_H_
#define DISPOSAL_SERVER_API_GUARDED_SERVICE_H_

#include <grpcpp/grpcpp.h>
#include <grpcpp/impl/service_type.h>

#include <deque>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "api/access_control.h"

namespace disposal::api {

// The guarding methods of one service, named by its full proto name ("disposal.v1.X").
class GuardService : public grpc::Service {
 public:
  GuardService(AccessControl& access, const std::string& service_name,
               const std::function<grpc::internal::MethodHandler*(int)>& handler_of,
               const std::vector<int>& callback_methods);

 private:
  std::deque<std::string> paths_;  // RpcMethod keeps the name's pointer; deque never moves it
};

// The refusal access control made for the callback-API call this thread is entering, if any.
const grpc::Status* CurrentRefusal();

// For a streaming handler to ask between messages whether its caller may still call it: OK,
// or the refusal access control gives now (the token revoked or expired since the stream
// opened), logged like any refusal. A stream may run for minutes; the check at its start
// alone would let a revoked token go on for as long. Cheap: the token cache answers, and the
// database once the cache has expired or a revocation emptied it. OK outside a guarded call.
// Each call also tells the stream's watcher that a message moved (open_streams.h), so call it
// once per message.
grpc::Status StillAuthorized();

// For a streaming handler, before the work of a message that asks for `calls` checks: counts
// them against a partner token's call quota, which its unary calls share, and waits until the
// checks counted before them have had their time at the quota's sustained rate, so that a
// stream runs no faster than the quota (its client sees answers later, and gRPC's flow control
// holds it back). After a wait the caller is asked again, as StillAuthorized does.
// RESOURCE_EXHAUSTED, counting none, for more checks than the quota's burst; CANCELLED when
// the call is cancelled while waiting. OK at once for other roles and outside a guarded call.
grpc::Status PaceCalls(uint32_t calls);

// For a streaming handler that has read its last message and goes on working (applying an
// upload in one transaction): the call is no longer watched for idleness or revocation
// (open_streams.h), so it is never cancelled under work that then commits. False when the
// server cancelled the call before (end it CANCELLED and do nothing more); the client's own
// cancellation shows in IsCancelled() as usual. True outside a watched call.
bool StreamFinishing();

// Runs a streaming handler's body and returns its status, or CANCELLED when the server
// cancelled the call (open_streams.h) before the body's status was final: gRPC requires a
// handler whose call was cancelled to end it CANCELLED.
template <class Body>
grpc::Status FinishStream(Body&& body) {
  grpc::Status status = std::forward<Body>(body)();
  if (!StreamFinishing() && status.ok()) {
    return grpc::Status(grpc::StatusCode::CANCELLED, "the server cancelled the stream");
  }
  return status;
}

// The reactor that ends a callback-API unary call with `status`.
grpc::ServerUnaryReactor* FinishUnary(grpc::CallbackServerContext* context,
                                      const grpc::Status& status);

// The body of a callback-API unary handler: `work` (returning a grpc::Status) runs only for a
// call access control admitted, with the caller as the current principal.
template <class Work>
grpc::ServerUnaryReactor* GuardedUnary(grpc::CallbackServerContext* context, Work&& work) {
  if (const grpc::Status* refusal = CurrentRefusal()) return FinishUnary(context, *refusal);
  return FinishUnary(context, std::forward<Work>(work)());
}

template <class Impl, class = void>
struct CallbackMethodsOf {
  static std::vector<int> Get() { return {}; }
};
template <class Impl>
struct CallbackMethodsOf<Impl, std::void_t<decltype(Impl::CallbackMethodIndices())>> {
  static std::vector<int> Get() { return Impl::CallbackMethodIndices(); }
};

template <class Impl>
class Guarded : public Impl {
 public:
  template <class... Args>
  Guarded(AccessControl& access, const std::string& service_name, Args&&... args)
      : Impl(std::forward<Args>(args)...),
        guard_(
            access, service_name, [this](int index) { return this->GetHandler(index); },
            CallbackMethodsOf<Impl>::Get()) {}

  // What to register with the server builder (not Impl itself).
  grpc::Service* guarded() { return &guard_; }

 private:
  GuardService guard_;
};

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_GUARDED_SERVICE_H_
