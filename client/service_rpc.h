// One gRPC stub of any disposal.v1 service, with the per-call settings every command uses.

#ifndef DISPOSAL_CLIENT_SERVICE_RPC_H_
#define DISPOSAL_CLIENT_SERVICE_RPC_H_

#include <grpcpp/grpcpp.h>

#include <memory>

#include "rpc.h"
#include "status.h"

namespace disposalctl {

// One stub per command, so that a command making several calls (`list --all`, `publish`
// without --version, `calendar import` of several years) reuses one connection.
// `settings` must outlive this object.
template <typename Service>
class ServiceRpc {
 public:
  explicit ServiceRpc(const RpcSettings& settings)
      : settings_(settings), stub_(Service::NewStub(NewChannel(settings))) {}

  // Calls `method` with a fresh deadline and the actor metadata. A failure comes back as
  // an RpcFailure (exit status 1), with hints for an unreachable server or a deadline.
  template <typename Request, typename Response>
  Status Call(grpc::Status (Service::Stub::*method)(grpc::ClientContext*, const Request&,
                                                    Response*),
              const Request& request, Response* response) {
    grpc::ClientContext context;
    PrepareContext(settings_, &context);
    grpc::Status status = (stub_.get()->*method)(&context, request, response);
    return status.ok() ? Status::Ok() : RpcFailure(status, settings_);
  }

 private:
  const RpcSettings& settings_;
  std::unique_ptr<typename Service::Stub> stub_;
};

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_SERVICE_RPC_H_
