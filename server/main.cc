// disposal-server: wires the store, the domain and the gRPC handlers together, then serves
// until SIGTERM or SIGINT, draining in-flight calls before it exits.
#include <absl/synchronization/mutex.h>
#include <fcntl.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/resource_quota.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <thread>

#include "api/access_service.h"
#include "api/audit_service.h"
#include "api/claim_service.h"
#include "api/decision_audit.h"
#include "api/disposal_service.h"
#include "api/eligibility_service.h"
#include "api/guarded_service.h"
#include "api/health_service.h"
#include "api/index_refresher.h"
#include "api/ledger_service.h"
#include "api/metrics.h"
#include "api/metrics_http.h"
#include "api/metrics_interceptor.h"
#include "api/reflection_option.h"
#include "api/server_credentials.h"
#include "config.h"
#include "domain/claim_registry.h"
#include "domain/disposal_registry.h"
#include "domain/eligibility_checker.h"
#include "log/log.h"
#include "stop_watchdog.h"
#include "store/audit_store.h"
#include "store/calendar_store.h"
#include "store/claim_store.h"
#include "store/database.h"
#include "store/decision_audit_store.h"
#include "store/disposal_store.h"
#include "store/ledger_store.h"
#include "store/notification_listener.h"
#include "store/outcome_store.h"
#include "store/registry_store.h"
#include "store/token_store.h"

namespace {

using disposal::server::ServerConfig;
using namespace std::chrono_literals;

// How long the index's rebuilds may fail before the server stops reporting itself serving.
constexpr std::chrono::milliseconds kIndexBehindGrace = 60s;
// How long handlers get, once the drain has cancelled their calls, to return before the process
// ends without them (a handler waiting on the database returns when its statement ends).
constexpr std::chrono::seconds kStopGrace = 5s;
// What follows the drain: the receipts (10 s, and 5 s for a write under way), then the index's
// rebuild, the listener and the health probe. Drain, grace and this fit the manifests' 40 s.
constexpr std::chrono::seconds kAfterDrainBound = 18s;

// China keeps UTC+8 all year, so the business date needs no time-zone database.
disposal::domain::Date TodayInShanghai() {
  const auto now = std::chrono::system_clock::now() + 8h;
  const auto days =
      std::chrono::duration_cast<std::chrono::hours>(now.time_since_epoch()).count() / 24;
  return disposal::domain::CivilFromDays(days);
}

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Writes `value`'s low `digits` hex digits, most significant first.
char* PutHex(uint64_t value, int digits, char* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = digits - 1; i >= 0; --i) {
    out[i] = kHex[value & 0xF];
    value >>= 4;
  }
  return out + digits;
}

// A time-ordered (version 7, RFC 9562) UUID for decision ids: 48 bits of Unix milliseconds,
// then random bits. Receipts are kept by decision id, and ids that grow with time keep that
// index appending at its right edge instead of touching a random page per decision. Formatted
// by hand: every check makes one, and snprintf was most of its cost.
std::string NewUuid() {
  // Seeding from std::random_device costs a system call per thread, and the gRPC server starts
  // threads as load comes and goes: seed each thread from one process seed and a counter.
  static const uint64_t process_seed =
      (uint64_t{std::random_device{}()} << 32) ^ uint64_t { std::random_device{}() };
  static std::atomic<uint64_t> threads_seeded{0};
  thread_local std::mt19937_64 generator{process_seed + 0x9E3779B97F4A7C15ULL * ++threads_seeded};
  const uint64_t millis =
      static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count());
  const uint64_t random_a = generator(), random_b = generator();
  std::string text(36, '-');
  char* out = text.data();
  out = PutHex(millis >> 16, 8, out) + 1;
  out = PutHex(millis, 4, out) + 1;
  out = PutHex(0x7000 | (random_a & 0x0FFF), 4, out) + 1;
  out = PutHex(0x8000 | ((random_b >> 48) & 0x3FFF), 4, out) + 1;
  PutHex(random_b, 12, out);
  return text;
}

enum class Prepared { kReady, kFailed, kStopped };

// The connection settings, parsed as libpq will parse them, so that a typo is named before
// start-up waits for a database it could never reach.
disposal::Status CheckDatabaseUrls(const ServerConfig& config) {
  RETURN_IF_ERROR(disposal::store::CheckConnectionUrl(config.database_url, "--database-url"));
  if (config.read_database_url.empty()) return disposal::OkStatus();
  return disposal::store::CheckConnectionUrl(config.read_database_url, "--read-database-url");
}

