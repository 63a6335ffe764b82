// Page sizes for every List RPC (AIP-158): bounded, with one default.
#ifndef DISPOSAL_SERVER_DOMAIN_PAGING_H_
#define DISPOSAL_SERVER_DOMAIN_PAGING_H_

#include <string>

#include "domain/result.h"

namespace disposal::domain {

inline constexpr int kPageSizeDefault = 50;
inline constexpr int kPageSizeMax = 200;

// The page size a List RPC serves for `requested`: 0 means `default_size`, 1..`max_size` as
// asked, more than `max_size` is lowered to it (AIP-158: a generic pager asking for more is
// not refused); a negative size is INVALID_ARGUMENT ("page_size").
inline Result<int> BoundedPageSize(int requested, int default_size, int max_size) {
  if (requested < 0) {
    return Error::InvalidArgument("page_size", "must not be negative (0 means " +
                                                   std::to_string(default_size) + "), got " +
                                                   std::to_string(requested));
  }
  if (requested == 0) return default_size;
  return requested > max_size ? max_size : requested;
}

// The List RPCs' common bounds: 0 means 50, at most 200.
inline Result<int> EffectivePageSize(int requested) {
  return BoundedPageSize(requested, kPageSizeDefault, kPageSizeMax);
}

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_PAGING_H_
