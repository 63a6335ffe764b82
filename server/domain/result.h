// The one result type below the RPC layer. grpc::Status appears only in api/.
#ifndef DISPOSAL_SERVER_DOMAIN_RESULT_H_
#define DISPOSAL_SERVER_DOMAIN_RESULT_H_

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace disposal {

// Mirrors the canonical gRPC codes the service uses; api/ maps them one to one.
enum class ErrorCode {
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kAborted,
  kFailedPrecondition,
  kResourceExhausted,
  kUnavailable,
  kDeadlineExceeded,
  kInternal,
};

// Why an operation failed. `field` names the offending input (e.g.
// "claim.tranches[1].principal") when there is one; `reason` is a short sentence.
struct Error {
  ErrorCode code;
  std::string field;
  std::string reason;

  static Error InvalidArgument(std::string field, std::string reason) {
    return {ErrorCode::kInvalidArgument, std::move(field), std::move(reason)};
  }
  static Error NotFound(std::string reason) {
    return {ErrorCode::kNotFound, "", std::move(reason)};
  }
  static Error AlreadyExists(std::string field, std::string reason) {
    return {ErrorCode::kAlreadyExists, std::move(field), std::move(reason)};
  }
  static Error Aborted(std::string reason) { return {ErrorCode::kAborted, "", std::move(reason)}; }
  static Error FailedPrecondition(std::string reason) {
    return {ErrorCode::kFailedPrecondition, "", std::move(reason)};
  }
  // The state that `field` names does not allow the request, e.g. "lot_id: lot ... already
  // has a standing outcome".
  static Error FailedPrecondition(std::string field, std::string reason) {
    return {ErrorCode::kFailedPrecondition, std::move(field), std::move(reason)};
  }
  static Error Unavailable(std::string reason) {
    return {ErrorCode::kUnavailable, "", std::move(reason)};
  }
  static Error ResourceExhausted(std::string reason) {
    return {ErrorCode::kResourceExhausted, "", std::move(reason)};
  }
  static Error DeadlineExceeded(std::string reason) {
    return {ErrorCode::kDeadlineExceeded, "", std::move(reason)};
  }
  static Error Internal(std::string reason) {
    return {ErrorCode::kInternal, "", std::move(reason)};
  }

  // "field: reason", or just the reason when no field is involved.
  std::string Message() const { return field.empty() ? reason : field + ": " + reason; }

  // Returns a copy whose field is prefixed, e.g. "principal" -> "claim.tranches[0].principal".
  Error WithFieldPrefix(const std::string& prefix) const {
    Error copy = *this;
    copy.field = copy.field.empty() ? prefix : prefix + "." + copy.field;
    return copy;
  }
};

// Either a value or an Error. Cheap to move; check ok() before value().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  const T& value() const& {
    assert(ok());
    return std::get<T>(state_);
  }
  T& value() & {
    assert(ok());
    return std::get<T>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(state_));
  }
  const Error& error() const {
    assert(!ok());
    return std::get<Error>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

// The result of an operation that yields nothing but success or an Error.
struct Ok {};
using Status = Result<Ok>;
inline Status OkStatus() { return Ok{}; }

}  // namespace disposal

// Early-return helpers, in the style of absl's ASSIGN_OR_RETURN / RETURN_IF_ERROR.
#define DISPOSAL_CONCAT_INNER(a, b) a##b
#define DISPOSAL_CONCAT(a, b) DISPOSAL_CONCAT_INNER(a, b)
#define DISPOSAL_ASSIGN_OR_RETURN_IMPL(temporary, lhs, expression) \
  auto temporary = (expression);                                   \
  if (!temporary.ok()) return temporary.error();                   \
  lhs = std::move(temporary).value()
#define ASSIGN_OR_RETURN(lhs, expression) \
  DISPOSAL_ASSIGN_OR_RETURN_IMPL(DISPOSAL_CONCAT(result_, __LINE__), lhs, expression)
#define RETURN_IF_ERROR(expression)            \
  do {                                         \
    auto status_ = (expression);               \
    if (!status_.ok()) return status_.error(); \
  } while (false)

#endif  // DISPOSAL_SERVER_DOMAIN_RESULT_H_
