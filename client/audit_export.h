// Audit exports: a folder holding a subject's history as events.jsonl (one AuditEvent as JSON
// per line) and manifest.json (an AuditExportManifest), written as the events stream in and
// verified offline a line at a time.
//
// Neither side ever holds the whole history: the writer keeps only the manifest it is building,
// the verifier only what ChainChecker keeps, so a history of any length fits in memory.

#ifndef DISPOSAL_CLIENT_AUDIT_EXPORT_H_
#define DISPOSAL_CLIENT_AUDIT_EXPORT_H_

#include <google/protobuf/timestamp.pb.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "disposal/v1/audit.pb.h"
#include "interrupt_cleanup.h"
#include "status.h"

namespace disposalctl {

inline constexpr char kManifestFileName[] = "manifest.json";
inline constexpr char kEventsFileName[] = "events.jsonl";

// A line of events.jsonl is refused beyond this: an event's payload is one request, far
// smaller, and the bound keeps a corrupt file from exhausting memory.
inline constexpr std::size_t kEventLineBytesMax = 16 * 1024 * 1024;

// `event` as one line of proto JSON with the proto's field names, without a line break (JSON
// escapes a line feed inside a string, so an event never spans lines).
Status EventJsonLine(const disposal::v1::AuditEvent& event, std::string* line);

// Writes an export while the events stream in: Open, Write each event in chain order, Finish.
// Until Finish there is no manifest.json, so an export cut short is never taken for a whole one.
class AuditExportWriter {
 public:
  // Creates `dir` (and missing parents) and events.jsonl in it. Refuses a `dir` that exists
  // and is not an empty folder, so that an export never overwrites or mixes with other files.
  // The manifest will name `subject_kind` ("claim", "disposal"), `subject_id` and `server`.
  Status Open(const std::string& dir, const std::string& subject_kind,
              const std::string& subject_id, const std::string& server);

  // Appends `event` as a line and counts it into the manifest (count, first and head position,
  // head hash, time range).
  Status Write(const disposal::v1::AuditEvent& event);

  // Records the head the server reported for the chain (AuditExportManifest's server_head_*).
  void RecordServerHead(std::int64_t chain_seq, const std::string& hash);
  // The server sent events but no head (AuditExportManifest's server_head_missing).
  void RecordServerHeadMissing();

  // Closes events.jsonl and writes manifest.json with `export_time`.
  Status Finish(const google::protobuf::Timestamp& export_time);

  // After a failure: removes what Open, Write and Finish created, leaving no half-written
  // export. Does nothing when Open failed. From Open until Finish succeeds, an interrupt
  // (SIGINT, SIGTERM) removes them too (RemoveOnInterrupt) before the process dies of it.
  void Abandon();

  // The manifest as built so far; after Finish, as written.
  const disposal::v1::AuditExportManifest& manifest() const { return manifest_; }
  // Bytes written to events.jsonl so far.
  std::int64_t event_bytes() const { return event_bytes_; }

 private:
  Status WriteManifest();
  // The folders Open created, innermost first (none when `dir` existed).
  std::vector<std::string> CreatedFolders() const;

  std::unique_ptr<RemoveOnInterrupt> remove_on_interrupt_;
  std::filesystem::path dir_;
  std::filesystem::path created_;  // the outermost folder Open created; empty when none
  bool opened_ = false;            // Open succeeded: the files in dir_ are this export's
  std::ofstream events_;
  disposal::v1::AuditExportManifest manifest_;
  std::int64_t event_bytes_ = 0;
};

// Reads `dir`/manifest.json. Fails (exit status 2) when it is missing, unreadable, not an
// AuditExportManifest, or of a format other than kAuditFormat.
Status ReadExportManifest(const std::string& dir, disposal::v1::AuditExportManifest* manifest);

// Verifies the export in `dir` without a server: every line of events.jsonl against the chain
// and the manifest. A line that is not an AuditEvent in JSON is a MALFORMED break naming its
// line. The outcome is in `result` (ok, or the first break); the returned Status fails only
// when the export cannot be read at all.
Status VerifyExport(const std::string& dir, disposal::v1::VerifyClaimHistoryResponse* result);
// The same, and the chain must end at `expected_head` (position, hex hash): a head kept from
// before catches the last events removed together with a manifest rewritten to match. Without
// one, at the head the server reported when the export was made, when the manifest has it.
Status VerifyExport(const std::string& dir,
                    const std::optional<std::pair<std::int64_t, std::string>>& expected_head,
                    disposal::v1::VerifyClaimHistoryResponse* result);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_AUDIT_EXPORT_H_
