// Which client a call counts against in per-client bounds: an IPv4 address, an IPv6 /64.
#include "api/client_address.h"

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "disposal/v1/eligibility.grpc.pb.h"

namespace disposal::api {
namespace {

TEST(ClientAddressKey, AnIpv4PeerIsItsAddressWithoutThePort) {
  EXPECT_EQ(ClientAddressKey("ipv4:10.0.0.7:51234"), "ipv4:10.0.0.7");
  EXPECT_EQ(ClientAddressKey("ipv4:10.0.0.7:1"), ClientAddressKey("ipv4:10.0.0.7:65535"));
}

TEST(ClientAddressKey, TwoIpv4AddressesAreTwoClients) {
  EXPECT_NE(ClientAddressKey("ipv4:10.0.0.7:51234"), ClientAddressKey("ipv4:10.0.0.8:51234"));
}

// As gRPC gives it: the peer is a URI, its brackets percent-encoded.
TEST(ClientAddressKey, AnIpv6PeerAsGrpcWritesItIsItsSlash64) {
  EXPECT_EQ(ClientAddressKey("ipv6:%5B2001:db8:1:2::7%5D:51234"), "ipv6:[2001:db8:1:2::]/64");
  EXPECT_EQ(ClientAddressKey("ipv6:%5B::1%5D:51234"), ClientAddressKey("ipv6:%5B::1%5D:40000"));
  EXPECT_EQ(ClientAddressKey("ipv6:%5Bfe80::1%25eth0%5D:51234"), "ipv6:[fe80::]/64");
}

TEST(ClientAddressKey, AddressesInOneIpv6Slash64AreOneClient) {
  const std::string one = ClientAddressKey("ipv6:[2001:db8:1:2:aaaa:bbbb:cccc:dddd]:443");
  EXPECT_EQ(one, "ipv6:[2001:db8:1:2::]/64");
  EXPECT_EQ(one, ClientAddressKey("ipv6:[2001:db8:1:2::1]:51234"));
}

TEST(ClientAddressKey, NeighbouringIpv6NetworksAreTwoClients) {
  EXPECT_NE(ClientAddressKey("ipv6:[2001:db8:1:2::1]:443"),
            ClientAddressKey("ipv6:[2001:db8:1:3::1]:443"));
}

TEST(ClientAddressKey, AnIpv4MappedIpv6PeerIsItsIpv4Address) {
  EXPECT_EQ(ClientAddressKey("ipv6:[::ffff:192.0.2.9]:51234"), "ipv4:192.0.2.9");
}

TEST(ClientAddressKey, AZoneIsDropped) {
  EXPECT_EQ(ClientAddressKey("ipv6:[fe80::1%25eth0]:51234"), "ipv6:[fe80::]/64");
}

TEST(ClientAddressKey, AnUnreadableIpPeerStillLosesItsPort) {
  EXPECT_EQ(ClientAddressKey("ipv6:%5Bnot-an-address%5D:51234"), "ipv6:%5Bnot-an-address%5D");
  EXPECT_EQ(ClientAddressKey("ipv6:%5Bnot-an-address%5D:1"),
            ClientAddressKey("ipv6:%5Bnot-an-address%5D:2"));
}

TEST(ClientAddressKey, APeerThatIsNoIpAddressIsCountedAsGiven) {
  EXPECT_EQ(ClientAddressKey("unix:/run/disposal.sock"), "unix:/run/disposal.sock");
  EXPECT_EQ(ClientAddressKey("ipv6:[not-an-address]"), "ipv6:[not-an-address]");
  EXPECT_EQ(ClientAddressKey(""), "");
}

// Keeps the peer gRPC gives each call.
class PeerRecorder : public v1::EligibilityService::Service {
 public:
  grpc::Status Ping(grpc::ServerContext* context, const v1::PingRequest*,
                    v1::PingResponse*) override {
    std::lock_guard<std::mutex> lock(mutex_);
    peers_.push_back(context->peer());
    return grpc::Status::OK;
  }
  std::vector<std::string> peers() {
    std::lock_guard<std::mutex> lock(mutex_);
    return peers_;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> peers_;
};

// The peer as this gRPC version really writes it, over IPv6 loopback: two connections (two
// ports) are one client.
TEST(ClientAddressKey, TwoConnectionsFromOneIpv6HostAreOneClient) {
  PeerRecorder recorder;
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("[::1]:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&recorder);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server || port == 0) GTEST_SKIP() << "no IPv6 loopback here";
  for (int connection = 0; connection < 2; ++connection) {
    grpc::ChannelArguments arguments;
    arguments.SetInt("grpc.channel_id", connection);  // a channel (and connection) of its own
    auto stub = v1::EligibilityService::NewStub(grpc::CreateCustomChannel(
        "ipv6:[::1]:" + std::to_string(port), grpc::InsecureChannelCredentials(), arguments));
    grpc::ClientContext context;
    v1::PingResponse response;
    ASSERT_TRUE(stub->Ping(&context, v1::PingRequest(), &response).ok());
  }
  server->Shutdown();
  const std::vector<std::string> peers = recorder.peers();
  ASSERT_EQ(peers.size(), 2u);
  EXPECT_NE(peers[0], peers[1]) << "one connection served both calls";
  EXPECT_EQ(ClientAddressKey(peers[0]), "ipv6:[::]/64") << peers[0];
  EXPECT_EQ(ClientAddressKey(peers[1]), "ipv6:[::]/64") << peers[1];
}

}  // namespace
}  // namespace disposal::api
