// Puts access control in front of every method of a service, so no handler can forget it: a
// Guarded<Impl> registers, in place of Impl's own methods, one method per RPC that first asks
// AccessControl and then runs Impl's handler, with the caller as the current principal. A
// refused call ends with its status before the handler runs. RPCs missing from the policy
// (domain/access.cc) are refused to everyone.
#ifndef DISPOSAL_SERVER_API_GUARDED_SERVICE_H_
#define DISPOSAL_SERVER_API_GUARDED_SERVICE_H_

#include <grpcpp/grpcpp.h>
#include <grpcpp/impl/service_type.h>

#include <deque>
#include <functional>
#include <string>
#include <utility>

#include "api/access_control.h"

namespace disposal::api {

// The guarding methods of one service, named by its full proto name ("disposal.v1.X").
class GuardService : public grpc::Service {
 public:
  GuardService(AccessControl& access, const std::string& service_name,
               const std::function<grpc::internal::MethodHandler*(int)>& handler_of);

 private:
  std::deque<std::string> paths_;  // RpcMethod keeps the name's pointer; deque never moves it
};

template <class Impl>
class Guarded : public Impl {
 public:
  template <class... Args>
  Guarded(AccessControl& access, const std::string& service_name, Args&&... args)
      : Impl(std::forward<Args>(args)...),
        guard_(access, service_name, [this](int index) { return this->GetHandler(index); }) {}

  // What to register with the server builder (not Impl itself).
  grpc::Service* guarded() { return &guard_; }

 private:
  GuardService guard_;
};

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_GUARDED_SERVICE_H_
