// A debt reduction (债务减免) books the lot's book value less the agreed amount as debt relief,
// and keeps, with the outcome, what the agreed amount settled and what was forgiven of each
// part of the lot: costs, interest, principal, penalty (民法典 art. 561's order), or the
// reduction agreement's own order.
#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "support/ledger_fixture.h"
#include "support/sample_claims.h"

namespace disposal::testing {
namespace {

class DebtReductionTest : public LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    v1::Disposal offer = SeedDisposal(CreateSeedClaim());
    offer.add_methods(v1::DISPOSAL_METHOD_DEBT_REDUCTION);
    v1::Disposal draft;
    ASSERT_TRUE(CreateDisposal(offer, "reduction", &draft).ok());
    ASSERT_TRUE(Publish(draft, 2021, 7, 28, &disposal_).ok());
  }

  // A reduction of lot 1 agreed with the seed claim's debtor.
  v1::RecordOutcomeRequest Reduction(const std::string& agreed) {
    v1::RecordOutcomeRequest request = Award(disposal_, 0, agreed, 2021, 9, 1);
    request.set_method(v1::DISPOSAL_METHOD_DEBT_REDUCTION);
    request.mutable_buyer()->clear_person();
    v1::Organization* debtor = request.mutable_buyer()->mutable_organization();
    debtor->set_name("黑龙江省日出康城房地产开发有限公司");
    debtor->set_credit_code(CreditCode(1));
    return request;
  }

  // The same, agreed with the seed claim's guarantor 股东甲.
  v1::RecordOutcomeRequest ReductionWithGuarantor(const std::string& agreed) {
    v1::RecordOutcomeRequest request = Reduction(agreed);
    request.mutable_buyer()->clear_organization();
    request.mutable_buyer()->mutable_person()->set_name("股东甲");
    request.mutable_buyer()->mutable_person()->set_national_id("11010519491231002X");
    return request;
  }

  static domain::Money Of(const v1::Money& money) {
    return api::MoneyFromProto(money, "money").value();
  }

  static std::map<v1::AllocationBucket, v1::ReductionPart> PartsOf(const v1::Outcome& outcome) {
    std::map<v1::AllocationBucket, v1::ReductionPart> parts;
    for (const v1::ReductionPart& part : outcome.reduction()) parts[part.bucket()] = part;
    return parts;
  }

  // The database's message refusing `sql` (run as the superuser); empty when it ran.
  std::string RefusalOf(const std::string& sql) {
    try {
      db_.Query(sql);
      return "";
    } catch (const pqxx::sql_error& e) {
      return e.what();
    }
  }

  // A disposal offering a claim whose debtor is state-owned, its guarantor 股东甲 registered
  // as that debtor's director (item 5: the management of a state-owned debtor); `role`, when
  // given, is a role of 股东甲's besides.
  v1::Disposal StateOwnedDebtorsDisposal(std::optional<domain::PersonRole> role) {
    v1::Claim claim = SampleClaim(2);
    claim.mutable_debtor()->mutable_organization()->set_state_owned(true);
    grpc::ClientContext context;
    v1::CreateClaimRequest create;
    *create.mutable_claim() = claim;
    create.set_request_id("state-owned-claim");
    v1::Claim created;
    EXPECT_TRUE(claim_stub_->CreateClaim(&context, create, &created).ok());
    v1::Disposal offer = SeedDisposal(created.id());
    offer.add_methods(v1::DISPOSAL_METHOD_DEBT_REDUCTION);
    v1::Disposal draft, published;
    EXPECT_TRUE(CreateDisposal(offer, "state-owned", &draft).ok());
    EXPECT_TRUE(Publish(draft, 2021, 7, 28, &published).ok());
    std::vector<domain::RegistryChange> changes;
    changes.push_back({domain::RegistryPersonChange{kGuarantorId, "股东甲", false}});
    changes.push_back({domain::OrganizationEntry{CreditCode(2), "国有债务人", false, true, false}});
    domain::RegistryParticipationChange seat;
    seat.national_id = kGuarantorId;
    seat.credit_code = CreditCode(2);
    seat.kind = domain::ParticipationKind::kDirector;
    seat.valid.from_day = domain::DaysFromCivil({2000, 1, 1});
    changes.push_back({seat});
    if (role) {
      domain::RegistryRoleChange official;
      official.national_id = kGuarantorId;
      official.role.role = *role;
      official.role.employer = "某市财政局";
      official.role.valid.from_day = domain::DaysFromCivil({2000, 1, 1});
      changes.push_back({official});
    }
    const auto applied = registry_->ApplyChanges(
        changes, {"state-owned-registry", std::string(64, '0')}, {"tester", "setup", "", "{}"});
    EXPECT_TRUE(applied.ok()) << applied.error().Message();
    EXPECT_TRUE(checker_->Refresh().ok());
    return published;
  }

