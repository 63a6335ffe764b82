#pragma once

#include <string>

namespace disposal::api {

// The client a call's peer ("ipv4:10.0.0.7:51234", "ipv6:[2001:db8::7]:51234", as gRPC gives
// it) is counted as by per-client bounds: its IPv4 address; for IPv6 the /64 network, since
// one host is given a whole /64 and can take any address in it. The port is dropped (it
// changes with every connection); IPv4-mapped IPv6 addresses count as their IPv4 address.
// Anything else (a Unix socket's path, an unparsable peer) is counted as given.
std::string ClientAddressKey(const std::string& peer);

}  // namespace disposal::api
