// gRPC server reflection, served only when asked for. Reflection takes no token (it lists
// every service and message to whoever reaches the port), and gRPC's reflection library, once
// linked, registers its plugin with every server builder whether asked for or not.
#ifndef DISPOSAL_SERVER_API_REFLECTION_OPTION_H_
#define DISPOSAL_SERVER_API_REFLECTION_OPTION_H_

#include <grpcpp/impl/server_builder_option.h>

#include <memory>

namespace disposal::api {

// A builder option that leaves the server with reflection when `serve`, and without it
// otherwise, whatever was registered before.
std::unique_ptr<grpc::ServerBuilderOption> ReflectionOption(bool serve);

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_REFLECTION_OPTION_H_
