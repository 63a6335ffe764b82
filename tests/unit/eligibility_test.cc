#include "domain/eligibility.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace disposal::domain {
namespace {

// Identifiers are built with the standards' check characters computed here from GB 11643-1999
// and GB 32100-2015, not by the code under test.
char ReferenceNationalIdCheck(const std::string& first17) {
  const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  const char by_remainder[] = "10X98765432";
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * weights[i];
  return by_remainder[sum % 11];
}

const std::string kCreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

char ReferenceCreditCodeCheck(const std::string& first17) {
  const int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    sum += static_cast<int>(kCreditAlphabet.find(first17[i])) * weights[i];
  }
  return kCreditAlphabet[(31 - sum % 31) % 31];
}

std::string NationalId(const std::string& yyyymmdd, int sequence) {
  char digits[4];
  std::snprintf(digits, sizeof digits, "%03d", sequence);
  const std::string first17 = "110105" + yyyymmdd + digits;
  return first17 + ReferenceNationalIdCheck(first17);
}

std::string CreditCode(int serial) {
  char digits[8];
  std::snprintf(digits, sizeof digits, "%07d", serial);
  const std::string first17 = std::string("91110000MA") + digits;
  return first17 + ReferenceCreditCodeCheck(first17);
}

constexpr char kDisposalId[] = "0b8f2f4e-3c1a-4e7b-9d2f-5a6c7e8f9a01";
constexpr char kOtherDisposalId[] = "0b8f2f4e-3c1a-4e7b-9d2f-5a6c7e8f9a02";
constexpr char kItemsOneToSeven[] = "法发〔2009〕19号 六(八); 财金〔2005〕74号";
const Date kAsOf{2026, 6, 15};

DayRange Until(const Date& last_day) {
  DayRange range;
  range.to_day = DaysFromCivil(last_day);
  return range;
}

DayRange From(const Date& first_day) {
  DayRange range;
  range.from_day = DaysFromCivil(first_day);
  return range;
}

Money Yuan(int64_t yuan) { return Money::FromFen(Money::Fen(yuan) * 100).value(); }

std::vector<std::string> RuleIds(const EligibilityResult& result) {
  std::vector<std::string> ids;
  for (const EligibilityReason& reason : result.reasons) ids.push_back(reason.rule_id);
  return ids;
}

struct Step {
  std::string relation;
  std::string identifier;
  std::string name;
};

std::vector<Step> Steps(const EligibilityReason& reason) {
  std::vector<Step> steps;
  for (const PathStep& step : reason.path) {
    steps.push_back({step.relation, step.identifier, step.name});
  }
  return steps;
}

bool operator==(const Step& a, const Step& b) {
  return a.relation == b.relation && a.identifier == b.identifier && a.name == b.name;
}

void PrintTo(const Step& step, std::ostream* out) {
  *out << "{" << step.relation << ", " << step.identifier << ", " << step.name << "}";
}

// A registry, a disposal with a state-owned and a private debtor and one guarantor, and helpers
// to ask about a bidder. The snapshot is built on the first check.
class EligibilityTest : public ::testing::Test {
 protected:
  EligibilityTest() {
    state_debtor_code_ = AddOrganization("国有债务人有限公司");
    private_debtor_code_ = AddOrganization("民营债务人有限公司");
    disposal_.disposal_id = kDisposalId;
    disposal_.debtors.push_back(
        {PartyKind::kOrganization, "国有债务人有限公司", state_debtor_code_, false, true});
    disposal_.debtors.push_back(
        {PartyKind::kOrganization, "民营债务人有限公司", private_debtor_code_, false, false});
    guarantor_id_ = NationalId("19700101", 999);
    disposal_.guarantors.push_back({PartyKind::kPerson, "保证人", guarantor_id_, false, false});
  }

  std::string AddPerson(const std::string& name, const std::string& birth = "19800101") {
    const std::string id = NationalId(birth, next_sequence_++);
    builder_.AddPerson({id, name, false, {}});
    return id;
  }

  std::string AddOrganization(const std::string& name, bool financial = false,
                              bool state_owned = false, bool deregistered = false) {
    const std::string code = CreditCode(next_serial_++);
    builder_.AddOrganization({code, name, financial, state_owned, deregistered});
    return code;
  }

  void AddRole(const std::string& id, PersonRole role, const std::string& employer = "某单位",
               const std::string& employer_code = "", DayRange valid = {}) {
    builder_.AddRole(id, {role, employer, employer_code, valid});
  }

  const RegistrySnapshot& Registry() {
    if (snapshot_ == nullptr) snapshot_ = builder_.Build();
    return *snapshot_;
  }

  static BidderQuery PersonQuery(const std::string& id, const std::string& name) {
    BidderQuery query;
    query.bidder = {PartyKind::kPerson, name, id, false, false};
    query.as_of = kAsOf;
    return query;
  }

  static BidderQuery OrganizationQuery(const std::string& code, const std::string& name) {
    BidderQuery query;
    query.bidder = {PartyKind::kOrganization, name, code, false, false};
    query.as_of = kAsOf;
    return query;
  }

  EligibilityResult Check(const BidderQuery& query) {
    return EvaluateEligibility(Registry(), disposal_, query, settings_);
  }

  EligibilityResult CheckPerson(const std::string& id, const std::string& name,
                                const Date& as_of = kAsOf) {
    BidderQuery query = PersonQuery(id, name);
    query.as_of = as_of;
    return Check(query);
  }

  EligibilityResult CheckOrganization(const std::string& code, const std::string& name) {
    return Check(OrganizationQuery(code, name));
  }

  RegistryBuilder builder_{42};
  std::shared_ptr<const RegistrySnapshot> snapshot_;
  DisposalContext disposal_;
  EligibilitySettings settings_;
  std::string state_debtor_code_;
  std::string private_debtor_code_;
  std::string guarantor_id_;
  int next_sequence_ = 1;
  int next_serial_ = 1;
};

// --- Plain cases ---------------------------------------------------------------------------

TEST_F(EligibilityTest, RegisteredAdultWithoutRolesIsEligible) {
  const std::string id = AddPerson("张三");
  const EligibilityResult result = CheckPerson(id, "张三");
  EXPECT_EQ(result.outcome, EligibilityOutcome::kEligible);
  EXPECT_TRUE(result.reasons.empty());
}

TEST_F(EligibilityTest, UnregisteredAdultWithUnknownNameIsEligible) {
  const EligibilityResult result = CheckPerson(NationalId("19800101", 500), "无名氏");
  EXPECT_EQ(result.outcome, EligibilityOutcome::kEligible);
  EXPECT_TRUE(result.reasons.empty());
}

// --- Items 1-4: roles ------------------------------------------------------------------------

TEST_F(EligibilityTest, CivilServantIsIneligibleWithCitationAndPath) {
  const std::string id = AddPerson("张三");
  const std::string bureau = CreditCode(900);
  AddRole(id, PersonRole::kCivilServant, "某市财政局", bureau);
  const EligibilityResult result = CheckPerson(id, "张三");
  EXPECT_EQ(result.outcome, EligibilityOutcome::kIneligible);
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.1.civil_servant"});
  const EligibilityReason& reason = result.reasons[0];
  EXPECT_EQ(reason.citation, kItemsOneToSeven);
  EXPECT_EQ(reason.outcome, EligibilityOutcome::kIneligible);
  EXPECT_NE(reason.message.find("某市财政局"), std::string::npos) << reason.message;
  EXPECT_EQ(Steps(reason), (std::vector<Step>{{"bidder", id, "张三"},
                                              {"civil servant at", bureau, "某市财政局"}}));
}

TEST_F(EligibilityTest, FinancialRegulatorStaffIsIneligible) {
  const std::string id = AddPerson("李四");
  AddRole(id, PersonRole::kFinancialRegulatorStaff, "某监管局");
  EXPECT_EQ(RuleIds(CheckPerson(id, "李四")), std::vector<std::string>{"excl.2.regulator"});
}

TEST_F(EligibilityTest, LawEnforcementOfficerIsIneligible) {
  const std::string id = AddPerson("王五");
  AddRole(id, PersonRole::kLawEnforcementOfficer, "某区人民法院");
  EXPECT_EQ(RuleIds(CheckPerson(id, "王五")), std::vector<std::string>{"excl.3.law_enforcement"});
}

