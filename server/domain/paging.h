// Page sizes for every List RPC (AIP-158): bounded, with one default.
#ifndef DISPOSAL_SERVER_DOMAIN_PAGING_H_
#define DISPOSAL_SERVER_DOMAIN_PAGING_H_

#include <string>

#include "domain/result.h"

namespace disposal::domain {

inline constexpr int kPageSizeDefault = 50;
inline constexpr int kPageSizeMax = 200;

// 0 means the default; 1..200 as asked; anything else is INVALID_ARGUMENT ("page_size").
inline Result<int> EffectivePageSize(int requested) {
  if (requested < 0 || requested > kPageSizeMax) {
    return Error::InvalidArgument("page_size",
                                  "must be 0..200 (0 means 50), got " + std::to_string(requested));
  }
  return requested == 0 ? kPageSizeDefault : requested;
}

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_PAGING_H_
