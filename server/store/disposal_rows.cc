#include "store/disposal_rows.h"

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

#include "domain/text_rules.h"
#include "store/claim_rows.h"
#include "store/disposal_codes.h"
#include "store/sql_values.h"

namespace disposal::store {
namespace {

using domain::Disposal;
using domain::DisposalContent;
using domain::DisposalRecord;
using nlohmann::json;

template <typename Enum>
std::string CodeArray(const std::vector<Enum>& values) {
  std::string literal = "{";
  for (size_t i = 0; i < values.size(); ++i) literal += (i ? "," : "") + ToCode(values[i]);
  return literal + "}";
}

std::vector<std::string> SplitCommas(const std::string& text) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    parts.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return parts;
}

json ContactJson(const domain::Contact& contact) {
  return json{{"name", contact.name}, {"phones", contact.phones}};
}

domain::Contact ContactFrom(const json& value) {
  return {value.at("name").get<std::string>(), value.at("phones").get<std::vector<std::string>>()};
}

std::string ContactDetailsJson(const domain::ContactDetails& details) {
  json contacts = json::array();
  for (const domain::Contact& contact : details.contacts) contacts.push_back(ContactJson(contact));
  json value{{"contacts", contacts}, {"address", details.address}, {"postcode", details.postcode}};
  if (details.supervisory_contact) value["supervisory"] = ContactJson(*details.supervisory_contact);
  return value.dump();
}

domain::ContactDetails ContactDetailsFrom(const std::string& text) {
  const json value = json::parse(text);
  domain::ContactDetails details;
  for (const json& contact : value.at("contacts")) details.contacts.push_back(ContactFrom(contact));
  details.address = value.at("address").get<std::string>();
  details.postcode = value.at("postcode").get<std::string>();
  if (value.contains("supervisory"))
    details.supervisory_contact = ContactFrom(value["supervisory"]);
  return details;
}

template <typename T>
T Expect(Result<T> result) {
  if (!result.ok()) throw std::runtime_error("corrupt value in the disposals tables");
  return std::move(result).value();
}

constexpr const char* kDisposalColumns =
    "id::text, version, title, stored_state, array_to_string(methods, ','), "
    "array_to_string(payment_terms, ','), deposit::text, reserve_price::text, "
    "contact_details::text, validity_months, window_working_days, publication_date::text, "
    "objection_deadline_date::text, (extract(epoch FROM window_end_time) * 1000000)::bigint, "
    "validity_end_date::text, (extract(epoch FROM create_time) * 1000000)::bigint, "
    "(extract(epoch FROM update_time) * 1000000)::bigint, window_counting";

Disposal DisposalFromRow(const pqxx::row& row) {
  Disposal d;
  d.id = row[0].as<std::string>();
  d.version = row[1].as<int64_t>();
  DisposalContent& c = d.content;
  c.title = row[2].as<std::string>();
  d.stored_state = StoredStateFromCode(row[3].as<std::string>());
  for (const std::string& code : SplitCommas(row[4].as<std::string>()))
    c.methods.push_back(DisposalMethodFromCode(code));
  for (const std::string& code : SplitCommas(row[5].as<std::string>()))
    c.payment_terms.push_back(PaymentTermFromCode(code));
  c.deposit = Expect(domain::Money::Parse(row[6].c_str()));
  if (!row[7].is_null()) c.reserve_price = Expect(domain::Money::Parse(row[7].c_str()));
  c.contact_details = ContactDetailsFrom(row[8].as<std::string>());
  c.validity_months = row[9].as<int>();
  c.window_working_days = row[10].as<int>();
  c.window_counting = PeriodCountingFromCode(
      row[17].is_null() ? std::nullopt : std::optional<std::string>(row[17].as<std::string>()));
  if (!row[11].is_null()) {
    domain::Publication p;
    p.publication_date = Expect(domain::ParseIsoDate(row[11].c_str()));
    p.objection_deadline_date = Expect(domain::ParseIsoDate(row[12].c_str()));
    p.window_end_micros = row[13].as<int64_t>();
    p.validity_end_date = Expect(domain::ParseIsoDate(row[14].c_str()));
    d.publication = p;
  }
  d.create_time_micros = row[15].as<int64_t>();
  d.update_time_micros = row[16].as<int64_t>();
  return d;
}

void LoadChannels(pqxx::work& txn, std::map<std::string, DisposalRecord*>& by_id,
                  const std::string& ids) {
  for (const pqxx::row& row :
       txn.exec_params("SELECT disposal_id::text, kind, name, level FROM disposal_channels "
                       "WHERE disposal_id = ANY($1::uuid[]) ORDER BY disposal_id, position",
                       ids)) {
    domain::PublicationChannel channel{ChannelKindFromCode(row[1].as<std::string>()),
                                       row[2].as<std::string>(),
                                       NewspaperLevelFromCode(row[3].as<std::string>())};
    by_id.at(row[0].as<std::string>())->disposal.content.channels.push_back(channel);
  }
}

void LoadLots(pqxx::work& txn, std::map<std::string, DisposalRecord*>& by_id,
              const std::string& ids) {
  for (const pqxx::row& row :
       txn.exec_params("SELECT disposal_id::text, id::text, claim_id::text, tranche_number, "
                       "reserve_price::text, published_book_value::text FROM disposal_lots "
                       "WHERE disposal_id = ANY($1::uuid[]) ORDER BY disposal_id, position",
                       ids)) {
    DisposalRecord& record = *by_id.at(row[0].as<std::string>());
    domain::Lot lot;
    lot.id = row[1].as<std::string>();
    lot.claim_id = row[2].as<std::string>();
    if (!row[3].is_null()) lot.tranche_number = row[3].as<int>();
    if (!row[4].is_null()) lot.reserve_price = Expect(domain::Money::Parse(row[4].c_str()));
    record.disposal.content.lots.push_back(lot);
    if (!row[5].is_null()) {
      record.lot_book_values.push_back(Expect(domain::Money::Parse(row[5].c_str())));
    }
  }
}

void LoadSubmissionSummaries(pqxx::work& txn, std::map<std::string, DisposalRecord*>& by_id,
                             const std::string& ids) {
  for (const pqxx::row& row : txn.exec_params(
           "SELECT disposal_id::text, id::text, number, kind, resolution, "
           "coalesce(lot_id::text, '') FROM submissions WHERE disposal_id = ANY($1::uuid[]) "
           "ORDER BY disposal_id, number",
           ids)) {
    domain::SubmissionSummary summary;
    summary.id = row[1].as<std::string>();
    summary.number = row[2].as<int>();
    summary.kind = SubmissionKindFromCode(row[3].as<std::string>());
    summary.resolution = ResolutionFromCode(row[4].as<std::string>());
    summary.lot_id = row[5].as<std::string>();
    by_id.at(row[0].as<std::string>())->submissions.push_back(summary);
  }
}

// SQL: recorded by the time in $2 (microseconds since the epoch), or by now when $2 is NULL.
constexpr char kRecordedBy[] =
    "recorded_at <= coalesce(to_timestamp(0) + $2::bigint * interval '1 microsecond', "
    "'infinity')";

// SQL: the journal entry in `entry_column` has no reversal recorded by then.
std::string NotReversedBy(const std::string& entry_column) {
  return " AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses = " + entry_column +
         " AND r." + kRecordedBy + ")";
}

// The lots' standing sales: each lot's outcome whose entry was recorded, and not reversed, by
// `as_of_micros` (now when absent), and whether the buyer's payments standing then cover its
// price.
void LoadSales(pqxx::work& txn, std::map<std::string, DisposalRecord*>& by_id,
               const std::string& ids, std::optional<int64_t> as_of_micros) {
  const std::string paid =
      "coalesce((SELECT sum(p.amount) FROM payments p "
      "JOIN journal_entries pe ON pe.entry_id = p.entry_id WHERE p.outcome_id = o.id AND pe." +
      std::string(kRecordedBy) + NotReversedBy("p.entry_id") + "), 0)";
  const std::optional<std::string> as_of =
      as_of_micros ? std::optional<std::string>(std::to_string(*as_of_micros)) : std::nullopt;
  for (const pqxx::row& row :
       txn.exec_params("SELECT l.disposal_id::text, o.lot_id::text, o.id::text, " + paid +
                           " >= o.price FROM disposal_lots l JOIN outcomes o ON o.lot_id = l.id "
                           "JOIN journal_entries e ON e.entry_id = o.entry_id "
                           "WHERE l.disposal_id = ANY($1::uuid[]) AND e." +
                           kRecordedBy + NotReversedBy("o.entry_id"),
                       ids, OrNull(as_of))) {
    by_id.at(row[0].as<std::string>())->disposal.sales[row[1].as<std::string>()] =
        domain::LotSale{row[2].as<std::string>(), row[3].as<bool>()};
  }
}

}  // namespace

