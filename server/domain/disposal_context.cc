#include "domain/disposal_context.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <tuple>

#include "domain/text_rules.h"

namespace disposal::domain {
namespace {

bool SameParty(const Party& a, const Party& b) {
  return std::tie(a.kind, a.name, a.identifier, a.financial_institution, a.state_owned) ==
         std::tie(b.kind, b.name, b.identifier, b.financial_institution, b.state_owned);
}

// A disposal offers a handful of claims, each with a handful of parties: a linear search is
// the simplest way to keep each party once.
// True when `party` was added.
bool AddOnce(const Party& party, std::vector<Party>& parties) {
  for (const Party& known : parties) {
    if (SameParty(known, party)) return false;
  }
  parties.push_back(party);
  return true;
}

// A guarantor or pledgor, once, with what it is; one that is both is named a guarantor, whatever
// order the claims came in.
void AddWithRole(const Party& party, const char* role, DisposalContext& context) {
  if (AddOnce(party, context.guarantors)) {
    context.guarantor_roles.emplace_back(role);
    return;
  }
  if (std::string_view(role) != "guarantor") return;
  for (size_t i = 0; i < context.guarantors.size(); ++i) {
    if (SameParty(context.guarantors[i], party)) context.guarantor_roles[i] = role;
  }
}

// A UUID's one spelling, lower case, as PostgreSQL writes it and as the registry's engagements
// are keyed: a caller may send capitals, and the engagement lookup must still find its rows.
std::string CanonicalUuid(std::string id) {
  std::transform(id.begin(), id.end(), id.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return id;
}

}  // namespace

DisposalContext DisposalContextOf(const std::string& disposal_id, const DisposalContent& disposal,
                                  const std::vector<Claim>& claims) {
  DisposalContext context;
  context.disposal_id = CanonicalUuid(disposal_id);
  context.deposit = disposal.deposit;
  for (const Claim& claim : claims) {
    context.claim_versions[claim.id] = claim.version;
    std::vector<std::string>& obligors = context.obligors[claim.id];
    AddOnce(claim.content.debtor, context.debtors);
    obligors.push_back(claim.content.debtor.identifier);
    for (const Guarantee& guarantee : claim.content.guarantees) {
      AddWithRole(guarantee.guarantor, "guarantor", context);
      obligors.push_back(guarantee.guarantor.identifier);
    }
    for (const Pledge& pledge : claim.content.pledges) {
      if (pledge.pledgor && !pledge.pledgor->identifier.empty()) {
        AddWithRole(*pledge.pledgor, "pledgor", context);
        obligors.push_back(pledge.pledgor->identifier);
      }
    }
  }
  auto keys = [](const std::vector<Party>& parties) {
    std::vector<std::string> out;
    for (const Party& party : parties) {
      out.push_back(party.kind == PartyKind::kPerson ? NameMatchKey(party.name) : "");
    }
    return out;
  };
  context.debtor_name_keys = keys(context.debtors);
  context.guarantor_name_keys = keys(context.guarantors);
  return context;
}

}  // namespace disposal::domain