TEST_F(EligibilityTest, AmcStaffIsIneligibleEvenWhenNotEngagedOnTheDisposal) {
  const std::string id = AddPerson("赵六");
  AddRole(id, PersonRole::kAmcStaff, "某资产管理公司");
  EXPECT_EQ(RuleIds(CheckPerson(id, "赵六")), std::vector<std::string>{"excl.4.amc_staff"});
}

TEST_F(EligibilityTest, AmcStaffEngagedOnThisDisposalWithoutRoleRecordIsIneligible) {
  const std::string id = AddPerson("赵六");
  builder_.AddEngagement(kDisposalId, id, PersonRole::kAmcStaff);
  const EligibilityResult result = CheckPerson(id, "赵六");
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.4.amc_staff"});
  EXPECT_EQ(Steps(result.reasons[0]),
            (std::vector<Step>{{"bidder", id, "赵六"}, {"AMC staff on this disposal", "", ""}}));
}

TEST_F(EligibilityTest, RoleThatEndedTheDayBeforeAsOfDoesNotCount) {
  const std::string id = AddPerson("张三");
  AddRole(id, PersonRole::kCivilServant, "某市财政局", "", Until({2026, 6, 14}));
  const EligibilityResult result = CheckPerson(id, "张三");
  EXPECT_EQ(result.outcome, EligibilityOutcome::kEligible);
  EXPECT_TRUE(result.reasons.empty());
}

TEST_F(EligibilityTest, AsOfDecidesWhetherARoleCounts) {
  const std::string leaving = AddPerson("张三");
  AddRole(leaving, PersonRole::kCivilServant, "某市财政局", "", Until({2026, 6, 15}));
  const std::string joining = AddPerson("李四");
  AddRole(joining, PersonRole::kCivilServant, "某市财政局", "", From({2026, 7, 1}));
  // The last day of a role still counts; the next day it no longer does.
  EXPECT_EQ(CheckPerson(leaving, "张三", {2026, 6, 15}).outcome, EligibilityOutcome::kIneligible);
  EXPECT_EQ(CheckPerson(leaving, "张三", {2026, 6, 16}).outcome, EligibilityOutcome::kEligible);
  EXPECT_EQ(CheckPerson(joining, "李四", {2026, 6, 30}).outcome, EligibilityOutcome::kEligible);
  EXPECT_EQ(CheckPerson(joining, "李四", {2026, 7, 1}).outcome, EligibilityOutcome::kIneligible);
}

// --- Item 5: management of a state-owned debtor ----------------------------------------------

TEST_F(EligibilityTest, ManagementOfStateOwnedDebtorIsIneligible) {
  const std::string id = AddPerson("钱七");
  AddRole(id, PersonRole::kDebtorManagement, "国有债务人有限公司", state_debtor_code_);
  const EligibilityResult result = CheckPerson(id, "钱七");
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.5.debtor_management"});
  EXPECT_EQ(Steps(result.reasons[0]),
            (std::vector<Step>{
                {"bidder", id, "钱七"},
                {"management of state-owned debtor", state_debtor_code_, "国有债务人有限公司"}}));
}

TEST_F(EligibilityTest, ManagementOfDebtorRegisteredAsStateOwnedIsIneligible) {
  const std::string code = AddOrganization("登记国有公司", false, /*state_owned=*/true);
  // The disposal's own party record does not say state-owned; the registry does.
  disposal_.debtors.push_back({PartyKind::kOrganization, "登记国有公司", code, false, false});
  const std::string id = AddPerson("钱七");
  AddRole(id, PersonRole::kDebtorManagement, "登记国有公司", code);
  EXPECT_EQ(RuleIds(CheckPerson(id, "钱七")), std::vector<std::string>{"excl.5.debtor_management"});
}

TEST_F(EligibilityTest, ManagementOfPrivateDebtorIsEligible) {
  const std::string id = AddPerson("钱七");
  AddRole(id, PersonRole::kDebtorManagement, "民营债务人有限公司", private_debtor_code_);
  EXPECT_EQ(CheckPerson(id, "钱七").outcome, EligibilityOutcome::kEligible);
}

TEST_F(EligibilityTest, ManagementOfStateOwnedCompanyThatIsNotADebtorHereIsEligible) {
  const std::string code = AddOrganization("别的国企", false, /*state_owned=*/true);
  const std::string id = AddPerson("钱七");
  AddRole(id, PersonRole::kDebtorManagement, "别的国企", code);
  EXPECT_EQ(CheckPerson(id, "钱七").outcome, EligibilityOutcome::kEligible);
}

TEST_F(EligibilityTest, DirectorOfStateOwnedDebtorIsIneligibleAsItsManagement) {
  const std::string id = AddPerson("钱七");
  builder_.AddParticipation(id, state_debtor_code_, ParticipationKind::kDirector, "", {});
  const EligibilityResult result = CheckPerson(id, "钱七");
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.5.debtor_management"});
  EXPECT_EQ(Steps(result.reasons[0]).back(),
            (Step{"director of state-owned debtor", state_debtor_code_, "国有债务人有限公司"}));
}

TEST_F(EligibilityTest, SeniorManagerOfPrivateDebtorIsEligible) {
  const std::string id = AddPerson("钱七");
  builder_.AddParticipation(id, private_debtor_code_, ParticipationKind::kSeniorManager, "", {});
  EXPECT_EQ(CheckPerson(id, "钱七").outcome, EligibilityOutcome::kEligible);
}

TEST_F(EligibilityTest, SupervisorOfStateOwnedDebtorIsNotItsManagement) {
  const std::string id = AddPerson("钱七");
  builder_.AddParticipation(id, state_debtor_code_, ParticipationKind::kSupervisor, "", {});
  EXPECT_EQ(CheckPerson(id, "钱七").outcome, EligibilityOutcome::kEligible);
}

TEST_F(EligibilityTest, ChildOfASeniorManagerOfStateOwnedDebtorIsIneligible) {
  const std::string manager = AddPerson("副总", "19550101");
  builder_.AddParticipation(manager, state_debtor_code_, ParticipationKind::kSeniorManager, "", {});
  const std::string bidder = AddPerson("子女");
  builder_.AddRelation(manager, RelationKind::kParent, bidder);
  const EligibilityResult result = CheckPerson(bidder, "子女");
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.8.lineal_relative"});
  EXPECT_EQ(Steps(result.reasons[0]).back(), (Step{"senior manager of state-owned debtor",
                                                   state_debtor_code_, "国有债务人有限公司"}));
}

// Every reason: a seat on each of two state-owned debtors is two, each naming its debtor.
TEST_F(EligibilityTest, SeatsOnTwoStateOwnedDebtorsAreTwoReasons) {
  const std::string second = AddOrganization("第二国有公司", false, /*state_owned=*/true);
  disposal_.debtors.push_back({PartyKind::kOrganization, "第二国有公司", second, false, true});
  const std::string id = AddPerson("钱七");
  builder_.AddParticipation(id, state_debtor_code_, ParticipationKind::kDirector, "", {});
  builder_.AddParticipation(id, second, ParticipationKind::kSeniorManager, "", {});
  const EligibilityResult result = CheckPerson(id, "钱七");
  ASSERT_EQ(RuleIds(result),
            (std::vector<std::string>{"excl.5.debtor_management", "excl.5.debtor_management"}));
  std::set<std::string> debtors;
  for (const EligibilityReason& reason : result.reasons) debtors.insert(reason.path.back().name);
  EXPECT_EQ(debtors, (std::set<std::string>{"国有债务人有限公司", "第二国有公司"}));
}

// And a relative who manages two of them is explained through each.
TEST_F(EligibilityTest, ChildOfTheManagementOfTwoStateOwnedDebtorsHasAReasonForEach) {
  const std::string second = AddOrganization("第二国有公司", false, /*state_owned=*/true);
  disposal_.debtors.push_back({PartyKind::kOrganization, "第二国有公司", second, false, true});
  const std::string manager = AddPerson("副总", "19550101");
  AddRole(manager, PersonRole::kDebtorManagement, "国有债务人有限公司", state_debtor_code_);
  builder_.AddParticipation(manager, second, ParticipationKind::kDirector, "", {});
  // A seat beside the role at the same debtor is no second reason for it.
  builder_.AddParticipation(manager, state_debtor_code_, ParticipationKind::kDirector, "", {});
  const std::string bidder = AddPerson("子女");
  builder_.AddRelation(manager, RelationKind::kParent, bidder);
  const EligibilityResult result = CheckPerson(bidder, "子女");
  ASSERT_EQ(RuleIds(result),
            (std::vector<std::string>{"excl.8.lineal_relative", "excl.8.lineal_relative"}));
  std::set<std::string> debtors;
  for (const EligibilityReason& reason : result.reasons) debtors.insert(reason.path.back().name);
  EXPECT_EQ(debtors, (std::set<std::string>{"国有债务人有限公司", "第二国有公司"}));
}