const char* const kSubmissionColumns =
    "id::text, number, disposal_id::text, coalesce(lot_id::text, ''), kind, channel, "
    "(extract(epoch FROM received_time) * 1000000)::bigint, submitter, submitter_contact, text, "
    "late, resolution, resolution_note, "
    "coalesce((extract(epoch FROM resolve_time) * 1000000)::bigint, 0), resolved_by";

domain::Submission SubmissionFromRow(const pqxx::row& row) {
  domain::Submission s;
  s.id = row[0].as<std::string>();
  s.number = row[1].as<int>();
  s.disposal_id = row[2].as<std::string>();
  s.lot_id = row[3].as<std::string>();
  s.kind = SubmissionKindFromCode(row[4].as<std::string>());
  s.channel = row[5].as<std::string>();
  s.received_micros = row[6].as<int64_t>();
  s.submitter = row[7].as<std::string>();
  s.submitter_contact = row[8].as<std::string>();
  s.text = row[9].as<std::string>();
  s.late = row[10].as<bool>();
  s.resolution = ResolutionFromCode(row[11].as<std::string>());
  s.resolution_note = row[12].as<std::string>();
  s.resolve_micros = row[13].as<int64_t>();
  s.resolved_by = row[14].as<std::string>();
  return s;
}

std::string InsertDisposal(pqxx::work& txn, const DisposalContent& c) {
  pqxx::result row = txn.exec_params(
      "INSERT INTO disposals (id, version, title, stored_state, methods, payment_terms, deposit, "
      "reserve_price, contact_details, validity_months, window_working_days, window_counting) "
      "VALUES (gen_random_uuid(), 1, $1, 'draft', $2::text[], $3::text[], $4::numeric, "
      "$5::numeric, $6::jsonb, $7, $8, $9) RETURNING id::text",
      c.title, CodeArray(c.methods), CodeArray(c.payment_terms), c.deposit.ToString(),
      OrNull(MoneyText(c.reserve_price)), ContactDetailsJson(c.contact_details), c.validity_months,
      c.window_working_days, ToCode(c.window_counting));
  const std::string id = row[0][0].as<std::string>();
  ReplaceChannelsAndLots(txn, id, c);
  return id;
}

