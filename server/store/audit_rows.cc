#include "store/audit_rows.h"

namespace disposal::store {

void AppendAuditEvent(pqxx::work& txn, const domain::AuditContext& audit,
                      const std::string& subject_kind, const std::string& subject_id,
                      int64_t subject_version) {
  txn.exec_params(
      "INSERT INTO audit_events (actor, rpc, request_id, subject_kind, subject_id, "
      "subject_version, payload) VALUES ($1, $2, $3, $4, $5::uuid, $6, $7::jsonb)",
      audit.actor, audit.rpc, audit.request_id, subject_kind, subject_id, subject_version,
      audit.payload_json.empty() ? std::string("{}") : audit.payload_json);
}

}  // namespace disposal::store
