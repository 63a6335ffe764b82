#include "store/registry_codes.h"

#include "store/code_table.h"

namespace disposal::store {
namespace {

using domain::ListKind;
using domain::ParticipationKind;
using domain::PersonRole;
using domain::RelationKind;

constexpr CodeTable<PersonRole, 10> kRoles{{
    {PersonRole::kCivilServant, "civil_servant"},
    {PersonRole::kFinancialRegulatorStaff, "financial_regulator_staff"},
    {PersonRole::kLawEnforcementOfficer, "law_enforcement_officer"},
    {PersonRole::kAmcStaff, "amc_staff"},
    {PersonRole::kDebtorManagement, "debtor_management"},
    {PersonRole::kLawyer, "lawyer"},
    {PersonRole::kAccountant, "accountant"},
    {PersonRole::kAppraiser, "appraiser"},
    {PersonRole::kAuctioneer, "auctioneer"},
    {PersonRole::kAppraisalAgencyHead, "appraisal_agency_head"},
}};
constexpr CodeTable<RelationKind, 6> kRelations{{
    {RelationKind::kSpouse, "spouse"},
    {RelationKind::kParent, "parent"},
    {RelationKind::kChild, "child"},
    {RelationKind::kGrandparent, "grandparent"},
    {RelationKind::kGrandchild, "grandchild"},
    {RelationKind::kSibling, "sibling"},
}};
constexpr CodeTable<ParticipationKind, 5> kParticipations{{
    {ParticipationKind::kShareholder, "shareholder"},
    {ParticipationKind::kDirector, "director"},
    {ParticipationKind::kSupervisor, "supervisor"},
    {ParticipationKind::kSeniorManager, "senior_manager"},
    {ParticipationKind::kActualController, "actual_controller"},
}};
constexpr CodeTable<ListKind, 2> kLists{{
    {ListKind::kDishonestJudgmentDebtor, "dishonest_judgment_debtor"},
    {ListKind::kSanctions, "sanctions"},
}};

}  // namespace

std::string ToCode(PersonRole role) { return Code(kRoles, role); }
std::string ToCode(RelationKind kind) { return Code(kRelations, kind); }
std::string ToCode(ParticipationKind kind) { return Code(kParticipations, kind); }
std::string ToCode(ListKind kind) { return Code(kLists, kind); }
PersonRole PersonRoleFromCode(const std::string& code) { return Decode(kRoles, code); }
RelationKind RelationKindFromCode(const std::string& code) { return Decode(kRelations, code); }
ParticipationKind ParticipationKindFromCode(const std::string& code) {
  return Decode(kParticipations, code);
}
ListKind ListKindFromCode(const std::string& code) { return Decode(kLists, code); }

std::vector<std::string> AllListKindCodes() {
  std::vector<std::string> codes;
  for (const auto& entry : kLists) codes.push_back(entry.second);
  return codes;
}

}  // namespace disposal::store
