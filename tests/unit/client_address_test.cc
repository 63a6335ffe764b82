// Which client a call counts against in per-client bounds: an IPv4 address, an IPv6 /64.
#include "api/client_address.h"

#include <gtest/gtest.h>

namespace disposal::api {
namespace {

TEST(ClientAddressKey, AnIpv4PeerIsItsAddressWithoutThePort) {
  EXPECT_EQ(ClientAddressKey("ipv4:10.0.0.7:51234"), "ipv4:10.0.0.7");
  EXPECT_EQ(ClientAddressKey("ipv4:10.0.0.7:1"), ClientAddressKey("ipv4:10.0.0.7:65535"));
}

TEST(ClientAddressKey, TwoIpv4AddressesAreTwoClients) {
  EXPECT_NE(ClientAddressKey("ipv4:10.0.0.7:51234"), ClientAddressKey("ipv4:10.0.0.8:51234"));
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

TEST(ClientAddressKey, APeerThatIsNoIpAddressIsCountedAsGiven) {
  EXPECT_EQ(ClientAddressKey("unix:/run/disposal.sock"), "unix:/run/disposal.sock");
  EXPECT_EQ(ClientAddressKey("ipv6:[not-an-address]:1"), "ipv6:[not-an-address]:1");
  EXPECT_EQ(ClientAddressKey(""), "");
}

}  // namespace
}  // namespace disposal::api