// --- Item 6: intermediaries on this disposal -------------------------------------------------

TEST_F(EligibilityTest, IntermediariesEngagedOnThisDisposalAreIneligible) {
  const std::vector<std::pair<PersonRole, std::string>> roles = {
      {PersonRole::kLawyer, "lawyer on this disposal"},
      {PersonRole::kAccountant, "accountant on this disposal"},
      {PersonRole::kAppraiser, "appraiser on this disposal"}};
  std::vector<std::string> ids;
  for (const auto& role : roles) {
    ids.push_back(AddPerson("中介"));
    builder_.AddEngagement(kDisposalId, ids.back(), role.first);
  }
  for (size_t i = 0; i < roles.size(); ++i) {
    SCOPED_TRACE(roles[i].second);
    const EligibilityResult result = CheckPerson(ids[i], "中介");
    ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.6.intermediary"});
    EXPECT_EQ(Steps(result.reasons[0]),
              (std::vector<Step>{{"bidder", ids[i], "中介"}, {roles[i].second, "", ""}}));
  }
}

TEST_F(EligibilityTest, AuctioneerIsIneligibleUnderThe2024Notice) {
  const std::string id = AddPerson("拍卖师");
  builder_.AddEngagement(kDisposalId, id, PersonRole::kAuctioneer);
  const EligibilityResult result = CheckPerson(id, "拍卖师");
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.6.intermediary"});
  EXPECT_NE(result.reasons[0].message.find("2024"), std::string::npos) << result.reasons[0].message;
}

TEST_F(EligibilityTest, EngagementOnAnotherDisposalDoesNotCount) {
  const std::string id = AddPerson("律师");
  builder_.AddEngagement(kOtherDisposalId, id, PersonRole::kLawyer);
  EXPECT_EQ(CheckPerson(id, "律师").outcome, EligibilityOutcome::kEligible);
}

TEST_F(EligibilityTest, LawyerByProfessionWhoIsNotEngagedIsEligible) {
  const std::string id = AddPerson("律师");
  AddRole(id, PersonRole::kLawyer, "某律师事务所");
  EXPECT_EQ(CheckPerson(id, "律师").outcome, EligibilityOutcome::kEligible);
}

// --- Item 8: lineal relatives ----------------------------------------------------------------

TEST_F(EligibilityTest, SpouseOfAmcStaffEngagedOnThisDisposalIsIneligible) {
  const std::string staff = AddPerson("经办人");
  builder_.AddEngagement(kDisposalId, staff, PersonRole::kAmcStaff);
  const std::string bidder = AddPerson("配偶");
  builder_.AddRelation(bidder, RelationKind::kSpouse, staff);
  const EligibilityResult result = CheckPerson(bidder, "配偶");
  EXPECT_EQ(result.outcome, EligibilityOutcome::kIneligible);
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.8.lineal_relative"});
  EXPECT_EQ(result.reasons[0].citation, "法发〔2009〕19号 六(九); 财金〔2005〕74号");
  EXPECT_EQ(Steps(result.reasons[0]), (std::vector<Step>{{"bidder", bidder, "配偶"},
                                                         {"spouse", staff, "经办人"},
                                                         {"AMC staff on this disposal", "", ""}}));
}

TEST_F(EligibilityTest, ChildOfStateOwnedDebtorManagementIsIneligible) {
  const std::string manager = AddPerson("总经理", "19550101");
  AddRole(manager, PersonRole::kDebtorManagement, "国有债务人有限公司", state_debtor_code_);
  const std::string bidder = AddPerson("子女");
  // Entered from the parent's side; the bidder sees the parent.
  builder_.AddRelation(manager, RelationKind::kParent, bidder);
  const EligibilityResult result = CheckPerson(bidder, "子女");
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.8.lineal_relative"});
  EXPECT_EQ(Steps(result.reasons[0]),
            (std::vector<Step>{
                {"bidder", bidder, "子女"},
                {"parent", manager, "总经理"},
                {"management of state-owned debtor", state_debtor_code_, "国有债务人有限公司"}}));
}

TEST_F(EligibilityTest, GrandchildOfAppraisalAgencyHeadIsIneligible) {
  const std::string head = AddPerson("评估所长", "19450101");
  builder_.AddEngagement(kDisposalId, head, PersonRole::kAppraisalAgencyHead);
  const std::string bidder = AddPerson("孙辈", "20000101");
  builder_.AddRelation(bidder, RelationKind::kGrandchild, head);
  const EligibilityResult result = CheckPerson(bidder, "孙辈");
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.8.lineal_relative"});
  EXPECT_EQ(Steps(result.reasons[0]),
            (std::vector<Step>{{"bidder", bidder, "孙辈"},
                               {"grandparent", head, "评估所长"},
                               {"appraisal agency head on this disposal", "", ""}}));
}

TEST_F(EligibilityTest, GrandparentRegisteredOnlyAsAParentsParentIsFound) {
  const std::string staff = AddPerson("经办人", "19450101");
  builder_.AddEngagement(kDisposalId, staff, PersonRole::kAmcStaff);
  const std::string parent = AddPerson("父亲", "19700101");
  const std::string bidder = AddPerson("孙辈", "20000101");
  builder_.AddRelation(staff, RelationKind::kParent, parent);
  builder_.AddRelation(parent, RelationKind::kParent, bidder);
  const EligibilityResult result = CheckPerson(bidder, "孙辈");
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.8.lineal_relative"});
  EXPECT_EQ(Steps(result.reasons[0]), (std::vector<Step>{{"bidder", bidder, "孙辈"},
                                                         {"parent", parent, "父亲"},
                                                         {"parent", staff, "经办人"},
                                                         {"AMC staff on this disposal", "", ""}}));
  EXPECT_NE(result.reasons[0].message.find("is their grandparent, through 父亲"), std::string::npos)
      << result.reasons[0].message;
}

TEST_F(EligibilityTest, GrandchildRegisteredOnlyAsAChildsChildIsFound) {
  const std::string head = AddPerson("评估所长", "20000101");
  builder_.AddEngagement(kDisposalId, head, PersonRole::kAppraisalAgencyHead);
  const std::string child = AddPerson("子女", "19700101");
  const std::string bidder = AddPerson("祖辈", "19450101");
  builder_.AddRelation(bidder, RelationKind::kParent, child);
  builder_.AddRelation(child, RelationKind::kParent, head);
  EXPECT_EQ(RuleIds(CheckPerson(bidder, "祖辈")),
            std::vector<std::string>{"excl.8.lineal_relative"});
}

TEST_F(EligibilityTest, GrandparentRegisteredBothWaysIsOneReason) {
  const std::string staff = AddPerson("经办人", "19450101");
  builder_.AddEngagement(kDisposalId, staff, PersonRole::kAmcStaff);
  const std::string parent = AddPerson("父亲", "19700101");
  const std::string bidder = AddPerson("孙辈", "20000101");
  builder_.AddRelation(staff, RelationKind::kParent, parent);
  builder_.AddRelation(parent, RelationKind::kParent, bidder);
  builder_.AddRelation(staff, RelationKind::kGrandparent, bidder);
  const EligibilityResult result = CheckPerson(bidder, "孙辈");
  ASSERT_EQ(result.reasons.size(), 1u);
  EXPECT_EQ(Steps(result.reasons[0]).size(), 3u);  // the registered relation, one step
}

TEST_F(EligibilityTest, SiblingThroughAParentIsNotALinealRelativeByDefault) {
  const std::string staff = AddPerson("经办人");
  builder_.AddEngagement(kDisposalId, staff, PersonRole::kAmcStaff);
  const std::string parent = AddPerson("父亲", "19500101");
  const std::string bidder = AddPerson("兄弟");
  builder_.AddRelation(parent, RelationKind::kParent, staff);
  builder_.AddRelation(parent, RelationKind::kParent, bidder);
  EXPECT_EQ(CheckPerson(bidder, "兄弟").outcome, EligibilityOutcome::kEligible);
}

