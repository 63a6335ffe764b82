#include "api/update_masks.h"

#include <google/protobuf/util/field_mask_util.h>

#include "domain/text_rules.h"

namespace disposal::api {

Status CheckTopLevelPaths(const google::protobuf::FieldMask& mask,
                          const std::set<std::string>& writable, const std::string& resource) {
  for (const std::string& path : mask.paths()) {
    if (writable.count(path) == 0) {
      return Error::InvalidArgument(
          "update_mask",
          domain::Quoted(path) + " is not a writable top-level " + resource + " field");
    }
  }
  return OkStatus();
}

Status ReplaceMaskedFields(const google::protobuf::Message& patch,
                           const google::protobuf::FieldMask& mask,
                           const std::set<std::string>& writable, const std::string& resource,
                           google::protobuf::Message* merged) {
  google::protobuf::FieldMask effective = mask;
  if (effective.paths_size() == 0) {
    for (const std::string& path : writable) effective.add_paths(path);
  }
  RETURN_IF_ERROR(CheckTopLevelPaths(effective, writable, resource));
  using google::protobuf::util::FieldMaskUtil;
  FieldMaskUtil::MergeOptions options;
  options.set_replace_message_fields(true);
  options.set_replace_repeated_fields(true);
  FieldMaskUtil::MergeMessageTo(patch, effective, options, merged);
  return OkStatus();
}

}  // namespace disposal::api