bool UpdateDraftRow(pqxx::work& txn, const std::string& id, int64_t expected_version,
                    const DisposalContent& c) {
  return !txn.exec_params(
                 "UPDATE disposals SET version = version + 1, update_time = now(), title = $3, "
                 "methods = $4::text[], payment_terms = $5::text[], deposit = $6::numeric, "
                 "reserve_price = $7::numeric, contact_details = $8::jsonb, "
                 "validity_months = $9, window_working_days = $10, window_counting = $11 "
                 "WHERE id = $1::uuid AND version = $2 AND stored_state = 'draft' RETURNING 1",
                 id, expected_version, c.title, CodeArray(c.methods), CodeArray(c.payment_terms),
                 c.deposit.ToString(), OrNull(MoneyText(c.reserve_price)),
                 ContactDetailsJson(c.contact_details), c.validity_months, c.window_working_days,
                 ToCode(c.window_counting))
              .empty();
}

std::optional<Error> RefuseMovingLotsWithSubmissions(pqxx::work& txn, const std::string& id,
                                                     const DisposalContent& c) {
  const pqxx::result named = txn.exec_params(
      "SELECT l.position, l.claim_id::text, l.tranche_number, count(*) "
      "FROM disposal_lots l JOIN submissions s ON s.lot_id = l.id "
      "WHERE l.disposal_id = $1::uuid GROUP BY l.position, l.claim_id, l.tranche_number "
      "ORDER BY l.position",
      id);
  for (const pqxx::row& row : named) {
    const auto position = row[0].as<size_t>();
    const std::string lot = "lot " + std::to_string(position + 1) + " is named by " +
                            row[3].as<std::string>() + " submission(s)";
    if (position >= c.lots.size()) {
      return Error::FailedPrecondition(lot + " and cannot be removed");
    }
    const domain::Lot& kept = c.lots[position];
    const bool same_tranche = row[2].is_null() ? !kept.tranche_number.has_value()
                                               : kept.tranche_number.has_value() &&
                                                     *kept.tranche_number == row[2].as<int>();
    if (domain::AsciiLowercase(kept.claim_id) != row[1].as<std::string>() || !same_tranche) {
      return Error::FailedPrecondition(
          lot + ": it must go on offering the same claim and tranche (add a lot instead)");
    }
  }
  return std::nullopt;
}

