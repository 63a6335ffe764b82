// RegistryService.GetRegistryParty against a real PostgreSQL: what the registry holds on one
// person or organisation, each entry with its key, at one registry version.
#include <pqxx/pqxx>

#include "support/eligibility_fixture.h"
#include "support/sample_claims.h"

namespace disposal::testing {
namespace {

class RegistryPartyTest : public EligibilityFixture {
 protected:
  grpc::Status Get(const v1::GetRegistryPartyRequest& request, v1::RegistryParty* party) {
    grpc::ClientContext context;
    return registry_stub_->GetRegistryParty(&context, request, party);
  }
  grpc::Status GetPerson(const std::string& national_id, v1::RegistryParty* party) {
    v1::GetRegistryPartyRequest request;
    request.set_national_id(national_id);
    return Get(request, party);
  }
  grpc::Status GetOrganization(const std::string& credit_code, v1::RegistryParty* party) {
    v1::GetRegistryPartyRequest request;
    request.set_credit_code(credit_code);
    return Get(request, party);
  }

  // 张三, an appraiser until 2025 and now an appraisal agency's head, married to 李四,
  // holding 30% of an organisation, engaged on the disposal and on the sanctions list.
  void RegisterZhangSan() {
    v1::ApplyRegistryChangesRequest request;
    auto* person = request.add_changes()->mutable_person();
    person->set_national_id(zhang_);
    person->set_name("张三");
    request.add_changes()->mutable_person()->set_national_id(li_);
    request.mutable_changes(1)->mutable_person()->set_name("李四");
    auto* org = request.add_changes()->mutable_organization();
    org->set_credit_code(company_);
    org->set_name("某投资公司");
    org->set_state_owned(true);
    auto* ended = request.add_changes()->mutable_role();
    ended->set_national_id(zhang_);
    ended->set_role(v1::PERSON_ROLE_APPRAISER);
    ended->set_employer("某评估公司");
    *ended->mutable_valid_from() = MakeProtoDate(2015, 3, 1);
    *ended->mutable_valid_to() = MakeProtoDate(2025, 6, 30);
    auto* head = request.add_changes()->mutable_role();
    head->set_national_id(zhang_);
    head->set_role(v1::PERSON_ROLE_DEBTOR_MANAGEMENT);
    head->set_employer("某投资公司");
    head->set_employer_credit_code(company_);
    *head->mutable_valid_from() = MakeProtoDate(2025, 7, 1);
    auto* spouse = request.add_changes()->mutable_relation();
    spouse->set_national_id(li_);  // stored as 李四 spouse of 张三: found from either side
    spouse->set_kind(v1::RELATION_KIND_SPOUSE);
    spouse->set_other_national_id(zhang_);
    auto* share = request.add_changes()->mutable_participation();
    share->set_national_id(zhang_);
    share->set_credit_code(company_);
    share->set_kind(v1::PARTICIPATION_KIND_SHAREHOLDER);
    share->mutable_percent()->set_value("30.5");
    *share->mutable_valid_from() = MakeProtoDate(2019, 3, 1);
    auto* engaged = request.add_changes()->mutable_engagement();
    engaged->set_disposal_id(disposal_id_);
    engaged->set_national_id(zhang_);
    engaged->set_role(v1::PERSON_ROLE_APPRAISAL_AGENCY_HEAD);
    auto* listed = request.add_changes()->mutable_list_entry();
    listed->set_kind(v1::LIST_KIND_SANCTIONS);
    listed->set_identifier(zhang_);
    listed->set_source("OFAC");
    listed->set_list_version("2026-10-01");
    ASSERT_TRUE(Apply(request, &version_).ok());
  }

