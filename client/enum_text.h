// Enum values as people type and read them: "in-disposal" for CLAIM_STATUS_IN_DISPOSAL.
//
// Proto enum values carry their type's name as a prefix (AIP-126); on the command line
// and in input files that prefix is noise, so both spellings are accepted.

#ifndef DISPOSAL_CLIENT_ENUM_TEXT_H_
#define DISPOSAL_CLIENT_ENUM_TEXT_H_

#include <google/protobuf/descriptor.h>

#include <string>
#include <string_view>

namespace disposalctl {

// "in-disposal" for CLAIM_STATUS_IN_DISPOSAL; "unspecified" for the zero value; the
// number when the value is unknown to this build (a newer server).
std::string ShortEnumName(const google::protobuf::EnumDescriptor& type, int number);

// The value named by `text`: the full name ("COLLATERAL_KIND_RESIDENTIAL") or the short
// name in any case, with '-' or '_' between words ("residential", "street-front-shop"),
// or the value's number ("1"). nullptr when nothing matches.
const google::protobuf::EnumValueDescriptor* FindEnumValue(
    const google::protobuf::EnumDescriptor& type, std::string_view text);

// "residential, office, ..." : every short name but the zero value, for error messages.
std::string ListShortEnumNames(const google::protobuf::EnumDescriptor& type);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_ENUM_TEXT_H_
