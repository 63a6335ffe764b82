#include "api/client_address.h"

#include <arpa/inet.h>

#include <cstring>

namespace disposal::api {
namespace {

constexpr char kIpv4[] = "ipv4:";
constexpr char kIpv6[] = "ipv6:";

bool StartsWith(const std::string& text, const char* prefix) {
  return text.compare(0, std::strlen(prefix), prefix) == 0;
}

// "ipv6:[2001:db8::7]:51234" -> "2001:db8::7" (gRPC may percent-encode a zone: "%25eth0").
std::string Ipv6Text(const std::string& peer) {
  const size_t open = std::strlen(kIpv6);
  const size_t close = peer.find(']', open);
  if (peer.size() <= open || peer[open] != '[' || close == std::string::npos) return "";
  std::string text = peer.substr(open + 1, close - open - 1);
  if (const size_t zone = text.find('%'); zone != std::string::npos) text.resize(zone);
  return text;
}

std::string Ipv6Key(const std::string& peer) {
  in6_addr address{};
  if (inet_pton(AF_INET6, Ipv6Text(peer).c_str(), &address) != 1) return peer;
  if (IN6_IS_ADDR_V4MAPPED(&address)) {
    char v4[INET_ADDRSTRLEN];
    if (inet_ntop(AF_INET, &address.s6_addr[12], v4, sizeof v4) == nullptr) return peer;
    return std::string(kIpv4) + v4;
  }
  std::memset(&address.s6_addr[8], 0, 8);  // the interface half: the host picks it freely
  char network[INET6_ADDRSTRLEN];
  if (inet_ntop(AF_INET6, &address, network, sizeof network) == nullptr) return peer;
  return std::string(kIpv6) + "[" + network + "]/64";
}

}  // namespace

std::string ClientAddressKey(const std::string& peer) {
  if (StartsWith(peer, kIpv6)) return Ipv6Key(peer);
  if (StartsWith(peer, kIpv4)) {
    const size_t colon = peer.rfind(':');
    return colon >= std::strlen(kIpv4) ? peer.substr(0, colon) : peer;
  }
  return peer;
}

}  // namespace disposal::api
