#include "audit_export.h"

#include <fcntl.h>
#include <google/protobuf/util/json_util.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <sstream>
#include <system_error>
#include <utility>
#include <vector>

#include "audit_chain.h"
#include "document.h"
#include "output.h"

namespace disposalctl {
namespace {

namespace fs = std::filesystem;

using disposal::v1::AuditEvent;
using disposal::v1::AuditExportManifest;

// Lines are read in pieces of this size, so that a line's memory grows only as far as the line
// does (up to kEventLineBytesMax).
constexpr std::size_t kLinePieceBytes = 64 * 1024;

enum class LineRead { kLine, kEnd, kTooLong };

// The next line of `in` without its line feed; kTooLong once it passes kEventLineBytesMax (the
// rest of the file is then not read).
LineRead ReadBoundedLine(std::istream& in, std::string* line) {
  line->clear();
  char piece[kLinePieceBytes];
  bool any = false;
  while (true) {
    in.getline(piece, sizeof(piece));
    const auto count = static_cast<std::size_t>(in.gcount());
    any = any || count > 0;
    if (in.bad()) return LineRead::kEnd;
    if (in.eof()) {  // the last line, without a line feed, or nothing left
      line->append(piece, count);
      if (line->size() > kEventLineBytesMax) return LineRead::kTooLong;
      return any ? LineRead::kLine : LineRead::kEnd;
    }
    if (in.fail()) {
      // The piece filled up before the line ended.
      line->append(piece, count);
      in.clear();
      if (line->size() > kEventLineBytesMax) return LineRead::kTooLong;
      continue;
    }
    line->append(piece, count - 1);  // the line feed is counted but not stored
    return line->size() > kEventLineBytesMax ? LineRead::kTooLong : LineRead::kLine;
  }
}

google::protobuf::util::JsonParseOptions StrictJson() {
  google::protobuf::util::JsonParseOptions options;
  // A field this build does not know is not part of the chain's definition: refuse it
  // rather than drop it unseen.
  options.ignore_unknown_fields = false;
  return options;
}

// Why `line` is not an AuditEvent, or "" when it parsed into `event`.
std::string ParseEventLine(const std::string& line, AuditEvent* event) {
  auto parsed = google::protobuf::util::JsonStringToMessage(line, event, StrictJson());
  if (parsed.ok()) return "";
  return "not an AuditEvent in JSON (" + std::string(parsed.message()) + ")";
}

// Feeds every line of `in` to `checker` until the first break.
Status CheckEventLines(std::istream& in, const std::string& name, ChainChecker* checker) {
  std::string line;
  std::int64_t number = 0;
  while (!checker->broken()) {
    const LineRead read = ReadBoundedLine(in, &line);
    if (read == LineRead::kEnd) break;
    const std::string where = "line " + std::to_string(++number);
    if (read == LineRead::kTooLong) {
      checker->AddUnreadable(where, "longer than 16 MiB");
      break;
    }
    AuditEvent event;
    const std::string why = ParseEventLine(line, &event);
    if (!why.empty()) {
      checker->AddUnreadable(where, why);
      break;
    }
    checker->Add(event);
  }
  if (in.bad()) return Status::InvalidInput(name + ": read failed: " + std::strerror(errno));
  return Status::Ok();
}

// The outermost folder of `dir` that does not exist yet (`dir` itself, a parent of it, or
// nothing when `dir` exists): what creating `dir` adds, and so what abandoning it removes.
fs::path FirstMissingFolder(const fs::path& dir) {
  fs::path missing;
  std::error_code error;
  for (fs::path path = dir.lexically_normal(); !path.empty(); path = path.parent_path()) {
    if (fs::exists(path, error) || error) break;
    missing = path;
    if (path == path.parent_path()) break;
  }
  return missing;
}

// An export goes into a new folder or an empty one: never over another export, and never
// among files a verifier would not read.
Status CheckExistingFolder(const fs::path& dir) {
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    return Status::InvalidInput(dir.string() + ": exists and is not a folder");
  }
  const bool empty = fs::is_empty(dir, error);
  if (error) return Status::InvalidInput(dir.string() + ": " + error.message());
  if (!empty) {
    return Status::InvalidInput(dir.string() +
                                ": the folder is not empty; export into a new or empty folder");
  }
  return Status::Ok();
}

Status PrepareFolder(const fs::path& dir, fs::path* created) {
  std::error_code error;
  const bool exists = fs::exists(dir, error);
  if (error) return Status::InvalidInput(dir.string() + ": " + error.message());
  if (exists) return CheckExistingFolder(dir);
  *created = FirstMissingFolder(dir);
  fs::create_directories(dir, error);
  if (error) return Status::InvalidInput(dir.string() + ": cannot create: " + error.message());
  return Status::Ok();
}

void CountIntoManifest(const AuditEvent& event, AuditExportManifest* manifest) {
  if (manifest->event_count() == 0) {
    manifest->set_first_chain_seq(event.chain_seq());
    *manifest->mutable_first_event_time() = event.event_time();
  }
  manifest->set_event_count(manifest->event_count() + 1);
  manifest->set_head_chain_seq(event.chain_seq());
  manifest->set_head_hash(event.hash());
  *manifest->mutable_last_event_time() = event.event_time();
}

}  // namespace