  const std::string zhang_ = NationalId("19491231", 2);
  const std::string li_ = NationalId("19500101", 1);
  const std::string company_ = CreditCode(7);
  int64_t version_ = 0;
};

TEST_F(RegistryPartyTest, APersonsEntriesComeBackWithTheirKeysAtTheVersionRead) {
  RegisterZhangSan();
  v1::RegistryParty party;
  ASSERT_TRUE(GetPerson(zhang_, &party).ok());
  EXPECT_EQ(party.registry_version(), version_);
  EXPECT_EQ(party.person().name(), "张三");
  EXPECT_FALSE(party.has_organization());
  ASSERT_EQ(party.roles_size(), 2);
  // Sorted by key (person, role code, start): appraiser before debtor_management.
  EXPECT_EQ(party.roles(0).role(), v1::PERSON_ROLE_APPRAISER);
  EXPECT_EQ(party.roles(0).valid_to().year(), 2025);
  EXPECT_EQ(party.roles(1).role(), v1::PERSON_ROLE_DEBTOR_MANAGEMENT);
  EXPECT_FALSE(party.roles(1).has_valid_to()) << "a role that lasts has no end";
  EXPECT_EQ(party.roles(1).employer_credit_code(), company_);
  ASSERT_EQ(party.relations_size(), 1);
  EXPECT_EQ(party.relations(0).national_id(), li_);
  EXPECT_EQ(party.relations(0).kind(), v1::RELATION_KIND_SPOUSE);
  ASSERT_EQ(party.participations_size(), 1);
  EXPECT_EQ(party.participations(0).kind(), v1::PARTICIPATION_KIND_SHAREHOLDER);
  EXPECT_EQ(party.participations(0).percent().value(), "30.5");
  EXPECT_EQ(party.participations(0).valid_from().month(), 3);
  EXPECT_FALSE(party.participations(0).has_valid_to());
  ASSERT_EQ(party.engagements_size(), 1);
  EXPECT_EQ(party.engagements(0).disposal_id(), disposal_id_);
  EXPECT_EQ(party.engagements(0).role(), v1::PERSON_ROLE_APPRAISAL_AGENCY_HEAD);
  ASSERT_EQ(party.list_entries_size(), 1);
  EXPECT_EQ(party.list_entries(0).kind(), v1::LIST_KIND_SANCTIONS);
  EXPECT_EQ(party.list_entries(0).source(), "OFAC");
  EXPECT_FALSE(party.truncated());
}

TEST_F(RegistryPartyTest, ARelationIsFoundFromEitherPerson) {
  RegisterZhangSan();
  v1::RegistryParty wife, husband;
  ASSERT_TRUE(GetPerson(li_, &wife).ok());
  ASSERT_TRUE(GetPerson(zhang_, &husband).ok());
  ASSERT_EQ(wife.relations_size(), 1);
  ASSERT_EQ(husband.relations_size(), 1);
  EXPECT_EQ(wife.relations(0).SerializeAsString(), husband.relations(0).SerializeAsString());
  EXPECT_EQ(wife.relations(0).other_national_id(), zhang_);
  EXPECT_EQ(wife.roles_size(), 0);
}

TEST_F(RegistryPartyTest, AnOrganisationShowsItsParticipantsAndTheRolesHeldWithIt) {
  RegisterZhangSan();
  v1::RegistryParty party;
  ASSERT_TRUE(GetOrganization(company_, &party).ok());
  EXPECT_EQ(party.organization().name(), "某投资公司");
  EXPECT_TRUE(party.organization().state_owned());
  EXPECT_FALSE(party.has_person());
  ASSERT_EQ(party.participations_size(), 1);
  EXPECT_EQ(party.participations(0).national_id(), zhang_);
  ASSERT_EQ(party.roles_size(), 1);
  EXPECT_EQ(party.roles(0).role(), v1::PERSON_ROLE_DEBTOR_MANAGEMENT);
  EXPECT_EQ(party.relations_size(), 0);
  EXPECT_EQ(party.engagements_size(), 0);
  EXPECT_EQ(party.list_entries_size(), 0);
}

TEST_F(RegistryPartyTest, AnOrganisationNamedOnlyAsAnEmployerOrOnAListIsFound) {
  RegisterZhangSan();
  const std::string employer = CreditCode(8);
  db_.Query(
      "INSERT INTO registry_roles (national_id, role, employer, employer_credit_code, "
      "valid_from) VALUES ('" +
      li_ + "', 'debtor_management', '某国企', '" + employer + "', date '2024-01-01')");
  db_.Query("INSERT INTO registry_list_entries VALUES ('sanctions', '" + employer +
            "', 'UN', '2026-09-01')");
  v1::RegistryParty party;
  ASSERT_TRUE(GetOrganization(employer, &party).ok());
  EXPECT_FALSE(party.has_organization());
  ASSERT_EQ(party.roles_size(), 1);
  EXPECT_EQ(party.roles(0).national_id(), li_);
  ASSERT_EQ(party.list_entries_size(), 1);
  EXPECT_EQ(party.list_entries(0).identifier(), employer);
}

TEST_F(RegistryPartyTest, AnEntryRemovedIsGoneFromTheNextRead) {
  RegisterZhangSan();
  v1::ApplyRegistryChangesRequest remove;
  auto* change = remove.add_changes();
  change->set_remove(true);
  auto* listed = change->mutable_list_entry();
  listed->set_kind(v1::LIST_KIND_SANCTIONS);
  listed->set_identifier(zhang_);
  listed->set_source("OFAC");
  listed->set_list_version("2026-10-01");
  int64_t version = 0;
  ASSERT_TRUE(Apply(remove, &version).ok());
  v1::RegistryParty party;
  ASSERT_TRUE(GetPerson(zhang_, &party).ok());
  EXPECT_EQ(party.list_entries_size(), 0);
  EXPECT_EQ(party.registry_version(), version);
  EXPECT_GT(version, version_);
}

TEST_F(RegistryPartyTest, AnIdentifierOnlyAListNamesComesBackUnregistered) {
  const std::string listed = NationalId("19800101", 21);
  db_.Query("INSERT INTO registry_list_entries VALUES ('dishonest_judgment_debtor', '" + listed +
            "', '最高人民法院失信被执行人名单', '2026-11-01')");
  v1::RegistryParty party;
  ASSERT_TRUE(GetPerson(listed, &party).ok());
  EXPECT_FALSE(party.has_person());
  ASSERT_EQ(party.list_entries_size(), 1);
  EXPECT_EQ(party.list_entries(0).kind(), v1::LIST_KIND_DISHONEST_JUDGMENT_DEBTOR);
}

// The registry may hold identifiers taken under older rules (its check is of the shape only),
// and shows them as relatives or participants: each can be looked up in turn.
TEST_F(RegistryPartyTest, AStoredIdentifierWhoseCheckCharacterNoLongerPassesIsFound) {
  std::string old = NationalId("19800101", 24);
  old.back() = old.back() == '1' ? '2' : '1';  // a wrong check character
  db_.Query("INSERT INTO registry_persons (national_id, name) VALUES ('" + old + "', '旧')");
  v1::RegistryParty party;
  ASSERT_TRUE(GetPerson(old, &party).ok());
  EXPECT_EQ(party.person().name(), "旧");
}

TEST_F(RegistryPartyTest, APartyTheRegistryDoesNotNameIsNotFound) {
  v1::RegistryParty party;
  const grpc::Status status = GetPerson(NationalId("19800101", 22), &party);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << status.error_message();
  EXPECT_NE(status.error_message().find("national_id"), std::string::npos);
}

// Nothing stored under it and a check character the rules refuse: a typo, which "holds
// nothing" would pass off as a clean party.
TEST_F(RegistryPartyTest, AnUnknownIdentifierWithAWrongCheckCharacterIsInvalidArgument) {
  std::string typo = NationalId("19800101", 25);
  typo.back() = typo.back() == '1' ? '2' : '1';
  v1::RegistryParty party;
  grpc::Status status = GetPerson(typo, &party);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(status.error_message().rfind("national_id: check character is", 0), 0u)
      << status.error_message();
  status = GetOrganization("91110000100000000A", &party);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_NE(status.error_message().find("credit_code: check character is A"), std::string::npos)
      << status.error_message();
}

TEST_F(RegistryPartyTest, AMalformedIdentifierIsInvalidArgumentNamingTheField) {
  v1::RegistryParty party;
  grpc::Status status = GetPerson(NationalId("19800101", 23).substr(0, 17) + "x", &party);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("national_id"), std::string::npos)
      << status.error_message();
  status = GetOrganization("91110000100000000I", &party);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("credit_code"), std::string::npos)
      << status.error_message();
  status = Get(v1::GetRegistryPartyRequest(), &party);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("party"), std::string::npos) << status.error_message();
}

