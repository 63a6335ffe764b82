#include "api/open_streams.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "log/log.h"

namespace disposal::api {
namespace {

// The watcher looks at idle streams at least this often.
constexpr std::chrono::seconds kTickMax{5};

std::chrono::seconds TickOf(const OpenStreamsOptions& options) {
  std::chrono::seconds tick = std::min(kTickMax, options.recheck_every);
  if (options.idle_max.count() > 0) tick = std::min(tick, options.idle_max);
  return std::max(tick, std::chrono::seconds(1));
}

}  // namespace

OpenStreams::OpenStreams(OpenStreamsOptions options)
    : options_(options), tick_(TickOf(options)), watcher_([this] { Run(); }) {}

OpenStreams::~OpenStreams() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  watcher_.join();
}

OpenStreams::Watch::Watch(OpenStreams& streams, const grpc::ServerContextBase& context,
                          std::string method, Recheck recheck)
    : streams_(streams), stream_(std::make_shared<Stream>()) {
  stream_->context = &context;
  stream_->method = std::move(method);
  stream_->recheck = std::move(recheck);
  Touch();
  std::lock_guard<std::mutex> lock(streams_.mutex_);
  streams_.streams_.insert(stream_);
}

OpenStreams::Watch::~Watch() {
  {
    std::lock_guard<std::mutex> lock(streams_.mutex_);
    streams_.streams_.erase(stream_);
  }
  // Waits for the watcher to be done with the context, which ends with the handler.
  std::lock_guard<std::mutex> lock(stream_->mutex);
  stream_->context = nullptr;
}

void OpenStreams::Watch::Touch() {
  stream_->last_active.store(Clock::now().time_since_epoch().count(), std::memory_order_relaxed);
}

bool OpenStreams::Watch::Finishing() {
  // Under the stream's mutex: once this returns the watcher cannot be halfway through
  // cancelling it, and its answer is final.
  std::lock_guard<std::mutex> lock(stream_->mutex);
  stream_->finishing = true;
  return !stream_->cancelled;
}

void OpenStreams::RecheckSoon() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    recheck_requested_ = true;
  }
  wake_.notify_all();
}

void OpenStreams::Run() {
  Clock::time_point last_recheck = Clock::now();
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, tick_, [this] { return stopping_ || recheck_requested_; });
    if (stopping_) return;
    const bool recheck =
        recheck_requested_ || Clock::now() - last_recheck >= options_.recheck_every;
    recheck_requested_ = false;
    lock.unlock();
    Sweep(recheck);
    if (recheck) last_recheck = Clock::now();
    lock.lock();
  }
}

void OpenStreams::Sweep(bool recheck_callers) {
  std::vector<std::shared_ptr<Stream>> open;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    open.assign(streams_.begin(), streams_.end());
  }
  for (const std::shared_ptr<Stream>& stream : open) {
    bool recheck = false;
    {
      std::lock_guard<std::mutex> lock(stream->mutex);
      if (stream->context == nullptr || stream->cancelled || stream->finishing) continue;
      if (recheck_callers) stream->recheck_pending = true;
      recheck = Examine(*stream, Clock::now());
    }
    if (recheck) AskAgain(*stream);
  }
}

bool OpenStreams::Examine(Stream& stream, Clock::time_point now) {
  const Clock::time_point last_active{Clock::duration(stream.last_active.load())};
  if (options_.idle_max.count() > 0 && now - last_active >= options_.idle_max) {
    Cancel(stream, "idle",
           "no message for " + std::to_string(options_.idle_max.count()) + " s or more");
    return false;
  }
  if (stream.refusal) {
    if (now - stream.refused_at >= tick_) Cancel(stream, "refused", *stream.refusal);
    return false;
  }
  return stream.recheck_pending;
}

void OpenStreams::AskAgain(Stream& stream) {
  const grpc::Status allowed = stream.recheck();
  std::lock_guard<std::mutex> lock(stream.mutex);
  if (stream.context == nullptr || stream.cancelled || stream.finishing) return;
  // Only a refusal of the token itself is final. A token store out of reach or busy, or this
  // address's bound on unknown secrets, says nothing about it: asked again next tick
  // (meanwhile the stream's next message is checked as usual).
  const grpc::StatusCode code = allowed.error_code();
  if (code != grpc::StatusCode::OK && code != grpc::StatusCode::UNAUTHENTICATED &&
      code != grpc::StatusCode::PERMISSION_DENIED) {
    return;
  }
  stream.recheck_pending = false;
  if (allowed.ok()) return;
  stream.refusal = allowed.error_message();
  stream.refused_at = Clock::now();  // after the check, however long it took: the full grace
}

void OpenStreams::Cancel(Stream& stream, const std::string& reason, const std::string& detail) {
  stream.cancelled = true;
  if (stream.context->IsCancelled()) return;  // the client's own doing, or the call ended
  // Logged first: a client told CANCELLED may look for the reason at once.
  log::Warning("stream_cancelled", {{"method", stream.method},
                                    {"reason", reason},
                                    {"detail", detail},
                                    {"peer", stream.context->peer()}});
  stream.context->TryCancel();
}

}  // namespace disposal::api