void ReplaceChannelsAndLots(pqxx::work& txn, const std::string& id, const DisposalContent& c) {
  txn.exec_params("DELETE FROM disposal_channels WHERE disposal_id = $1::uuid", id);
  for (size_t i = 0; i < c.channels.size(); ++i) {
    txn.exec_params(
        "INSERT INTO disposal_channels (disposal_id, position, kind, name, level) "
        "VALUES ($1, $2, $3, $4, $5)",
        id, static_cast<int>(i), ToCode(c.channels[i].kind), c.channels[i].name,
        ToCode(c.channels[i].level));
  }
  txn.exec_params("DELETE FROM disposal_lots WHERE disposal_id = $1::uuid AND position >= $2", id,
                  static_cast<int>(c.lots.size()));
  for (size_t i = 0; i < c.lots.size(); ++i) {
    const domain::Lot& lot = c.lots[i];
    const std::optional<std::string> tranche =
        lot.tranche_number ? std::optional<std::string>(std::to_string(*lot.tranche_number))
                           : std::nullopt;
    txn.exec_params(
        "INSERT INTO disposal_lots (id, disposal_id, position, claim_id, tranche_number, "
        "reserve_price) VALUES (gen_random_uuid(), $1, $2, $3::uuid, $4::int, $5::numeric) "
        "ON CONFLICT (disposal_id, position) DO UPDATE SET claim_id = excluded.claim_id, "
        "tranche_number = excluded.tranche_number, reserve_price = excluded.reserve_price",
        id, static_cast<int>(i), lot.claim_id, OrNull(tranche),
        OrNull(MoneyText(lot.reserve_price)));
  }
}

std::vector<DisposalRecord> LoadDisposals(pqxx::work& txn, const std::vector<std::string>& ids,
                                          std::optional<int64_t> as_of_micros) {
  std::vector<std::string> valid;
  for (const std::string& id : ids) {
    if (domain::IsUuid(id)) valid.push_back(id);
  }
  if (valid.empty()) return {};
  const std::string id_array = PlainArrayLiteral(valid);
  std::map<std::string, DisposalRecord> loaded;
  for (const pqxx::row& row : txn.exec_params(
           std::string("SELECT ") + kDisposalColumns + " FROM disposals WHERE id = ANY($1::uuid[])",
           id_array)) {
    DisposalRecord record;
    record.disposal = DisposalFromRow(row);
    loaded.emplace(record.disposal.id, std::move(record));
  }
  std::map<std::string, DisposalRecord*> by_id;
  for (auto& [id, record] : loaded) by_id.emplace(id, &record);
  LoadChannels(txn, by_id, id_array);
  LoadLots(txn, by_id, id_array);
  LoadSubmissionSummaries(txn, by_id, id_array);
  LoadSales(txn, by_id, id_array, as_of_micros);
  std::vector<DisposalRecord> ordered;
  for (const std::string& id : valid) {
    auto found = loaded.find(id);
    if (found != loaded.end()) ordered.push_back(std::move(found->second));
  }
  return ordered;
}

Error DisposalUpdateRefusal(pqxx::work& txn, const std::string& id, int64_t expected_version,
                            const std::string& required_state, const std::string& action) {
  pqxx::result row =
      txn.exec_params("SELECT version, stored_state FROM disposals WHERE id = $1::uuid", id);
  if (row.empty()) return Error::NotFound("disposal " + id + " does not exist");
  const std::string state = row[0][1].as<std::string>();
  if (state != required_state) {
    return Error::FailedPrecondition("cannot " + action + " disposal " + id + ": it is " + state);
  }
  return Error::Aborted("disposal " + id + " is at version " + row[0][0].as<std::string>() +
                        ", not " + std::to_string(expected_version) +
                        ": someone changed it since you read it; read it again and reapply");
}

}  // namespace disposal::store
