// The streaming calls in progress, watched from one thread. A synchronous stream's handler
// checks its caller's token only when a message comes, and a stream that sends nothing holds
// a handler thread and one of its caller's stream slots for as long as it stays open. The
// watcher asks again for every open stream as soon as a token is revoked (and every
// `recheck_every`, for tokens that expire) and cancels a stream refused once a tick (at most
// 5 s) has passed since: a stream that sends meanwhile is answered the refusal
// (UNAUTHENTICATED) by its handler. It also cancels a stream that has moved no message for
// `idle_max`. A cancelled call ends CANCELLED at its client, and the reason is logged. The
// checks read what the call presented as captured when it opened (AccessControl::Capture),
// never its context, and hold no lock a handler waits on.
#ifndef DISPOSAL_SERVER_API_OPEN_STREAMS_H_
#define DISPOSAL_SERVER_API_OPEN_STREAMS_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_set>

namespace disposal::api {

struct OpenStreamsOptions {
  // A stream that moved no message for this long is cancelled (0: never).
  std::chrono::seconds idle_max{300};
  // How often every open stream's caller is checked again even without a revocation.
  std::chrono::seconds recheck_every{30};
};

class OpenStreams {
 public:
  using Clock = std::chrono::steady_clock;
  // Whether the stream's caller may still call it: OK, or the refusal. Called from the watcher's
  // thread while the handler runs: it must not read the call's context.
  using Recheck = std::function<grpc::Status()>;

  explicit OpenStreams(OpenStreamsOptions options);
  ~OpenStreams();
  OpenStreams(const OpenStreams&) = delete;
  OpenStreams& operator=(const OpenStreams&) = delete;

 private:
  struct Stream {
    std::mutex mutex;  // held while the watcher uses the call's context
    const grpc::ServerContextBase* context = nullptr;  // null once the handler returned
    std::string method;
    Recheck recheck;
    std::atomic<Clock::rep> last_active{0};
    bool finishing = false;  // under mutex: no longer watched
    bool cancelled = false;  // under mutex
    // Asked again after a revocation, or at recheck_every; stays set while the answer is
    // not final (the token store busy or away), so the next tick asks again. Set from the
    // start: a revocation between the call's first check and its registration is not missed.
    // Under mutex.
    bool recheck_pending = true;
    // Refused, and when: the stream has a grace of one tick to send, and have its handler
    // answer the refusal itself (UNAUTHENTICATED), before it is cancelled. Under mutex.
    std::optional<std::string> refusal;
    Clock::time_point refused_at{};
  };

 public:
  // One stream, watched while this lives (for the handler's whole run).
  class Watch {
   public:
    Watch(OpenStreams& streams, const grpc::ServerContextBase& context, std::string method,
          Recheck recheck);
    ~Watch();
    Watch(const Watch&) = delete;
    Watch& operator=(const Watch&) = delete;
    // A message moved: the stream is not idle.
    void Touch();
    // The handler has read its last message and works on (applies an upload), or returns:
    // from now on the call is neither idle nor cancelled for a revocation, so that its client
    // never sees CANCELLED for work that is then committed. False when the watcher cancelled
    // the call before this (the handler must then end it CANCELLED, doing nothing more).
    bool Finishing();

   private:
    OpenStreams& streams_;
    std::shared_ptr<Stream> stream_;
  };

  // Has every open stream's caller checked again now (after a revocation).
  void RecheckSoon();

 private:
  void Run();
  // Checks every open stream once; `recheck_callers` asks each one's caller again.
  void Sweep(bool recheck_callers);
  // Cancels the stream if it is idle, or refused a tick ago or more; under its mutex, context
  // set. Whether its caller is to be asked again now.
  bool Examine(Stream& stream, Clock::time_point now);
  // Asks the stream's caller again, without its mutex (the check may wait on the database, and
  // reads nothing of the call's context), then records the answer under it.
  void AskAgain(Stream& stream);
  void Cancel(Stream& stream, const std::string& reason, const std::string& detail);

  const OpenStreamsOptions options_;
  const std::chrono::seconds tick_;  // how often the watcher looks
  std::mutex mutex_;
  std::condition_variable wake_;
  std::unordered_set<std::shared_ptr<Stream>> streams_;
  bool recheck_requested_ = false;
  bool stopping_ = false;
  std::thread watcher_;  // last: started once the rest is ready
};

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_OPEN_STREAMS_H_
