#include "domain/claim.h"

#include <algorithm>
#include <string_view>

#include "domain/identifiers.h"
#include "domain/text_rules.h"

namespace disposal::domain {
namespace {

Status CheckCount(size_t count, size_t max, const std::string& field) {
  if (count <= max) return OkStatus();
  return Error::InvalidArgument(field, "has " + std::to_string(count) + " entries; at most " +
                                           std::to_string(max) + " are allowed");
}

Status CheckNotNegative(const Money& amount, const std::string& field) {
  if (!amount.is_negative()) return OkStatus();
  return Error::InvalidArgument(field, "must not be negative, got " + amount.ToString());
}

Status CheckAnnualRate(const std::optional<Rate>& rate, const std::string& field) {
  if (!rate) return OkStatus();
  static const Rate kZero = Rate::FromScaled(0, 0);
  static const Rate kOne = Rate::FromScaled(1, 0);
  if (*rate < kZero || *rate > kOne) {
    return Error::InvalidArgument(
        field, "must be a fraction between 0 and 1 (\"0.0435\" is 4.35%), got " + rate->ToString());
  }
  return OkStatus();
}

std::string Indexed(const std::string& field, size_t index) {
  return field + "[" + std::to_string(index) + "]";
}

Status ValidateTranche(const Tranche& tranche, const std::string& field) {
  if (auto s = CheckText(tranche.original_creditor, field + ".original_creditor", 1, 200); !s.ok())
    return s;
  if (auto s = CheckText(tranche.original_creditor_current_name,
                         field + ".original_creditor_current_name", 0, 200);
      !s.ok())
    return s;
  if (auto s = CheckNotNegative(tranche.principal, field + ".principal"); !s.ok()) return s;
  if (auto s = CheckNotNegative(tranche.interest, field + ".interest"); !s.ok()) return s;
  if (auto s = CheckAnnualRate(tranche.contract_rate, field + ".contract_rate"); !s.ok()) return s;
  if (auto s = CheckAnnualRate(tranche.penalty_rate, field + ".penalty_rate"); !s.ok()) return s;
  return CheckText(tranche.contract_reference, field + ".contract_reference", 0, 200);
}

Status ValidatePenalty(const Penalty& penalty, const std::string& field) {
  if (penalty.unliquidated) {
    if (penalty.amount) return Error::InvalidArgument(field, "is unliquidated but has an amount");
    return CheckText(penalty.basis, field + ".unliquidated_basis", 0, 500);
  }
  if (!penalty.amount) {
    return Error::InvalidArgument(
        field, "must be either unliquidated (to be set by a court) or a known amount");
  }
  return CheckNotNegative(*penalty.amount, field + ".amount");
}

Status ValidateCollateral(const Collateral& item, const std::string& field) {
  if (auto s = CheckText(item.description, field + ".description", 1, 500); !s.ok()) return s;
  if (auto s = CheckText(item.location, field + ".location", 0, 500); !s.ok()) return s;
  if (item.appraised_value) {
    if (auto s = CheckNotNegative(*item.appraised_value, field + ".appraised_value"); !s.ok())
      return s;
  }
  if (item.lien_rank < 1 || item.lien_rank > 99) {
    return Error::InvalidArgument(field + ".lien_rank", "must be 1..99 (1 is a first lien), got " +
                                                            std::to_string(item.lien_rank));
  }
  const std::string encumbrances = field + ".encumbrances";
  if (auto s = CheckCount(item.encumbrances.size(), kEncumbrancesPerCollateralMax, encumbrances);
      !s.ok())
    return s;
  for (size_t i = 0; i < item.encumbrances.size(); ++i) {
    if (auto s = CheckText(item.encumbrances[i].note, Indexed(encumbrances, i) + ".note", 0, 500);
        !s.ok())
      return s;
  }
  return OkStatus();
}

Status ValidateGuarantee(const Guarantee& guarantee, const std::string& field, const Date& today) {
  if (auto s = ValidateParty(guarantee.guarantor, field + ".guarantor", today); !s.ok()) return s;
  if (auto s = CheckText(guarantee.scope, field + ".scope", 0, 500); !s.ok()) return s;
  return CheckText(guarantee.term, field + ".term", 0, 200);
}

Status ValidatePledge(const Pledge& pledge, const std::string& field, const Date& today) {
  if (auto s = CheckText(pledge.subject, field + ".subject", 1, 500); !s.ok()) return s;
  if (pledge.pledgor) return ValidateParty(*pledge.pledgor, field + ".pledgor", today);
  return OkStatus();
}

Status ValidateLitigation(const Litigation& litigation, const std::string& field) {
  if (auto s = CheckText(litigation.court, field + ".court", 1, 200); !s.ok()) return s;
  return CheckText(litigation.case_number, field + ".case_number", 0, 100);
}

// Applies `check(item, field)` to each element, stopping at the first failure.
template <typename T, typename Check>
Status ValidateEach(const std::vector<T>& items, size_t max, const std::string& field,
                    Check check) {
  if (auto s = CheckCount(items.size(), max, field); !s.ok()) return s;
  for (size_t i = 0; i < items.size(); ++i) {
    if (auto s = check(items[i], Indexed(field, i)); !s.ok()) return s;
  }
  return OkStatus();
}

Status ValidateHeader(const ClaimContent& content, const Date& today) {
  if (auto s = CheckText(content.title, "claim.title", 1, 200); !s.ok()) return s;
  if (content.currency_code != "CNY") {
    return Error::InvalidArgument("claim.currency_code",
                                  "only CNY is supported, got " + Quoted(content.currency_code));
  }
  if (auto s = ValidateParty(content.debtor, "claim.debtor", today); !s.ok()) return s;
  if (auto s = ValidateParty(content.holder, "claim.holder", today); !s.ok()) return s;
  if (content.holder.kind != PartyKind::kOrganization) {
    return Error::InvalidArgument("claim.holder", "must be an organisation (the AMC branch)");
  }
  return OkStatus();
}

}  // namespace

Status ValidateParty(const Party& party, const std::string& field, const Date& today) {
  const bool person = party.kind == PartyKind::kPerson;
  const std::string kind_field = field + (person ? ".person" : ".organization");
  if (auto s = CheckText(party.name, kind_field + ".name", 1, person ? 100 : 200); !s.ok())
    return s;
  if (person) {
    if (party.financial_institution || party.state_owned) {
      return Error::InvalidArgument(field, "a natural person cannot be flagged as an institution");
    }
    auto id = ValidateNationalId(party.identifier, today);
    if (!id.ok()) return id.error().WithFieldPrefix(kind_field);
    return OkStatus();
  }
  auto code = ValidateCreditCode(party.identifier);
  if (!code.ok()) return code.error().WithFieldPrefix(kind_field);
  return OkStatus();
}

Status CheckPenaltyRates(const ClaimContent& content, const ClaimContent* before) {
  for (size_t i = 0; i < content.tranches.size(); ++i) {
    const Tranche& tranche = content.tranches[i];
    if (!tranche.penalty_rate || !tranche.contract_rate) continue;
    if (!(*tranche.contract_rate <= *tranche.penalty_rate)) {
      // Kept as it was when a tranche of the same contract had the same rates: tranches are
      // matched by contract, not position, so that removing one before it changes nothing.
      const bool unchanged =
          before != nullptr &&
          std::any_of(before->tranches.begin(), before->tranches.end(), [&](const Tranche& was) {
            return was.contract_reference == tranche.contract_reference &&
                   was.penalty_rate == tranche.penalty_rate &&
                   was.contract_rate == tranche.contract_rate;
          });
      if (unchanged) continue;
      return Error::InvalidArgument(
          "claim.tranches[" + std::to_string(i) + "].penalty_rate",
          "must not be below the contract rate " + tranche.contract_rate->ToString());
    }
  }
  return OkStatus();
}

Status CheckBookedTranchesKept(const ClaimContent& before, const ClaimContent& content,
                               const Date& opened_on) {
  const auto refused = [&opened_on](const std::string& field, const std::string& booked) {
    return Error{ErrorCode::kFailedPrecondition, field,
                 "is booked as " + booked + ": the claim's ledger opened on " +
                     FormatIsoDate(opened_on) +
                     " with it; correct the books with journal entries instead"};
  };
  if (content.tranches.size() != before.tranches.size()) {
    Error error = refused("claim.tranches", std::to_string(before.tranches.size()) + " tranches");
    error.reason += " (a tranche acquired later is a claim of its own)";
    return error;
  }
  for (size_t i = 0; i < content.tranches.size(); ++i) {
    const Tranche& was = before.tranches[i];
    const Tranche& now = content.tranches[i];
    // The field path counts from 0, as the API's paths do; people count tranches from 1.
    const std::string field = "claim.tranches[" + std::to_string(i) + "].";
    const std::string which = " on tranche " + std::to_string(i + 1);
    if (now.principal != was.principal) {
      return refused(field + "principal", was.principal.ToGroupedString() + which);
    }
    if (now.interest != was.interest) {
      return refused(field + "interest", was.interest.ToGroupedString() + which);
    }
    if (now.interest_cutoff_date != was.interest_cutoff_date) {
      return refused(field + "interest_cutoff_date",
                     FormatIsoDate(was.interest_cutoff_date) + which);
    }
  }
  return OkStatus();
}

Status ValidateClaimContent(const ClaimContent& content, const Date& today) {
  if (auto s = ValidateHeader(content, today); !s.ok()) return s;
  if (content.tranches.empty()) {
    return Error::InvalidArgument("claim.tranches", "at least one tranche is required");
  }
  if (auto s = ValidateEach(content.tranches, kTranchesMax, "claim.tranches", ValidateTranche);
      !s.ok())
    return s;
  if (auto s = ValidatePenalty(content.penalty, "claim.penalty"); !s.ok()) return s;
  if (auto s =
          ValidateEach(content.collateral, kCollateralMax, "claim.collateral", ValidateCollateral);
      !s.ok())
    return s;
  auto guarantee = [&](const Guarantee& g, const std::string& f) {
    return ValidateGuarantee(g, f, today);
  };
  if (auto s = ValidateEach(content.guarantees, kGuaranteesMax, "claim.guarantees", guarantee);
      !s.ok())
    return s;
  auto pledge = [&](const Pledge& p, const std::string& f) { return ValidatePledge(p, f, today); };
  if (auto s = ValidateEach(content.pledges, kPledgesMax, "claim.pledges", pledge); !s.ok())
    return s;
  if (auto s =
          ValidateEach(content.litigation, kLitigationMax, "claim.litigation", ValidateLitigation);
      !s.ok())
    return s;
  if (auto totals = ComputeTotals(content); !totals.ok()) return totals.error();
  return OkStatus();
}

namespace {

// Money's overflow names its own "amount"; a total is named as the claim's total it would be.
Error TotalTooLarge(const Error& overflow, const char* field) {
  Error named = overflow;
  named.field = field;
  return named;
}

}  // namespace

Result<ClaimTotals> ComputeTotals(const ClaimContent& content) {
  ClaimTotals totals;
  for (const Tranche& tranche : content.tranches) {
    auto principal = totals.principal.Add(tranche.principal);
    if (!principal.ok()) return TotalTooLarge(principal.error(), "claim.totals.principal");
    totals.principal = principal.value();
    auto interest = totals.interest.Add(tranche.interest);
    if (!interest.ok()) return TotalTooLarge(interest.error(), "claim.totals.interest");
    totals.interest = interest.value();
  }
  totals.penalty_unliquidated = content.penalty.unliquidated;
  if (!content.penalty.unliquidated && content.penalty.amount) {
    totals.penalty = *content.penalty.amount;
  }
  auto total = totals.principal.Add(totals.interest);
  if (total.ok()) total = total.value().Add(totals.penalty);
  if (!total.ok()) return TotalTooLarge(total.error(), "claim.totals.total");
  totals.total = total.value();
  return totals;
}

}  // namespace disposal::domain