// The server works as disposal_app (SET ROLE), which has no right to change history; a login
// with more rights than that keeps them a RESET ROLE away.
void WarnOfLoginRights(disposal::store::Database& database) {
  disposal::Result<std::string> beyond = database.LoginRightsBeyondTheServers();
  if (!beyond.ok()) return;  // the calls will report an unreachable database
  if (beyond.value().empty()) return;
  disposal::log::Warning(
      "database_login_rights",
      {{"reason", beyond.value() + ": a statement that ran RESET ROLE on a server connection "
                                   "could rewrite history; migrate with that login "
                                   "(disposal-server migrate) and serve with a role that is "
                                   "only a member of disposal_app"}});
}

// Start-up waits for the database (bounded) and applies the migrations. A stop signal during
// the wait ends it (the signals are blocked, so a plain sleep would leave an operator's SIGTERM
// unanswered for up to --database-wait-seconds).
Prepared PrepareDatabase(disposal::store::Database& database, int wait_seconds,
                         const sigset_t& stop_signals) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(wait_seconds);
  for (bool first_attempt = true;; first_attempt = false) {
    disposal::Status status = database.Migrate();
    if (status.ok()) return Prepared::kReady;
    const bool unreachable = status.error().code == disposal::ErrorCode::kUnavailable;
    if (!unreachable || std::chrono::steady_clock::now() >= give_up) {
      std::string reason = status.error().Message();
      if (unreachable) {
        reason += " (gave up after --database-wait-seconds " + std::to_string(wait_seconds) +
                  "; the database_connection_lost or migration_waiting_for_lock lines above say "
                  "why: a database not reached, check --database-url and its login; a lock "
                  "held, another session's migration or transaction)";
      }
      disposal::log::Error("migration_failed", {{"reason", reason}});
      return Prepared::kFailed;
    }
    // Once, so that an operator sees why start-up is quiet (and for how long it will wait).
    if (first_attempt) {
      disposal::log::Warning(
          "waiting_for_database",
          {{"reason", status.error().Message()}, {"wait_seconds", std::to_string(wait_seconds)}});
    }
    const timespec pause{0, 500'000'000};
    const int signal_number = sigtimedwait(&stop_signals, nullptr, &pause);
    if (signal_number > 0) {
      disposal::log::Info(
          "stopped_while_waiting_for_database",
          {{"signal", std::to_string(signal_number)}, {"reason", status.error().Message()}});
      return Prepared::kStopped;
    }
  }
}

// Reports NOT_SERVING through gRPC health checking while PostgreSQL is unreachable or the
// eligibility index has not been loaded yet.
class HealthWatcher {
 public:
  HealthWatcher(disposal::store::Database& database, disposal::api::HealthService* health,
                std::function<bool()> index_ready)
      : database_(database),
        health_(health),
        index_ready_(std::move(index_ready)),
        thread_([this] { Run(); }) {}
  ~HealthWatcher() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

 private:
  void Run() {
    bool last_serving = false;
    std::unique_lock<std::mutex> lock(mutex_);
    // Checked often until first ready, then every 2 s.
    while (!wake_.wait_for(lock, last_serving ? 2s : 200ms, [this] { return stopping_; })) {
      lock.unlock();
      const bool serving = index_ready_() && database_.Ping().ok();
      health_->SetServing(serving);
      if (serving != last_serving) {
        disposal::log::Warning("health_changed", {{"serving", serving ? "true" : "false"}});
      }
      last_serving = serving;
      lock.lock();
    }
  }

  disposal::store::Database& database_;
  disposal::api::HealthService* health_;
  std::function<bool()> index_ready_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// A new file for a secret, readable by its owner only: -1 (with a message) when `path` exists
// already, even as a symbolic link, so that a secret never lands in a file someone else made
// or was pointed at.
int OpenSecretFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    std::cerr << "cannot create " << path << ": " << std::strerror(errno)
              << (errno == EEXIST ? " (remove it first: a token file is never overwritten)" : "")
              << "\n";
  }
  return fd;
}