namespace {

// The manifest is written beside its final name and renamed into place, so that a manifest
// is either whole or absent.
std::string PendingManifestName() { return std::string(kManifestFileName) + ".tmp"; }

// Flushes `path` (a file, or a folder's entries) to disk: an export reported whole must still
// be whole after a power loss, or a later verify would report as tampering what the disk lost.
Status SyncToDisk(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Status::OutputFailed(path.string() + ": cannot open to flush: " + std::strerror(errno));
  }
  const int synced = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (synced != 0) {
    return Status::OutputFailed(path.string() + ": cannot flush to disk: " + std::strerror(error));
  }
  return Status::Ok();
}

}  // namespace

Status EventJsonLine(const AuditEvent& event, std::string* line) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  line->clear();
  auto printed = google::protobuf::util::MessageToJsonString(event, line, options);
  if (printed.ok()) return Status::Ok();
  return Status::RpcFailed("INTERNAL",
                           "event " + std::to_string(event.chain_seq()) +
                               ": cannot print as JSON: " + std::string(printed.message()));
}

Status AuditExportWriter::Open(const std::string& dir, const std::string& subject_kind,
                               const std::string& subject_id, const std::string& server) {
  dir_ = dir;
  Status status = PrepareFolder(dir_, &created_);
  if (!status.ok()) return status;
  const fs::path events_path = dir_ / kEventsFileName;
  // Created exclusively: an export started into the same folder a moment earlier (after the
  // emptiness check above) keeps its files, and this one stops. Owner-only: the events'
  // payloads hold names and national ids.
  const int fd = ::open(events_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Status::InvalidInput(events_path.string() + ": cannot create: " + std::strerror(errno));
  }
  ::close(fd);
  opened_ = true;
  remove_on_interrupt_ = std::make_unique<RemoveOnInterrupt>(
      std::vector<std::string>{events_path.string(), (dir_ / kManifestFileName).string(),
                               (dir_ / PendingManifestName()).string()},
      CreatedFolders());
  events_.open(events_path, std::ios::binary | std::ios::in | std::ios::out);
  if (!events_) {
    return Status::InvalidInput(events_path.string() + ": cannot open: " + std::strerror(errno));
  }
  manifest_.set_format(kAuditFormat);
  manifest_.set_subject_kind(subject_kind);
  manifest_.set_subject_id(subject_id);
  manifest_.set_server(server);
  return Status::Ok();
}

Status AuditExportWriter::Write(const AuditEvent& event) {
  std::string line;
  Status status = EventJsonLine(event, &line);
  if (!status.ok()) return status;
  events_ << line << '\n';
  if (!events_) {
    return Status::OutputFailed((dir_ / kEventsFileName).string() +
                                ": write failed: " + std::strerror(errno));
  }
  event_bytes_ += static_cast<std::int64_t>(line.size()) + 1;
  CountIntoManifest(event, &manifest_);
  return Status::Ok();
}

Status AuditExportWriter::Finish(const google::protobuf::Timestamp& export_time) {
  events_.close();
  if (events_.fail()) {
    return Status::OutputFailed((dir_ / kEventsFileName).string() +
                                ": write failed: " + std::strerror(errno));
  }
  // The events reach the disk before a manifest that vouches for them.
  Status synced = SyncToDisk(dir_ / kEventsFileName);
  if (!synced.ok()) return synced;
  *manifest_.mutable_export_time() = export_time;
  Status written = WriteManifest();
  if (written.ok()) remove_on_interrupt_.reset();  // whole: an interrupt now leaves it be
  return written;
}

std::vector<std::string> AuditExportWriter::CreatedFolders() const {
  std::vector<std::string> folders;
  if (created_.empty()) return folders;
  for (fs::path path = dir_.lexically_normal(); !path.empty(); path = path.parent_path()) {
    folders.push_back(path.string());
    if (path == created_ || path == path.parent_path()) break;
  }
  return folders;
}

void AuditExportWriter::Abandon() {
  // A folder Open refused may hold someone else's export: leave it alone.
  if (!opened_) return;
  remove_on_interrupt_.reset();
  if (events_.is_open()) events_.close();
  std::error_code ignored;
  fs::remove(dir_ / kEventsFileName, ignored);
  fs::remove(dir_ / kManifestFileName, ignored);
  fs::remove(dir_ / PendingManifestName(), ignored);
  // Only the folders this export created, innermost first, and each only while empty.
  for (const std::string& folder : CreatedFolders()) fs::remove(folder, ignored);
}

