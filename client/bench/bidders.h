// The bidders a benchmark cycles through, read from a file: one national ID per line,
// optionally followed by a tab or a comma and the holder's name.
#ifndef DISPOSAL_CLIENT_BENCH_BIDDERS_H_
#define DISPOSAL_CLIENT_BENCH_BIDDERS_H_

#include <string>
#include <vector>

#include "disposal/v1/eligibility.pb.h"

namespace disposal::bench {

// The name sent for a line that gives none.
inline constexpr char kDefaultBidderName[] = "基准测试投标人";

struct Bidder {
  std::string national_id;
  std::string name;
};

// Reads FILE. Blank lines and lines starting with '#' are skipped. Fails (with a message in
// *error) when the file cannot be read, holds no bidders, or a line is not an 18-character ID.
bool LoadBidders(const std::string& path, std::vector<Bidder>* bidders, std::string* error);

// One ready-made request per bidder, all for `disposal_id`.
std::vector<v1::CheckBidderEligibilityRequest> MakeRequests(const std::string& disposal_id,
                                                            const std::vector<Bidder>& bidders);

}  // namespace disposal::bench

#endif  // DISPOSAL_CLIENT_BENCH_BIDDERS_H_
