// Disposal files (JSON or YAML, friendly amounts and enums) read into disposal.v1.Disposal.

#ifndef DISPOSAL_CLIENT_DISPOSAL_INPUT_H_
#define DISPOSAL_CLIENT_DISPOSAL_INPUT_H_

#include <string>

#include "disposal/v1/disposals.pb.h"
#include "status.h"

namespace disposalctl {

// Reads the Disposal in `path` ("-" for stdin) as LoadMessageFile does, then gives every
// lot whose claim_id is empty the claim `default_claim_id` (the --claim option; empty for
// none). A seed file can thus leave claim ids out and take the id the server gave the seed
// claim. Fails, naming the lot, when a lot is still without a claim: the server would
// refuse it anyway, and the fix (--claim) is the client's to name. With `lots_sent` false (an
// update whose mask leaves the lots out) the lots are left as read: the server ignores them.
Status LoadDisposalFile(const std::string& path, const std::string& default_claim_id,
                        disposal::v1::Disposal* disposal, bool lots_sent = true);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_DISPOSAL_INPUT_H_
