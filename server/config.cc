#include "config.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <iostream>
#include <string>

namespace disposal::server {
namespace {

// A whole number from `min` to `max` in decimal digits, rewritten to its plain form before
// CLI11 converts it: CLI11 reads a leading 0 as octal (DISPOSAL_POOL_SIZE=010 would be 8
// connections) and "0x10" as hex; here both are refused or read as written. disposalctl has the
// same check (client/number_checks.h): the two programs share no code but the proto.
CLI::Validator DecimalIn(int min, int max) {
  const std::string range = std::to_string(min) + " to " + std::to_string(max);
  return CLI::Validator(
      [min, max, range](std::string& text) -> std::string {
        int value = 0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (text.empty() || error != std::errc() || stop != end || value < min || value > max) {
          return "must be a whole number from " + range + ", got \"" + text + "\"";
        }
        text = std::to_string(value);
        return std::string();
      },
      "from " + range, "INT");
}

void AddMigrateCommand(CLI::App& app, ServerConfig& config) {
  CLI::App* migrate = app.add_subcommand(
      "migrate",
      "apply the database migrations and exit; run it as the schema's owner, then serve with a "
      "login that is only a member of disposal_app");
  migrate->callback([&config] { config.migrate_only = true; });
}

void AddCreateTokenCommand(CLI::App& app, ServerConfig& config) {
  CLI::App* create = app.add_subcommand(
      "create-token",
      "migrate the database, make an access token and print its secret (or write it to "
      "--out with mode 0600); for the first admin token, made on the server's host");
  create->add_option("--name", config.token_name, "who holds it, e.g. first-admin")->required();
  create->add_option("--role", config.token_role, "staff, auditor, partner or admin")->required();
  CLI::Option* valid_days =
      create->add_option("--valid-days", config.token_valid_days, "lifetime, 1..3650 (default: 90)")
          ->transform(DecimalIn(0, 3650));
  create
      ->add_flag("--never-expires", config.token_never_expires,
                 "the token does not expire (not with --valid-days)")
      ->excludes(valid_days);
  create->add_option("--out", config.token_file, "file to write the secret to");
  create->add_option("--client-cert-sha256", config.token_client_certificate_sha256,
                     "bind the token to the client certificate with this SHA-256 fingerprint "
                     "(openssl x509 -noout -fingerprint -sha256 -in cert.pem)");
  create
      ->add_option("--calls-per-second", config.token_calls_per_second,
                   "a partner token's own call quota (0: the server's "
                   "--partner-calls-per-second)")
      ->transform(DecimalIn(0, 10000000));
  create->callback([&config] { config.create_token = true; });
}

}  // namespace

int ParseConfig(int argc, char** argv, ServerConfig& config) {
  CLI::App app{"disposal-server: the distressed-claim disposal service (gRPC)"};
  app.add_option("--listen", config.listen_address, "host:port to serve gRPC on")
      ->envname("DISPOSAL_LISTEN")
      ->capture_default_str();
  app.add_option("--database-url", config.database_url,
                 "PostgreSQL URL, e.g. postgresql://user@127.0.0.1:5432/disposal")
      ->envname("DISPOSAL_DATABASE_URL")
      ->required();
  app.add_option("--pool-size", config.pool_size, "database connections at most")
      ->envname("DISPOSAL_POOL_SIZE")
      ->transform(DecimalIn(1, 128))
      ->capture_default_str();
  app.add_option("--statement-timeout-seconds", config.statement_timeout_seconds,
                 "each database statement's bound, shortened to a call's own deadline when that "
                 "ends first")
      ->envname("DISPOSAL_STATEMENT_TIMEOUT_SECONDS")
      ->transform(DecimalIn(1, 600))
      ->capture_default_str();
  app.add_option("--read-database-url", config.read_database_url,
                 "a streaming replica (hot standby) of the database for auditors' reads: "
                 "histories, chain verification, decision receipts, trial balances; each read "
                 "waits for it to replay what the primary had when the read began, else goes "
                 "to the primary")
      ->envname("DISPOSAL_READ_DATABASE_URL");
  app.add_option("--read-pool-size", config.read_pool_size,
                 "connections to --read-database-url at most")
      ->envname("DISPOSAL_READ_POOL_SIZE")
      ->transform(DecimalIn(1, 128))
      ->capture_default_str();
  app.add_option("--read-catch-up-ms", config.read_catch_up_millis,
                 "how long an auditor's read waits for the replica to catch up before the "
                 "primary serves it")
      ->transform(DecimalIn(0, 10000))
      ->capture_default_str();
  app.add_option("--metrics-listen", config.metrics_listen,
                 "host:port where GET /metrics serves Prometheus' text format (RPCs by method "
                 "and code, latencies, the index, replica reads, receipts queued); off when "
                 "empty. Plain HTTP: bind it where only the scraper reaches")
      ->envname("DISPOSAL_METRICS_LISTEN");
  app.add_option("--threads-max", config.threads_max, "gRPC handler threads at most")
      ->envname("DISPOSAL_THREADS_MAX")
      ->transform(DecimalIn(2, 1024))
      ->capture_default_str();
  app.add_option("--database-wait-seconds", config.database_wait_seconds,
                 "how long start-up waits for PostgreSQL")
      ->transform(DecimalIn(0, 600))
      ->capture_default_str();
  app.add_option("--drain-seconds", config.drain_seconds,
                 "on SIGTERM, how long in-flight calls may take to finish")
      ->transform(DecimalIn(0, 300))
      ->capture_default_str();
  app.add_option("--lineal-relatives", config.lineal_relatives,
                 "relation kinds that count as lineal relatives (rule excl.8)")
      ->envname("DISPOSAL_LINEAL_RELATIVES")
      ->capture_default_str();
  app.add_option("--tls-cert", config.tls.certificate, "PEM certificate chain: serve TLS")
      ->envname("DISPOSAL_TLS_CERT");
  app.add_option("--tls-key", config.tls.private_key, "PEM private key of --tls-cert")
      ->envname("DISPOSAL_TLS_KEY");
  app.add_option("--tls-client-ca", config.tls.client_ca,
                 "PEM CA for client certificates (mutual TLS): partner tokens then need one")
      ->envname("DISPOSAL_TLS_CLIENT_CA");
  app.add_option("--token-cache-seconds", config.token_cache_seconds,
                 "how long a checked token is trusted before the database is asked again (0: "
                 "never; every call then looks its token up, at most 4 at once)")
      ->transform(DecimalIn(0, 300))
      ->capture_default_str();
  app.add_option("--stream-idle-seconds", config.stream_idle_seconds,
                 "a stream that moves no message for this long is cancelled (0: never)")
      ->transform(DecimalIn(0, 86400))
      ->capture_default_str();
  app.add_option("--import-upload-seconds", config.import_upload_seconds,
                 "a registry import whose file has not all arrived this long after it began is "
                 "refused, nothing applied")
      ->transform(DecimalIn(10, 86400))
      ->capture_default_str();
  app.add_option("--unknown-tokens-per-minute", config.unknown_tokens_per_minute,
                 "secrets no token has that one client address may have looked up per minute; "
                 "beyond them its new secrets are refused unlooked-at (0: no bound; behind a "
                 "proxy every call comes from its address, so set 0 there)")
      ->envname("DISPOSAL_UNKNOWN_TOKENS_PER_MINUTE")
      ->transform(DecimalIn(0, 1000000))
      ->capture_default_str();
  app.add_option("--partner-calls-per-second", config.partner_calls_per_second,
                 "calls each partner token made without a quota of its own may make per "
                 "second, and at once after a quiet spell; past it a call is refused "
                 "RESOURCE_EXHAUSTED; a check stream's checks count too, and the stream is "
                 "paced to it (0: none, for those tokens)")
      ->transform(DecimalIn(0, 10000000))
      ->capture_default_str();
  app.add_flag("--allow-plaintext", config.allow_plaintext,
               "serve plaintext on an address other hosts may reach (only where TLS ends in "
               "front: a proxy, a mesh); otherwise such a --listen needs --tls-cert")
      ->envname("DISPOSAL_ALLOW_PLAINTEXT");
  app.add_flag("--reflection", config.reflection,
               "serve gRPC server reflection (service and message descriptors, for tools such "
               "as grpcurl); it takes no token, so anyone reaching the port may list every "
               "method")
      ->envname("DISPOSAL_REFLECTION");
  AddMigrateCommand(app, config);
  AddCreateTokenCommand(app, config);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? -1 : 2;
  }
  // The one-shot commands never listen (the image sets DISPOSAL_LISTEN for the server).
  const bool serves = !config.create_token && !config.migrate_only;
  if (serves && config.tls.certificate.empty() && !config.allow_plaintext &&
      !IsLoopbackListen(config.listen_address)) {
    std::cerr << "--listen " << config.listen_address
              << ": other hosts may reach it, and without --tls-cert bearer tokens would cross "
                 "the network in the clear; serve TLS (--tls-cert, --tls-key), or pass "
                 "--allow-plaintext (DISPOSAL_ALLOW_PLAINTEXT=true) where TLS ends in front\n";
    return 2;
  }
  return 0;
}

bool IsLoopbackListen(const std::string& listen_address) {
  if (listen_address.rfind("unix:", 0) == 0) return true;
  const size_t colon = listen_address.rfind(':');
  const std::string host = listen_address.substr(0, colon == std::string::npos ? 0 : colon);
  // 127.x.x.x as an address, not a name that merely starts so (127.example.com), which may
  // resolve to any interface.
  const bool loopback_v4 = host.rfind("127.", 0) == 0 && host.size() <= 15 &&
                           host.find_first_not_of("0123456789.") == std::string::npos &&
                           std::count(host.begin(), host.end(), '.') == 3;
  return host == "localhost" || host == "[::1]" || loopback_v4;
}

}  // namespace disposal::server
