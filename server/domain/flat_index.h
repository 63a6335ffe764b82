// An immutable open-addressing hash index from 64-bit keys to 32-bit values, for the registry
// snapshot's hot lookups. Keys and values sit in two flat arrays, so a lookup touches one or two
// cache lines, where a node-based map of strings touches a bucket, a node and the string's heap
// block. Built once, never changed, read by any number of threads.
#ifndef DISPOSAL_SERVER_DOMAIN_FLAT_INDEX_H_
#define DISPOSAL_SERVER_DOMAIN_FLAT_INDEX_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace disposal::domain {

class FlatIndex {
 public:
  FlatIndex() = default;
  // `entries` may repeat a key (a multimap: ForEach sees every value under it).
  explicit FlatIndex(const std::vector<std::pair<uint64_t, uint32_t>>& entries);

  // The first value stored under `key`, if any.
  std::optional<uint32_t> Find(uint64_t key) const;
  // Calls visit(value) for every value stored under `key`, in no particular order.
  template <typename Visit>
  void ForEach(uint64_t key, Visit&& visit) const {
    if (keys_.empty()) return;
    key = Stored(key);
    for (size_t slot = Slot(key);; slot = (slot + 1) & mask_) {
      if (keys_[slot] == kEmpty) return;
      if (keys_[slot] == key) visit(values_[slot]);
    }
  }

  size_t size() const { return size_; }

 private:
  static constexpr uint64_t kEmpty = 0;
  // Key 0 marks an empty slot; it is stored as 1 instead (a value under 1 and one under 0 then
  // share a key, which only a multimap of hashes, whose readers verify, may see).
  static uint64_t Stored(uint64_t key) { return key == kEmpty ? 1 : key; }
  // Fibonacci hashing: the multiply spreads nearby keys (national IDs differ in few digits).
  size_t Slot(uint64_t key) const {
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift_);
  }

  std::vector<uint64_t> keys_;
  std::vector<uint32_t> values_;
  size_t mask_ = 0;
  int shift_ = 64;
  size_t size_ = 0;
};

// A national ID (17 digits and a check character, 0-9 or X) as a number, or nullopt when the
// text is not of that shape. Distinct IDs give distinct numbers.
std::optional<uint64_t> NationalIdKey(std::string_view national_id);

// 64-bit FNV-1a of the bytes: a key for text that has no numeric form (names). Not unique:
// readers compare the text of what they find.
uint64_t TextKey(std::string_view text);

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_FLAT_INDEX_H_
