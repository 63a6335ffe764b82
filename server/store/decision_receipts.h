// Appends eligibility decision receipts with PostgreSQL's binary COPY on a connection of its
// own. Receipts come at the rate partners check bidders, so the text paths (escaping on this
// side, parsing on the server's) cost more than the check they record; binary COPY costs
// neither, and COPY of a batch commits as one statement: all of it or none.
#ifndef DISPOSAL_SERVER_STORE_DECISION_RECEIPTS_H_
#define DISPOSAL_SERVER_STORE_DECISION_RECEIPTS_H_

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "domain/registry_repository.h"

namespace disposal::store {

class DecisionReceiptWriter {
 public:
  // Works as `session_role` (SET ROLE), as the pool's connections do; empty: as the login.
  DecisionReceiptWriter(std::string connection_string, std::string session_role);
  ~DecisionReceiptWriter();
  DecisionReceiptWriter(const DecisionReceiptWriter&) = delete;
  DecisionReceiptWriter& operator=(const DecisionReceiptWriter&) = delete;

  // Appends the batch, all or nothing. INTERNAL when PostgreSQL refuses the receipts
  // themselves (a data exception or a broken constraint, e.g. a decision id recorded twice);
  // INVALID_ARGUMENT for a record that cannot be encoded; UNAVAILABLE for any other failure
  // (unreachable, timed out, shut down, not permitted), worth retrying (the connection is
  // reopened on the next call).
  Status Append(const std::vector<domain::DecisionRecord>& decisions);

 private:
  struct Connection;
  Status Connect();

  const std::string connection_string_;
  const std::string session_role_;
  std::mutex mutex_;  // one batch at a time on the one connection
  std::unique_ptr<Connection> connection_;
};

// The batch in PostgreSQL's binary COPY format (header, one tuple per decision, trailer), for
// the columns of kDecisionReceiptColumns. Exposed for its unit test.
Result<std::string> EncodeDecisionReceipts(const std::vector<domain::DecisionRecord>& decisions);
extern const char kDecisionReceiptColumns[];

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_DECISION_RECEIPTS_H_
