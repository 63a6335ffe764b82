// Update masks of top-level fields: which paths an Update RPC accepts, and how they merge.
#ifndef DISPOSAL_SERVER_API_UPDATE_MASKS_H_
#define DISPOSAL_SERVER_API_UPDATE_MASKS_H_

#include <google/protobuf/field_mask.pb.h>
#include <google/protobuf/message.h>

#include <set>
#include <string>

#include "domain/result.h"

namespace disposal::api {

// INVALID_ARGUMENT on "update_mask" naming its first path that is not one of `writable`, the
// top-level fields of a `resource` ("claim", "disposal") an update may replace.
Status CheckTopLevelPaths(const google::protobuf::FieldMask& mask,
                          const std::set<std::string>& writable, const std::string& resource);

// Replaces in `merged` the fields `mask` names (every one of `writable` when it is empty) with
// `patch`'s, message and repeated fields whole. INVALID_ARGUMENT as CheckTopLevelPaths.
Status ReplaceMaskedFields(const google::protobuf::Message& patch,
                           const google::protobuf::FieldMask& mask,
                           const std::set<std::string>& writable, const std::string& resource,
                           google::protobuf::Message* merged);

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_UPDATE_MASKS_H_