// `count` more persons (identifiers of the stored shape, born from 1960-01-02 on), each a
// director of the company.
void AddDirectors(TestDatabase& db, const std::string& company, int first, int count) {
  const std::string ids = "'110105' || to_char(date '1960-01-01' + n, 'YYYYMMDD') || '0010'";
  const std::string series = " FROM generate_series(" + std::to_string(first) + ", " +
                             std::to_string(first + count - 1) + ") n";
  db.Query("INSERT INTO registry_persons (national_id, name) SELECT " + ids + ", 'P'" + series);
  db.Query(
      "INSERT INTO registry_participations (national_id, credit_code, kind, valid_from) "
      "SELECT " +
      ids + ", '" + company + "', 'director', date '2020-01-01'" + series);
}

TEST_F(RegistryPartyTest, AListOfExactlyAThousandEntriesIsWhole) {
  RegisterZhangSan();
  AddDirectors(db_, company_, 1, 999);  // and 张三's share: 1,000
  v1::RegistryParty party;
  ASSERT_TRUE(GetOrganization(company_, &party).ok());
  EXPECT_EQ(party.participations_size(), 1000);
  EXPECT_FALSE(party.truncated());
}

TEST_F(RegistryPartyTest, AListOfMoreThanAThousandEntriesShowsTheFirstThousandAndSaysSo) {
  RegisterZhangSan();
  AddDirectors(db_, company_, 1, 1000);  // and 张三's share: 1,001
  v1::RegistryParty party;
  ASSERT_TRUE(GetOrganization(company_, &party).ok());
  EXPECT_TRUE(party.truncated());
  ASSERT_EQ(party.participations_size(), 1000);
  // The first thousand by key: 张三 (born 1949) first, then the directors by birth date.
  EXPECT_EQ(party.participations(0).national_id(), zhang_);
  EXPECT_EQ(party.participations(999).national_id(), "110105196209260010");
  EXPECT_EQ(party.roles_size(), 1) << "the other lists are whole";
}

}  // namespace
}  // namespace disposal::testing
