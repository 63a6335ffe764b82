#include "store/claim_codes.h"

#include <array>
#include <stdexcept>
#include <utility>

#include "store/code_table.h"

namespace disposal::store {
namespace {

using domain::ClaimStatus;
using domain::CollateralKind;
using domain::EncumbranceKind;
using domain::LiabilityType;
using domain::LitigationStage;
using domain::PartyKind;

constexpr CodeTable<PartyKind, 2> kPartyKinds{
    {{PartyKind::kPerson, "person"}, {PartyKind::kOrganization, "organization"}}};
constexpr CodeTable<ClaimStatus, 5> kStatuses{{{ClaimStatus::kHeld, "held"},
                                               {ClaimStatus::kInDisposal, "in_disposal"},
                                               {ClaimStatus::kDisposed, "disposed"},
                                               {ClaimStatus::kSettled, "settled"},
                                               {ClaimStatus::kWrittenOff, "written_off"}}};
constexpr CodeTable<CollateralKind, 8> kCollateralKinds{
    {{CollateralKind::kResidential, "residential"},
     {CollateralKind::kOffice, "office"},
     {CollateralKind::kStreetFrontShop, "street_front_shop"},
     {CollateralKind::kCommercial, "commercial"},
     {CollateralKind::kUndergroundParking, "underground_parking"},
     {CollateralKind::kLand, "land"},
     {CollateralKind::kEquipment, "equipment"},
     {CollateralKind::kOther, "other"}}};
constexpr CodeTable<EncumbranceKind, 3> kEncumbranceKinds{
    {{EncumbranceKind::kSeized, "seized"},
     {EncumbranceKind::kTakenInPayment, "taken_in_payment"},
     {EncumbranceKind::kOccupied, "occupied"}}};
constexpr CodeTable<LiabilityType, 2> kLiabilityTypes{
    {{LiabilityType::kJointAndSeveral, "joint_and_several"}, {LiabilityType::kGeneral, "general"}}};
constexpr CodeTable<LitigationStage, 5> kStages{{{LitigationStage::kFiled, "filed"},
                                                 {LitigationStage::kInTrial, "in_trial"},
                                                 {LitigationStage::kJudged, "judged"},
                                                 {LitigationStage::kEnforcement, "enforcement"},
                                                 {LitigationStage::kClosed, "closed"}}};

}  // namespace

std::string ToCode(PartyKind kind) { return Code(kPartyKinds, kind); }
std::string ToCode(ClaimStatus status) { return Code(kStatuses, status); }
std::string ToCode(CollateralKind kind) { return Code(kCollateralKinds, kind); }
std::string ToCode(EncumbranceKind kind) { return Code(kEncumbranceKinds, kind); }
std::string ToCode(LiabilityType type) { return Code(kLiabilityTypes, type); }
std::string ToCode(LitigationStage stage) { return Code(kStages, stage); }

PartyKind PartyKindFromCode(const std::string& code) { return Decode(kPartyKinds, code); }
ClaimStatus ClaimStatusFromCode(const std::string& code) { return Decode(kStatuses, code); }
CollateralKind CollateralKindFromCode(const std::string& code) {
  return Decode(kCollateralKinds, code);
}
EncumbranceKind EncumbranceKindFromCode(const std::string& code) {
  return Decode(kEncumbranceKinds, code);
}
LiabilityType LiabilityTypeFromCode(const std::string& code) {
  return Decode(kLiabilityTypes, code);
}
LitigationStage LitigationStageFromCode(const std::string& code) { return Decode(kStages, code); }

}  // namespace disposal::store
