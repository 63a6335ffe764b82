#include "api/client_address.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>
#include <iterator>
#include <utility>

namespace disposal::api {
namespace {

constexpr char kIpv4[] = "ipv4:";
constexpr char kIpv6[] = "ipv6:";

bool StartsWith(const std::string& text, const char* prefix) {
  return text.compare(0, std::strlen(prefix), prefix) == 0;
}

// gRPC writes the peer as a URI, percent-encoding the brackets (and a zone's '%'):
// "ipv6:%5B2001:db8::7%5D:51234". Decoded: "[2001:db8::7]:51234".
std::string PercentDecoded(const std::string& text) {
  static constexpr std::pair<const char*, char> kCodes[] = {
      {"%5B", '['}, {"%5b", '['}, {"%5D", ']'}, {"%5d", ']'}, {"%25", '%'}};
  std::string decoded;
  for (size_t i = 0; i < text.size();) {
    const auto* code = std::find_if(std::begin(kCodes), std::end(kCodes), [&](const auto& c) {
      return text.compare(i, 3, c.first) == 0;
    });
    if (code != std::end(kCodes)) {
      decoded += code->second;
      i += 3;
    } else {
      decoded += text[i++];
    }
  }
  return decoded;
}

// "[2001:db8::7%eth0]:51234" -> "2001:db8::7" (the zone dropped); "" when not that shape.
std::string Ipv6Text(const std::string& host_port) {
  const size_t close = host_port.find(']');
  if (host_port.empty() || host_port[0] != '[' || close == std::string::npos) return "";
  std::string text = host_port.substr(1, close - 1);
  if (const size_t zone = text.find('%'); zone != std::string::npos) text.resize(zone);
  return text;
}

// An unreadable peer still loses its port (the text after the last ':'), which changes with
// every connection and would make each one a client of its own.
std::string WithoutPort(const std::string& peer, size_t scheme_length) {
  const size_t colon = peer.rfind(':');
  return colon != std::string::npos && colon >= scheme_length ? peer.substr(0, colon) : peer;
}

std::string Ipv6Key(const std::string& peer) {
  in6_addr address{};
  const std::string text = Ipv6Text(PercentDecoded(peer.substr(std::strlen(kIpv6))));
  if (inet_pton(AF_INET6, text.c_str(), &address) != 1) {
    return WithoutPort(peer, std::strlen(kIpv6));
  }
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
  if (StartsWith(peer, kIpv4)) return WithoutPort(peer, std::strlen(kIpv4));
  return peer;
}

}  // namespace disposal::api
