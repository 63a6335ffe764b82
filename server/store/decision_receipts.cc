#include "store/decision_receipts.h"

#include <libpq-fe.h>

#include <cstring>

namespace disposal::store {

const char kDecisionReceiptColumns[] =
    "decision_id, decided_at, actor, disposal_id, bidder, outcome, registry_version, request, "
    "decision";

namespace {

constexpr int16_t kColumnCount = 9;
// PostgreSQL counts timestamps from 2000-01-01 00:00 UTC; Unix time from 1970-01-01.
constexpr int64_t kPostgresEpochUnixMicros = 946'684'800LL * 1'000'000;
// Server-side bound on one batch's COPY (5,000 receipts take tens of milliseconds). It bounds a
// write under way at shutdown too, against a table locked (an index built during an upgrade):
// drain, flush and this together stay within the stop's bound (server/stop_watchdog.h). A COPY
// cut short is retried.
constexpr char kStatementTimeout[] = "SET statement_timeout = '5s'";

void PutBigEndian(uint64_t value, int bytes, std::string& out) {
  for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
    out += static_cast<char>((value >> shift) & 0xFF);
  }
}

void PutInt16(int16_t value, std::string& out) {
  PutBigEndian(static_cast<uint16_t>(value), 2, out);
}
void PutInt32(int32_t value, std::string& out) {
  PutBigEndian(static_cast<uint32_t>(value), 4, out);
}

void PutInt64Field(int64_t value, std::string& out) {
  PutInt32(8, out);
  PutBigEndian(static_cast<uint64_t>(value), 8, out);
}

void PutBytesField(const std::string& bytes, std::string& out) {
  PutInt32(static_cast<int32_t>(bytes.size()), out);
  out += bytes;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A UUID's text form as its 16 bytes.
Status PutUuidField(const std::string& text, const char* field, std::string& out) {
  if (text.size() != 36) return Error::InvalidArgument(field, "must be a UUID");
  char bytes[16];
  size_t n = 0;
  for (size_t i = 0; i < text.size();) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i] != '-') return Error::InvalidArgument(field, "must be a UUID");
      ++i;
      continue;
    }
    const int high = HexValue(text[i]), low = HexValue(text[i + 1]);
    if (high < 0 || low < 0) return Error::InvalidArgument(field, "must be a UUID");
    bytes[n++] = static_cast<char>(high << 4 | low);
    i += 2;
  }
  PutInt32(16, out);
  out.append(bytes, sizeof bytes);
  return OkStatus();
}

Status PutRecord(const domain::DecisionRecord& d, std::string& out) {
  PutInt16(kColumnCount, out);
  RETURN_IF_ERROR(PutUuidField(d.decision_id, "decision_id", out));
  PutInt64Field(d.decided_micros - kPostgresEpochUnixMicros, out);
  PutBytesField(d.actor, out);
  RETURN_IF_ERROR(PutUuidField(d.disposal_id, "disposal_id", out));
  PutBytesField(d.bidder, out);
  PutBytesField(d.outcome, out);
  PutInt64Field(d.registry_version, out);
  PutBytesField(d.request, out);
  PutBytesField(d.decision, out);
  return OkStatus();
}

// What one tuple takes: the field count, nine lengths, two UUIDs, two int64s, the rest.
size_t EncodedSize(const domain::DecisionRecord& d) {
  return 2 + 9 * 4 + 2 * 16 + 2 * 8 + d.actor.size() + d.bidder.size() + d.outcome.size() +
         d.request.size() + d.decision.size();
}

std::string LastError(PGconn* connection) {
  std::string message = PQerrorMessage(connection);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  return message;
}

}  // namespace

Result<std::string> EncodeDecisionReceipts(const std::vector<domain::DecisionRecord>& decisions) {
  static constexpr char kSignature[] = "PGCOPY\n\377\r\n";  // 11 bytes with its NUL
  std::string out(kSignature, sizeof kSignature);
  PutInt32(0, out);  // flags: no OIDs
  PutInt32(0, out);  // no header extension
  size_t size = out.size() + 2;
  for (const domain::DecisionRecord& decision : decisions) size += EncodedSize(decision);
  out.reserve(size);  // one allocation for the batch, not a doubling per few hundred tuples
  for (const domain::DecisionRecord& decision : decisions) {
    RETURN_IF_ERROR(PutRecord(decision, out));
  }
  PutInt16(-1, out);  // trailer
  return out;
}

