#include "domain/eligibility_checker.h"

#include <chrono>
#include <memory>
#include <utility>

#include "domain/date.h"
#include "domain/identifiers.h"

namespace disposal::domain {
namespace {

// Bounds the per-server cache; a partner checking every disposal ever published cannot grow
// it without limit.
constexpr size_t kCachedContextsMax = 10'000;

}  // namespace

Status EligibilityChecker::Refresh(int64_t at_least) {
  std::lock_guard<std::mutex> one_at_a_time(refresh_mutex_);
  return RefreshHoldingTurn(at_least);
}

Status EligibilityChecker::RefreshIfBehind() {
  ASSIGN_OR_RETURN(const int64_t committed, repository_.CurrentVersion());
  // Only the very version: one lower (a standby promoted behind it, a restore, a database
  // made anew) means the rows the index holds are gone, and it is rebuilt.
  const std::shared_ptr<const RegistrySnapshot> held = Snapshot();
  if (held && held->version() == committed) return OkStatus();
  return Refresh();
}

std::optional<Status> EligibilityChecker::TryRefresh(int64_t at_least) {
  std::unique_lock<std::mutex> one_at_a_time(refresh_mutex_, std::try_to_lock);
  if (!one_at_a_time.owns_lock()) return std::nullopt;
  return RefreshHoldingTurn(at_least);
}

Status EligibilityChecker::RefreshHoldingTurn(int64_t at_least) {
  if (at_least > 0) {
    const std::shared_ptr<const RegistrySnapshot> held = Snapshot();
    if (held && held->version() >= at_least) return OkStatus();
  }
  ASSIGN_OR_RETURN(std::shared_ptr<const RegistrySnapshot> fresh, repository_.LoadSnapshot());
  {
    std::lock_guard<std::mutex> lock(snapshot_mutex_);
    std::atomic_store(&snapshot_, std::move(fresh));
  }
  snapshot_changed_.notify_all();
  return OkStatus();
}

void EligibilityChecker::InvalidateDisposalContexts() {
  std::unique_lock<std::shared_mutex> lock(contexts_mutex_);
  contexts_.clear();
  missing_.clear();
  ++contexts_generation_;
}

void EligibilityChecker::InvalidateDisposalContextsIfChanged() {
  const Result<int64_t> changes = repository_.DisposalContextChangeCount();
  if (changes.ok() && changes.value() == context_changes_seen_.load()) return;
  // Read before dropping: a change counted after the read sends its own notification.
  context_changes_seen_ = changes.ok() ? changes.value() : -1;
  InvalidateDisposalContexts();
}

bool EligibilityChecker::WaitForVersion(int64_t version, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(snapshot_mutex_);
  return snapshot_changed_.wait_for(lock, timeout, [&] {
    auto current = std::atomic_load(&snapshot_);
    return current && current->version() >= version;
  });
}

Status EligibilityChecker::CatchUpWithRegistry(std::chrono::milliseconds timeout) {
  ASSIGN_OR_RETURN(const int64_t current, repository_.CurrentVersion());
  if (WaitForVersion(current, timeout)) return OkStatus();
  const std::shared_ptr<const RegistrySnapshot> held = Snapshot();
  return Error::Unavailable(
      "the eligibility index holds registry version " + std::to_string(held ? held->version() : 0) +
      " and is still loading version " + std::to_string(current) + "; try again shortly");
}

std::shared_ptr<const RegistrySnapshot> EligibilityChecker::Snapshot() const {
  // Every check calls this: an atomic load, not the mutex that Refresh and WaitForVersion use.
  return std::atomic_load(&snapshot_);
}

Result<std::shared_ptr<const DisposalContext>> EligibilityChecker::ContextFor(
    const std::string& disposal_id) {
  uint64_t generation = 0;
  {
    std::shared_lock<std::shared_mutex> lock(contexts_mutex_);
    auto found = contexts_.find(disposal_id);
    if (found != contexts_.end()) return found->second;
    auto missing = missing_.find(disposal_id);
    if (missing != missing_.end()) return missing->second;
    generation = contexts_generation_;
  }
  Result<DisposalContext> context = repository_.LoadDisposalContext(disposal_id);
  if (!context.ok()) {
    if (context.error().code == ErrorCode::kNotFound) {
      std::unique_lock<std::shared_mutex> lock(contexts_mutex_);
      if (generation == contexts_generation_) {
        if (missing_.size() >= kCachedContextsMax) missing_.clear();
        missing_.emplace(disposal_id, context.error());
      }
    }
    return context.error();
  }
  auto shared = std::make_shared<const DisposalContext>(std::move(context).value());
  std::unique_lock<std::shared_mutex> lock(contexts_mutex_);
  if (generation != contexts_generation_) return shared;
  if (contexts_.size() >= kCachedContextsMax) contexts_.clear();
  contexts_.emplace(disposal_id, shared);
  return shared;
}

Result<Decision> EligibilityChecker::Check(const RegistrySnapshot& snapshot,
                                           const std::string& disposal_id, BidderQuery query,
                                           bool as_of_given, bool fresh_context,
                                           bool published_only) {
  const Date today = clock_.today();
  if (!as_of_given) query.as_of = today;
  if (query.bidder.kind == PartyKind::kPerson) {
    // The form was checked where the request was read; a holder born after today means a
    // mistyped number, never a minor to decide on.
    auto id = ValidateNationalId(query.bidder.identifier, today);
    if (!id.ok()) return id.error().WithFieldPrefix("bidder.person");
    // Nobody can bid before they are born: an as_of that early is a mistyped date.
    if (query.as_of < id.value().birth_date) {
      return Error::InvalidArgument(
          "as_of", "is before the bidder's birth date " + FormatIsoDate(id.value().birth_date));
    }
  }
  std::shared_ptr<const DisposalContext> context;
  if (fresh_context) {
    ASSIGN_OR_RETURN(DisposalContext read, repository_.LoadDisposalContext(disposal_id));
    context = std::make_shared<const DisposalContext>(std::move(read));
  } else {
    ASSIGN_OR_RETURN(context, ContextFor(disposal_id));
  }
  if (published_only && context->never_published) return UnknownDisposal(disposal_id);
  Decision decision;
  decision.result = EvaluateEligibility(snapshot, *context, query, settings_);
  decision.decision_id = clock_.new_id();
  decision.registry_version = snapshot.version();
  decision.as_of = query.as_of;
  decision.decide_micros = clock_.now_micros();
  if (fresh_context) {
    decision.claim_versions = context->claim_versions;
    decision.obligors = context->obligors;
  }
  return decision;
}

}  // namespace disposal::domain
