// The outcome of a disposalctl operation: success, or one failure that ends the command.
//
// disposalctl reports a failure as exactly one line on stderr,
// "disposalctl: <CODE_NAME>: <message>", and exits with a status that tells scripts
// whether the fault was local (bad command line or input file) or remote (the RPC failed).

#ifndef DISPOSAL_CLIENT_STATUS_H_
#define DISPOSAL_CLIENT_STATUS_H_

#include <string>
#include <string_view>
#include <utility>

namespace disposalctl {

// Process exit statuses; scripts rely on these staying fixed.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRpcFailed = 1;
inline constexpr int kExitBadInput = 2;

class Status {
 public:
  // Success.
  Status() = default;

  static Status Ok() { return Status(); }
  // A bad command line or input file: a local fault, found before anything was sent or
  // (a file that fails while it is streamed) with the call cancelled, so that nothing was
  // applied. Exit status 2.
  static Status InvalidInput(std::string message) {
    return Status(kExitBadInput, "INVALID_ARGUMENT", std::move(message));
  }
  // A failed RPC, with the canonical gRPC code name (e.g. "NOT_FOUND"). Exit status 1.
  static Status RpcFailed(std::string code_name, std::string message) {
    return Status(kExitRpcFailed, std::move(code_name), std::move(message));
  }
  // The call's result could not be kept (a file write failed after the server answered):
  // not bad input, since something was sent. Exit status 1, code OUTPUT_FAILED.
  static Status OutputFailed(std::string message) {
    return Status(kExitRpcFailed, "OUTPUT_FAILED", std::move(message));
  }

  bool ok() const { return exit_code_ == kExitOk; }
  int exit_code() const { return exit_code_; }
  const std::string& code_name() const { return code_name_; }
  const std::string& message() const { return message_; }

  // The same failure with "<context>: " in front of the message, so that an error found
  // deep in a document names where it was found (e.g. "claim.tranches[0].principal").
  // REQUIRES: !ok().
  Status WithContext(std::string_view context) const;

  // The single stderr line, without its trailing newline. Control characters in the
  // message (a server may send newlines) become spaces so the report stays one line.
  std::string ToLine() const;

 private:
  Status(int exit_code, std::string code_name, std::string message)
      : exit_code_(exit_code), code_name_(std::move(code_name)), message_(std::move(message)) {}

  int exit_code_ = kExitOk;
  std::string code_name_ = "OK";
  std::string message_;
};

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_STATUS_H_
