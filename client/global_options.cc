#include "global_options.h"

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "number_checks.h"

namespace disposalctl {
namespace {

constexpr char kDefaultServer[] = "127.0.0.1:50051";
constexpr int kTimeoutSecondsMin = 1;
constexpr int kTimeoutSecondsMax = 300;

std::string EnvironmentOr(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && value[0] != '\0' ? value : fallback;
}

// Where the token is when neither --token-file nor DISPOSAL_TOKEN_FILE says.
std::string DefaultTokenFile() {
  const std::string config = EnvironmentOr("XDG_CONFIG_HOME", "");
  if (!config.empty()) return config + "/disposal/token";
  const std::string home = EnvironmentOr("HOME", "");
  return home.empty() ? "" : home + "/.config/disposal/token";
}

}  // namespace

std::string LooseFileWarning(const std::string& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0 || (status.st_mode & 077) == 0) return "";
  char mode[8];
  std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(status.st_mode & 07777));
  return "disposalctl: warning: " + path + " may be read by other users (mode " + mode +
         "); it holds a secret: chmod 600 " + path;
}

namespace {

// The file's text without surrounding white space; nullopt when it cannot be read.
std::optional<std::string> ReadTrimmed(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  std::string value = text.str();
  const size_t first = value.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return std::string();
  return value.substr(first, value.find_last_not_of(" \t\r\n") - first + 1);
}

struct CredentialFiles {
  std::string token_file;
  bool token_file_given = false;
  bool token_file_flag = false;  // --token-file beats DISPOSAL_TOKEN, which beats the files
  std::string tls_ca;
  std::string tls_cert;
  std::string tls_key;
};

// Reads the token and the TLS files after parsing. Problems are kept in the settings and
// reported only by commands that call the server.
void LoadCredentials(const CredentialFiles& files, RpcSettings* rpc) {
  if ((rpc->token.empty() || files.token_file_flag) && !files.token_file.empty()) {
    auto token = ReadTrimmed(files.token_file);
    if (token) {
      rpc->token = *token;
      if (const std::string warning = LooseFileWarning(files.token_file); !warning.empty()) {
        std::cerr << warning << '\n';
      }
    } else if (files.token_file_given) {
      rpc->token_error = "cannot read the token file " + files.token_file;
    }
  }
  const std::pair<const std::string*, std::string*> pems[] = {{&files.tls_ca, &rpc->tls_ca_pem},
                                                              {&files.tls_cert, &rpc->tls_cert_pem},
                                                              {&files.tls_key, &rpc->tls_key_pem}};
  for (const auto& [path, pem] : pems) {
    if (path->empty()) continue;
    auto text = ReadTrimmed(*path);
    if (!text) rpc->token_error = "cannot read " + *path;
    if (text && path == &files.tls_key) {
      if (const std::string warning = LooseFileWarning(*path); !warning.empty()) {
        std::cerr << warning << '\n';
      }
    }
    if (text) *pem = *text + "\n";
  }
}

void AddCredentialOptions(CLI::App* app, GlobalOptions* options) {
  auto files = std::make_shared<CredentialFiles>();
  files->token_file = EnvironmentOr("DISPOSAL_TOKEN_FILE", DefaultTokenFile());
  files->token_file_given = std::getenv("DISPOSAL_TOKEN_FILE") != nullptr;
  options->rpc.token = EnvironmentOr("DISPOSAL_TOKEN", "");
  files->tls_ca = EnvironmentOr("DISPOSAL_TLS_CA", "");
  // Not DISPOSAL_TLS_CERT/KEY: those are the server's own certificate, and a disposalctl run
  // beside the server (in its container, say) must not offer it as a client's.
  files->tls_cert = EnvironmentOr("DISPOSAL_CLIENT_TLS_CERT", "");
  files->tls_key = EnvironmentOr("DISPOSAL_CLIENT_TLS_KEY", "");
  app->add_option_function<std::string>(
         "--token-file",
         [files](const std::string& path) {
           files->token_file = path;
           files->token_file_given = true;
           files->token_file_flag = true;
         },
         "file holding the access token (env DISPOSAL_TOKEN_FILE; DISPOSAL_TOKEN holds the "
         "token itself; default $XDG_CONFIG_HOME/disposal/token, else "
         "~/.config/disposal/token)")
      ->type_name("FILE");
  app->add_flag("--plaintext", options->rpc.plaintext,
                "without --tls-ca, call a server on another machine anyway, the token unencrypted "
                "(a network you trust; a server on this machine needs no flag)");
  app->add_option("--tls-ca", files->tls_ca,
                  "PEM CA of the server's certificate: connect with TLS (env DISPOSAL_TLS_CA)")
      ->type_name("FILE");
  app->add_option("--tls-cert", files->tls_cert,
                  "PEM client certificate for mutual TLS (env DISPOSAL_CLIENT_TLS_CERT)")
      ->type_name("FILE");
  app->add_option("--tls-key", files->tls_key,
                  "PEM key of --tls-cert (env DISPOSAL_CLIENT_TLS_KEY)")
      ->type_name("FILE");
  app->parse_complete_callback([files, options] { LoadCredentials(*files, &options->rpc); });
}

}  // namespace

void AddGlobalOptions(CLI::App* app, GlobalOptions* options) {
  options->rpc.server_address = EnvironmentOr("DISPOSAL_SERVER", kDefaultServer);
  options->rpc.actor = EnvironmentOr("USER", "unknown");
  app->add_option("--server", options->rpc.server_address,
                  "disposal-server address, HOST:PORT (env DISPOSAL_SERVER)")
      ->type_name("HOST:PORT")
      ->capture_default_str();
  app->add_option_function<std::string>(
         "--output,-o",
         [options](const std::string& format) {
           options->output = format == "json" ? OutputFormat::kJson : OutputFormat::kTable;
         },
         "table for people, json (proto JSON, snake_case) for scripts")
      ->type_name("table|json")
      // Transform, not check: it also rewrites "JSON" to "json". The type name already
      // lists the choices, so the description would only repeat them.
      ->transform(CLI::IsMember({"table", "json"}, CLI::ignore_case).description(""))
      ->default_str("table");
  app->add_option("--timeout", options->rpc.timeout_seconds,
                  "deadline of each RPC in seconds (1..300)")
      ->type_name("SECONDS")
      ->transform(WholeNumberIn(kTimeoutSecondsMin, kTimeoutSecondsMax))
      ->capture_default_str();
  app->add_option("--actor", options->rpc.actor,
                  "who is acting, for servers without access control (env USER)")
      ->type_name("NAME")
      ->capture_default_str();
  AddCredentialOptions(app, options);
}

}  // namespace disposalctl
