// Opaque page tokens for ListClaims, ListJournalEntries, ListSubmissions and
// ListEligibilityDecisions (and the other listings that use them): where the next page
// starts, bound to the filter that produced it so that a token cannot be replayed against another
// query.
#ifndef DISPOSAL_SERVER_API_PAGE_TOKEN_H_
#define DISPOSAL_SERVER_API_PAGE_TOKEN_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "domain/claim_repository.h"

namespace disposal::api {

// `filter_key` is any string that identifies the query (e.g. its filters concatenated).
std::string EncodePageToken(const domain::ClaimCursor& cursor, const std::string& filter_key);

// nullopt for an empty token; INVALID_ARGUMENT (field "page_token") for a token that is
// malformed or was issued for a different filter.
Result<std::optional<domain::ClaimCursor>> DecodePageToken(const std::string& token,
                                                           const std::string& filter_key);

// A list page stops before the item that would take its response past this many bytes (the
// page then ends early, its next_page_token after the last item sent): page sizes count items,
// and a few claims at their limits (collateral, encumbrances, notes) could pass the 4 MiB a
// client takes in one message, so that no page from there on could be read. Any one item
// fits: a request carrying it had to.
inline constexpr size_t kListResponseBytesMax = 2 * 1024 * 1024;

// Listings ordered by a number (ListJournalEntries: the entry id; ListSubmissions: the
// submission's number): the last one shown, bound to `filter_key` (the method, the parent's id
// and the filters).
std::string EncodeNumberPageToken(int64_t after, const std::string& filter_key);

// 0 for an empty token; INVALID_ARGUMENT (field "page_token") for a token that is malformed or
// was issued for another listing.
Result<int64_t> DecodeNumberPageToken(const std::string& token, const std::string& filter_key);

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_PAGE_TOKEN_H_
