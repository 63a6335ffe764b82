#include "disposal_input.h"

#include "message_file.h"

namespace disposalctl {

Status LoadDisposalFile(const std::string& path, const std::string& default_claim_id,
                        disposal::v1::Disposal* disposal, bool lots_sent) {
  Status status = LoadMessageFile(path, "disposal", disposal);
  if (!status.ok() || !lots_sent) return status;
  std::string file_name = path == "-" ? "stdin" : path;
  int filled = 0;
  bool names_another = false;
  for (int i = 0; i < disposal->lots_size(); ++i) {
    disposal::v1::Lot* lot = disposal->mutable_lots(i);
    if (!lot->claim_id().empty()) {
      names_another = names_another || lot->claim_id() != default_claim_id;
      continue;
    }
    if (default_claim_id.empty()) {
      return Status::InvalidInput(file_name + ": disposal.lots[" + std::to_string(i) +
                                  "].claim_id is empty; give it in the file or pass --claim ID");
    }
    lot->set_claim_id(default_claim_id);
    ++filled;
  }
  // A file reused as a template (an earlier `disposal show -o json`) names its old claim in
  // every lot: --claim would go unused, and the draft offer the old claim.
  if (!default_claim_id.empty() && filled == 0 && names_another) {
    return Status::InvalidInput(file_name + ": every lot names its claim (disposal.lots[0] names " +
                                disposal->lots(0).claim_id() + "), so --claim " + default_claim_id +
                                " would apply to none; empty the lots' claim_id or leave --claim "
                                "out");
  }
  return Status::Ok();
}

}  // namespace disposalctl
