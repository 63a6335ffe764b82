// Claim files (JSON or YAML, friendly amounts) read into disposal.v1.Claim.

#ifndef DISPOSAL_CLIENT_CLAIM_INPUT_H_
#define DISPOSAL_CLIENT_CLAIM_INPUT_H_

#include <string>

#include "disposal/v1/claims.pb.h"
#include "status.h"

namespace disposalctl {

// Reads the Claim in `path` ("-" for stdin): JSON or YAML (see DetectFormat), with the
// friendly forms of friendly_json.h. Failures start with the file name and then the
// path of the bad value, e.g. "seed.yaml: claim.tranches[1].principal: ...".
Status LoadClaimFile(const std::string& path, disposal::v1::Claim* claim);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_CLAIM_INPUT_H_
