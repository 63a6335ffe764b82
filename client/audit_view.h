// Audit histories and decision receipts rendered for people: the history table, the verdict of
// a chain check, an export's summary, a stored eligibility decision and its replay.

#ifndef DISPOSAL_CLIENT_AUDIT_VIEW_H_
#define DISPOSAL_CLIENT_AUDIT_VIEW_H_

#include <cstdint>
#include <ostream>
#include <string>

#include "disposal/v1/audit.pb.h"
#include "table.h"

namespace disposalctl {

// An empty history table: chain position, time (Asia/Shanghai), actor, role, kind, request id
// and the first digits of the hash.
Table NewHistoryTable();

// One event's row of NewHistoryTable.
void AddHistoryRow(const disposal::v1::AuditEvent& event, Table* table);

// "broken: <reason>" on one line; a break the server sent without a reason is described by its
// kind and position instead.
std::string BrokenVerdict(const disposal::v1::ChainBreak& found);

// The online check: "ok: 12 events, head 12 <hash>", or BrokenVerdict.
std::string CheckVerdict(const disposal::v1::VerifyClaimHistoryResponse& result);

// The offline check of an export: "ok: 12 events, head <hash>", or BrokenVerdict.
std::string ExportVerdict(const disposal::v1::VerifyClaimHistoryResponse& result);
// Whose history an export holds, for the line above its verdict: "claim <id>, exported from
// <server>", so that an intact export of another subject is not taken for the one meant.
std::string ExportSubjectLine(const disposal::v1::AuditExportManifest& manifest);

// "1234 events, 1.5 MiB written": an export's progress.
std::string ExportProgressLine(std::int64_t events, std::int64_t bytes);

// What an export wrote: subject, folder, events (count, positions, bytes), head hash, the time
// range (Asia/Shanghai) and the server.
void PrintExportSummary(const disposal::v1::AuditExportManifest& manifest, const std::string& dir,
                        std::int64_t bytes, std::ostream& out);

// Who asked, the disposal, the bidder and what they declared, then the decision as
// PrintEligibilityDecision shows it.
void PrintEligibilityReceipt(const disposal::v1::EligibilityReceipt& receipt, std::ostream& out);

// "same" or "DIFFERENT", the decision and registry version, both outcomes with their rule ids,
// and each difference the server found.
void PrintReplay(const disposal::v1::ReplayEligibilityDecisionResponse& replay, std::ostream& out);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_AUDIT_VIEW_H_
