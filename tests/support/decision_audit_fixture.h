// The eligibility fixture with auditors' access to its decisions (api::DecisionAudit over the
// receipts in PostgreSQL), its clock fixed in 2027.
#ifndef DISPOSAL_TESTS_SUPPORT_DECISION_AUDIT_FIXTURE_H_
#define DISPOSAL_TESTS_SUPPORT_DECISION_AUDIT_FIXTURE_H_

#include <memory>

#include "api/decision_audit.h"
#include "store/decision_audit_store.h"
#include "support/eligibility_fixture.h"

namespace disposal::testing {

class DecisionAuditFixture : public EligibilityFixture {
 protected:
  void SetUp() override {
    EligibilityFixture::SetUp();
    decisions_ = std::make_unique<store::PgDecisionAuditRepository>(db_.database());
    audit_ = std::make_unique<api::DecisionAudit>(*decisions_, *registry_,
                                                  [] { return int64_t{1'800'000'000'000'000}; });
  }

  std::unique_ptr<store::PgDecisionAuditRepository> decisions_;
  std::unique_ptr<api::DecisionAudit> audit_;
};

}  // namespace disposal::testing

#endif  // DISPOSAL_TESTS_SUPPORT_DECISION_AUDIT_FIXTURE_H_
