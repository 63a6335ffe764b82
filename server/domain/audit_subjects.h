// The ids of audit chains whose subject is no row of its own: the bidder registry's and each
// official calendar year's. Their ids are UUIDs derived from a name the way PostgreSQL's
// md5(name)::uuid derives them, which is how their first events were named.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace disposal::domain {

// The UUID (lowercase, hyphenated) of MD5(`name`): a name, not a secret, so MD5 serves.
std::string NamedSubjectId(std::string_view name);

// The registry's changes, one chain ("registry"), since servers first kept one.
std::string RegistrySubjectId();
// One registry change made before then: a chain of its own ("registry:<version>").
std::string RegistryVersionSubjectId(int64_t version);
// The imports of one calendar year ("calendar_year:<year>").
std::string CalendarYearSubjectId(int year);

}  // namespace disposal::domain