TEST_F(EligibilityTest, SiblingThroughBothParentsIsFoundOnceWhenSiblingsCount) {
  settings_.lineal_relation_kinds.insert(RelationKind::kSibling);
  const std::string staff = AddPerson("经办人");
  builder_.AddEngagement(kDisposalId, staff, PersonRole::kAmcStaff);
  const std::string bidder = AddPerson("兄弟");
  for (const char* name : {"父亲", "母亲"}) {
    const std::string parent = AddPerson(name, "19500101");
    builder_.AddRelation(parent, RelationKind::kParent, staff);
    builder_.AddRelation(parent, RelationKind::kParent, bidder);
  }
  const EligibilityResult result = CheckPerson(bidder, "兄弟");
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.8.lineal_relative"});
  EXPECT_EQ(Steps(result.reasons[0])[2].relation, "child");
}

TEST_F(EligibilityTest, RelativeOfEngagedLawyerIsNotExcludedByItem8) {
  const std::string lawyer = AddPerson("律师");
  builder_.AddEngagement(kDisposalId, lawyer, PersonRole::kLawyer);
  const std::string bidder = AddPerson("配偶");
  builder_.AddRelation(bidder, RelationKind::kSpouse, lawyer);
  EXPECT_EQ(CheckPerson(bidder, "配偶").outcome, EligibilityOutcome::kEligible);
}

// Item 8 names the AMC staff taking part in the transfer whatever capacity they were engaged
// in: the AMC's in-house counsel engaged as its lawyer is still AMC staff.
TEST_F(EligibilityTest, RelativeOfAmcStaffEngagedAsTheLawyerIsIneligible) {
  const std::string counsel = AddPerson("法务");
  AddRole(counsel, PersonRole::kAmcStaff, "某资产管理公司");
  builder_.AddEngagement(kDisposalId, counsel, PersonRole::kLawyer);
  const std::string bidder = AddPerson("子女", "20000101");
  builder_.AddRelation(counsel, RelationKind::kParent, bidder);
  const EligibilityResult result = CheckPerson(bidder, "子女");
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.8.lineal_relative"});
  EXPECT_NE(result.reasons[0].message.find("engaged as"), std::string::npos)
      << result.reasons[0].message;
  EXPECT_EQ(Steps(result.reasons[0]).back(), (Step{"lawyer on this disposal", "", ""}));
}

TEST_F(EligibilityTest, RelativeOfAnAgencyHeadEngagedAsAnAppraiserIsIneligible) {
  const std::string head = AddPerson("所长");
  AddRole(head, PersonRole::kAppraisalAgencyHead, "某评估事务所");
  builder_.AddEngagement(kDisposalId, head, PersonRole::kAppraiser);
  const std::string bidder = AddPerson("配偶");
  builder_.AddRelation(bidder, RelationKind::kSpouse, head);
  EXPECT_EQ(RuleIds(CheckPerson(bidder, "配偶")),
            std::vector<std::string>{"excl.8.lineal_relative"});
}

// Their staff role ended before the check date: engaged as the lawyer, they are a lawyer there.
TEST_F(EligibilityTest, RelativeOfFormerAmcStaffEngagedAsTheLawyerIsEligible) {
  const std::string lawyer = AddPerson("律师");
  AddRole(lawyer, PersonRole::kAmcStaff, "某资产管理公司", "", Until(Date{2020, 12, 31}));
  builder_.AddEngagement(kDisposalId, lawyer, PersonRole::kLawyer);
  const std::string bidder = AddPerson("配偶");
  builder_.AddRelation(bidder, RelationKind::kSpouse, lawyer);
  EXPECT_EQ(CheckPerson(bidder, "配偶").outcome, EligibilityOutcome::kEligible);
}

TEST_F(EligibilityTest, RelativeOfAmcStaffEngagedOnAnotherDisposalIsEligible) {
  const std::string staff = AddPerson("经办人");
  AddRole(staff, PersonRole::kAmcStaff, "某资产管理公司");
  builder_.AddEngagement(kOtherDisposalId, staff, PersonRole::kAmcStaff);
  const std::string bidder = AddPerson("配偶");
  builder_.AddRelation(bidder, RelationKind::kSpouse, staff);
  EXPECT_EQ(CheckPerson(bidder, "配偶").outcome, EligibilityOutcome::kEligible);
}

TEST_F(EligibilityTest, RelativeOfPrivateDebtorManagementIsEligible) {
  const std::string manager = AddPerson("总经理");
  AddRole(manager, PersonRole::kDebtorManagement, "民营债务人有限公司", private_debtor_code_);
  const std::string bidder = AddPerson("配偶");
  builder_.AddRelation(bidder, RelationKind::kSpouse, manager);
  EXPECT_EQ(CheckPerson(bidder, "配偶").outcome, EligibilityOutcome::kEligible);
}

TEST_F(EligibilityTest, SiblingIsNotLinealByDefaultButIsWhenSettingsIncludeIt) {
  const std::string staff = AddPerson("经办人");
  builder_.AddEngagement(kDisposalId, staff, PersonRole::kAmcStaff);
  const std::string bidder = AddPerson("兄弟");
  builder_.AddRelation(bidder, RelationKind::kSibling, staff);
  EXPECT_EQ(CheckPerson(bidder, "兄弟").outcome, EligibilityOutcome::kEligible);

  settings_.lineal_relation_kinds.insert(RelationKind::kSibling);
  const EligibilityResult result = CheckPerson(bidder, "兄弟");
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.8.lineal_relative"});
  EXPECT_EQ(result.reasons[0].path[1].relation, "sibling");
  // Counted as the 2024 notice's close relatives (近亲属) count, never called a lineal one.
  EXPECT_EQ(result.reasons[0].message.find("直系亲属"), std::string::npos)
      << result.reasons[0].message;
  EXPECT_NE(result.reasons[0].message.find("近亲属"), std::string::npos)
      << result.reasons[0].message;
}

TEST_F(EligibilityTest, SettingsDescribeLinealRelativesInEnumOrder) {
  EXPECT_EQ(
      settings_.Describe(),
      std::vector<std::string>{"lineal_relatives=spouse,parent,child,grandparent,grandchild"});
  EligibilitySettings near_relatives;
  near_relatives.lineal_relation_kinds = {RelationKind::kSibling, RelationKind::kSpouse};
  EXPECT_EQ(near_relatives.Describe(), std::vector<std::string>{"lineal_relatives=spouse,sibling"});
}

// --- Capacity ----------------------------------------------------------------------------------

TEST_F(EligibilityTest, DayBeforeEighteenthBirthdayIsIneligibleWithoutOwnLabourIncome) {
  const std::string id = NationalId("20080616", 1);
  const EligibilityResult result = CheckPerson(id, "少年");
  EXPECT_EQ(result.outcome, EligibilityOutcome::kIneligible);
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"capacity.age"});
  EXPECT_EQ(result.reasons[0].citation, "民法典 arts. 17-18");
  EXPECT_NE(result.reasons[0].message.find("aged 17"), std::string::npos);
}

TEST_F(EligibilityTest, OnEighteenthBirthdayIsEligible) {
  const std::string id = NationalId("20080615", 1);
  EXPECT_EQ(CheckPerson(id, "少年").outcome, EligibilityOutcome::kEligible);
}

TEST_F(EligibilityTest, SixteenWithOwnLabourIncomeIsEligible) {
  BidderQuery query = PersonQuery(NationalId("20100615", 1), "少年");
  EXPECT_EQ(Check(query).outcome, EligibilityOutcome::kIneligible);
  query.declared_own_labour_income = true;
  EXPECT_EQ(Check(query).outcome, EligibilityOutcome::kEligible);
}

TEST_F(EligibilityTest, FifteenIsIneligibleEvenWithOwnLabourIncome) {
  BidderQuery query = PersonQuery(NationalId("20100616", 1), "少年");
  query.declared_own_labour_income = true;
  const EligibilityResult result = Check(query);
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"capacity.age"});
  EXPECT_NE(result.reasons[0].message.find("aged 15"), std::string::npos);
}

TEST_F(EligibilityTest, LeapDayBirthdayTurnsEighteenOnFirstOfMarchInACommonYear) {
  const std::string id = NationalId("20080229", 1);
  EXPECT_EQ(CheckPerson(id, "闰日", {2026, 2, 28}).outcome, EligibilityOutcome::kIneligible);
  EXPECT_EQ(CheckPerson(id, "闰日", {2026, 3, 1}).outcome, EligibilityOutcome::kEligible);
}

