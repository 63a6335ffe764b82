// disposal-server's settings: flags, each also an environment variable where it says so, and
// the create-token subcommand.
#ifndef DISPOSAL_SERVER_CONFIG_H_
#define DISPOSAL_SERVER_CONFIG_H_

#include <string>

#include "api/server_credentials.h"

namespace disposal::server {

struct ServerConfig {
  std::string listen_address = "127.0.0.1:50051";
  std::string database_url;
  int pool_size = 8;
  // Each database statement's bound, in seconds (shortened to a call's own deadline).
  int statement_timeout_seconds = 10;
  // A hot standby for auditors' reads (empty: none), its pool, and how long a read waits for it
  // to catch up with the primary.
  std::string read_database_url;
  int read_pool_size = 4;
  int read_catch_up_millis = 1000;
  // Where GET /metrics (Prometheus' text format) is served; empty: nowhere.
  std::string metrics_listen;
  int threads_max = 128;
  int database_wait_seconds = 30;
  int drain_seconds = 10;
  int message_bytes_max = 4 * 1024 * 1024;
  // 直系亲属 for rule excl.8: practice adds the spouse to the ordinary meaning (法发〔2009〕19号
  // 六(九) names 直系亲属 without listing them).
  std::string lineal_relatives = "spouse,parent,child,grandparent,grandchild";
  disposal::api::TlsFiles tls;
  // Serve plaintext on an address other hosts may reach: only where TLS ends in front (a proxy,
  // a service mesh, a port published on the host's loopback alone). Without it such a
  // --listen needs --tls-cert: bearer tokens travel in every call.
  bool allow_plaintext = false;
  // Serve gRPC server reflection (the services and their proto descriptors, to anyone who
  // can reach the port: reflection takes no token). Off unless asked for.
  bool reflection = false;
  int token_cache_seconds = 5;
  int stream_idle_seconds = 300;
  int import_upload_seconds = 1800;
  int unknown_tokens_per_minute = 30;
  int partner_calls_per_second = 5000;
  // `migrate`: apply the migrations and exit (run as the schema's owner before servers that
  // log in as a member of disposal_app start).
  bool migrate_only = false;
  // `create-token`: make a token on this host (the first admin's, or the local stack's).
  bool create_token = false;
  std::string token_name;
  std::string token_role;
  int token_valid_days = 0;  // 0: the default lifetime (90 days)
  bool token_never_expires = false;
  std::string token_client_certificate_sha256;
  int token_calls_per_second = 0;
  std::string token_file;
};

// Flags win over environment variables, which win over the defaults above. 0: go on; -1: done
// (help printed); otherwise the exit status (a bad flag, reported).
int ParseConfig(int argc, char** argv, ServerConfig& config);

// True for a host:port on the machine alone: 127.x.x.x, localhost, [::1], or a unix: socket.
bool IsLoopbackListen(const std::string& listen_address);

}  // namespace disposal::server

#endif  // DISPOSAL_SERVER_CONFIG_H_
