#include "bench/bidders.h"

#include <fstream>

namespace disposal::bench {
namespace {

constexpr size_t kNationalIdLength = 18;

std::string Trim(const std::string& text) {
  const char* const kSpace = " \t\r\n";
  const size_t first = text.find_first_not_of(kSpace);
  if (first == std::string::npos) return "";
  const size_t last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

}  // namespace

bool LoadBidders(const std::string& path, std::vector<Bidder>* bidders, std::string* error) {
  std::ifstream in(path);
  if (!in) {
    *error = "cannot read " + path;
    return false;
  }
  std::string line;
  for (int line_number = 1; std::getline(in, line); ++line_number) {
    line = Trim(line);
    if (line.empty() || line[0] == '#') continue;
    Bidder bidder;
    const size_t separator = line.find_first_of("\t,");
    bidder.national_id = Trim(line.substr(0, separator));
    bidder.name = separator == std::string::npos ? "" : Trim(line.substr(separator + 1));
    if (bidder.name.empty()) bidder.name = kDefaultBidderName;
    if (bidder.national_id.size() != kNationalIdLength) {
      *error = path + ":" + std::to_string(line_number) + ": \"" + bidder.national_id +
               "\" is not an 18-character national ID";
      return false;
    }
    bidders->push_back(std::move(bidder));
  }
  if (bidders->empty()) {
    *error = path + " holds no bidders";
    return false;
  }
  return true;
}

std::vector<v1::CheckBidderEligibilityRequest> MakeRequests(const std::string& disposal_id,
                                                            const std::vector<Bidder>& bidders) {
  std::vector<v1::CheckBidderEligibilityRequest> requests;
  requests.reserve(bidders.size());
  for (const Bidder& bidder : bidders) {
    v1::CheckBidderEligibilityRequest request;
    request.set_disposal_id(disposal_id);
    v1::NaturalPerson* person = request.mutable_bidder()->mutable_person();
    person->set_national_id(bidder.national_id);
    person->set_name(bidder.name);
    requests.push_back(std::move(request));
  }
  return requests;
}

}  // namespace disposal::bench