TEST_F(EligibilityTest, PersonDeclaredIncapacitatedIsIneligible) {
  const std::string id = NationalId("19800101", 77);
  builder_.AddPerson({id, "某人", /*declared_incapacitated=*/true, {}});
  EXPECT_EQ(RuleIds(CheckPerson(id, "某人")), std::vector<std::string>{"capacity.declared"});
}

// --- The debtor and its related parties ------------------------------------------------------

TEST_F(EligibilityTest, DebtorOrganizationIsIneligible) {
  const EligibilityResult result = CheckOrganization(private_debtor_code_, "民营债务人有限公司");
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.debtor"});
  EXPECT_EQ(Steps(result.reasons[0])[1],
            (Step{"debtor in this disposal", private_debtor_code_, "民营债务人有限公司"}));
}

TEST_F(EligibilityTest, GuarantorIsIneligible) {
  const EligibilityResult result = CheckPerson(guarantor_id_, "保证人");
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.debtor"});
  EXPECT_EQ(result.reasons[0].path[1].relation, "guarantor in this disposal");
}

// A pledgor is a related party as a guarantor is, and is named as what it is.
TEST_F(EligibilityTest, PledgorIsIneligibleAndNamedAPledgor) {
  const std::string pledgor = NationalId("19720202", 998);
  disposal_.guarantors.push_back({PartyKind::kPerson, "出质人", pledgor, false, false});
  disposal_.guarantor_roles = {"guarantor", "pledgor"};
  const EligibilityResult result = CheckPerson(pledgor, "出质人");
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.debtor"});
  EXPECT_EQ(result.reasons[0].path[1].relation, "pledgor in this disposal");
  EXPECT_EQ(result.reasons[0].message, "the bidder is a pledgor of the claims in this disposal");
}

TEST_F(EligibilityTest, ActualControllerOfDebtorIsIneligible) {
  const std::string id = AddPerson("实控人");
  builder_.AddParticipation(id, private_debtor_code_, ParticipationKind::kActualController, "", {});
  const EligibilityResult result = CheckPerson(id, "实控人");
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.debtor.controller"});
  EXPECT_EQ(Steps(result.reasons[0]),
            (std::vector<Step>{
                {"bidder", id, "实控人"},
                {"actual controller of debtor", private_debtor_code_, "民营债务人有限公司"}}));
}

// The seed case's guarantors are the debtor's controlling couple: a company they hold is theirs.
TEST_F(EligibilityTest, CompanyWhoseShareholderIsTheGuarantorIsIneligible) {
  const std::string code = AddOrganization("某投资公司");
  builder_.AddPerson({guarantor_id_, "保证人", false, {}});
  builder_.AddParticipation(guarantor_id_, code, ParticipationKind::kShareholder, "30", {});
  const EligibilityResult result = CheckOrganization(code, "某投资公司");
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.debtor.related_entity"});
  EXPECT_EQ(Steps(result.reasons[0]),
            (std::vector<Step>{{"bidder", code, "某投资公司"},
                               {"shareholder 30%", guarantor_id_, "保证人"},
                               {"guarantor in this disposal", guarantor_id_, "保证人"}}));
}

TEST_F(EligibilityTest, CompanyControlledByTheDebtorsActualControllerIsIneligible) {
  const std::string code = AddOrganization("某投资公司");
  const std::string controller = AddPerson("实控人");
  builder_.AddParticipation(controller, private_debtor_code_, ParticipationKind::kActualController,
                            "", {});
  builder_.AddParticipation(controller, code, ParticipationKind::kActualController, "", {});
  const EligibilityResult result = CheckOrganization(code, "某投资公司");
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.debtor.related_entity"});
  EXPECT_EQ(Steps(result.reasons[0]).back(),
            (Step{"actual controller of debtor", private_debtor_code_, "民营债务人有限公司"}));
}

TEST_F(EligibilityTest, CompanyWhoseShareholderOnceControlledTheDebtorIsEligible) {
  const std::string code = AddOrganization("某投资公司");
  const std::string controller = AddPerson("实控人");
  builder_.AddParticipation(controller, private_debtor_code_, ParticipationKind::kActualController,
                            "", Until({2026, 6, 14}));
  builder_.AddParticipation(controller, code, ParticipationKind::kShareholder, "51", {});
  EXPECT_EQ(CheckOrganization(code, "某投资公司").outcome, EligibilityOutcome::kEligible);
}

TEST_F(EligibilityTest, FormerActualControllerOfDebtorIsEligible) {
  const std::string id = AddPerson("实控人");
  builder_.AddParticipation(id, private_debtor_code_, ParticipationKind::kActualController, "",
                            Until({2026, 6, 14}));
  EXPECT_EQ(CheckPerson(id, "实控人").outcome, EligibilityOutcome::kEligible);
}

// --- Lists -----------------------------------------------------------------------------------

TEST_F(EligibilityTest, DishonestJudgmentDebtorIsIneligibleNamingListAndVersion) {
  const std::string id = AddPerson("老赖");
  builder_.AddListHit(
      id, {ListKind::kDishonestJudgmentDebtor, "最高人民法院失信被执行人名单", "2026-06-01"});
  const EligibilityResult result = CheckPerson(id, "老赖");
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.list.dishonest"});
  const std::string& message = result.reasons[0].message;
  EXPECT_NE(message.find("最高人民法院失信被执行人名单"), std::string::npos) << message;
  EXPECT_NE(message.find("2026-06-01"), std::string::npos) << message;
}

TEST_F(EligibilityTest, SanctionedUnregisteredOrganizationIsIneligible) {
  const std::string code = CreditCode(777);
  builder_.AddListHit(code, {ListKind::kSanctions, "反恐怖融资名单", "v12"});
  const EligibilityResult result = CheckOrganization(code, "某公司");
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.list.sanctions"});
  EXPECT_NE(result.reasons[0].message.find("v12"), std::string::npos);
}

// --- Ability to pay --------------------------------------------------------------------------

TEST_F(EligibilityTest, UnpaidDepositIsIneligibleNamingTheDeposit) {
  disposal_.deposit = Yuan(1'000'000);
  const std::string id = AddPerson("张三");
  const EligibilityResult result = CheckPerson(id, "张三");
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"pay.deposit"});
  EXPECT_NE(result.reasons[0].message.find("1,000,000.00"), std::string::npos)
      << result.reasons[0].message;
}

TEST_F(EligibilityTest, DepositPaidInFullShowsAbilityToPay) {
  disposal_.deposit = Yuan(1'000'000);
  BidderQuery query = PersonQuery(AddPerson("张三"), "张三");
  query.deposit_paid = Yuan(1'000'000);
  EXPECT_EQ(Check(query).outcome, EligibilityOutcome::kEligible);
}

TEST_F(EligibilityTest, DepositPaidOneFenShortIsIneligible) {
  disposal_.deposit = Yuan(1'000'000);
  BidderQuery query = PersonQuery(AddPerson("张三"), "张三");
  query.deposit_paid = Money::FromFen(Money::Fen(100'000'000) - 1).value();
  EXPECT_EQ(RuleIds(Check(query)), std::vector<std::string>{"pay.deposit"});
}

TEST_F(EligibilityTest, ProofOfFundsCoveringTheDepositShowsAbilityToPay) {
  disposal_.deposit = Yuan(1'000'000);
  BidderQuery query = PersonQuery(AddPerson("张三"), "张三");
  query.deposit_paid = Yuan(10);
  query.proof_of_funds = Yuan(5'000'000);
  EXPECT_EQ(Check(query).outcome, EligibilityOutcome::kEligible);
}

TEST_F(EligibilityTest, NoDepositRequiredNeedsNoPayment) {
  const std::string code = AddOrganization("某公司");
  EXPECT_EQ(CheckOrganization(code, "某公司").outcome, EligibilityOutcome::kEligible);
}

// --- Organisations: capacity and item 7 ------------------------------------------------------

TEST_F(EligibilityTest, DeregisteredOrganizationIsIneligible) {
  const std::string code = AddOrganization("已注销公司", false, false, /*deregistered=*/true);
  EXPECT_EQ(RuleIds(CheckOrganization(code, "已注销公司")),
            std::vector<std::string>{"org.deregistered"});
}

TEST_F(EligibilityTest, CompanyWithCivilServantDirectorIsIneligible) {
  const std::string code = AddOrganization("某公司");
  const std::string director = AddPerson("董事");
  AddRole(director, PersonRole::kCivilServant, "某市财政局");
  builder_.AddParticipation(director, code, ParticipationKind::kDirector, "", {});
  const EligibilityResult result = CheckOrganization(code, "某公司");
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.7.participated_entity"});
  EXPECT_EQ(Steps(result.reasons[0]), (std::vector<Step>{{"bidder", code, "某公司"},
                                                         {"director", director, "董事"},
                                                         {"civil servant at", "", "某市财政局"}}));
}

