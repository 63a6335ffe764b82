// Valid claims for tests, built in code so each test can vary one thing.
#ifndef DISPOSAL_TESTS_SUPPORT_SAMPLE_CLAIMS_H_
#define DISPOSAL_TESTS_SUPPORT_SAMPLE_CLAIMS_H_

#include <string>

#include "disposal/v1/claims.pb.h"
#include "domain/identifiers.h"

namespace disposal::testing {

// A unified social credit code with a correct check character: "91230100" + 9 digits of
// `serial` + check.
inline std::string CreditCode(int serial) {
  std::string first17 =
      "91230100" + std::string(9 - std::to_string(serial).size(), '0') + std::to_string(serial);
  return first17 + domain::CreditCodeCheckCharacter(first17);
}

inline v1::Money Yuan(int64_t units, int32_t fen = 0) {
  v1::Money money;
  money.set_currency_code("CNY");
  money.set_units(units);
  money.set_nanos(fen * 10'000'000);
  return money;
}

inline v1::Date MakeProtoDate(int year, int month, int day) {
  v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

// The seed case's shape: two tranches, collateral, guarantees, a pledge, a lawsuit.
inline v1::Claim SampleClaim(int debtor_serial = 1) {
  v1::Claim claim;
  claim.set_title("黑龙江省日出康城房地产开发有限公司债权");
  v1::Organization* debtor = claim.mutable_debtor()->mutable_organization();
  debtor->set_name("黑龙江省日出康城房地产开发有限公司");
  debtor->set_credit_code(CreditCode(debtor_serial));
  v1::Organization* holder = claim.mutable_holder()->mutable_organization();
  holder->set_name("中国长城资产管理股份有限公司黑龙江省分公司");
  holder->set_credit_code("91110000600037341L");
  holder->set_financial_institution(true);
  holder->set_state_owned(true);
  v1::Tranche* first = claim.add_tranches();
  first->set_original_creditor("中航信托股份有限公司");
  *first->mutable_principal() = Yuan(388658900);
  *first->mutable_interest() = Yuan(320366200);
  *first->mutable_interest_cutoff_date() = MakeProtoDate(2021, 6, 30);
  first->mutable_contract_rate()->set_value("0.0435");
  v1::Tranche* second = claim.add_tranches();
  second->set_original_creditor("德阳银行成都分行");
  second->set_original_creditor_current_name("长城华西银行成都分行");
  *second->mutable_principal() = Yuan(60000000);
  *second->mutable_interest() = Yuan(37425500);
  *second->mutable_interest_cutoff_date() = MakeProtoDate(2021, 6, 30);
  claim.mutable_penalty()->set_unliquidated_basis("具体金额以法院判定为准");
  v1::Collateral* collateral = claim.add_collateral();
  collateral->set_kind(v1::COLLATERAL_KIND_RESIDENTIAL);
  collateral->set_description("天悦国际 项目住宅");
  collateral->set_location("哈尔滨市南岗区哈西大街");
  collateral->set_lien_rank(1);
  v1::Encumbrance* seized = collateral->add_encumbrances();
  seized->set_kind(v1::ENCUMBRANCE_KIND_SEIZED);
  seized->set_note("部分被第三方查封");
  v1::Guarantee* guarantee = claim.add_guarantees();
  guarantee->mutable_guarantor()->mutable_person()->set_name("股东甲");
  guarantee->mutable_guarantor()->mutable_person()->set_national_id("11010519491231002X");
  guarantee->set_liability(v1::LIABILITY_TYPE_JOINT_AND_SEVERAL);
  claim.add_pledges()->set_subject("黑龙江省日出康城房地产开发有限公司100%股权");
  v1::Litigation* lawsuit = claim.add_litigation();
  lawsuit->set_court("黑龙江省高级人民法院");
  lawsuit->set_stage(v1::LITIGATION_STAGE_IN_TRIAL);
  return claim;
}

}  // namespace disposal::testing

#endif  // DISPOSAL_TESTS_SUPPORT_SAMPLE_CLAIMS_H_
