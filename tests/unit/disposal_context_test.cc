// The eligibility context of a disposal rebuilt from its record and claims (as replays read
// them as of a past time): each party once, pledgors only when identified.
#include "domain/disposal_context.h"

#include <gtest/gtest.h>

#include "domain/text_rules.h"

namespace disposal::domain {
namespace {

Party Organization(const std::string& name, const std::string& code) {
  Party party;
  party.kind = PartyKind::kOrganization;
  party.name = name;
  party.identifier = code;
  return party;
}

Claim ClaimOf(const Party& debtor, const std::vector<Party>& guarantors) {
  Claim claim;
  claim.content.debtor = debtor;
  for (const Party& guarantor : guarantors) {
    Guarantee guarantee;
    guarantee.guarantor = guarantor;
    claim.content.guarantees.push_back(guarantee);
  }
  return claim;
}

const Party kDebtor = Organization("某公司", "91350100M000100Y43");
const Party kGuarantor = Organization("某担保公司", "91110105000000001X");

TEST(DisposalContextTest, TakesTheDepositAndEachPartyOnceAcrossClaims) {
  DisposalContent disposal;
  ASSERT_TRUE(Money::Parse("500000.00").ok());
  disposal.deposit = Money::Parse("500000.00").value();
  const std::vector<Claim> claims = {ClaimOf(kDebtor, {kGuarantor}),
                                     ClaimOf(kDebtor, {kGuarantor, kDebtor})};
  const DisposalContext context = DisposalContextOf("d-1", disposal, claims);
  EXPECT_EQ(context.disposal_id, "d-1");
  EXPECT_EQ(context.deposit, disposal.deposit);
  ASSERT_EQ(context.debtors.size(), 1u);
  EXPECT_EQ(context.debtors[0].identifier, kDebtor.identifier);
  // The debtor guaranteeing another claim is a guarantor too.
  ASSERT_EQ(context.guarantors.size(), 2u);
  EXPECT_EQ(context.guarantors[0].identifier, kGuarantor.identifier);
  EXPECT_EQ(context.guarantors[1].identifier, kDebtor.identifier);
  EXPECT_EQ(context.guarantor_roles, (std::vector<std::string>{"guarantor", "guarantor"}));
}

// A debt reduction of a lot is agreed with its own claim's debtor, guarantors or pledgors:
// each claim keeps its own, not the disposal's whole list.
TEST(DisposalContextTest, KeepsEachClaimsOwnObligors) {
  Claim first = ClaimOf(kDebtor, {kGuarantor});
  first.id = "claim-1";
  const Party other = Organization("另一公司", "91110000600037341L");
  Claim second = ClaimOf(other, {});
  second.id = "claim-2";
  Pledge pledge;
  pledge.pledgor = kGuarantor;
  second.content.pledges.push_back(pledge);
  const DisposalContext context = DisposalContextOf("d-1", DisposalContent(), {first, second});
  EXPECT_EQ(context.obligors.at("claim-1"),
            (std::vector<std::string>{kDebtor.identifier, kGuarantor.identifier}));
  EXPECT_EQ(context.obligors.at("claim-2"),
            (std::vector<std::string>{other.identifier, kGuarantor.identifier}));
}

// Made once with the context, so that a check compares the bidder's name with them without
// normalising every party's again: a person's key ignores spaces, an organisation has none.
TEST(DisposalContextTest, KeepsTheNameMatchKeyOfEachNaturalPersonParty) {
  Party person;
  person.kind = PartyKind::kPerson;
  person.name = "股东 甲";
  person.identifier = "11010519491231002X";
  const DisposalContext context =
      DisposalContextOf("d-1", DisposalContent(), {ClaimOf(kDebtor, {person, kGuarantor})});
  ASSERT_EQ(context.guarantor_name_keys.size(), 2u);
  EXPECT_EQ(context.guarantor_name_keys[0], NameMatchKey("股东甲"));
  EXPECT_EQ(context.guarantor_name_keys[1], "");
  ASSERT_EQ(context.debtor_name_keys.size(), 1u);
  EXPECT_EQ(context.debtor_name_keys[0], "");
}

TEST(DisposalContextTest, CountsIdentifiedPledgorsAsGuarantorsAndLeavesOutUnidentifiedOnes) {
  Claim claim = ClaimOf(kDebtor, {});
  Pledge identified;
  identified.subject = "股权";
  identified.pledgor = Organization("出质公司", "91110105000000002Y");
  Pledge unidentified;
  unidentified.subject = "设备";
  unidentified.pledgor = Organization("无名出质人", "");
  Pledge without_pledgor;
  without_pledgor.subject = "存单";
  claim.content.pledges = {identified, unidentified, without_pledgor};
  const DisposalContext context = DisposalContextOf("d-2", DisposalContent{}, {claim});
  ASSERT_EQ(context.guarantors.size(), 1u);
  EXPECT_EQ(context.guarantors[0].name, "出质公司");
  // Explanations name it as what it is.
  EXPECT_EQ(context.guarantor_roles, std::vector<std::string>{"pledgor"});
}

// One party both: named a guarantor whichever claim names it first.
TEST(DisposalContextTest, APartyThatPledgesOneClaimAndGuaranteesAnotherIsNamedAGuarantor) {
  Claim pledged = ClaimOf(kDebtor, {});
  Pledge pledge;
  pledge.subject = "股权";
  pledge.pledgor = kGuarantor;
  pledged.content.pledges.push_back(pledge);
  const Claim guaranteed = ClaimOf(kDebtor, {kGuarantor});
  for (const auto& claims :
       {std::vector<Claim>{pledged, guaranteed}, std::vector<Claim>{guaranteed, pledged}}) {
    const DisposalContext context = DisposalContextOf("d-4", DisposalContent{}, claims);
    ASSERT_EQ(context.guarantors.size(), 1u);
    EXPECT_EQ(context.guarantor_roles, std::vector<std::string>{"guarantor"});
  }
}

TEST(DisposalContextTest, KeepsTheVersionOfEachClaimItWasBuiltFrom) {
  Claim first = ClaimOf(kDebtor, {});
  first.id = "c-1";
  first.version = 3;
  Claim second = ClaimOf(kDebtor, {kGuarantor});
  second.id = "c-2";
  second.version = 7;
  const DisposalContext context = DisposalContextOf("d-1", DisposalContent{}, {first, second});
  const std::map<std::string, int64_t> expected = {{"c-1", 3}, {"c-2", 7}};
  EXPECT_EQ(context.claim_versions, expected);
}

TEST(DisposalContextTest, NoClaimsGiveNoParties) {
  const DisposalContext context = DisposalContextOf("d-3", DisposalContent{}, {});
  EXPECT_TRUE(context.debtors.empty());
  EXPECT_TRUE(context.guarantors.empty());
}

}  // namespace
}  // namespace disposal::domain
