#include "domain/flat_index.h"

namespace disposal::domain {

FlatIndex::FlatIndex(const std::vector<std::pair<uint64_t, uint32_t>>& entries)
    : size_(entries.size()) {
  if (entries.empty()) return;
  // At most half full, so that probe runs stay short.
  size_t capacity = 16;
  shift_ = 60;
  while (capacity < entries.size() * 2) {
    capacity *= 2;
    --shift_;
  }
  mask_ = capacity - 1;
  keys_.assign(capacity, kEmpty);
  values_.assign(capacity, 0);
  for (const auto& [key, value] : entries) {
    const uint64_t stored = Stored(key);
    size_t slot = Slot(stored);
    while (keys_[slot] != kEmpty) slot = (slot + 1) & mask_;
    keys_[slot] = stored;
    values_[slot] = value;
  }
}

std::optional<uint32_t> FlatIndex::Find(uint64_t key) const {
  if (keys_.empty()) return std::nullopt;
  key = Stored(key);
  for (size_t slot = Slot(key);; slot = (slot + 1) & mask_) {
    if (keys_[slot] == key) return values_[slot];
    if (keys_[slot] == kEmpty) return std::nullopt;
  }
}

std::optional<uint64_t> NationalIdKey(std::string_view national_id) {
  if (national_id.size() != 18) return std::nullopt;
  uint64_t key = 0;
  for (size_t i = 0; i < 17; ++i) {
    const char c = national_id[i];
    if (c < '0' || c > '9') return std::nullopt;
    key = key * 10 + static_cast<uint64_t>(c - '0');
  }
  const char check = national_id[17];
  if (check == 'X') return key * 11 + 10;
  if (check < '0' || check > '9') return std::nullopt;
  return key * 11 + static_cast<uint64_t>(check - '0');
}

uint64_t TextKey(std::string_view text) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace disposal::domain
