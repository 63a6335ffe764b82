#include "ledger_outcome_input.h"

#include <array>
#include <string>
#include <string_view>

#include "amount_text.h"
#include "date_text.h"
#include "enum_text.h"
#include "request_id.h"
#include "time_text.h"

namespace disposalctl {
namespace {

// Prices, payments, instalments, costs, judgment debts and a deposit kept are more than zero; a
// deposit paid or funds proved may be zero, never less. Refused here (exit 2) rather than sent for
// the server to refuse.
Status ParseAmountAbove(std::string_view text, bool zero_allowed, disposal::v1::Money* money) {
  Status status = ParseAmountText(text, money);
  if (!status.ok()) return status;
  const bool negative = money->units() < 0 || money->nanos() < 0;
  const bool zero = money->units() == 0 && money->nanos() == 0;
  if (!negative && (zero_allowed || !zero)) return Status::Ok();
  return Status::InvalidInput("\"" + std::string(text) + "\" must be " +
                              (zero_allowed ? "zero or more" : "more than zero"));
}

Status ParsePositiveAmount(std::string_view text, disposal::v1::Money* money) {
  return ParseAmountAbove(text, /*zero_allowed=*/false, money);
}

// --accrue-first's terms: those typed, or, none given, the claim's own terms, else those of
// its latest accrual.
Status SetAccrualTerms(const AccrualTermsOptions& options, disposal::v1::AccrualTerms* terms) {
  if (!options.any_given()) {
    terms->set_as_last_accrued(true);
    return Status::Ok();
  }
  terms->set_basis(BasisOf(options.basis));
  terms->set_compound_overdue_interest(options.compound);
  if (!options.court.given()) return Status::Ok();
  return ParseCourtDelay(options.court, terms->mutable_court_delay());
}

using disposal::v1::AllocationBucket;
using disposal::v1::RecordOutcomeRequest;

// The buckets a debtor's payment goes to: every value but the zero value.
constexpr std::size_t kBucketCount = disposal::v1::AllocationBucket_ARRAYSIZE - 1;

Status ParseMethod(const std::string& text, disposal::v1::DisposalMethod* method) {
  const google::protobuf::EnumDescriptor& type = *disposal::v1::DisposalMethod_descriptor();
  const google::protobuf::EnumValueDescriptor* found = FindEnumValue(type, text);
  if (found == nullptr || found->number() == 0) {
    return Status::InvalidInput("--method \"" + text + "\" must be one of " +
                                ListShortEnumNames(type));
  }
  *method = static_cast<disposal::v1::DisposalMethod>(found->number());
  return Status::Ok();
}

Status SetBuyer(const RecordOutcomeOptions& options, disposal::v1::Party* buyer) {
  if (options.buyer_person.empty() == options.buyer_org.empty()) {
    return Status::InvalidInput(
        "give the buyer as --buyer-person NATIONAL_ID or --buyer-org CREDIT_CODE (exactly one)");
  }
  if (options.buyer_name.empty()) return Status::InvalidInput("--buyer-name must not be empty");
  if (!options.buyer_person.empty()) {
    buyer->mutable_person()->set_national_id(options.buyer_person);
    buyer->mutable_person()->set_name(options.buyer_name);
  } else {
    buyer->mutable_organization()->set_credit_code(options.buyer_org);
    buyer->mutable_organization()->set_name(options.buyer_name);
  }
  return Status::Ok();
}

// The price, and the deposit when stated: left out, it stays unset rather than zero, so that
// the eligibility check tells "no deposit stated" from "a deposit of 0".
Status SetAmounts(const RecordOutcomeOptions& options, RecordOutcomeRequest* request) {
  Status status = ParsePositiveAmount(options.price, request->mutable_price());
  if (!status.ok()) return status.WithContext("--price");
  if (!options.deposit_paid.empty()) {
    status = ParseAmountAbove(options.deposit_paid, /*zero_allowed=*/true,
                              request->mutable_deposit_paid());
    if (!status.ok()) return status.WithContext("--deposit-paid");
  }
  if (options.buyer_proof_of_funds.empty()) return Status::Ok();
  status = ParseAmountAbove(options.buyer_proof_of_funds, /*zero_allowed=*/true,
                            request->mutable_buyer_proof_of_funds());
  return status.ok() ? status : status.WithContext("--buyer-proof-of-funds");
}

Status SetSchedule(const RecordOutcomeOptions& options, RecordOutcomeRequest* request) {
  for (const std::string& text : options.instalments) {
    Status status = ParseInstalmentText(text, request->add_instalments());
    if (!status.ok()) return status.WithContext("--instalment");
  }
  return Status::Ok();
}

Status SetPayer(const RecordPaymentOptions& options, disposal::v1::RecordPaymentRequest* request) {
  if (options.outcome_id.empty() == options.claim_id.empty()) {
    return Status::InvalidInput(
        "give the payer as --outcome OUTCOME_ID (a buyer) or --claim CLAIM_ID (the debtor), "
        "exactly one");
  }
  if (!options.outcome_id.empty() && !options.order.empty()) {
    return Status::InvalidInput(
        "--order applies to a debtor's payment (--claim) only; a buyer's payment goes to its "
        "instalments, earliest first");
  }
  if (!options.outcome_id.empty()) {
    request->set_outcome_id(options.outcome_id);
  } else {
    request->set_claim_id(options.claim_id);
  }
  return Status::Ok();
}

// Terms are for the accrual --accrue-first asks for: given with --accrue-first=false they would
// be dropped without a word.
Status CheckTermsWithAccrueFirst(bool accrue_first, const AccrualTermsOptions& terms) {
  if (accrue_first || !terms.any_given()) return Status::Ok();
  return Status::InvalidInput(
      "--basis, --compound and --court-* are terms of the accrual --accrue-first asks for; "
      "give --accrue-first, or leave them out");
}

}  // namespace

Status ParseInstalmentText(std::string_view text, disposal::v1::Instalment* instalment) {
  const std::string quoted = "\"" + std::string(text) + "\"";
  // A date has no colon and neither has an amount, so the first colon splits them.
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    return Status::InvalidInput(quoted + " is not DATE:AMOUNT, e.g. \"2021-10-01:3000万\"");
  }
  Status status = ParseDateText(text.substr(0, colon), instalment->mutable_due_date());
  if (status.ok()) {
    status = ParsePositiveAmount(text.substr(colon + 1), instalment->mutable_amount());
  }
  return status.ok() ? status : status.WithContext(quoted);
}

