#include <initializer_list>
#include <optional>
#include <type_traits>
#include <unordered_map>

#include "domain/identifiers.h"
#include "domain/registry_repository.h"
#include "domain/text_rules.h"

namespace disposal::domain {
namespace {

// A removal names what is stored, which may have been taken under older check-character rules
// (GetRegistryParty shows such entries): it is held to the stored shape only, else a wrong
// entry could be looked at but never taken out.
Status CheckPerson(const std::string& national_id, const std::string& field, bool removal) {
  if (removal) {
    if (IsNationalIdShaped(national_id)) return OkStatus();
    return Error::InvalidArgument(
        field, "must be 17 digits then a digit or X, got " + Quoted(national_id));
  }
  auto id = ValidateNationalId(national_id);
  // `field` already ends with the column's name ("national_id", "other_national_id").
  if (!id.ok()) return Error::InvalidArgument(field, id.error().reason);
  return OkStatus();
}

constexpr size_t kRegistryTextCharactersMax = 200;

Status CheckOrganization(const std::string& credit_code, const std::string& field, bool removal) {
  if (removal) {
    if (IsCreditCodeShaped(credit_code)) return OkStatus();
    return Error::InvalidArgument(
        field, "must be 18 characters of the credit code's alphabet, got " + Quoted(credit_code));
  }
  auto code = ValidateCreditCode(credit_code);
  // `field` already ends with the column's name ("credit_code", "employer_credit_code").
  if (!code.ok()) return Error::InvalidArgument(field, code.error().reason);
  return OkStatus();
}

// Names, employers and list sources: valid UTF-8 of at most 200 characters (counted as
// characters, so that a Chinese name has the same room as a Latin one).
Status CheckName(const std::string& name, const std::string& field, bool required) {
  if (required && name.empty()) return Error::InvalidArgument(field, "is required");
  return CheckText(name, field, 0, kRegistryTextCharactersMax);
}

Status CheckRange(const DayRange& range, const std::string& field) {
  if (range.to_day != kOpenEnded && range.to_day < range.from_day) {
    return Error::InvalidArgument(field + ".valid_to", "is before valid_from");
  }
  return OkStatus();
}

// Percent of a shareholding: empty, or a plain decimal in (0, 100].
// A plain decimal number of percent with at most 4 decimals (what the registry stores), in
// (0, 100]: "30" or "4.5", never "30%" or "0.3" meant as a fraction.
Status CheckPercent(const std::string& percent, const std::string& field) {
  if (percent.empty()) return OkStatus();
  const std::string reason =
      "must be a number of percent in (0, 100] with at most 4 decimals, "
      "e.g. 30 or 4.5, got " +
      Quoted(percent);
  const size_t point = percent.find('.');
  const std::string whole = percent.substr(0, point);
  const std::string fraction = point == std::string::npos ? "" : percent.substr(point + 1);
  const auto digits_only = [](const std::string& text) {
    return text.find_first_not_of("0123456789") == std::string::npos;
  };
  if (whole.empty() || whole.size() > 3 || !digits_only(whole) || !digits_only(fraction) ||
      (point != std::string::npos && fraction.empty()) || fraction.size() > 4) {
    return Error::InvalidArgument(field, reason);
  }
  const int units = std::stoi(whole);
  const bool fraction_zero = fraction.find_first_not_of('0') == std::string::npos;
  if ((units == 0 && fraction_zero) || units > 100 || (units == 100 && !fraction_zero)) {
    return Error::InvalidArgument(field, reason);
  }
  return OkStatus();
}

Status CheckEntry(const RegistryPersonChange& p, const std::string& field, bool removal) {
  RETURN_IF_ERROR(CheckPerson(p.national_id, field + ".national_id", removal));
  return CheckName(p.name, field + ".name", true);
}

Status CheckEntry(const OrganizationEntry& o, const std::string& field, bool removal) {
  RETURN_IF_ERROR(CheckOrganization(o.credit_code, field + ".credit_code", removal));
  return CheckName(o.name, field + ".name", true);
}

Status CheckEntry(const RegistryRoleChange& r, const std::string& field, bool removal) {
  RETURN_IF_ERROR(CheckPerson(r.national_id, field + ".national_id", removal));
  if (r.role.role == PersonRole::kDebtorManagement) {
    RETURN_IF_ERROR(
        CheckOrganization(r.role.employer_credit_code, field + ".employer_credit_code", removal));
  } else if (!r.role.employer_credit_code.empty()) {
    RETURN_IF_ERROR(
        CheckOrganization(r.role.employer_credit_code, field + ".employer_credit_code", removal));
  }
  RETURN_IF_ERROR(CheckName(r.role.employer, field + ".employer", false));
  return CheckRange(r.role.valid, field);
}

Status CheckEntry(const RegistryRelationChange& r, const std::string& field, bool removal) {
  RETURN_IF_ERROR(CheckPerson(r.national_id, field + ".national_id", removal));
  RETURN_IF_ERROR(CheckPerson(r.other_national_id, field + ".other_national_id", removal));
  if (r.national_id == r.other_national_id) {
    return Error::InvalidArgument(field + ".other_national_id", "is the same person");
  }
  return OkStatus();
}

Status CheckEntry(const RegistryParticipationChange& p, const std::string& field, bool removal) {
  RETURN_IF_ERROR(CheckPerson(p.national_id, field + ".national_id", removal));
  RETURN_IF_ERROR(CheckOrganization(p.credit_code, field + ".credit_code", removal));
  RETURN_IF_ERROR(CheckPercent(p.percent, field + ".percent"));
  return CheckRange(p.valid, field);
}

Status CheckEntry(const RegistryEngagementChange& e, const std::string& field, bool removal) {
  if (!IsUuid(e.disposal_id)) {
    return NotAUuid(field + ".disposal_id", e.disposal_id);
  }
  RETURN_IF_ERROR(CheckPerson(e.national_id, field + ".national_id", removal));
  switch (e.role) {
    case PersonRole::kAmcStaff:
    case PersonRole::kLawyer:
    case PersonRole::kAccountant:
    case PersonRole::kAppraiser:
    case PersonRole::kAuctioneer:
    case PersonRole::kAppraisalAgencyHead:
      return OkStatus();
    default:
      return Error::InvalidArgument(
          field + ".role", "must be AMC staff, an intermediary or an appraisal agency head");
  }
}

// Whether `identifier` is shaped as a national ID (17 digits, then a digit or X). Some credit
// codes are too (all digits): such an identifier is whichever of the two it validates as, and
// a mistyped one is named as a national ID, the likelier of the two.
bool ShapedAsNationalId(const std::string& identifier) {
  if (identifier.size() != 18) return false;
  for (size_t i = 0; i < 17; ++i) {
    if (identifier[i] < '0' || identifier[i] > '9') return false;
  }
  const char last = identifier[17];
  return (last >= '0' && last <= '9') || last == 'X' || last == 'x';
}

Status CheckEntry(const RegistryListChange& l, const std::string& field, bool removal) {
  if (ShapedAsNationalId(l.identifier)) {
    if (!ValidateCreditCode(l.identifier).ok()) {
      RETURN_IF_ERROR(CheckPerson(l.identifier, field + ".identifier.national_id", removal));
    }
  } else {
    RETURN_IF_ERROR(CheckOrganization(l.identifier, field + ".identifier", removal));
  }
  RETURN_IF_ERROR(CheckName(l.source, field + ".source", true));
  return CheckName(l.list_version, field + ".list_version", true);
}

// The national IDs an entry names, with their field names.
std::vector<std::pair<const std::string*, const char*>> PersonIds(const RegistryChange& change) {
  using Ids = std::vector<std::pair<const std::string*, const char*>>;
  return std::visit(
      [](const auto& e) -> Ids {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, OrganizationEntry>) {
          return {};
        } else if constexpr (std::is_same_v<T, RegistryRelationChange>) {
          return {{&e.national_id, "national_id"}, {&e.other_national_id, "other_national_id"}};
        } else if constexpr (std::is_same_v<T, RegistryListChange>) {
          // As CheckEntry decides: an identifier that is a valid credit code names an
          // organisation, even when its digits would also read as a national ID.
          if (ValidateCreditCode(e.identifier).ok()) return {};
          return {{&e.identifier, "identifier"}};
        } else {
          return {{&e.national_id, "national_id"}};
        }
      },
      change.entry);
}

const char* EntryName(size_t index) {
  static const char* kNames[] = {"person",        "organization", "role",      "relation",
                                 "participation", "engagement",   "list_entry"};
  return kNames[index];
}

// An added entry's key, as the store replaces by it, and the rest of what it holds; none for
// entries whose key is all they hold.
struct KeyAndContents {
  std::string key;       // the kind and the key's values, for lookup
  std::string name;      // how a message names the entry
  std::string contents;  // the other values
};

// Values joined with a separator no valid value holds.
std::string Joined(std::initializer_list<std::string> values) {
  std::string joined;
  for (const std::string& value : values) joined += value + '\x1f';
  return joined;
}

std::string Flag(bool on) { return on ? "1" : "0"; }

std::string RangeText(const DayRange& range) {
  return std::to_string(range.from_day) + "-" + std::to_string(range.to_day);
}

std::optional<KeyAndContents> KeyAndContentsOf(const RegistryChange& change) {
  return std::visit(
      [](const auto& e) -> std::optional<KeyAndContents> {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, RegistryPersonChange>) {
          return KeyAndContents{"p" + e.national_id, "person " + e.national_id,
                                Joined({e.name, Flag(e.declared_incapacitated)})};
        } else if constexpr (std::is_same_v<T, OrganizationEntry>) {
          return KeyAndContents{"o" + e.credit_code, "organization " + e.credit_code,
                                Joined({e.name, Flag(e.financial_institution), Flag(e.state_owned),
                                        Flag(e.deregistered)})};
        } else if constexpr (std::is_same_v<T, RegistryRoleChange>) {
          return KeyAndContents{
              "r" + Joined({e.national_id, std::to_string(static_cast<int>(e.role.role)),
                            std::to_string(e.role.valid.from_day)}),
              "role of " + e.national_id + " (the same role from the same day)",
              Joined({e.role.employer, e.role.employer_credit_code,
                      std::to_string(e.role.valid.to_day)})};
        } else if constexpr (std::is_same_v<T, RegistryParticipationChange>) {
          return KeyAndContents{
              "s" + Joined({e.national_id, e.credit_code, std::to_string(static_cast<int>(e.kind)),
                            std::to_string(e.valid.from_day)}),
              "participation of " + e.national_id + " in " + e.credit_code +
                  " (the same kind from the same day)",
              Joined({e.percent, RangeText(e.valid)})};
        } else if constexpr (std::is_same_v<T, RegistryListChange>) {
          return KeyAndContents{
              "l" + Joined({std::to_string(static_cast<int>(e.kind)), e.identifier}),
              "list entry of " + e.identifier + " (the same list)",
              Joined({e.source, e.list_version})};
        } else {
          return std::nullopt;
        }
      },
      change.entry);
}

}  // namespace