TEST_F(EligibilityTest, ShareholdingOfAnyPercentCountsForItem7) {
  const std::string code = AddOrganization("某公司");
  const std::string holder = AddPerson("股东");
  AddRole(holder, PersonRole::kAmcStaff, "某资产管理公司");
  builder_.AddParticipation(holder, code, ParticipationKind::kShareholder, "0.5", {});
  const EligibilityResult result = CheckOrganization(code, "某公司");
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.7.participated_entity"});
  EXPECT_EQ(result.reasons[0].path[1].relation, "shareholder 0.5%");
}

TEST_F(EligibilityTest, FinancialInstitutionWithAmcStaffShareholderIsEligible) {
  const std::string bank = AddOrganization("某银行", /*financial=*/true);
  const std::string holder = AddPerson("股东");
  AddRole(holder, PersonRole::kAmcStaff, "某资产管理公司");
  builder_.AddParticipation(holder, bank, ParticipationKind::kShareholder, "5", {});
  EXPECT_EQ(CheckOrganization(bank, "某银行").outcome, EligibilityOutcome::kEligible);
}

// Item 7's carve-out is item 7's: the 2024 notice excludes the debtor's related parties, banks
// among them.
TEST_F(EligibilityTest, FinancialInstitutionControlledByTheDebtorsActualControllerIsIneligible) {
  const std::string lender = AddOrganization("某小贷公司", /*financial=*/true);
  const std::string controller = AddPerson("实控人");
  builder_.AddParticipation(controller, private_debtor_code_, ParticipationKind::kActualController,
                            "", {});
  builder_.AddParticipation(controller, lender, ParticipationKind::kActualController, "", {});
  const EligibilityResult result = CheckOrganization(lender, "某小贷公司");
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.debtor.related_entity"});
  EXPECT_EQ(Steps(result.reasons[0]).back(),
            (Step{"actual controller of debtor", private_debtor_code_, "民营债务人有限公司"}));
}

TEST_F(EligibilityTest, CompanyWhoseShareholderIsSpouseOfAppraisalAgencyHeadIsIneligible) {
  const std::string code = AddOrganization("某投资公司");
  const std::string holder = AddPerson("股东");
  const std::string head = AddPerson("评估所长");
  builder_.AddParticipation(holder, code, ParticipationKind::kShareholder, "30", {});
  builder_.AddRelation(holder, RelationKind::kSpouse, head);
  builder_.AddEngagement(kDisposalId, head, PersonRole::kAppraisalAgencyHead);
  const EligibilityResult result = CheckOrganization(code, "某投资公司");
  EXPECT_EQ(result.outcome, EligibilityOutcome::kIneligible);
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.7.participated_entity"});
  EXPECT_EQ(Steps(result.reasons[0]),
            (std::vector<Step>{{"bidder", code, "某投资公司"},
                               {"shareholder 30%", holder, "股东"},
                               {"spouse", head, "评估所长"},
                               {"appraisal agency head on this disposal", "", ""}}));
  EXPECT_NE(result.reasons[0].message.find("product's reading"), std::string::npos)
      << result.reasons[0].message;
}

TEST_F(EligibilityTest, ParticipationEndedBeforeAsOfDoesNotCountForItem7) {
  const std::string code = AddOrganization("某公司");
  const std::string holder = AddPerson("股东");
  AddRole(holder, PersonRole::kCivilServant, "某市财政局");
  builder_.AddParticipation(holder, code, ParticipationKind::kShareholder, "30",
                            Until({2026, 6, 14}));
  EXPECT_EQ(CheckOrganization(code, "某公司").outcome, EligibilityOutcome::kEligible);
}

TEST_F(EligibilityTest, CompanyWhoseDirectorIsLawyerOnAnotherDisposalIsEligible) {
  const std::string code = AddOrganization("某公司");
  const std::string director = AddPerson("律师");
  builder_.AddEngagement(kOtherDisposalId, director, PersonRole::kLawyer);
  builder_.AddParticipation(director, code, ParticipationKind::kDirector, "", {});
  EXPECT_EQ(CheckOrganization(code, "某公司").outcome, EligibilityOutcome::kEligible);
}

TEST_F(EligibilityTest, CompanyWhoseDirectorIsLawyerOnThisDisposalIsIneligible) {
  const std::string code = AddOrganization("某公司");
  const std::string director = AddPerson("律师");
  builder_.AddEngagement(kDisposalId, director, PersonRole::kLawyer);
  builder_.AddParticipation(director, code, ParticipationKind::kDirector, "", {});
  const EligibilityResult result = CheckOrganization(code, "某公司");
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"excl.7.participated_entity"});
  EXPECT_EQ(result.reasons[0].path.back().relation, "lawyer on this disposal");
}

// --- REVIEW on a name-only match -------------------------------------------------------------

TEST_F(EligibilityTest, UnregisteredIdWithNameOfExcludedPersonNeedsReview) {
  const std::string registered = AddPerson("张伟");
  AddRole(registered, PersonRole::kCivilServant, "某市财政局");
  const std::string bidder = NationalId("19800101", 600);
  const EligibilityResult result = CheckPerson(bidder, "张伟");
  EXPECT_EQ(result.outcome, EligibilityOutcome::kReview);
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"review.name_match"});
  EXPECT_EQ(result.reasons[0].outcome, EligibilityOutcome::kReview);
  EXPECT_EQ(Steps(result.reasons[0]),
            (std::vector<Step>{{"bidder", bidder, "张伟"},
                               {"same name as registered person", registered, "张伟"},
                               {"civil servant at", "", "某市财政局"}}));
}

// capacity.declared is one of the rules a same-name registered person may fall under.
TEST_F(EligibilityTest, UnregisteredIdWithNameOfAPersonDeclaredIncapacitatedNeedsReview) {
  const std::string declared = NationalId("19750505", 601);
  builder_.AddPerson({declared, "张伟", /*declared_incapacitated=*/true, {}});
  const EligibilityResult result = CheckPerson(NationalId("19800101", 600), "张伟");
  EXPECT_EQ(result.outcome, EligibilityOutcome::kReview);
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"review.name_match"});
  EXPECT_NE(result.reasons[0].message.find("(capacity.declared)"), std::string::npos)
      << result.reasons[0].message;
  EXPECT_EQ(result.reasons[0].path.back().identifier, declared);
}

// Lists screen by name as much as by identifier: a registered person of the bidder's name on a
// sanctions list asks for a person's look, naming the list.
TEST_F(EligibilityTest, UnregisteredIdWithNameOfAListedPersonNeedsReview) {
  const std::string listed = AddPerson("王五");
  builder_.AddListHit(listed, {ListKind::kSanctions, "反恐怖融资名单", "v12"});
  const std::string bidder = NationalId("19800101", 600);
  const EligibilityResult result = CheckPerson(bidder, "王五");
  EXPECT_EQ(result.outcome, EligibilityOutcome::kReview);
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"review.name_match"});
  EXPECT_NE(result.reasons[0].message.find("excl.list.sanctions"), std::string::npos)
      << result.reasons[0].message;
  EXPECT_EQ(Steps(result.reasons[0]),
            (std::vector<Step>{{"bidder", bidder, "王五"},
                               {"same name as registered person", listed, "王五"},
                               {"listed, version v12, in", "", "反恐怖融资名单"}}));
}

TEST_F(EligibilityTest, UnregisteredIdWithNameOfAnUnlistedPersonIsEligible) {
  AddPerson("王五");
  builder_.AddListHit(NationalId("19700101", 700), {ListKind::kSanctions, "反恐怖融资名单", "v12"});
  EXPECT_EQ(CheckPerson(NationalId("19800101", 600), "王五").outcome,
            EligibilityOutcome::kEligible);
}

// A space (ASCII or ideographic) in either name does not dodge the match.
TEST_F(EligibilityTest, ANameMatchIgnoresSpacesAndFullWidthForms) {
  AddRole(AddPerson(" 张伟"), PersonRole::kCivilServant, "某市财政局");
  AddRole(AddPerson("Li Na"), PersonRole::kCivilServant, "某市财政局");
  for (const std::string name : {"张伟 ", "张\u3000伟", "张伟", "ＬＩ　ＮＡ"}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(CheckPerson(NationalId("19800101", 600), name).outcome, EligibilityOutcome::kReview);
  }
}

