#include "request_id.h"

#include <array>
#include <cstdint>
#include <exception>
#include <random>

namespace disposalctl {
namespace {

bool IsRequestIdCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == ':' || c == '-';
}

// Whether the call took effect is unknown after these failures, so the user must retry
// with the same request id to be sure nothing is recorded twice.
bool OutcomeUnknown(const Status& failure) {
  const std::string& code = failure.code_name();
  return code == "UNAVAILABLE" || code == "DEADLINE_EXCEEDED" || code == "CANCELLED" ||
         code == "UNKNOWN" || code == "INTERNAL" || code == "RESOURCE_EXHAUSTED";
}

}  // namespace

Status NewRequestId(std::string* request_id) {
  std::array<std::uint8_t, 16> bytes;
  try {
    // Two ids must never collide across machines and runs, so the seed of a
    // pseudo-random generator would not do: every byte comes from the device.
    std::random_device device;
    for (std::size_t i = 0; i < bytes.size(); i += 4) {
      std::uint32_t word = device();
      for (std::size_t j = 0; j < 4; ++j) bytes[i + j] = static_cast<std::uint8_t>(word >> (8 * j));
    }
  } catch (const std::exception& error) {
    return Status::InvalidInput(std::string("no randomness for a request id (") + error.what() +
                                "); pass --request-id");
  }
  bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
    text += kHex[bytes[i] >> 4];
    text += kHex[bytes[i] & 0x0f];
  }
  *request_id = text;
  return Status::Ok();
}

Status ValidateRequestId(const std::string& request_id) {
  bool valid = !request_id.empty() && request_id.size() <= kRequestIdLengthMax;
  for (char c : request_id) valid = valid && IsRequestIdCharacter(c);
  if (valid) return Status::Ok();
  return Status::InvalidInput("--request-id \"" + request_id +
                              "\" must be 1..100 characters of A-Z a-z 0-9 . _ : -");
}

std::string& LastChosen() {
  static std::string chosen;
  return chosen;
}

Status ChooseRequestId(const std::string& given, std::string* request_id) {
  Status chosen = Status::Ok();
  if (given.empty()) {
    chosen = NewRequestId(request_id);
  } else {
    *request_id = given;
    chosen = ValidateRequestId(given);
  }
  if (chosen.ok()) LastChosen() = *request_id;
  return chosen;
}

const std::string& LastChosenRequestId() { return LastChosen(); }

bool IsStaleVersion(const Status& failure) {
  return failure.code_name() == "ABORTED" &&
         failure.message().find(" is at version ") != std::string::npos;
}

Status WithRequestId(const Status& failure, const std::string& request_id) {
  return WithRequestId(failure, request_id, "");
}

Status WithRequestId(const Status& failure, const std::string& request_id,
                     const std::string& rerun_arguments) {
  std::string message = failure.message() + " (request id " + request_id;
  if (OutcomeUnknown(failure)) {
    message += "; to retry safely, rerun with --request-id " + request_id;
    if (!rerun_arguments.empty()) message += " " + rerun_arguments;
  }
  return Status::RpcFailed(failure.code_name(), message + ")");
}

}  // namespace disposalctl
