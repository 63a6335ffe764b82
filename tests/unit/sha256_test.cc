// SHA-256 through the process-wide digest and per-thread contexts: the published test vectors,
// and the same digests from many threads at once (each thread's context is reset per hash).
#include "domain/sha256.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "domain/audit_chain.h"

namespace disposal::domain {
namespace {

TEST(Sha256, MatchesTheFipsVectorForAbc) {
  EXPECT_EQ(HexOf(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, MatchesTheFipsVectorForTheEmptyInput) {
  EXPECT_EQ(HexOf(Sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, MatchesTheFipsVectorForTheTwoBlockMessage) {
  EXPECT_EQ(HexOf(Sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, ReturnsThirtyTwoRawBytes) { EXPECT_EQ(Sha256("disposal").size(), 32u); }

TEST(Sha256, AContextReusedByOneThreadDoesNotCarryTheLastInputOver) {
  const std::string first = Sha256("abc");
  Sha256("a much longer input that leaves the context in another state than abc would");
  EXPECT_EQ(Sha256("abc"), first);
}

// Each thread hashes its own input, checked against the published digests (FIPS 180-2's
// examples and the empty string's): a context shared between threads would mix them.
TEST(Sha256, ThreadsHashingAtOnceEachGetTheRightDigest) {
  const std::vector<std::pair<std::string, std::string>> known = {
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"}};
  constexpr int kThreads = 6;
  constexpr int kHashesPerThread = 2000;
  std::vector<int> wrong(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const auto& [input, digest] = known[static_cast<size_t>(t) % known.size()];
      for (int i = 0; i < kHashesPerThread; ++i) {
        if (HexOf(Sha256(input)) != digest) ++wrong[static_cast<size_t>(t)];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(wrong[static_cast<size_t>(t)], 0) << "thread " << t;
}

}  // namespace
}  // namespace disposal::domain