  static constexpr char kGuarantorId[] = "11010519491231002X";
  v1::Disposal disposal_;
};

TEST_F(DebtReductionTest, AgreedAmountSettlesInterestBeforePrincipalAndTheRestIsForgiven) {
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(Reduction("400000000.00"), &outcome);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(outcome.reduction_size(), 4);
  EXPECT_EQ(outcome.reduction(0).bucket(), v1::ALLOCATION_BUCKET_COSTS);
  EXPECT_EQ(outcome.reduction(1).bucket(), v1::ALLOCATION_BUCKET_INTEREST);
  EXPECT_EQ(outcome.reduction(2).bucket(), v1::ALLOCATION_BUCKET_PRINCIPAL);
  const v1::ReductionPart& interest = outcome.reduction(1);
  ASSERT_TRUE(Of(interest.owed()) > domain::Money());
  EXPECT_EQ(Of(interest.settled()), Of(interest.owed()));
  EXPECT_TRUE(Of(interest.forgiven()).is_zero());
  const v1::ReductionPart& principal = outcome.reduction(2);
  EXPECT_EQ(Of(principal.settled()), Of(outcome.price()).Subtract(Of(interest.settled())).value());
  EXPECT_TRUE(Of(principal.forgiven()) > domain::Money());
}

// The debtor may not buy its own claim (excl.debtor), but a reduction is agreed with it: its
// decision is kept with the outcome, naming the rule that would have refused a sale.
TEST_F(DebtReductionTest, IsAgreedWithTheClaimsDebtorWhomTheBuyersRulesExclude) {
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(Reduction("400000000.00"), &outcome);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(outcome.buyer().organization().credit_code(), CreditCode(1));
  EXPECT_EQ(
      db_.Query("SELECT outcome || ' ' || (position('excl.debtor'::bytea in decision) > 0)::text "
                "FROM eligibility_decisions WHERE decision_id = '" +
                outcome.eligibility_decision_id() + "'"),
      "INELIGIBLE true");
}

TEST_F(DebtReductionTest, IsAgreedWithAGuarantorOfTheClaim) {
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(ReductionWithGuarantor("400000000.00"), &outcome);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(outcome.buyer().person().national_id(), "11010519491231002X");
}

