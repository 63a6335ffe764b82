// The store reads dates the same way whatever date style the database or the server's
// environment sets for new sessions (an `ALTER DATABASE ... SET datestyle`, a PGDATESTYLE): some
// rows are read as their date's text, which must then be ISO. Real PostgreSQL.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "store/calendar_store.h"
#include "support/test_database.h"

namespace disposal::testing {
namespace {

class DateStyleTest : public ::testing::Test {
 protected:
  // Sessions opened from now on start in the style SQL, DMY ("01/10/2021").
  void SetUp() override {
    db_.Query("ALTER DATABASE \"" + db_.name() + "\" SET datestyle = 'SQL, DMY'");
  }

  TestDatabase db_;
};

TEST_F(DateStyleTest, TheDatabaseStyleReallyChangesHowADateIsWritten) {
  EXPECT_EQ(db_.Query("SELECT date '2021-10-01'::text"), "01/10/2021");
}

TEST_F(DateStyleTest, TheCalendarLoadsUnderANonIsoDateStyle) {
  store::Database database(OneOwnerConnection(db_));
  store::PgCalendarRepository calendar(database);

  const auto loaded = calendar.LoadAll();

  ASSERT_TRUE(loaded.ok()) << loaded.error().Message();
  const auto& years = loaded.value().years;
  const auto year_2021 = std::find_if(years.begin(), years.end(),
                                      [](const domain::CalendarYear& y) { return y.year == 2021; });
  ASSERT_NE(year_2021, years.end());
  const bool national_day_held = std::any_of(
      year_2021->special_days.begin(), year_2021->special_days.end(),
      [](const domain::SpecialDay& day) {
        return day.date.month == 10 && day.date.day == 1 && day.kind == domain::DayKind::kHoliday;
      });
  EXPECT_TRUE(national_day_held);
}

}  // namespace
}  // namespace disposal::testing
