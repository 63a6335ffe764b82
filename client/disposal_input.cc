#include "disposal_input.h"

#include "message_file.h"

namespace disposalctl {

Status LoadDisposalFile(const std::string& path, const std::string& default_claim_id,
                        disposal::v1::Disposal* disposal) {
  Status status = LoadMessageFile(path, "disposal", disposal);
  if (!status.ok()) return status;
  std::string file_name = path == "-" ? "stdin" : path;
  for (int i = 0; i < disposal->lots_size(); ++i) {
    disposal::v1::Lot* lot = disposal->mutable_lots(i);
    if (!lot->claim_id().empty()) continue;
    if (default_claim_id.empty()) {
      return Status::InvalidInput(file_name + ": disposal.lots[" + std::to_string(i) +
                                  "].claim_id is empty; give it in the file or pass --claim ID");
    }
    lot->set_claim_id(default_claim_id);
  }
  return Status::Ok();
}

}  // namespace disposalctl