// A third party does not settle the claim: it buys it. Refused naming the buyer, with the
// decision, and nothing is booked.
TEST_F(DebtReductionTest, WithAThirdPartyIsRefusedNamingTheBuyerAndNothingIsBooked) {
  v1::RecordOutcomeRequest request = Award(disposal_, 0, "400000000.00", 2021, 9, 1);
  request.set_method(v1::DISPOSAL_METHOD_DEBT_REDUCTION);
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(request, &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_EQ(status.error_message().rfind("buyer: a debt reduction is agreed with", 0), 0u)
      << status.error_message();
  EXPECT_NE(status.error_message().find("; decision "), std::string::npos)
      << status.error_message();
  EXPECT_EQ(db_.Query("SELECT count(*) FROM outcomes"), "0");
  EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_entries"), "0");
}

// A state-owned debtor whose director is registered: the director is the debtor's management
// (item 5), which makes the debtor a participated entity (item 7) of its own management. Both
// are the debtor's side: neither refuses a reduction agreed with the debtor or the director.
TEST_F(DebtReductionTest, StateOwnedDebtorAndItsDirectorMayAgreeAReduction) {
  const v1::Disposal disposal = StateOwnedDebtorsDisposal(std::nullopt);
  v1::RecordOutcomeRequest with_debtor = Reduction("400000000.00");
  with_debtor.set_disposal_id(disposal.id());
  with_debtor.set_lot_id(disposal.lots(0).id());
  with_debtor.mutable_buyer()->mutable_organization()->set_credit_code(CreditCode(2));
  with_debtor.set_request_id("reduction-state-owned-debtor");
  v1::Outcome outcome;
  grpc::Status status = RecordOutcome(with_debtor, &outcome);
  ASSERT_TRUE(status.ok()) << status.error_message();

  v1::RecordOutcomeRequest with_director = ReductionWithGuarantor("1000000.00");
  with_director.set_disposal_id(disposal.id());
  with_director.set_lot_id(disposal.lots(1).id());
  with_director.set_request_id("reduction-state-owned-director");
  status = RecordOutcome(with_director, &outcome);
  ASSERT_TRUE(status.ok()) << status.error_message();
}

// The same director who is also a civil servant is refused: that is no part of the debtor's
// side.
TEST_F(DebtReductionTest, GuarantorWhoIsACivilServantIsRefusedNamingTheRule) {
  const v1::Disposal disposal = StateOwnedDebtorsDisposal(domain::PersonRole::kCivilServant);
  v1::RecordOutcomeRequest request = ReductionWithGuarantor("1000000.00");
  request.set_disposal_id(disposal.id());
  request.set_lot_id(disposal.lots(1).id());
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(request, &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("caught by excl.1.civil_servant"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(db_.Query("SELECT count(*) FROM outcomes"), "0");
}

// What a reduction allows is not a sale's: the debtor buying its own claim stays refused.
TEST_F(DebtReductionTest, SaleToTheDebtorIsStillRefused) {
  v1::RecordOutcomeRequest request = Reduction("400000000.00");
  request.set_method(v1::DISPOSAL_METHOD_AUCTION);
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(request, &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("excl.debtor"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(db_.Query("SELECT count(*) FROM outcomes"), "0");
}

TEST_F(DebtReductionTest, ForgivenPartsAddUpToTheDebtReliefEntryAndSettledToThePrice) {
  v1::Outcome outcome;
  ASSERT_TRUE(RecordOutcome(Reduction("400000000.00"), &outcome).ok());
  domain::Money owed, settled, forgiven;
  for (const v1::ReductionPart& part : outcome.reduction()) {
    owed = owed.Add(Of(part.owed())).value();
    settled = settled.Add(Of(part.settled())).value();
    forgiven = forgiven.Add(Of(part.forgiven())).value();
  }
  EXPECT_EQ(owed, Of(outcome.book_value()));
  EXPECT_EQ(settled, Of(outcome.price()));
  EXPECT_EQ(db_.Query("SELECT debit::text FROM journal_postings WHERE entry_id = " +
                      std::to_string(outcome.entry_id()) + " AND account = 'amc/debt_relief'"),
            forgiven.ToString());
}

TEST_F(DebtReductionTest, PartsAreReadBackWithTheOutcome) {
  v1::Outcome recorded;
  ASSERT_TRUE(RecordOutcome(Reduction("400000000.00"), &recorded).ok());
  grpc::ClientContext context;
  v1::GetOutcomeRequest request;
  request.set_id(recorded.id());
  v1::Outcome read;
  ASSERT_TRUE(ledger_stub_->GetOutcome(&context, request, &read).ok());
  ASSERT_EQ(read.reduction_size(), recorded.reduction_size());
  for (int i = 0; i < read.reduction_size(); ++i) {
    EXPECT_EQ(read.reduction(i).SerializeAsString(), recorded.reduction(i).SerializeAsString())
        << "part " << i;
  }
}

TEST_F(DebtReductionTest, ContractOrderSettlesPrincipalFirst) {
  v1::RecordOutcomeRequest request = Reduction("100000000.00");
  for (v1::AllocationBucket bucket :
       {v1::ALLOCATION_BUCKET_PRINCIPAL, v1::ALLOCATION_BUCKET_INTEREST,
        v1::ALLOCATION_BUCKET_COSTS, v1::ALLOCATION_BUCKET_PENALTY}) {
    request.add_allocation_order(bucket);
  }
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(request, &outcome);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(outcome.reduction_size(), 4);
  EXPECT_EQ(outcome.reduction(0).bucket(), v1::ALLOCATION_BUCKET_PRINCIPAL);
  EXPECT_EQ(Of(outcome.reduction(0).settled()), Of(outcome.price()));
  const v1::ReductionPart interest = PartsOf(outcome).at(v1::ALLOCATION_BUCKET_INTEREST);
  EXPECT_EQ(Of(interest.forgiven()), Of(interest.owed()));
}

TEST_F(DebtReductionTest, AllocationOrderOnASaleIsRefusedNamingItAndNothingIsBooked) {
  v1::RecordOutcomeRequest request = Award(disposal_, 0, "100000000.00", 2021, 9, 1);
  request.add_allocation_order(v1::ALLOCATION_BUCKET_PRINCIPAL);
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(request, &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(status.error_message().rfind("allocation_order: ", 0), 0u) << status.error_message();
  EXPECT_EQ(db_.Query("SELECT count(*) FROM outcomes"), "0");
  EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_entries"), "0");
}

TEST_F(DebtReductionTest, AnOrderNamingABucketTwiceIsRefusedNamingAllocationOrder) {
  v1::RecordOutcomeRequest request = Reduction("400000000.00");
  request.add_allocation_order(v1::ALLOCATION_BUCKET_PRINCIPAL);
  request.add_allocation_order(v1::ALLOCATION_BUCKET_PRINCIPAL);
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(request, &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(status.error_message().rfind("allocation_order", 0), 0u) << status.error_message();
}

// The parts are history like the outcome they belong to: not changed, not removed, and none
// added to an outcome booked before (the tables' owner included).
TEST_F(DebtReductionTest, PartsCannotBeChangedOrRemoved) {
  v1::Outcome outcome;
  ASSERT_TRUE(RecordOutcome(Reduction("400000000.00"), &outcome).ok());
  EXPECT_NE(RefusalOf("UPDATE outcome_reduction_parts SET forgiven = 0, settled = owed"), "");
  EXPECT_NE(RefusalOf("DELETE FROM outcome_reduction_parts"), "");
  EXPECT_EQ(db_.Query("SELECT count(*) FROM outcome_reduction_parts"), "4");
}

TEST_F(DebtReductionTest, NoPartCanBeAddedToAnAwardBookedBefore) {
  v1::Outcome sale;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 1, "90000000.00", 2021, 9, 1), &sale).ok());
  const std::string refusal = RefusalOf("INSERT INTO outcome_reduction_parts VALUES ('" +
                                        sale.id() + "', 1, 'costs', 0, 0, 0)");
  EXPECT_NE(refusal.find("was not written with a debt reduction's award"), std::string::npos)
      << refusal;
}

// A reduction booked without its whole split (here, none at all) is refused at commit, the
// tables' owner's too: the parts are what auditors read of what was forgiven.
TEST_F(DebtReductionTest, AReductionWithoutItsSplitIsRefusedAtCommit) {
  v1::Outcome reduced;
  ASSERT_TRUE(RecordOutcome(Reduction("400000000.00"), &reduced).ok());
  const std::string refusal = RefusalOf(
      "INSERT INTO journal_entries (request_id, call_request_id, request_hash, kind, "
      "effective_date, actor) VALUES ('forged', 'forged', decode(repeat('00', 32), 'hex'), "
      "'payment', '2021-09-01', 'tester');"
      "INSERT INTO journal_postings (entry_id, line, account, debit, credit) VALUES "
      "(currval('journal_entries_entry_id_seq'), 1, 'amc/debt_relief', 1, 0), "
      "(currval('journal_entries_entry_id_seq'), 2, 'outcome/" +
      reduced.id() +
      "/receivable', 0, 1);"
      "INSERT INTO outcomes (id, disposal_id, lot_id, claim_id, tranche_number, method, "
      "buyer_kind, buyer_name, buyer_identifier, price, book_value, award_date, "
      "eligibility_decision_id, entry_id, award_number) SELECT gen_random_uuid(), disposal_id, '" +
      disposal_.lots(1).id() +
      "', claim_id, 2, method, buyer_kind, buyer_name, buyer_identifier, price, book_value, "
      "award_date, eligibility_decision_id, currval('journal_entries_entry_id_seq'), 1 "
      "FROM outcomes WHERE id = '" +
      reduced.id() + "'");
  EXPECT_NE(refusal.find("its split must be whole"), std::string::npos) << refusal;
  EXPECT_EQ(db_.Query("SELECT count(*) FROM outcomes"), "1");
}

}  // namespace
}  // namespace disposal::testing
