#include "api/reflection_option.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/impl/server_builder_plugin.h>

#include <algorithm>
#include <vector>

namespace disposal::api {
namespace {

using Plugins = std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>>;

class Reflection : public grpc::ServerBuilderOption {
 public:
  explicit Reflection(bool serve) : serve_(serve) {}

  void UpdateArguments(grpc::ChannelArguments*) override {}

  void UpdatePlugins(Plugins* plugins) override {
    const auto is_reflection = [](const std::unique_ptr<grpc::ServerBuilderPlugin>& plugin) {
      return dynamic_cast<grpc::reflection::ProtoServerReflectionPlugin*>(plugin.get()) != nullptr;
    };
    plugins->erase(std::remove_if(plugins->begin(), plugins->end(), is_reflection), plugins->end());
    if (serve_)
      plugins->push_back(std::make_unique<grpc::reflection::ProtoServerReflectionPlugin>());
  }

 private:
  const bool serve_;
};

}  // namespace

std::unique_ptr<grpc::ServerBuilderOption> ReflectionOption(bool serve) {
  return std::make_unique<Reflection>(serve);
}

}  // namespace disposal::api
