// A debt reduction's agreed amount settles the lot's parts in the allocation order (民法典
// art. 561 by default); what is left of each part is forgiven, and the forgiven parts add up
// to the relief the award books.
#include "domain/debt_reduction.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "domain/eligibility.h"
#include "domain/journal.h"
#include "domain/outcome.h"

namespace disposal::domain {
namespace {

constexpr char kClaimId[] = "00000000-0000-4000-8000-0000000000bb";

Money Yuan(const char* text) { return Money::Parse(text).value(); }

Outstanding Owed(const char* costs, const char* interest, const char* principal,
                 const char* penalty) {
  return Outstanding{Yuan(costs), Yuan(interest), Yuan(principal), Yuan(penalty)};
}

const ReductionPart& PartOf(const std::vector<ReductionPart>& parts, AllocationBucket bucket) {
  for (const ReductionPart& part : parts) {
    if (part.bucket == bucket) return part;
  }
  ADD_FAILURE() << "no part for bucket " << BucketName(bucket);
  return parts.front();
}

TEST(SettleReductionTest, AgreedAmountSettlesCostsThenInterestAndForgivesPrincipalAndPenalty) {
  const auto parts = SettleReduction(Owed("10.00", "30.00", "100.00", "5.00"), Yuan("60.00"),
                                     AllocationOrder::Default());
  ASSERT_TRUE(parts.ok()) << parts.error().Message();
  const auto& p = parts.value();
  EXPECT_EQ(PartOf(p, AllocationBucket::kCosts).settled, Yuan("10.00"));
  EXPECT_EQ(PartOf(p, AllocationBucket::kCosts).forgiven, Yuan("0.00"));
  EXPECT_EQ(PartOf(p, AllocationBucket::kInterest).settled, Yuan("30.00"));
  EXPECT_EQ(PartOf(p, AllocationBucket::kPrincipal).settled, Yuan("20.00"));
  EXPECT_EQ(PartOf(p, AllocationBucket::kPrincipal).forgiven, Yuan("80.00"));
  EXPECT_EQ(PartOf(p, AllocationBucket::kPenalty).settled, Yuan("0.00"));
  EXPECT_EQ(PartOf(p, AllocationBucket::kPenalty).forgiven, Yuan("5.00"));
}

TEST(SettleReductionTest, PartsComeInTheContractsOrder) {
  const auto order =
      AllocationOrder::FromContract({AllocationBucket::kPrincipal, AllocationBucket::kPenalty,
                                     AllocationBucket::kInterest, AllocationBucket::kCosts});
  ASSERT_TRUE(order.ok());
  const auto parts =
      SettleReduction(Owed("10.00", "30.00", "100.00", "5.00"), Yuan("60.00"), order.value());
  ASSERT_TRUE(parts.ok()) << parts.error().Message();
  ASSERT_EQ(parts.value().size(), 4u);
  EXPECT_EQ(parts.value()[0].bucket, AllocationBucket::kPrincipal);
  EXPECT_EQ(parts.value()[0].settled, Yuan("60.00"));
  EXPECT_EQ(parts.value()[0].forgiven, Yuan("40.00"));
  EXPECT_EQ(PartOf(parts.value(), AllocationBucket::kInterest).forgiven, Yuan("30.00"));
  EXPECT_EQ(PartOf(parts.value(), AllocationBucket::kCosts).forgiven, Yuan("10.00"));
}

// Interest paid and then taken back (7.00 below zero) is the debtor's credit: it settles, with
// the agreed amount, what is owed, so nothing paid is forgiven twice.
TEST(SettleReductionTest, DebtorsCreditSettlesWithTheAgreedAmount) {
  const auto parts = SettleReduction(Owed("0.00", "-7.00", "100.00", "0.00"), Yuan("50.00"),
                                     AllocationOrder::Default());
  ASSERT_TRUE(parts.ok()) << parts.error().Message();
  const ReductionPart& interest = PartOf(parts.value(), AllocationBucket::kInterest);
  EXPECT_EQ(interest.settled, Yuan("-7.00"));
  EXPECT_EQ(interest.forgiven, Yuan("0.00"));
  const ReductionPart& principal = PartOf(parts.value(), AllocationBucket::kPrincipal);
  EXPECT_EQ(principal.settled, Yuan("57.00"));
  EXPECT_EQ(principal.forgiven, Yuan("43.00"));
}

TEST(SettleReductionTest, AgreedAmountAboveWhatIsOwedNetOfCreditIsRefusedNamingPrice) {
  const auto refused = SettleReduction(Owed("0.00", "-7.00", "100.00", "0.00"), Yuan("93.01"),
                                       AllocationOrder::Default());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(refused.error().field, "price");
  EXPECT_NE(refused.error().reason.find("93.00"), std::string::npos) << refused.error().reason;
}

// Tranche 1: costs 10.00 at claim level are not the lot's; its own interest 30.00 and
// principal 100.00 are. Tranche 2's principal is another lot's.
ClaimBooks LotWithInterest() {
  ClaimBooks books;
  books.claim.id = kClaimId;
  books.opened = true;
  books.balances[{ClaimPrincipalAccount(kClaimId), 1}] = Yuan("100.00");
  books.balances[{ClaimInterestAccount(kClaimId), 1}] = Yuan("30.00");
  books.balances[{ClaimPrincipalAccount(kClaimId), 2}] = Yuan("100.00");
  books.balances[{ClaimCostsAccount(kClaimId), 0}] = Yuan("10.00");
  books.latest_posting[{ClaimPrincipalAccount(kClaimId), 1}] = Date{2021, 6, 30};
  return books;
}

OutcomeRecord ReductionOf(const char* agreed) {
  OutcomeRecord outcome;
  outcome.id = "00000000-0000-4000-8000-0000000000cc";
  outcome.claim_id = kClaimId;
  outcome.lot_id = "lot";
  outcome.tranche_number = 1;
  outcome.method = DisposalMethod::kDebtReduction;
  outcome.price = Yuan(agreed);
  outcome.award_date = Date{2021, 9, 30};
  return outcome;
}

TEST(PlanDebtReductionTest, ForgivenPartsAddUpToTheDebtReliefBooked) {
  OutcomeRecord outcome = ReductionOf("50.00");
  const auto planned = PlanOutcome(LotWithInterest(), "r", &outcome);
  ASSERT_TRUE(planned.ok()) << planned.error().Message();
  Money relief;
  for (const BookedPosting& booked : planned.value().back().postings) {
    if (booked.posting.account == kAmcDebtReliefAccount) relief = booked.posting.amount;
  }
  EXPECT_EQ(relief, Yuan("80.00"));
  Money forgiven, settled, owed;
  for (const ReductionPart& part : outcome.reduction) {
    forgiven = forgiven.Add(part.forgiven).value();
    settled = settled.Add(part.settled).value();
    owed = owed.Add(part.owed).value();
  }
  EXPECT_EQ(forgiven, relief);
  EXPECT_EQ(settled, outcome.price);
  EXPECT_EQ(owed, outcome.book_value);
  // Only the lot's own parts: the claim-level costs stay with the claim's last tranche.
  EXPECT_EQ(PartOf(outcome.reduction, AllocationBucket::kCosts).owed, Yuan("0.00"));
  EXPECT_EQ(PartOf(outcome.reduction, AllocationBucket::kInterest).settled, Yuan("30.00"));
  EXPECT_EQ(PartOf(outcome.reduction, AllocationBucket::kPrincipal).forgiven, Yuan("80.00"));
}

TEST(PlanDebtReductionTest, ASaleRecordsNoReductionParts) {
  OutcomeRecord outcome = ReductionOf("50.00");
  outcome.method = DisposalMethod::kAuction;
  const auto planned = PlanOutcome(LotWithInterest(), "r", &outcome);
  ASSERT_TRUE(planned.ok()) << planned.error().Message();
  EXPECT_TRUE(outcome.reduction.empty());
}

constexpr char kDebtor[] = "91230103129876548L";
constexpr char kGuarantor[] = "230103196803150315";
constexpr char kOtherClaimsGuarantor[] = "230103197009220464";
constexpr char kEmployer[] = "11230100MB1234567X";  // a 财政局, say
const std::vector<std::string> kObligors = {kDebtor, kGuarantor};
constexpr char kItemsCitation[] = "法发〔2009〕19号 part 六 (八)";

// A reason whose path runs from `counterparty` to `path_end` ("": a path of its step only).
CheckedReason Reason(const std::string& rule_id, const std::string& citation,
                     const std::string& counterparty, const std::string& path_end) {
  CheckedReason reason{rule_id, citation, {counterparty}};
  if (!path_end.empty()) reason.path.push_back(path_end);
  return reason;
}

Status Weigh(const std::string& counterparty,
             const std::vector<std::tuple<const char*, const char*, std::string>>& reasons) {
  std::vector<CheckedReason> checked;
  for (const auto& [rule_id, citation, path_end] : reasons) {
    checked.push_back(Reason(rule_id, citation, counterparty, path_end));
  }
  return CheckReductionCounterparty(counterparty, "claim-a",
                                    {{"claim-a", kObligors}, {"claim-b", {kOtherClaimsGuarantor}}},
                                    checked);
}

TEST(ReductionCounterpartyTest, DebtorExcludedFromBuyingMayAgreeAReduction) {
  EXPECT_TRUE(Weigh(kDebtor, {{"excl.debtor", kNotice2024Citation, kDebtor},
                              {"excl.list.dishonest", kDishonestCitation, ""}})
                  .ok());
}

TEST(ReductionCounterpartyTest, GuarantorWhoControlsTheDebtorMayAgreeAReduction) {
  EXPECT_TRUE(Weigh(kGuarantor, {{"excl.debtor", kNotice2024Citation, kGuarantor},
                                 {"excl.debtor.controller", kNotice2024Citation, kDebtor},
                                 {"excl.debtor.related_entity", kNotice2024Citation, kDebtor}})
                  .ok());
}

// Item 5 and what it reaches (an entity the manager sits in, item 7; a relative, item 8) end
// at the state-owned debtor itself: the debtor's own side.
TEST(ReductionCounterpartyTest, FindingsEndingAtTheDebtorDoNotRefuseIt) {
  EXPECT_TRUE(Weigh(kGuarantor, {{"excl.5.debtor_management", kItemsCitation, kDebtor},
                                 {"excl.8.lineal_relative", kItemsCitation, kDebtor}})
                  .ok());
  EXPECT_TRUE(Weigh(kDebtor, {{"excl.7.participated_entity", kItemsCitation, kDebtor}}).ok());
}

TEST(ReductionCounterpartyTest, ThirdPartyIsRefusedEvenWhenEligibleToBuy) {
  const Status status = Weigh("110105198001010125", {});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(status.error().field, "buyer");
  EXPECT_NE(status.error().reason.find("110105198001010125 is none of them"), std::string::npos)
      << status.error().reason;
}

TEST(ReductionCounterpartyTest, GuarantorOfAnotherClaimInTheDisposalIsRefused) {
  EXPECT_FALSE(
      Weigh(kOtherClaimsGuarantor, {{"excl.debtor", kNotice2024Citation, kOtherClaimsGuarantor}})
          .ok());
}

// Capacity's path ends at the counterparty itself, an obligor: its own, not its side's.
TEST(ReductionCounterpartyTest, ObligorCaughtByAnotherRuleIsRefusedNamingItOnce) {
  const Status status = Weigh(kGuarantor, {{"excl.debtor", kNotice2024Citation, kGuarantor},
                                           {"excl.1.civil_servant", kItemsCitation, kEmployer},
                                           {"excl.1.civil_servant", kItemsCitation, "other"},
                                           {"capacity.age", "民法典 arts. 17-18", ""}});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().field, "buyer");
  EXPECT_NE(status.error().reason.find("caught by excl.1.civil_servant, capacity.age"),
            std::string::npos)
      << status.error().reason;
}

// Item 7 through a director who is an official ends at the official's employer.
TEST(ReductionCounterpartyTest, DebtorWhoseDirectorIsAnOfficialIsRefused) {
  EXPECT_FALSE(Weigh(kDebtor, {{"excl.7.participated_entity", kItemsCitation, kEmployer}}).ok());
}

TEST(ReductionCounterpartyTest, NameMatchWithAnotherPartyOrADishonestNamesakeDoesNotRefuse) {
  EXPECT_TRUE(Weigh(kGuarantor, {{"excl.debtor", kNotice2024Citation, kGuarantor},
                                 {"review.name_match", kNotice2024Citation, kOtherClaimsGuarantor},
                                 {"review.name_match", kDishonestCitation, ""}})
                  .ok());
}

TEST(ReductionCounterpartyTest, NameMatchWithARegisteredOfficialRefuses) {
  EXPECT_FALSE(Weigh(kGuarantor, {{"excl.debtor", kNotice2024Citation, kGuarantor},
                                  {"review.name_match", kItemsCitation, kEmployer}})
                   .ok());
}

TEST(ReductionCounterpartyTest, SanctionedDebtorIsRefused) {
  EXPECT_FALSE(Weigh(kDebtor, {{"excl.debtor", kNotice2024Citation, kDebtor},
                               {"excl.list.sanctions", "反洗钱", ""}})
                   .ok());
}

}  // namespace
}  // namespace disposal::domain
