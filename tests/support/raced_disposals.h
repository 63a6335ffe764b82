// RacedDisposals: the disposals' store with hooks that commit a competing change at an exact
// point of a use case (just before its write, or its first look), for race tests.
#ifndef DISPOSAL_TESTS_SUPPORT_RACED_DISPOSALS_H_
#define DISPOSAL_TESTS_SUPPORT_RACED_DISPOSALS_H_

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "store/disposal_store.h"

namespace disposal::testing {

// The disposals' store, with a hook run once just before the next write of the given kind (or
// the next read, for a first look to race).
class RacedDisposals : public store::PgDisposalRepository {
 public:
  using PgDisposalRepository::PgDisposalRepository;

  Result<domain::DisposalRecord> SetState(const std::string& id, int64_t expected_version,
                                          domain::StoredState from, domain::StoredState to,
                                          const TransitionCheck& check, int64_t calendar_revision,
                                          const domain::RequestKey& key,
                                          const domain::AuditContext& audit) override {
    RunOnce(before_write);
    return PgDisposalRepository::SetState(id, expected_version, from, to, check, calendar_revision,
                                          key, audit);
  }
  Result<domain::DisposalRecord> Publish(const std::string& id, int64_t expected_version,
                                         const domain::Publication& publication,
                                         const LiveOn& still_live,
                                         const std::vector<domain::Money>& lot_book_values,
                                         const domain::ClaimVersions& claim_versions,
                                         const domain::BookedValues& booked,
                                         int64_t calendar_revision, const domain::RequestKey& key,
                                         const domain::AuditContext& audit) override {
    RunOnce(before_write);
    return PgDisposalRepository::Publish(id, expected_version, publication, still_live,
                                         lot_book_values, claim_versions, booked, calendar_revision,
                                         key, audit);
  }
  Result<domain::Submission> AddSubmission(const domain::Submission& submission,
                                           const SubmissionPlan& plan, int64_t calendar_revision,
                                           const domain::RequestKey& key,
                                           const domain::AuditContext& audit) override {
    RunOnce(before_write);
    return PgDisposalRepository::AddSubmission(submission, plan, calendar_revision, key, audit);
  }
  Result<domain::DisposalRecord> Create(const domain::DisposalContent& content,
                                        const domain::ClaimVersions& claim_versions,
                                        const domain::RequestKey& key,
                                        const domain::AuditContext& audit) override {
    RunOnce(before_write);
    return PgDisposalRepository::Create(content, claim_versions, key, audit);
  }
  Result<domain::DisposalRecord> Get(const std::string& id) override {
    RunOnce(before_read);
    return PgDisposalRepository::Get(id);
  }

  std::function<void()> before_write;
  std::function<void()> before_read;

 private:
  static void RunOnce(std::function<void()>& hook) {
    if (hook) std::exchange(hook, nullptr)();
  }
};

}  // namespace disposal::testing

#endif  // DISPOSAL_TESTS_SUPPORT_RACED_DISPOSALS_H_