// A common name: the first 20 same-name persons are explained one by one, the rest counted in
// one reason, so that a decision stays small enough to send.
TEST_F(EligibilityTest, ANameSharedByManyExcludedPersonsExplainsTwentyAndCountsTheRest) {
  for (int i = 0; i < 25; ++i) AddRole(AddPerson("王伟"), PersonRole::kCivilServant, "某局");
  AddPerson("王伟");  // registered, excluded by nothing: neither explained nor counted
  const EligibilityResult result = CheckPerson(NationalId("19800101", 600), "王伟");
  EXPECT_EQ(result.outcome, EligibilityOutcome::kReview);
  ASSERT_EQ(result.reasons.size(), 21u);
  const auto counted = std::count_if(
      result.reasons.begin(), result.reasons.end(), [](const EligibilityReason& reason) {
        return reason.message.find("and 5 more registered persons named 王伟") != std::string::npos;
      });
  EXPECT_EQ(counted, 1);
}

// Examining a same-name person walks their roles, seats and relatives: a name shared by
// thousands is examined for the first 200 only, and the decision says so.
TEST_F(EligibilityTest, ANameSharedByMoreThanTwoHundredIsExaminedInPartAndNeedsReview) {
  for (int i = 0; i < 205; ++i) AddPerson("王伟");
  const EligibilityResult result = CheckPerson(NationalId("19800101", 600), "王伟");
  EXPECT_EQ(result.outcome, EligibilityOutcome::kReview);
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"review.name_match"});
  EXPECT_NE(
      result.reasons[0].message.find("5 more registered persons named 王伟 were not examined"),
      std::string::npos)
      << result.reasons[0].message;
}

TEST_F(EligibilityTest, UnregisteredIdWithNameOfTheGuarantorNeedsReview) {
  const std::string bidder = NationalId("19800101", 600);
  const EligibilityResult result = CheckPerson(bidder, "保证人");
  EXPECT_EQ(result.outcome, EligibilityOutcome::kReview);
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"review.name_match"});
  EXPECT_EQ(
      Steps(result.reasons[0]),
      (std::vector<Step>{{"bidder", bidder, "保证人"},
                         {"same name as guarantor in this disposal", guarantor_id_, "保证人"}}));
}

// Being registered says nothing of whether the bidder is the guarantor of the same name.
TEST_F(EligibilityTest, ARegisteredBidderWithTheNameOfTheGuarantorNeedsReview) {
  const std::string bidder = AddPerson("保证人");
  const EligibilityResult result = CheckPerson(bidder, "保证人");
  EXPECT_EQ(result.outcome, EligibilityOutcome::kReview);
  EXPECT_EQ(RuleIds(result), std::vector<std::string>{"review.name_match"});
}

// The identifiers the reasons reach first after the bidder, for `bidder` on a disposal of no
// parties (the caps' choices, in the order the decision lists them).
std::vector<std::string> SecondStepsOf(const RegistrySnapshot& registry, const Party& bidder) {
  DisposalContext disposal;
  disposal.disposal_id = kDisposalId;
  BidderQuery query;
  query.bidder = bidder;
  query.as_of = kAsOf;
  std::vector<std::string> named;
  for (const EligibilityReason& reason :
       EvaluateEligibility(registry, disposal, query, EligibilitySettings{}).reasons) {
    if (reason.path.size() > 1) named.push_back(reason.path[1].identifier);
  }
  return named;
}

// Which same-name persons are explained must not depend on the order the registry was loaded
// in: servers, and a decision's replay, would give different reasons.
TEST(EligibilityCapsTest, TheSameNamePersonsExplainedDoNotDependOnRegistryOrder) {
  std::vector<std::string> ids;
  for (int i = 0; i < 30; ++i) ids.push_back(NationalId("19800101", 100 + i));
  auto explained_with = [&](bool reversed) {
    RegistryBuilder builder{42};
    std::vector<std::string> order = ids;
    if (reversed) std::reverse(order.begin(), order.end());
    for (const std::string& id : order) {
      builder.AddPerson({id, "王伟", false, {}});
      builder.AddRole(id, {PersonRole::kCivilServant, "某局", "", {}});
    }
    return SecondStepsOf(*builder.Build(),
                         {PartyKind::kPerson, "王伟", NationalId("19800101", 600), false, false});
  };
  const std::vector<std::string> forward = explained_with(false);
  EXPECT_EQ(forward.size(), 20u);
  EXPECT_EQ(forward, explained_with(true));
}

TEST(EligibilityCapsTest, TheParticipationsExplainedDoNotDependOnRegistryOrder) {
  const std::string code = CreditCode(9000);
  std::vector<std::string> ids;
  for (int i = 0; i < 30; ++i) ids.push_back(NationalId("19800101", 100 + i));
  auto explained_with = [&](bool reversed) {
    RegistryBuilder builder{42};
    builder.AddOrganization({code, "某员工持股平台", false, false, false});
    std::vector<std::string> order = ids;
    if (reversed) std::reverse(order.begin(), order.end());
    for (const std::string& id : order) {
      builder.AddPerson({id, "股东", false, {}});
      builder.AddRole(id, {PersonRole::kAmcStaff, "某资产管理公司", "", {}});
      builder.AddParticipation(id, code, ParticipationKind::kShareholder, "3", {});
    }
    return SecondStepsOf(*builder.Build(),
                         {PartyKind::kOrganization, "某员工持股平台", code, false, false});
  };
  const std::vector<std::string> forward = explained_with(false);
  EXPECT_EQ(forward.size(), 20u);
  EXPECT_EQ(forward, explained_with(true));
}

TEST_F(EligibilityTest, AnOrganisationOfManyExcludedParticipantsExplainsTwentyAndCountsTheRest) {
  const std::string code = AddOrganization("某员工持股平台");
  for (int i = 0; i < 25; ++i) {
    const std::string holder = AddPerson("股东");
    AddRole(holder, PersonRole::kAmcStaff, "某资产管理公司");
    builder_.AddParticipation(holder, code, ParticipationKind::kShareholder, "4", {});
  }
  const EligibilityResult result = CheckOrganization(code, "某员工持股平台");
  EXPECT_EQ(result.outcome, EligibilityOutcome::kIneligible);
  ASSERT_EQ(result.reasons.size(), 21u);
  const auto counted = std::count_if(
      result.reasons.begin(), result.reasons.end(), [](const EligibilityReason& reason) {
        return reason.message.find("and 5 more participations") != std::string::npos;
      });
  EXPECT_EQ(counted, 1);
}

// The count names the rule the participations counted fall under, here the debtor's.
TEST_F(EligibilityTest, ACompanyOfManyParticipantsRelatedToTheDebtorCountsTheRestUnderItsRule) {
  const std::string company = AddOrganization("某投资公司");
  for (int i = 0; i < 22; ++i) {
    const std::string holder = AddPerson("实控人");
    builder_.AddParticipation(holder, private_debtor_code_, ParticipationKind::kActualController,
                              "", {});
    builder_.AddParticipation(holder, company, ParticipationKind::kShareholder, "1", {});
  }
  const EligibilityResult result = CheckOrganization(company, "某投资公司");
  ASSERT_EQ(result.reasons.size(), 21u);
  for (const EligibilityReason& reason : result.reasons) {
    EXPECT_EQ(reason.rule_id, "excl.debtor.related_entity") << reason.message;
  }
}

TEST_F(EligibilityTest, UnregisteredIdWithNameOfEngagedIntermediaryNeedsReview) {
  const std::string registered = AddPerson("李娜");
  builder_.AddEngagement(kDisposalId, registered, PersonRole::kAppraiser);
  EXPECT_EQ(CheckPerson(NationalId("19800101", 600), "李娜").outcome, EligibilityOutcome::kReview);
}

TEST_F(EligibilityTest, UnregisteredIdWithNameOfASpouseOfEngagedStaffNeedsReview) {
  const std::string staff = AddPerson("经办人");
  builder_.AddEngagement(kDisposalId, staff, PersonRole::kAmcStaff);
  const std::string spouse = AddPerson("李四");
  builder_.AddRelation(spouse, RelationKind::kSpouse, staff);
  const std::string bidder = NationalId("19800101", 600);
  const EligibilityResult result = CheckPerson(bidder, "李四");
  EXPECT_EQ(result.outcome, EligibilityOutcome::kReview);
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"review.name_match"});
  EXPECT_NE(result.reasons[0].message.find("excl.8.lineal_relative"), std::string::npos)
      << result.reasons[0].message;
  EXPECT_EQ(Steps(result.reasons[0]).back().relation, "AMC staff on this disposal");
}

