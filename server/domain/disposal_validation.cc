// The checks on what a client writes about a disposal (ValidateDisposalContent in
// disposal.h), split from disposal.cc's publication rules, lifecycle and award gate.
#include <algorithm>
#include <map>
#include <string_view>
#include <utility>

#include "domain/disposal.h"
#include "domain/text_rules.h"

namespace disposal::domain {
namespace {

constexpr char kRoot[] = "disposal";
constexpr size_t kTitleCharactersMax = 200;
constexpr size_t kChannelNameCharactersMax = 200;
constexpr size_t kUrlLengthMax = 2000;
constexpr size_t kContactNameCharactersMax = 50;
constexpr size_t kPhoneLengthMax = 30;
constexpr size_t kAddressCharactersMax = 200;
// Not in the rules, but a request must not grow without bound; a real notice lists a handful.
constexpr size_t kChannelsMax = 20;
constexpr size_t kContactsMax = 20;
constexpr size_t kPhonesPerContactMax = 10;
constexpr int kValidityMonthsMax = 60;

Status CheckCount(size_t count, size_t min, size_t max, const std::string& field) {
  if (count < min) {
    return Error::InvalidArgument(field, "needs at least " + std::to_string(min) + " entry");
  }
  if (count > max) {
    return Error::InvalidArgument(field, "has " + std::to_string(count) + " entries; at most " +
                                             std::to_string(max) + " are allowed");
  }
  return OkStatus();
}

Status CheckNotNegative(const Money& amount, const std::string& field) {
  if (!amount.is_negative()) return OkStatus();
  return Error::InvalidArgument(field, "must not be negative, got " + amount.ToString());
}

std::string Indexed(const std::string& field, size_t index) {
  return field + "[" + std::to_string(index) + "]";
}

std::string Field(const std::string& name) { return std::string(kRoot) + "." + name; }

// The lot already offering a claim whole, and its tranches already offered, by claim id.
struct ClaimOffer {
  std::optional<size_t> whole_lot;
  std::map<int, size_t> tranche_lots;  // tranche number -> lot index
};

// A claim may be offered once whole, or as distinct tranches, never both.
Status CheckLotOverlap(const Lot& lot, size_t index, ClaimOffer& offer) {
  const std::string field = Indexed(Field("lots"), index);
  if (!lot.tranche_number) {
    if (offer.whole_lot) {
      return Error::InvalidArgument(field + ".claim_id",
                                    "claim " + lot.claim_id + " is already offered whole in lots[" +
                                        std::to_string(*offer.whole_lot) + "]");
    }
    if (!offer.tranche_lots.empty()) {
      const auto& [tranche, other] = *offer.tranche_lots.begin();
      return Error::InvalidArgument(
          field + ".claim_id", "claim " + lot.claim_id + " cannot be offered whole: its tranche " +
                                   std::to_string(tranche) + " is offered in lots[" +
                                   std::to_string(other) + "]");
    }
    offer.whole_lot = index;
    return OkStatus();
  }
  const std::string tranche_field = field + ".tranche_number";
  if (offer.whole_lot) {
    return Error::InvalidArgument(tranche_field, "claim " + lot.claim_id +
                                                     " is already offered whole in lots[" +
                                                     std::to_string(*offer.whole_lot) + "]");
  }
  auto [it, inserted] = offer.tranche_lots.emplace(*lot.tranche_number, index);
  if (!inserted) {
    return Error::InvalidArgument(tranche_field, "tranche " + std::to_string(*lot.tranche_number) +
                                                     " of claim " + lot.claim_id +
                                                     " is already offered in lots[" +
                                                     std::to_string(it->second) + "]");
  }
  return OkStatus();
}

Status ValidateLots(const std::vector<Lot>& lots) {
  RETURN_IF_ERROR(CheckCount(lots.size(), 1, kLotsMax, Field("lots")));
  std::map<std::string, ClaimOffer> offers;
  for (size_t i = 0; i < lots.size(); ++i) {
    const Lot& lot = lots[i];
    const std::string field = Indexed(Field("lots"), i);
    RETURN_IF_ERROR(CheckText(lot.claim_id, field + ".claim_id", 1, 100));
    if (lot.tranche_number && *lot.tranche_number < 1) {
      return Error::InvalidArgument(field + ".tranche_number",
                                    "must be 1 or more (tranches are numbered from 1), got " +
                                        std::to_string(*lot.tranche_number));
    }
    if (lot.reserve_price) {
      RETURN_IF_ERROR(CheckNotNegative(*lot.reserve_price, field + ".reserve_price"));
    }
    RETURN_IF_ERROR(CheckLotOverlap(lot, i, offers[lot.claim_id]));
  }
  return OkStatus();
}

// At least one entry, none repeated. The enums' values name the duplicate by position.
template <typename T>
Status CheckDistinctChoices(const std::vector<T>& choices, const std::string& field) {
  RETURN_IF_ERROR(CheckCount(choices.size(), 1, 16, field));
  for (size_t i = 0; i < choices.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (choices[i] == choices[j]) {
        return Error::InvalidArgument(Indexed(field, i),
                                      "repeats the entry at [" + std::to_string(j) + "]");
      }
    }
  }
  return OkStatus();
}

// An absolute http(s) URL with a host, printable ASCII only (a website channel is a link).
bool IsHttpUrl(std::string_view url) {
  if (url.size() > kUrlLengthMax) return false;
  for (char c : url) {
    if (c <= ' ' || c >= 0x7F) return false;
  }
  std::string lower(url.substr(0, 8));
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  size_t scheme_length = 0;
  if (lower.rfind("http://", 0) == 0) scheme_length = 7;
  if (lower.rfind("https://", 0) == 0) scheme_length = 8;
  if (scheme_length == 0) return false;
  const std::string_view rest = url.substr(scheme_length);
  const size_t host_end = rest.find_first_of("/?#");
  const std::string_view host = rest.substr(0, host_end);
  return !host.empty() && host.find('@') == std::string_view::npos;
}

Status ValidateChannels(const std::vector<PublicationChannel>& channels) {
  RETURN_IF_ERROR(CheckCount(channels.size(), 1, kChannelsMax, Field("channels")));
  for (size_t i = 0; i < channels.size(); ++i) {
    const PublicationChannel& channel = channels[i];
    const std::string field = Indexed(Field("channels"), i);
    if (channel.kind == ChannelKind::kWebsite) {
      if (!IsHttpUrl(channel.name)) {
        return Error::InvalidArgument(field + ".name",
                                      "a website must be an http:// or https:// URL with a host");
      }
      continue;
    }
    RETURN_IF_ERROR(CheckText(channel.name, field + ".name", 1, kChannelNameCharactersMax));
    if (channel.level == NewspaperLevel::kNone) {
      return Error::InvalidArgument(field + ".level",
                                    "a newspaper needs its level (city, provincial or national)");
    }
  }
  return OkStatus();
}

Status ValidateContact(const Contact& contact, const std::string& field) {
  RETURN_IF_ERROR(CheckText(contact.name, field + ".name", 1, kContactNameCharactersMax));
  RETURN_IF_ERROR(CheckCount(contact.phones.size(), 0, kPhonesPerContactMax, field + ".phones"));
  for (size_t i = 0; i < contact.phones.size(); ++i) {
    const std::string& phone = contact.phones[i];
    const bool allowed_characters = std::all_of(phone.begin(), phone.end(), [](char c) {
      return (c >= '0' && c <= '9') || c == ' ' || c == '+' || c == '-' || c == '(' || c == ')';
    });
    const bool has_digit =
        std::any_of(phone.begin(), phone.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!allowed_characters || !has_digit || phone.size() > kPhoneLengthMax) {
      return Error::InvalidArgument(Indexed(field + ".phones", i),
                                    "must be up to " + std::to_string(kPhoneLengthMax) +
                                        " characters of digits, spaces and + - ( )");
    }
  }
  return OkStatus();
}

Status ValidateContactDetails(const ContactDetails& details) {
  const std::string field = Field("contact_details");
  RETURN_IF_ERROR(CheckCount(details.contacts.size(), 0, kContactsMax, field + ".contacts"));
  for (size_t i = 0; i < details.contacts.size(); ++i) {
    RETURN_IF_ERROR(ValidateContact(details.contacts[i], Indexed(field + ".contacts", i)));
  }
  if (details.supervisory_contact) {
    RETURN_IF_ERROR(ValidateContact(*details.supervisory_contact, field + ".supervisory_contact"));
  }
  RETURN_IF_ERROR(CheckText(details.address, field + ".address", 0, kAddressCharactersMax));
  const std::string& postcode = details.postcode;
  const bool six_digits =
      postcode.size() == 6 &&
      std::all_of(postcode.begin(), postcode.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!postcode.empty() && !six_digits) {
    return Error::InvalidArgument(field + ".postcode",
                                  "must be six digits, got '" + postcode.substr(0, 20) + "'");
  }
  return OkStatus();
}

Status CheckRange(int value, int min, int max, const std::string& field) {
  if (value >= min && value <= max) return OkStatus();
  return Error::InvalidArgument(field, "must be " + std::to_string(min) + ".." +
                                           std::to_string(max) + ", got " + std::to_string(value));
}

}  // namespace

Status ValidateDisposalContent(const DisposalContent& content) {
  RETURN_IF_ERROR(CheckText(content.title, Field("title"), 1, kTitleCharactersMax));
  RETURN_IF_ERROR(ValidateLots(content.lots));
  RETURN_IF_ERROR(CheckDistinctChoices(content.methods, Field("methods")));
  RETURN_IF_ERROR(CheckDistinctChoices(content.payment_terms, Field("payment_terms")));
  RETURN_IF_ERROR(CheckNotNegative(content.deposit, Field("deposit")));
  if (content.reserve_price) {
    RETURN_IF_ERROR(CheckNotNegative(*content.reserve_price, Field("reserve_price")));
  }
  RETURN_IF_ERROR(ValidateContactDetails(content.contact_details));
  RETURN_IF_ERROR(ValidateChannels(content.channels));
  RETURN_IF_ERROR(
      CheckRange(content.validity_months, 1, kValidityMonthsMax, Field("validity_months")));
  RETURN_IF_ERROR(CheckRange(content.window_working_days, 1, kWindowWorkingDaysMax,
                             Field("window_working_days")));
  return OkStatus();
}

}  // namespace disposal::domain