std::vector<ConflictingAddition> FindConflictingAdditions(
    const std::vector<RegistryChange>& changes, size_t most) {
  struct Added {
    size_t change;
    std::string contents;
  };
  std::unordered_map<std::string, Added> added;
  std::vector<ConflictingAddition> conflicts;
  for (size_t i = 0; i < changes.size() && conflicts.size() < most; ++i) {
    std::optional<KeyAndContents> entry = KeyAndContentsOf(changes[i]);
    if (!entry) continue;
    if (changes[i].remove) {
      added.erase(entry->key);
      continue;
    }
    auto [it, first] = added.try_emplace(entry->key, Added{i, entry->contents});
    if (!first && it->second.contents != entry->contents) {
      conflicts.push_back({i, it->second.change, entry->name});
    }
  }
  return conflicts;
}

Status ValidateRegistryChange(const RegistryChange& change, const std::string& prefix) {
  const std::string field = prefix + "." + EntryName(change.entry.index());
  return std::visit([&](const auto& entry) { return CheckEntry(entry, field, change.remove); },
                    change.entry);
}

Status CheckBornByToday(const RegistryChange& change, const Date& today,
                        const std::string& prefix) {
  if (change.remove) return OkStatus();
  const std::string field = prefix + "." + EntryName(change.entry.index()) + ".";
  for (const auto& [id, name] : PersonIds(change)) {
    if (!ValidateNationalId(*id).ok()) continue;  // checked before
    auto born = ValidateNationalId(*id, today);
    if (!born.ok()) return Error::InvalidArgument(field + name, born.error().reason);
  }
  return OkStatus();
}

std::vector<RegistryReference> ReferencesOf(const RegistryChange& change) {
  using Kind = RegistryReference::Kind;
  if (change.remove) return {};
  if (const auto* r = std::get_if<RegistryRoleChange>(&change.entry)) {
    return {{Kind::kPerson, "national_id", r->national_id}};
  }
  if (const auto* r = std::get_if<RegistryRelationChange>(&change.entry)) {
    return {{Kind::kPerson, "national_id", r->national_id},
            {Kind::kPerson, "other_national_id", r->other_national_id}};
  }
  if (const auto* p = std::get_if<RegistryParticipationChange>(&change.entry)) {
    return {{Kind::kPerson, "national_id", p->national_id},
            {Kind::kOrganization, "credit_code", p->credit_code}};
  }
  if (const auto* e = std::get_if<RegistryEngagementChange>(&change.entry)) {
    return {{Kind::kDisposal, "disposal_id", AsciiLowercase(e->disposal_id)},
            {Kind::kPerson, "national_id", e->national_id}};
  }
  return {};
}

}  // namespace disposal::domain
