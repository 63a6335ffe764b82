#include "store/audit_rows.h"

namespace disposal::store {

void AppendAuditEvent(pqxx::work& txn, const domain::AuditContext& audit,
                      const std::string& subject_kind, const std::string& subject_id,
                      int64_t subject_version) {
  // audit_append() links the event into its subject's hash chain (schema/0007).
  txn.exec_params("SELECT audit_append($1, $2, $3, $4, $5, $6, $7::uuid, $8, $9::jsonb)",
                  audit.actor, audit.role, audit.token_id, audit.rpc, audit.request_id,
                  subject_kind, subject_id, subject_version, AuditPayload(audit));
}

}  // namespace disposal::store