Status ParseAllocationOrder(const std::vector<std::string>& names,
                            std::vector<AllocationBucket>* order) {
  const google::protobuf::EnumDescriptor& type = *disposal::v1::AllocationBucket_descriptor();
  std::array<bool, disposal::v1::AllocationBucket_ARRAYSIZE> named{};
  for (const std::string& name : names) {
    const google::protobuf::EnumValueDescriptor* found = FindEnumValue(type, name);
    if (found == nullptr || found->number() == 0) {
      return Status::InvalidInput("\"" + name + "\" is not a bucket; expected " +
                                  ListShortEnumNames(type));
    }
    if (named[found->number()]) {
      return Status::InvalidInput("names \"" + name + "\" more than once");
    }
    named[found->number()] = true;
    order->push_back(static_cast<AllocationBucket>(found->number()));
  }
  if (order->size() != kBucketCount) {
    return Status::InvalidInput("must name every bucket once: " + ListShortEnumNames(type));
  }
  return Status::Ok();
}

disposal::v1::DayCountBasis BasisOf(const std::string& basis) {
  if (basis.empty()) return disposal::v1::DAY_COUNT_BASIS_UNSPECIFIED;
  return basis == "act365" ? disposal::v1::DAY_COUNT_BASIS_ACT_365
                           : disposal::v1::DAY_COUNT_BASIS_ACT_360;
}

Status ParseCourtDelay(const CourtDelayOptions& options, disposal::v1::CourtDelayInterest* court) {
  Status status = ParsePositiveAmount(options.debt, court->mutable_judgment_debt());
  if (!status.ok()) return status.WithContext("--court-debt");
  status = ParseDateText(options.delay_start, court->mutable_delay_start());
  if (!status.ok()) return status.WithContext("--court-delay-start");
  if (options.daily_rate.empty()) return Status::Ok();
  status = ParseRateText(options.daily_rate, court->mutable_daily_rate()->mutable_value());
  return status.ok() ? status : status.WithContext("--court-daily-rate");
}

