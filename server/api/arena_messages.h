// The request and response of one callback-API call on one protobuf arena whose first block
// lives inside the call's message holder: parsing the request and building the response then
// take memory from that block instead of calling malloc for each string and sub-message, and
// it is all given back at once when the call ends. For hot unary methods (the bidder check).
#ifndef DISPOSAL_SERVER_API_ARENA_MESSAGES_H_
#define DISPOSAL_SERVER_API_ARENA_MESSAGES_H_

#include <google/protobuf/arena.h>
#include <grpcpp/support/message_allocator.h>

#include <cstddef>

namespace disposal::api {

// kInlineBytes covers a typical request and response; a larger one (a decision with many
// reasons) makes the arena take further blocks from the heap, which is still correct.
template <class Request, class Response, size_t kInlineBytes = 2048>
class ArenaMessageAllocator : public grpc::MessageAllocator<Request, Response> {
 public:
  grpc::MessageHolder<Request, Response>* AllocateMessages() override { return new Holder(); }

 private:
  class Holder : public grpc::MessageHolder<Request, Response> {
   public:
    Holder() : arena_(OptionsFor(first_block_)) {
      this->set_request(google::protobuf::Arena::CreateMessage<Request>(&arena_));
      this->set_response(google::protobuf::Arena::CreateMessage<Response>(&arena_));
    }
    // gRPC calls this when the call is done with both messages.
    void Release() override { delete this; }

   private:
    static google::protobuf::ArenaOptions OptionsFor(char* block) {
      google::protobuf::ArenaOptions options;
      options.initial_block = block;
      options.initial_block_size = kInlineBytes;
      return options;
    }

    // Declared before the arena: it must outlive the arena's use of it.
    alignas(std::max_align_t) char first_block_[kInlineBytes];
    google::protobuf::Arena arena_;
  };
};

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_ARENA_MESSAGES_H_