struct DecisionReceiptWriter::Connection {
  PGconn* pg = nullptr;
  ~Connection() { PQfinish(pg); }
};

DecisionReceiptWriter::DecisionReceiptWriter(std::string connection_string,
                                             std::string session_role)
    : connection_string_(std::move(connection_string)), session_role_(std::move(session_role)) {}

DecisionReceiptWriter::~DecisionReceiptWriter() = default;

Status DecisionReceiptWriter::Connect() {
  auto connection = std::make_unique<Connection>();
  connection->pg = PQconnectdb(connection_string_.c_str());
  if (PQstatus(connection->pg) != CONNECTION_OK) {
    return Error::Unavailable("receipts: cannot connect: " + LastError(connection->pg));
  }
  std::string setup = kStatementTimeout;
  if (!session_role_.empty()) {
    // The server's narrower rights, as on every pooled connection, whatever the login's.
    char* role = PQescapeIdentifier(connection->pg, session_role_.c_str(), session_role_.size());
    if (role == nullptr) return Error::Unavailable("receipts: " + LastError(connection->pg));
    setup += std::string("; SET ROLE ") + role;
    PQfreemem(role);
  }
  PGresult* result = PQexec(connection->pg, setup.c_str());
  const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
  PQclear(result);
  if (!ok) return Error::Unavailable("receipts: " + LastError(connection->pg));
  connection_ = std::move(connection);
  return OkStatus();
}

Status DecisionReceiptWriter::Append(const std::vector<domain::DecisionRecord>& decisions) {
  if (decisions.empty()) return OkStatus();
  ASSIGN_OR_RETURN(std::string data, EncodeDecisionReceipts(decisions));
  std::lock_guard<std::mutex> lock(mutex_);
  if (!connection_ || PQstatus(connection_->pg) != CONNECTION_OK) {
    connection_.reset();
    RETURN_IF_ERROR(Connect());
  }
  PGconn* pg = connection_->pg;
  const std::string copy = std::string("COPY eligibility_decisions (") + kDecisionReceiptColumns +
                           ") FROM STDIN (FORMAT binary)";
  PGresult* started = PQexec(pg, copy.c_str());
  const bool copying = PQresultStatus(started) == PGRES_COPY_IN;
  PQclear(started);
  if (!copying) {
    const std::string reason = LastError(pg);
    connection_.reset();
    return Error::Unavailable("receipts: COPY refused: " + reason);
  }
  const bool sent = PQputCopyData(pg, data.data(), static_cast<int>(data.size())) == 1 &&
                    PQputCopyEnd(pg, nullptr) == 1;
  std::string failure = sent ? "" : LastError(pg);
  std::string sqlstate;
  // Drain every result so that the connection is ready for the next batch.
  while (PGresult* result = PQgetResult(pg)) {
    if (PQresultStatus(result) != PGRES_COMMAND_OK && failure.empty()) {
      failure = PQresultErrorMessage(result);
      const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
      sqlstate = state ? state : "";
    }
    PQclear(result);
  }
  if (failure.empty()) return OkStatus();
  // Only a data exception (class 22) or a broken constraint (class 23) is a fault in the batch
  // itself, and leaves the connection as good as it was (the writer halves a refused batch to
  // find the receipt at fault: a new connection per attempt would be many). Anything else (a
  // lost connection, a timeout, a shutdown, a missing privilege) says nothing against the
  // receipts, and they must be written once it is over, on a new connection.
  const std::string sqlclass = sqlstate.substr(0, 2);
  if (sqlclass == "22" || sqlclass == "23") {
    return Error::Internal("receipts: COPY refused (SQLSTATE " + sqlstate + "): " + failure);
  }
  connection_.reset();
  return Error::Unavailable("receipts: COPY failed" +
                            (sqlstate.empty() ? "" : " (SQLSTATE " + sqlstate + ")") + ": " +
                            failure);
}

}  // namespace disposal::store
