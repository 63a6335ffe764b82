// Registry imports rendered for people.

#ifndef DISPOSAL_CLIENT_REGISTRY_VIEW_H_
#define DISPOSAL_CLIENT_REGISTRY_VIEW_H_

#include <ostream>

#include "disposal/v1/eligibility.pb.h"

namespace disposalctl {

// "applied 1234 rows, registry version 57", or "not applied: nothing was changed" and one
// "line 12: reason" per rejected row (the server lists at most 1000).
void PrintImportResponse(const disposal::v1::ImportRegistryResponse& response, std::ostream& out);

// The party's own entry, then a table per kind of entry naming it (empty kinds left out),
// each row with the entry's key, as `registry apply` takes it to change or remove it.
void PrintRegistryParty(const disposal::v1::RegistryParty& party, std::ostream& out);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_REGISTRY_VIEW_H_
