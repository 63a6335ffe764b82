// Friendly input documents rewritten into canonical proto JSON, driven by descriptors.
//
// Staff type claims the way notices print them: "38865.89万" for an amount, "4.35%" for
// a rate, "2021-06-30" for a date, "residential" for COLLATERAL_KIND_RESIDENTIAL. This
// walks a document alongside the message's descriptor and rewrites each value by the
// type of its field, so a new Money or Date field anywhere in the API gets the same
// treatment with no change here.

#ifndef DISPOSAL_CLIENT_FRIENDLY_JSON_H_
#define DISPOSAL_CLIENT_FRIENDLY_JSON_H_

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <nlohmann/json.hpp>
#include <string>

#include "status.h"

namespace disposalctl {

// Rewrites `document` (from ParseDocument) as proto JSON for a message of `type`:
//   disposal.v1.Money   "38865.89万", "6000万元", "806,450,600.00", "1.5亿", "12"
//   disposal.v1.Decimal "0.0435", "4.35%"
//   disposal.v1.Date    "2021-06-30"
//   enums               full names, short names ("street-front-shop"), or numbers
//   integers and bools  from text, as YAML gives them
// Each of those may also be written in proto JSON form (an object, a full enum name).
// Keys may be proto names (snake_case) or JSON names (lowerCamelCase); nulls are
// dropped; google.protobuf types (Timestamp, FieldMask) pass through unchanged.
// Failures name the path of the offending value, starting at `path` (e.g. "claim").
Status ToProtoJson(const nlohmann::json& document, const google::protobuf::Descriptor& type,
                   const std::string& path, nlohmann::json* proto_json);

// ToProtoJson, then the proto's own JSON parser, filling `message` (cleared first).
Status MessageFromDocument(const nlohmann::json& document, const std::string& path,
                           google::protobuf::Message* message);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_FRIENDLY_JSON_H_