TEST_F(EligibilityTest, UnregisteredIdWithNameOfTheDebtorsActualControllerNeedsReview) {
  const std::string registered = AddPerson("实控人");
  builder_.AddParticipation(registered, private_debtor_code_, ParticipationKind::kActualController,
                            "", {});
  const std::string bidder = NationalId("19800101", 600);
  const EligibilityResult result = CheckPerson(bidder, "实控人");
  EXPECT_EQ(result.outcome, EligibilityOutcome::kReview);
  ASSERT_EQ(RuleIds(result), std::vector<std::string>{"review.name_match"});
  EXPECT_EQ(Steps(result.reasons[0]),
            (std::vector<Step>{
                {"bidder", bidder, "实控人"},
                {"same name as registered person", registered, "实控人"},
                {"actual controller of debtor", private_debtor_code_, "民营债务人有限公司"}}));
}

TEST_F(EligibilityTest, UnregisteredIdWithNameOfUnremarkablePersonIsEligible) {
  AddPerson("张伟");
  EXPECT_EQ(CheckPerson(NationalId("19800101", 600), "张伟").outcome,
            EligibilityOutcome::kEligible);
}

TEST_F(EligibilityTest, RegisteredBidderIsNotComparedByName) {
  const std::string bidder = AddPerson("张伟");
  const std::string namesake = AddPerson("张伟");
  AddRole(namesake, PersonRole::kCivilServant, "某市财政局");
  EXPECT_EQ(CheckPerson(bidder, "张伟").outcome, EligibilityOutcome::kEligible);
}

// --- The outcome -----------------------------------------------------------------------------

TEST_F(EligibilityTest, OutcomeIsTheWorstReasonAndAllReasonsAreListedInRuleOrder) {
  disposal_.deposit = Yuan(500'000);
  const std::string id = AddPerson("张三");
  builder_.AddListHit(id, {ListKind::kDishonestJudgmentDebtor, "失信名单", "2026-06-01"});
  AddRole(id, PersonRole::kLawEnforcementOfficer, "某公安局");
  AddRole(id, PersonRole::kCivilServant, "某市财政局");
  const EligibilityResult result = CheckPerson(id, "张三");
  EXPECT_EQ(result.outcome, EligibilityOutcome::kIneligible);
  EXPECT_EQ(RuleIds(result),
            (std::vector<std::string>{"excl.1.civil_servant", "excl.3.law_enforcement",
                                      "excl.list.dishonest", "pay.deposit"}));
}

TEST_F(EligibilityTest, IneligibleOutranksReviewAndBothAreListed) {
  disposal_.deposit = Yuan(500'000);
  const std::string registered = AddPerson("张伟");
  AddRole(registered, PersonRole::kCivilServant, "某市财政局");
  const EligibilityResult result = CheckPerson(NationalId("19800101", 600), "张伟");
  EXPECT_EQ(result.outcome, EligibilityOutcome::kIneligible);
  EXPECT_EQ(RuleIds(result), (std::vector<std::string>{"pay.deposit", "review.name_match"}));
}

// --- The snapshot and its builder ------------------------------------------------------------

TEST_F(EligibilityTest, RelationIsSeenFromBothSides) {
  const std::string parent = AddPerson("父亲", "19500101");
  const std::string child = AddPerson("儿子");
  builder_.AddRelation(parent, RelationKind::kParent, child);
  builder_.AddRelation(child, RelationKind::kChild, parent);  // the same fact again
  const RegistrySnapshot& registry = Registry();
  const uint32_t parent_index = *registry.FindPerson(parent);
  const uint32_t child_index = *registry.FindPerson(child);
  ASSERT_EQ(registry.relations(child_index).size(), 1u);
  EXPECT_EQ(registry.relations(child_index)[0].other, parent_index);
  EXPECT_EQ(registry.relations(child_index)[0].kind, RelationKind::kParent);
  ASSERT_EQ(registry.relations(parent_index).size(), 1u);
  EXPECT_EQ(registry.relations(parent_index)[0].other, child_index);
  EXPECT_EQ(registry.relations(parent_index)[0].kind, RelationKind::kChild);
}

TEST_F(EligibilityTest, BuilderSkipsAndCountsReferencesToUnknownIdentifiers) {
  const std::string known = AddPerson("张三");
  const std::string unknown = NationalId("19800101", 800);
  AddRole(unknown, PersonRole::kCivilServant);
  builder_.AddRelation(known, RelationKind::kSpouse, unknown);
  builder_.AddParticipation(known, CreditCode(801), ParticipationKind::kDirector, "", {});
  builder_.AddEngagement(kDisposalId, unknown, PersonRole::kLawyer);
  EXPECT_EQ(builder_.skipped(), 4u);
  EXPECT_EQ(Registry().version(), 42);
  EXPECT_TRUE(Registry().relations(*Registry().FindPerson(known)).empty());
}

TEST_F(EligibilityTest, SnapshotCountsAPersonWhoseIdIsNotInCanonicalShape) {
  std::string lowercase = NationalId("19491231", 2);
  ASSERT_EQ(lowercase.back(), 'X');
  lowercase.back() = 'x';
  builder_.AddPerson({lowercase, "张三", false, {}});
  AddPerson("李四");
  const RegistrySnapshot& registry = Registry();
  EXPECT_EQ(registry.skipped_rows(), 1u);
  EXPECT_FALSE(registry.FindPerson(lowercase).has_value());
}

TEST_F(EligibilityTest, AccessorsAnswerEmptyForMissingKeys) {
  const RegistrySnapshot& registry = Registry();
  EXPECT_FALSE(registry.FindPerson(NationalId("19800101", 1)).has_value());
  EXPECT_FALSE(registry.FindOrganization(CreditCode(999)).has_value());
  EXPECT_TRUE(registry.FindPersonsByName("无名氏").empty());
  EXPECT_TRUE(registry.engagements(kOtherDisposalId).empty());
  EXPECT_TRUE(registry.list_hits("nobody").empty());
  EXPECT_TRUE(registry.relations(12345).empty());
  EXPECT_TRUE(registry.participations_of_person(12345).empty());
  EXPECT_TRUE(registry.participations_in_organization(12345).empty());
}

TEST_F(EligibilityTest, LaterEntryForTheSameNationalIdReplacesTheEarlierOne) {
  const std::string id = NationalId("19800101", 321);
  builder_.AddPerson({id, "旧名", false, {}});
  builder_.AddPerson({id, "新名", false, {}});
  const RegistrySnapshot& registry = Registry();
  EXPECT_EQ(registry.person(*registry.FindPerson(id)).name, "新名");
  EXPECT_TRUE(registry.FindPersonsByName("旧名").empty());
  EXPECT_EQ(registry.FindPersonsByName("新名").size(), 1u);
}

}  // namespace
}  // namespace disposal::domain

namespace disposal::domain {
namespace {

TEST(LinealRelativesSettingTest, ParsesTheKindsNamed) {
  auto kinds = ParseLinealRelatives("parent,child,sibling");
  ASSERT_TRUE(kinds.ok());
  EXPECT_EQ(kinds.value(), (std::set<RelationKind>{RelationKind::kParent, RelationKind::kChild,
                                                   RelationKind::kSibling}));
}

TEST(LinealRelativesSettingTest, RefusesAnUnknownKind) {
  auto kinds = ParseLinealRelatives("spouse,cousin");
  ASSERT_FALSE(kinds.ok());
  EXPECT_NE(kinds.error().reason.find("cousin"), std::string::npos);
}

TEST(DescribedSettingsTest, ParseGivesBackTheSettingsThatWereDescribed) {
  EligibilitySettings settings;
  settings.lineal_relation_kinds = {RelationKind::kSpouse, RelationKind::kSibling};
  auto parsed = ParseDescribedSettings(settings.Describe());
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.value().lineal_relation_kinds, settings.lineal_relation_kinds);
}

TEST(DescribedSettingsTest, RefusesASettingItDoesNotKnow) {
  auto parsed = ParseDescribedSettings({"lineal_relatives=spouse", "cousins_count=yes"});
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().Message().find("cousins_count"), std::string::npos);
}

}  // namespace
}  // namespace disposal::domain