// `disposal-server create-token`: 0 when the secret was printed or written.
int CreateToken(disposal::store::Database& database, const ServerConfig& config) {
  auto role = disposal::domain::ParseRole(config.token_role);
  if (!role) {
    std::cerr << "--role must be staff, auditor, partner or admin\n";
    return 2;
  }
  // The file first: a token whose secret could not be written would be issued for nobody.
  int fd = -1;
  if (!config.token_file.empty()) {
    fd = OpenSecretFile(config.token_file);
    if (fd < 0) return 1;
  }
  if (!config.token_client_certificate_sha256.empty() && config.tls.client_ca.empty()) {
    std::cerr << "warning: the token is bound to a client certificate; it works only with a "
                 "server started with --tls-client-ca\n";
  }
  disposal::store::PgTokenRepository tokens(database);
  disposal::domain::AuditContext audit{"bootstrap", "disposal-server/create-token", "", "{}"};
  auto issued = disposal::api::IssueToken(
      tokens,
      {config.token_name, *role, config.token_valid_days, config.token_never_expires, "bootstrap",
       config.token_client_certificate_sha256, config.token_calls_per_second},
      NowMicros(), audit, {});
  if (!issued.ok()) {
    std::cerr << issued.error().Message() << "\n";
    if (fd >= 0) {
      ::close(fd);
      ::unlink(config.token_file.c_str());
    }
    return 2;
  }
  if (config.token_file.empty()) {
    std::cout << issued.value().secret << "\n";
    return 0;
  }
  const std::string line = issued.value().secret + "\n";
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  if (::close(fd) != 0 || !written) {
    std::cerr << "cannot write " << config.token_file << "; revoke token "
              << issued.value().token.id << "\n";
    return 1;
  }
  std::cerr << "token " << issued.value().token.id << " (" << config.token_role << ", "
            << config.token_name << ") written to " << config.token_file << "\n";
  return 0;
}

// What the metrics read at each scrape besides the calls: the index, the standby's reads, the
// receipts' queue.
// What partner tokens' call quotas do: a partner past its quota is refused on unary calls and
// held back on streams, and both are worth seeing before the partner calls to complain.
void AddQuotaReadouts(disposal::api::Metrics& metrics, disposal::api::AccessControl& access) {
  using disposal::api::Sample;
  metrics.AddReadout("disposal_partner_quota_refused_total",
                     "Partner calls and stream messages refused past their token's call quota.",
                     true, [&access] {
                       const auto counts = access.partner_quota_counts();
                       return std::vector<Sample>{{"", static_cast<int64_t>(counts.refused)}};
                     });
  metrics.AddReadout("disposal_partner_quota_paced_total",
                     "Partner stream messages held back to their token's call quota.", true,
                     [&access] {
                       const auto counts = access.partner_quota_counts();
                       return std::vector<Sample>{{"", static_cast<int64_t>(counts.paced)}};
                     });
  metrics.AddReadout("disposal_partner_quota_paced_seconds_total",
                     "Time partner stream messages were told to wait for their call quota.", true,
                     [&access] {
                       const auto counts = access.partner_quota_counts();
                       return std::vector<Sample>{{"", counts.paced_micros, true}};
                     });
}

void AddReadouts(disposal::api::Metrics& metrics, disposal::domain::EligibilityChecker& checker,
                 disposal::store::Database& database, disposal::api::DecisionLog& log) {
  using disposal::api::Sample;
  metrics.AddReadout("disposal_eligibility_index_registry_version",
                     "Registry version the eligibility index holds (absent until loaded).", false,
                     [&checker] {
                       const auto snapshot = checker.Snapshot();
                       if (!snapshot) return std::vector<Sample>{};
                       return std::vector<Sample>{{"", snapshot->version()}};
                     });
  metrics.AddReadout(
      "disposal_eligibility_index_persons", "Persons in the eligibility index.", false, [&checker] {
        const auto snapshot = checker.Snapshot();
        if (!snapshot) return std::vector<Sample>{};
        return std::vector<Sample>{{"", static_cast<int64_t>(snapshot->person_count())}};
      });
  metrics.AddReadout(
      "disposal_auditor_reads_total",
      "Reads that may go to the standby, by who served them and why the primary did.", true,
      [&database] {
        const disposal::store::ReplicaReadCounts c = database.replica_read_counts();
        const auto primary = [](const char* reason, uint64_t n) {
          return Sample{std::string("served_by=\"primary\",reason=\"") + reason + "\"",
                        static_cast<int64_t>(n)};
        };
        return std::vector<Sample>{
            {"served_by=\"replica\",reason=\"\"", static_cast<int64_t>(c.on_replica)},
            primary("behind", c.replica_behind),
            primary("unreachable", c.replica_unreachable),
            primary("not_standby", c.replica_not_standby),
            primary("other_cluster", c.replica_other_cluster),
            primary("cluster_unknown", c.replica_cluster_unknown),
            primary("busy", c.replica_busy),
            primary("failed", c.replica_failed)};
      });
  metrics.AddReadout("disposal_decision_receipts_queued_total",
                     "Eligibility decision receipts queued for writing since start.", true, [&log] {
                       return std::vector<Sample>{{"", static_cast<int64_t>(log.counts().queued)}};
                     });
  metrics.AddReadout("disposal_decision_receipts_pending",
                     "Receipts queued and not yet written (or reported lost).", false, [&log] {
                       const disposal::api::DecisionLog::Counts c = log.counts();
                       return std::vector<Sample>{{"", static_cast<int64_t>(c.queued - c.done)}};
                     });
}

