// An in-process gRPC server holding a stand-in service, and disposalctl's global options aimed
// at it, for tests of the client's actions without the real server.
#ifndef DISPOSAL_TESTS_CLIENT_STAND_IN_SERVER_H_
#define DISPOSAL_TESTS_CLIENT_STAND_IN_SERVER_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "client/global_options.h"

namespace disposalctl {

// Any well-formed token: stand-in services do not check it.
inline constexpr char kStandInToken[] = "dsp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

// Starts `service` on a free local port and points `global` at it, acting as `actor`.
// Returns nullptr when the server cannot start.
inline std::unique_ptr<grpc::Server> StartStandInServer(grpc::Service* service,
                                                        const std::string& actor,
                                                        GlobalOptions* global) {
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  global->rpc.server_address = "127.0.0.1:" + std::to_string(port);
  global->rpc.actor = actor;
  global->rpc.token = kStandInToken;
  return server;
}

}  // namespace disposalctl

#endif  // DISPOSAL_TESTS_CLIENT_STAND_IN_SERVER_H_
