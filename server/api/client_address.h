// Which client a call counts as for per-client bounds (the unknown-token bound), from gRPC's
// peer text.
#ifndef DISPOSAL_SERVER_API_CLIENT_ADDRESS_H_
#define DISPOSAL_SERVER_API_CLIENT_ADDRESS_H_

#include <string>

namespace disposal::api {

// The client a call's peer ("ipv4:10.0.0.7:51234", "ipv6:%5B2001:db8::7%5D:51234" as gRPC
// writes it, brackets percent-encoded) is counted as by per-client bounds: its IPv4 address;
// for IPv6 the /64 network, since one host is given a whole /64 and can take any address in
// it. The port is dropped (it changes with every connection), from an unreadable IP peer too;
// IPv4-mapped IPv6 addresses count as their IPv4 address. Anything else (a Unix socket's
// path) is counted as given.
std::string ClientAddressKey(const std::string& peer);

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_CLIENT_ADDRESS_H_
