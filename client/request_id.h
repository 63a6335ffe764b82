// Request ids that make create and update safe to retry (AIP-155).

#ifndef DISPOSAL_CLIENT_REQUEST_ID_H_
#define DISPOSAL_CLIENT_REQUEST_ID_H_

#include <cstddef>
#include <string>

#include "status.h"

namespace disposalctl {

// The longest request id the API accepts.
inline constexpr std::size_t kRequestIdLengthMax = 100;

// A random UUID version 4 ("0b9f3c1e-5d2a-4c7b-9e8f-1a2b3c4d5e6f") from
// std::random_device. Fails only when the system has no source of randomness.
Status NewRequestId(std::string* request_id);

// Fails unless `request_id` is 1..100 characters of [A-Za-z0-9._:-], as the API requires.
Status ValidateRequestId(const std::string& request_id);

// The id a write is sent with: `given` (validated) when the user passed --request-id,
// else a new UUID.
Status ChooseRequestId(const std::string& given, std::string* request_id);

// The id ChooseRequestId last chose in this process ("" when none): a write whose answer could
// not be printed (a full disk, a closed pipe) is reported with it, so that the user can have
// the answer again without making the change twice.
const std::string& LastChosenRequestId();

// A failed write, its message naming `request_id` (which the server logs). Where the
// outcome is unknown (the call may have taken effect: UNAVAILABLE, DEADLINE_EXCEEDED, ...)
// it also says how to retry without writing twice. REQUIRES: !failure.ok().
Status WithRequestId(const Status& failure, const std::string& request_id);
// The same, and a rerun must also repeat `rerun_arguments` (e.g. "--version 3": a version read
// from the server afresh would make the retry a different request under the same id).
Status WithRequestId(const Status& failure, const std::string& request_id,
                     const std::string& rerun_arguments);

// Whether `failure` is the server's ABORTED for a stale version ("... is at version N, not M"):
// someone else changed the resource, which must be read before changing it again. Other
// ABORTED answers (contention, a calendar import racing a publication) are worth a retry.
bool IsStaleVersion(const Status& failure);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_REQUEST_ID_H_
