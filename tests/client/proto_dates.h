// A disposal.v1.Date for the client's view tests.
#ifndef DISPOSAL_TESTS_CLIENT_PROTO_DATES_H_
#define DISPOSAL_TESTS_CLIENT_PROTO_DATES_H_

#include "disposal/v1/common.pb.h"

namespace disposalctl {

inline disposal::v1::Date Day(int year, int month, int day) {
  disposal::v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

}  // namespace disposalctl

#endif  // DISPOSAL_TESTS_CLIENT_PROTO_DATES_H_