Status AuditExportWriter::WriteManifest() {
  const fs::path path = dir_ / PendingManifestName();
  // Created exclusively and owner-only, as the events are: the two are one export, and a
  // reader of one reads both. A name already taken (a link planted there) is refused.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Status::OutputFailed(path.string() + ": cannot create: " + std::strerror(errno));
  }
  ::close(fd);
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  // The server has answered by now: a manifest that cannot be kept is lost output, not bad
  // input.
  if (!file)
    return Status::OutputFailed(path.string() + ": cannot create: " + std::strerror(errno));
  Status status = PrintMessageJson(manifest_, file);
  if (!status.ok()) return status;
  file.close();
  if (file.fail()) {
    return Status::OutputFailed(path.string() + ": write failed: " + std::strerror(errno));
  }
  status = SyncToDisk(path);
  if (!status.ok()) return status;
  std::error_code renamed;
  fs::rename(path, dir_ / kManifestFileName, renamed);
  if (renamed) {
    return Status::OutputFailed(path.string() + ": cannot rename to " + kManifestFileName + ": " +
                                renamed.message());
  }
  // The rename itself is the folder's to keep.
  return SyncToDisk(dir_);
}

Status ReadExportManifest(const std::string& dir, AuditExportManifest* manifest) {
  const std::string path = (fs::path(dir) / kManifestFileName).string();
  std::string text;
  Status status = ReadInputFile(path, &text);
  if (!status.ok()) return status;
  auto parsed = google::protobuf::util::JsonStringToMessage(text, manifest, StrictJson());
  if (!parsed.ok()) {
    return Status::InvalidInput(path + ": not an AuditExportManifest in JSON (" +
                                std::string(parsed.message()) + ")");
  }
  if (manifest->format() != kAuditFormat) {
    return Status::InvalidInput(path + ": format \"" + manifest->format() + "\" is not " +
                                kAuditFormat);
  }
  return Status::Ok();
}

void AuditExportWriter::RecordServerHead(std::int64_t chain_seq, const std::string& hash) {
  manifest_.set_server_head_chain_seq(chain_seq);
  manifest_.set_server_head_hash(hash);
}

void AuditExportWriter::RecordServerHeadMissing() { manifest_.set_server_head_missing(true); }

Status VerifyExport(const std::string& dir, disposal::v1::VerifyClaimHistoryResponse* result) {
  return VerifyExport(dir, std::nullopt, result);
}

namespace {

using Head = std::pair<std::int64_t, std::string>;

// A head to check an export against: the server's, which nothing may follow, or one an
// auditor kept, which the chain may have grown past.
struct ExpectedHead {
  Head head;
  bool the_servers = false;
};

// One pass over events.jsonl against `manifest` and, when given, `head`.
Status VerifyExportAgainst(const std::string& dir, const AuditExportManifest& manifest,
                           const std::optional<ExpectedHead>& expected,
                           disposal::v1::VerifyClaimHistoryResponse* result) {
  const std::string path = (fs::path(dir) / kEventsFileName).string();
  std::ifstream file(path, std::ios::binary);
  // Deleted beside its manifest, the events are missing, not the input mistaken: checked as
  // none, the chain is then found broken (DATA_LOSS) against the manifest's count and head.
  std::istringstream none;
  std::error_code error;
  if (!file && (fs::exists(path, error) || error)) {
    return Status::InvalidInput(path + ": cannot open: " + std::strerror(errno));
  }
  std::istream& events = file ? static_cast<std::istream&>(file) : none;
  ChainChecker checker;
  checker.ExpectManifest(manifest);
  if (expected && expected->the_servers) {
    checker.ExpectServerHead(expected->head.first, expected->head.second);
  } else if (expected) {
    checker.ExpectHead(expected->head.first, expected->head.second);
  }
  Status status = CheckEventLines(events, path, &checker);
  if (!status.ok()) return status;
  checker.Finish();
  *result = checker.Result();
  return Status::Ok();
}

}  // namespace

Status VerifyExport(const std::string& dir, const std::optional<Head>& expected_head,
                    disposal::v1::VerifyClaimHistoryResponse* result) {
  AuditExportManifest manifest;
  Status status = ReadExportManifest(dir, &manifest);
  if (!status.ok()) return status;
  // The chain must pass through each head: the server's, recorded when the export was made,
  // and the one the auditor kept, if any. A pass per head; the first break found is the answer.
  std::vector<std::optional<ExpectedHead>> heads;
  if (manifest.server_head_chain_seq() > 0) {
    heads.emplace_back(
        ExpectedHead{Head{manifest.server_head_chain_seq(), manifest.server_head_hash()}, true});
  }
  if (expected_head) heads.emplace_back(ExpectedHead{*expected_head, false});
  if (heads.empty()) heads.emplace_back(std::nullopt);
  for (const std::optional<ExpectedHead>& head : heads) {
    status = VerifyExportAgainst(dir, manifest, head, result);
    if (!status.ok() || !result->ok()) return status;
  }
  return Status::Ok();
}

}  // namespace disposalctl