int WaitForStopSignal(const sigset_t& signals) {
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  return signal_number;
}

}  // namespace

int main(int argc, char** argv) {
  // The distribution's Abseil is built with its debug checks on: every mutex gRPC takes is
  // also entered into a process-wide lock-order graph, under one global lock. That checking
  // is for development; in production it is a shared lock on every call's path.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  ServerConfig config;
  if (int code = disposal::server::ParseConfig(argc, argv, config); code != 0)
    return code < 0 ? 0 : code;
  auto lineal = disposal::domain::ParseLinealRelatives(config.lineal_relatives);
  if (!lineal.ok()) {
    disposal::log::Error("bad_setting", {{"reason", lineal.error().Message()}});
    return 2;
  }
  disposal::domain::EligibilitySettings settings;
  settings.lineal_relation_kinds = lineal.value();

  // Block the stop signals in every thread; main() alone receives them through sigwait.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  // Settings that need no database are checked before start-up waits for one: an operator's
  // mistake is named at once, not after --database-wait-seconds as a failed migration.
  if (auto checked = CheckDatabaseUrls(config); !checked.ok()) {
    disposal::log::Error("bad_setting", {{"reason", checked.error().Message()}});
    return 2;
  }
  const bool serving = !config.migrate_only && !config.create_token;
  auto credentials = serving ? disposal::api::ServerCredentialsFor(config.tls)
                             : disposal::Result<std::shared_ptr<grpc::ServerCredentials>>(
                                   grpc::InsecureServerCredentials());
  if (!credentials.ok()) {
    disposal::log::Error("bad_setting", {{"reason", credentials.error().Message()}});
    return 2;
  }
  if (config.create_token && !disposal::domain::ParseRole(config.token_role)) {
    std::cerr << "--role must be staff, auditor, partner or admin\n";
    return 2;
  }

  disposal::store::DatabaseOptions database_options;
  database_options.url = config.database_url;
  database_options.pool_size = static_cast<size_t>(config.pool_size);
  database_options.statement_timeout = std::chrono::seconds(config.statement_timeout_seconds);
  database_options.replica.url = config.read_database_url;
  database_options.replica.pool_size = static_cast<size_t>(config.read_pool_size);
  database_options.replica.catch_up_wait = std::chrono::milliseconds(config.read_catch_up_millis);
  disposal::store::Database database(database_options);
  switch (PrepareDatabase(database, config.database_wait_seconds, stop_signals)) {
    case Prepared::kReady:
      break;
    case Prepared::kFailed:
      return 1;
    case Prepared::kStopped:
      return 0;
  }
  if (config.migrate_only) {
    disposal::log::Info("migrations_applied", {});
    return 0;
  }
  if (config.create_token) return CreateToken(database, config);
  WarnOfLoginRights(database);
  disposal::store::PgTokenRepository tokens(database);
  disposal::api::AccessOptions access_options;
  access_options.partner_needs_client_certificate = !config.tls.client_ca.empty();
  access_options.cache_ttl = std::chrono::seconds(config.token_cache_seconds);
  access_options.streams.idle_max = std::chrono::seconds(config.stream_idle_seconds);
  access_options.unknown_secrets_per_address_max =
      static_cast<size_t>(config.unknown_tokens_per_minute);
  access_options.partner_calls.calls_per_second =
      static_cast<uint32_t>(config.partner_calls_per_second);
  access_options.partner_calls.burst = access_options.partner_calls.calls_per_second;
  // Half the pool at most, so that a flood of made-up tokens leaves the rest to the calls
  // themselves; but two where the pool allows, so that one is left to the known tokens.
  const size_t pool_size = static_cast<size_t>(config.pool_size);
  access_options.lookups_max =
      std::clamp<size_t>(pool_size / 2, std::min<size_t>(2, pool_size), access_options.lookups_max);
  disposal::api::AccessControl access(tokens, NowMicros, access_options);
  using disposal::api::Guarded;

  disposal::store::PgRegistryRepository registry_repository(database);
  disposal::domain::EligibilityChecker checker(registry_repository, settings,
                                               {NowMicros, TodayInShanghai, NewUuid});
  // A claim or disposal updated here is read again by this server's next check at once.
  const auto context_changed = [&checker] { checker.InvalidateDisposalContexts(); };
  disposal::store::PgClaimRepository claims(database);
  disposal::domain::ClaimRegistry registry(claims, TodayInShanghai);
  Guarded<disposal::api::ClaimServiceImpl> claim_service(access, "disposal.v1.ClaimService",
                                                         registry, context_changed);
  disposal::store::PgCalendarRepository calendars(database);
  disposal::domain::CalendarRegistry calendar_registry(calendars);
  Guarded<disposal::api::CalendarServiceImpl> calendar_service(
      access, "disposal.v1.CalendarService", calendar_registry);
  disposal::store::PgDisposalRepository disposals(database);
  disposal::domain::DisposalRegistry disposal_registry(disposals, calendar_registry, NowMicros);
  Guarded<disposal::api::DisposalServiceImpl> disposal_service(
      access, "disposal.v1.DisposalService", disposal_registry, context_changed);
  disposal::api::DecisionLog decision_log(registry_repository);
  // Started by the first stop signal; declared here so that it outlives everything stopped
  // after the drain (the rebuild, the listener, the metrics), whose stops it bounds too.
  std::optional<disposal::server::StopWatchdog> watchdog;
  Guarded<disposal::api::EligibilityServiceImpl> eligibility_service(
      access, "disposal.v1.EligibilityService", checker, decision_log);
  Guarded<disposal::api::RegistryServiceImpl> registry_service(
      access, "disposal.v1.RegistryService", registry_repository, checker,
      std::chrono::seconds(config.import_upload_seconds));
  disposal::store::PgLedgerRepository ledger_repository(database);
  disposal::store::PgOutcomeRepository outcome_repository(database);
  disposal::domain::Ledger ledger(ledger_repository, outcome_repository, TodayInShanghai);
  Guarded<disposal::api::LedgerServiceImpl> ledger_service(access, "disposal.v1.LedgerService",
                                                           ledger, disposal_registry,
                                                           eligibility_service, NowMicros);
  disposal::store::PgAuditRepository audit_repository(database);
  disposal::store::PgDecisionAuditRepository decision_audit_repository(database);
  disposal::api::DecisionAudit decision_audit(decision_audit_repository, registry_repository,
                                              NowMicros);
  Guarded<disposal::api::AuditServiceImpl> audit_service(access, "disposal.v1.AuditService",
                                                         audit_repository, decision_audit);
  Guarded<disposal::api::AccessServiceImpl> access_service(access, "disposal.v1.AccessService",
                                                           tokens, access, NowMicros);
  // The index is (re)built from the listener's thread, never on a request's path.
  disposal::api::IndexRefresher refresher(checker);
  disposal::store::NotificationListener listener(
      database, {"registry_changed", "disposal_context_changed", "access_tokens_changed"},
      [&checker, &access, &refresher](const std::string& channel) {
        if (channel == "access_tokens_changed") {
          access.ForgetIfChanged();
        } else if (channel == "disposal_context_changed") {
          checker.InvalidateDisposalContextsIfChanged();
        } else {
          refresher.Request();
        }
      });

  disposal::api::Metrics metrics(disposal::api::IsServedMethod);
  AddReadouts(metrics, checker, database, decision_log);
  AddQuotaReadouts(metrics, access);
  std::unique_ptr<disposal::api::MetricsHttpServer> metrics_http;
  if (!config.metrics_listen.empty()) {
    auto started = disposal::api::MetricsHttpServer::Start(config.metrics_listen, metrics);
    if (!started.ok()) {
      disposal::log::Error("metrics_listen_failed", {{"address", config.metrics_listen},
                                                     {"reason", started.error().Message()}});
      return started.error().code == disposal::ErrorCode::kInvalidArgument ? 2 : 1;
    }
    metrics_http = std::move(started).value();
    disposal::log::Info("metrics_serving", {{"address", config.metrics_listen},
                                            {"port", std::to_string(metrics_http->port())}});
  }

  // gRPC's default health service would answer SERVING from the moment the port opens, before
  // anything could turn it off: the server's own starts NOT_SERVING.
  grpc::EnableDefaultHealthCheckService(false);
  disposal::api::HealthService health_service(
      {disposal::v1::ClaimService::service_full_name(),
       disposal::v1::CalendarService::service_full_name(),
       disposal::v1::DisposalService::service_full_name(),
       disposal::v1::EligibilityService::service_full_name(),
       disposal::v1::RegistryService::service_full_name(),
       disposal::v1::LedgerService::service_full_name(),
       disposal::v1::AuditService::service_full_name(),
       disposal::v1::AccessService::service_full_name()});
  grpc::ResourceQuota quota("disposal-server");
  quota.SetMaxThreads(config.threads_max);
  grpc::ServerBuilder builder;
  builder.SetOption(disposal::api::ReflectionOption(config.reflection));
  builder.SetResourceQuota(quota);
  builder.SetMaxReceiveMessageSize(config.message_bytes_max);
  builder.SetMaxSendMessageSize(config.message_bytes_max);
  // gRPC would share the port with another process listening on it (SO_REUSEPORT), splitting
  // the calls between the two: a second server on a port in use fails to start instead.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  // A client that vanished without closing its connection (a partner's host lost) would hold
  // its open streams, their handler threads and its stream slots for gRPC's default two hours:
  // with calls open, the server pings after a minute of silence and drops the connection when
  // no answer comes within 20 s.
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 60'000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 20'000);
  // An idle stream sends no data: without this gRPC stops pinging after two pings.
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  // Counted only when they are served: no cost on the calls otherwise.
  if (metrics_http)
    builder.experimental().SetInterceptorCreators(disposal::api::MetricsInterceptors(metrics));
  int bound_port = 0;
  builder.AddListeningPort(config.listen_address, credentials.value(), &bound_port);
  // The guarded services: access control runs before every handler.
  for (grpc::Service* service :
       {claim_service.guarded(), calendar_service.guarded(), disposal_service.guarded(),
        eligibility_service.guarded(), registry_service.guarded(), ledger_service.guarded(),
        audit_service.guarded(), access_service.guarded()}) {
    builder.RegisterService(service);
  }
  // Unguarded, as probes call it: it tells nothing but whether the server serves.
  builder.RegisterService(&health_service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server || bound_port == 0) {
    disposal::log::Error("listen_failed", {{"address", config.listen_address}});
    return 1;
  }
  disposal::log::Info("serving", {{"address", config.listen_address},
                                  {"port", std::to_string(bound_port)},
                                  {"tls", config.tls.certificate.empty() ? "off"
                                          : config.tls.client_ca.empty() ? "on"
                                                                         : "mutual"}});
  // Not serving until the index is loaded, nor once its rebuilds have failed for a minute, nor
  // once the listener has not been listening for a minute: either way the index may miss
  // registry changes (a rebuild, or a reconnection, retries meanwhile, with back-off).
  auto health =
      std::make_unique<HealthWatcher>(database, &health_service, [&checker, &refresher, &listener] {
        return checker.Snapshot() != nullptr && !refresher.FailingLongerThan(kIndexBehindGrace) &&
               !listener.NotListeningLongerThan(kIndexBehindGrace);
      });
  const int signal_number = WaitForStopSignal(stop_signals);
  disposal::log::Info("draining", {{"signal", std::to_string(signal_number)}});
  watchdog.emplace(stop_signals, std::chrono::seconds(config.drain_seconds) + kStopGrace,
                   [&decision_log] {
                     const disposal::api::DecisionLog::Counts c = decision_log.counts();
                     return std::to_string(c.queued - c.done) + " decision receipts not written";
                   });
  // NOT_SERVING from now on; the watcher's later reports are ignored. It is stopped only after
  // the drain: its probe may be waiting on an unreachable database, and the drain must not.
  health_service.Shutdown();
  // Checks waiting for room in the receipt queue are refused now, so the drain can finish.
  decision_log.Close();
  server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(config.drain_seconds));
  server->Wait();
  watchdog->DrainFinished(kAfterDrainBound);
  // The receipts first, within their own deadline: the index's rebuild, the listener and the
  // health probe stop after them, so their waits cannot use up the time the platform allows
  // between its stop signal and its kill.
  decision_log.Stop();
  disposal::log::Info("stopped");
  health.reset();
  return 0;
}
