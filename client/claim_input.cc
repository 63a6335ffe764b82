#include "claim_input.h"

#include "message_file.h"

namespace disposalctl {

Status LoadClaimFile(const std::string& path, disposal::v1::Claim* claim) {
  return LoadMessageFile(path, "claim", claim);
}

}  // namespace disposalctl
