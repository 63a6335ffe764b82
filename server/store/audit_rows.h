// Internal to store/: the append-only audit log, written inside the change's transaction.
#ifndef DISPOSAL_SERVER_STORE_AUDIT_ROWS_H_
#define DISPOSAL_SERVER_STORE_AUDIT_ROWS_H_

#include <pqxx/pqxx>
#include <string>

#include "domain/claim_repository.h"

namespace disposal::store {

// The event's payload as JSON text: "{}" when the call gave none.
inline std::string AuditPayload(const domain::AuditContext& audit) {
  return audit.payload_json.empty() ? std::string("{}") : audit.payload_json;
}

// Appends one event about `subject_kind`/`subject_id` now at `subject_version`.
void AppendAuditEvent(pqxx::work& txn, const domain::AuditContext& audit,
                      const std::string& subject_kind, const std::string& subject_id,
                      int64_t subject_version);

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_AUDIT_ROWS_H_