namespace {

// --order's buckets, as the request's allocation_order (none given: the server's default).
template <typename Request>
Status AddAllocationOrder(const std::vector<std::string>& names, Request* request) {
  if (names.empty()) return Status::Ok();
  std::vector<AllocationBucket> order;
  Status status = ParseAllocationOrder(names, &order);
  if (!status.ok()) return status.WithContext("--order");
  for (AllocationBucket bucket : order) request->add_allocation_order(bucket);
  return Status::Ok();
}

// A debt reduction's order, checked here as the server will: only with --method
// debt-reduction, every bucket once.
Status SetReductionOrder(const RecordOutcomeOptions& options, RecordOutcomeRequest* request) {
  if (options.order.empty()) return Status::Ok();
  if (request->method() != disposal::v1::DISPOSAL_METHOD_DEBT_REDUCTION) {
    return Status::InvalidInput(
        "--order applies to a debt reduction (--method debt-reduction) only; a sale books its "
        "price against the lot's whole book value");
  }
  return AddAllocationOrder(options.order, request);
}

}  // namespace

Status BuildRecordOutcomeRequest(const RecordOutcomeOptions& options,
                                 RecordOutcomeRequest* request) {
  request->set_disposal_id(options.disposal_id);
  request->set_lot_id(options.lot_id);
  disposal::v1::DisposalMethod method{};
  Status status = ParseMethod(options.method, &method);
  request->set_method(method);
  if (status.ok()) status = SetBuyer(options, request->mutable_buyer());
  request->set_buyer_declared_own_labour_income(options.buyer_own_labour_income);
  if (status.ok()) status = SetAmounts(options, request);
  if (status.ok()) status = SetSchedule(options, request);
  if (status.ok()) status = SetReductionOrder(options, request);
  if (status.ok() && !options.award_time.empty()) {
    status = ParseTimeText("--award-time", options.award_time, request->mutable_award_time());
  }
  if (status.ok()) status = CheckTermsWithAccrueFirst(options.accrue_first, options.terms);
  if (status.ok() && options.accrue_first) {
    status = SetAccrualTerms(options.terms, request->mutable_accrue_first());
  }
  if (!status.ok()) return status;
  return ChooseRequestId(options.request_id, request->mutable_request_id());
}

Status BuildRecordPaymentRequest(const RecordPaymentOptions& options,
                                 disposal::v1::RecordPaymentRequest* request) {
  Status status = SetPayer(options, request);
  if (!status.ok()) return status;
  status = ParsePositiveAmount(options.amount, request->mutable_amount());
  if (!status.ok()) return status.WithContext("--amount");
  status = ParseDateText(options.received, request->mutable_received_date());
  if (!status.ok()) return status.WithContext("--received");
  status = AddAllocationOrder(options.order, request);
  if (!status.ok()) return status;
  status = CheckTermsWithAccrueFirst(options.accrue_first, options.terms);
  if (!status.ok()) return status;
  if (options.accrue_first) {
    status = SetAccrualTerms(options.terms, request->mutable_accrue_first());
    if (!status.ok()) return status;
  }
  return ChooseRequestId(options.request_id, request->mutable_request_id());
}

Status BuildRecordCostRequest(const RecordCostOptions& options,
                              disposal::v1::RecordCostRequest* request) {
  request->set_claim_id(options.claim_id);
  Status status = ParsePositiveAmount(options.amount, request->mutable_amount());
  if (!status.ok()) return status.WithContext("--amount");
  status = ParseDateText(options.paid, request->mutable_paid_date());
  if (!status.ok()) return status.WithContext("--paid");
  request->set_description(options.description);
  return ChooseRequestId(options.request_id, request->mutable_request_id());
}

Status BuildRescindOutcomeRequest(const RescindOutcomeOptions& options,
                                  disposal::v1::RescindOutcomeRequest* request) {
  request->set_outcome_id(options.id);
  request->set_memo(options.memo);
  if (!options.forfeit_deposit.empty()) {
    Status status =
        ParsePositiveAmount(options.forfeit_deposit, request->mutable_forfeited_deposit());
    if (!status.ok()) return status.WithContext("--forfeit-deposit");
  }
  return ChooseRequestId(options.request_id, request->mutable_request_id());
}

}  // namespace disposalctl
