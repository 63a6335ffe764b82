// The ledger property test's own model of the seed claim's books (ledger_property_test.cc):
// its calendar arithmetic, whole-fen money, the seed claim's figures, the interest it should
// accrue and what each booking should leave on each account. It is built only from what the
// test sent and what the service reported as applied, and borrows nothing from the server's
// domain code, so that a defect there cannot hide in both.
#ifndef DISPOSAL_TESTS_INTEGRATION_LEDGER_MODEL_H_
#define DISPOSAL_TESTS_INTEGRATION_LEDGER_MODEL_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/wire_values.h"
#include "disposal/v1/ledger.pb.h"
#include "support/ledger_fixture.h"

namespace disposal::testing::ledger_model {

using Fen = int64_t;

// ------------------------------------------------------------------------------------ dates
// The model keeps its own calendar arithmetic rather than borrowing the server's.

struct Day {
  int year = 0;
  int month = 0;
  int day = 0;
};

// Days since 1970-01-01, proleptic Gregorian (days_from_civil).
inline int64_t Serial(const Day& d) {
  const int64_t y = d.month <= 2 ? d.year - 1 : d.year;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t year_of_era = y - era * 400;
  const int64_t shifted_month = (d.month + 9) % 12;  // March = 0
  const int64_t day_of_year = (153 * shifted_month + 2) / 5 + d.day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

inline Day FromSerial(int64_t serial) {
  serial += 719468;
  const int64_t era = (serial >= 0 ? serial : serial - 146096) / 146097;
  const int64_t day_of_era = serial - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t shifted_month = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  const int month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  return Day{static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0)), month, day};
}

inline Day AddDays(const Day& d, int64_t days) { return FromSerial(Serial(d) + days); }
inline bool Before(const Day& a, const Day& b) { return Serial(a) < Serial(b); }
inline bool Same(const Day& a, const Day& b) { return Serial(a) == Serial(b); }
inline Day Latest(const Day& a, const Day& b) { return Before(a, b) ? b : a; }
inline Day Earliest(const Day& a, const Day& b) { return Before(a, b) ? a : b; }

inline Day MonthEndOf(const Day& d) {
  const Day next_month_first = d.month == 12 ? Day{d.year + 1, 1, 1} : Day{d.year, d.month + 1, 1};
  return AddDays(next_month_first, -1);
}

inline std::string Iso(const Day& d) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", d.year, d.month, d.day);
  return text;
}

inline v1::Date ProtoDay(const Day& d) { return MakeProtoDate(d.year, d.month, d.day); }
inline Day DayOf(const v1::Date& d) { return Day{d.year(), d.month(), d.day()}; }

// ------------------------------------------------------------------------------------ money

// An amount the service returned, in fen, parsed by the wire's own rules.
inline Fen FenOf(const v1::Money& money) {
  auto parsed = api::MoneyFromProto(money, "amount");
  EXPECT_TRUE(parsed.ok()) << "not a valid amount: " << money.ShortDebugString();
  if (!parsed.ok()) return -1;
  return static_cast<Fen>(parsed.value().fen());
}

inline v1::Money MoneyOf(Fen fen) {
  v1::Money money;
  money.set_currency_code("CNY");
  money.set_units(fen / 100);
  money.set_nanos(static_cast<int32_t>(fen % 100) * 10'000'000);
  return money;
}

// "1,234,567.89", as the service states amounts due; `fen` >= 0.
inline std::string Grouped(Fen fen) {
  std::string units = std::to_string(fen / 100);
  for (int i = static_cast<int>(units.size()) - 3; i > 0; i -= 3) {
    units.insert(static_cast<size_t>(i), ",");
  }
  const Fen cents = fen % 100;
  return units + (cents < 10 ? ".0" : ".") + std::to_string(cents);
}

inline std::string Plain(Fen fen) {
  const Fen magnitude = fen < 0 ? -fen : fen;
  const Fen cents = magnitude % 100;
  return (fen < 0 ? "-" : "") + std::to_string(magnitude / 100) + (cents < 10 ? ".0" : ".") +
         std::to_string(cents);
}

// ------------------------------------------------------------------------- the seed claim

inline constexpr Day kCutoff{2021, 6, 30};         // both tranches' interest cut-off
inline constexpr Day kFirstAwardDay{2021, 8, 26};  // the objection window closed the day before
inline constexpr Day kLastDay{2022, 6, 30};        // no business date in the sequences goes past it
inline constexpr Day kTrialAsOf{2030, 12, 31};

// Tranches 1 and 2 (index 0 unused).
inline constexpr std::array<Fen, 3> kPrincipal = {0, 38'865'890'000, 6'000'000'000};
inline constexpr std::array<Fen, 3> kInterest = {0, 32'036'620'000, 3'742'550'000};
inline constexpr Fen kOpeningPrincipal = 44'865'890'000;  // 448,658,900.00
inline constexpr Fen kOpeningInterest = 35'779'170'000;   // 357,791,700.00

// Tranche 1's principal after a debtor's payment took some of it: from the day after `day`.
struct PrincipalStep {
  Day day;
  Fen principal = 0;
};

// Tranche 1's interest from cut-off through `through`: its principal outstanding each day
// (388,658,900.00 until a payment takes some of it, then what is left, from the day after the
// payment) x 0.0435 / 360 (ACT/360), summed exactly and rounded half-up to the fen once. Every
// period entry books the difference of two of these, so entries add up exactly to the one-shot
// figure.
inline Fen CumulativeInterest(const Day& through, const std::vector<PrincipalStep>& steps) {
  int64_t principal_days = 0;  // fen x days
  Fen principal = kPrincipal[1];
  int64_t cursor = Serial(kCutoff);
  const int64_t end = Serial(through);
  for (const PrincipalStep& step : steps) {
    const int64_t at = Serial(step.day);
    if (at >= end) break;
    if (at > cursor) {
      principal_days += principal * (at - cursor);
      cursor = at;
    }
    principal = step.principal;
  }
  if (end > cursor) principal_days += principal * (end - cursor);
  const int64_t numerator = principal_days * 435;  // fen x days x (rate x 10^4)
  const int64_t denominator = int64_t{10'000} * 360;
  return (2 * numerator + denominator) / (2 * denominator);
}

// ------------------------------------------------------------------------------- the model

struct AccrualBooked {
  int64_t entry_id = 0;
  Day start, end;
  Fen interest = 0;
  int64_t reversal_id = 0;  // 0 while not reversed
  // Booked before lot 0 (tranche 1) was awarded, so part of the book value sold. Such an
  // accrual is not reversed here: the service refuses it (outcome_test.cc), since its reversal
  // would leave a credit on the sold tranche.
  bool sold = false;
};

struct Sale {
  std::string outcome_id;
  int lot = 0;  // the lot offers tranche lot + 1
  int64_t entry_id = 0;
  Day award_day;
  Fen price = 0;
  Fen book_value = 0;
  std::vector<Fen> instalments;
  std::vector<Fen> paid;

  Fen principal_sold = 0;  // what the award credited to the tranche's principal
  Fen interest_sold = 0;   // and to its interest
  Fen costs_sold = 0;      // and to the claim's costs (the last lot held takes them)
  Fen penalty_sold = 0;    // and to the claim's penalty (likewise)
  // The reversal of the award's entry that rescinded it; 0 while the award stands. A rescinded
  // sale sold nothing and is owed nothing (its buyer's payments were reversed before it).
  int64_t rescission_id = 0;

  bool Standing() const { return rescission_id == 0; }
  Fen PaidTotal() const {
    Fen total = 0;
    for (const Fen part : paid) total += part;
    return total;
  }
  // The buyer's payments still standing, `total` in all, pay the instalments earliest first
  // (the index order), however each was applied when it was booked.
  void SpreadPaid(Fen total) {
    for (size_t i = 0; i < instalments.size(); ++i) {
      paid[i] = std::min(instalments[i], std::max<Fen>(0, total));
      total -= paid[i];
    }
  }
  Fen Due() const {
    if (!Standing()) return 0;
    Fen due = 0;
    for (size_t i = 0; i < instalments.size(); ++i) due += instalments[i] - paid[i];
    return due;
  }
};

// A debtor's payment over the buckets' nets, in the default order (costs, interest, principal,
// penalty), as the service allocates it: a bucket below zero (paid, then taken back) is the
// debtor's credit, carried first to the buckets owed, in the same order; then the payment.
struct DebtorAllocation {
  std::array<Fen, 4> credited{};  // credited to each bucket owed
  std::array<Fen, 4> used{};      // taken off each bucket below zero
};

// What the buckets owed add up to, and the debtor's credit (the buckets below zero).
inline std::pair<Fen, Fen> OwedAndCredit(const std::array<Fen, 4>& nets) {
  Fen owed = 0, credit = 0;
  for (const Fen net : nets) (net > 0 ? owed : credit) += net > 0 ? net : -net;
  return {owed, credit};
}

// What the debtor owes: the buckets owed less its credit, never below zero.
inline Fen DueAfterCredit(const std::array<Fen, 4>& nets) {
  const auto [owed, credit] = OwedAndCredit(nets);
  return owed - std::min(owed, credit);
}

inline DebtorAllocation AllocateWithCredit(const std::array<Fen, 4>& nets, Fen payment) {
  DebtorAllocation allocation;
  const auto [owed, credit] = OwedAndCredit(nets);
  const Fen carried = std::min(owed, credit);
  Fen left = carried + payment;  // the credit and then the payment fill the buckets in order
  Fen give = carried;            // the buckets below zero give it up in order
  for (size_t i = 0; i < nets.size(); ++i) {
    if (nets[i] > 0) {
      allocation.credited[i] = std::min(left, nets[i]);
      left -= allocation.credited[i];
    } else {
      allocation.used[i] = std::min(give, -nets[i]);
      give -= allocation.used[i];
    }
  }
  return allocation;
}

// A payment the service booked, as the model needs it to take the payment back.
struct PaymentBooked {
  int64_t entry_id = 0;
  int sale = -1;  // the buyer's outcome (index into the sales); -1: the debtor's payment
  Day received;
  Fen amount = 0;
  std::array<Fen, 3> interest{};   // a debtor's: what it credited to each tranche's interest
  std::array<Fen, 3> principal{};  // and principal
  std::vector<Fen> applied;        // a buyer's: what it paid on each instalment
  int64_t reversal_id = 0;         // 0 while not reversed
  Fen costs = 0;                   // a debtor's: what it credited to the claim's costs
  Fen penalty = 0;                 // and to the claim's penalty
};

// Costs the AMC paid for the claim, as booked.
struct CostBooked {
  int64_t entry_id = 0;
  Day paid;
  Fen amount = 0;
  int64_t reversal_id = 0;  // 0 while not reversed
};

// A change to a tranche's principal as the journal has it: entry ids grow with booking order.
struct PrincipalChange {
  Day day;
  int tranche = 0;
  Fen delta = 0;
  int64_t entry_id = 0;
};

// What the ledger should show, built only from what the test sent and what the service reported
// as applied.
struct Model {
  bool opened = false;  // the opening entry is booked
  std::optional<Day> accrued_through;
  // The business date of the next payment or award: never before any entry's effective date,
  // so balances "as of" it are the balances after everything booked so far.
  Day today{2021, 7, 1};
  std::vector<AccrualBooked> accruals;
  Fen accrued = 0;
  Fen reversed = 0;
  // What each tranche's accounts carry (the seed figures until the accounts open, which books
  // exactly them); an award credits its tranche's figures away.
  std::array<Fen, 3> tranche_principal = kPrincipal;
  std::array<Fen, 3> tranche_interest = kInterest;
  // Every payment booked, in the order booked (which is also by received date).
  std::vector<PaymentBooked> payments;
  // The claim's costs account (claim level), and the costs the AMC paid for the claim in all.
  Fen costs = 0;
  Fen costs_advanced = 0;
  std::vector<CostBooked> costs_booked;
  // The claim's penalty account (claim level), and the penalty set since the books opened (the
  // seed's is unliquidated when they open).
  Fen penalty = 0;
  Fen penalty_judged = 0;
  Fen debtor_paid = 0;
  Fen buyer_paid = 0;
  std::vector<Sale> sales;
  std::array<bool, 2> awarded = {false, false};  // a standing award
  std::array<int, 2> awards = {0, 0};            // awards booked, rescinded ones included
  // Every entry a call reported, by id; an opening entry booked by an award or a debtor's
  // payment is not reported by the call and is found in the journal.
  std::map<int64_t, v1::EntryKind> entries;

  Fen PrincipalNet() const { return tranche_principal[1] + tranche_principal[2]; }
  // Every change to the principal after the opening entry: debtor payments, their reversals
  // (the payment's own date), and awards.
  std::vector<PrincipalChange> PrincipalChanges() const {
    std::vector<PrincipalChange> changes;
    for (const PaymentBooked& payment : payments) {
      for (int tranche : {1, 2}) {
        const Fen paid = payment.principal[static_cast<size_t>(tranche)];
        if (payment.sale >= 0 || paid == 0) continue;
        changes.push_back({payment.received, tranche, -paid, payment.entry_id});
        if (payment.reversal_id != 0) {
          changes.push_back({payment.received, tranche, paid, payment.reversal_id});
        }
      }
    }
    for (const Sale& sale : sales) {
      if (sale.principal_sold != 0) {
        changes.push_back({sale.award_day, sale.lot + 1, -sale.principal_sold, sale.entry_id});
        if (!sale.Standing()) {
          changes.push_back(
              {sale.award_day, sale.lot + 1, sale.principal_sold, sale.rescission_id});
        }
      }
    }
    return changes;
  }
  // Booked after the latest accrual entry still standing and dated before the date accrued
  // through: the periods booked so far were computed without it.
  bool Late(const PrincipalChange& change) const {
    int64_t standing = 0;
    for (const AccrualBooked& accrual : accruals) {
      if (accrual.reversal_id == 0) standing = std::max(standing, accrual.entry_id);
    }
    return standing != 0 && change.entry_id > standing && accrued_through &&
           Before(change.day, *accrued_through);
  }
  // Tranche 1's principal over time; with `as_booked`, without the late changes.
  std::vector<PrincipalStep> PrincipalSteps(bool as_booked = false) const {
    std::vector<PrincipalChange> changes;
    for (const PrincipalChange& change : PrincipalChanges()) {
      if (change.tranche == 1 && !(as_booked && Late(change))) changes.push_back(change);
    }
    std::stable_sort(
        changes.begin(), changes.end(),
        [](const PrincipalChange& a, const PrincipalChange& b) { return Before(a.day, b.day); });
    std::vector<PrincipalStep> steps;
    Fen outstanding = kPrincipal[1];
    for (const PrincipalChange& change : changes) {
      outstanding += change.delta;
      if (!steps.empty() && Same(steps.back().day, change.day)) steps.pop_back();
      steps.push_back({change.day, outstanding});
    }
    return steps;
  }
  Fen InterestNet() const { return tranche_interest[1] + tranche_interest[2]; }
  // The service credits a debtor's payment to a bucket tranche by tranche, in tranche order,
  // each up to its (positive) balance, so that a lot is always worth its tranche's balances.
  static void CreditInTrancheOrder(std::array<Fen, 3>& balances, Fen amount) {
    for (size_t tranche = 1; tranche < balances.size() && amount > 0; ++tranche) {
      const Fen part = std::min(amount, std::max<Fen>(0, balances[tranche]));
      balances[tranche] -= part;
      amount -= part;
    }
  }
  // The service debits a debtor's credit off a bucket's tranches below zero, in tranche order.
  static void DebitBelowZeroInTrancheOrder(std::array<Fen, 3>& balances, Fen amount) {
    for (size_t tranche = 1; tranche < balances.size() && amount > 0; ++tranche) {
      const Fen part = std::min(amount, std::max<Fen>(0, -balances[tranche]));
      balances[tranche] += part;
      amount -= part;
    }
  }
  // The received date of the latest debtor's payment still standing, if any.
  std::optional<Day> LatestDebtorPayment() const {
    std::optional<Day> last;
    for (const PaymentBooked& payment : payments) {
      if (payment.sale < 0 && payment.reversal_id == 0 &&
          (!last || Before(*last, payment.received))) {
        last = payment.received;
      }
    }
    return last;
  }
  // Both lots sold: the claim-level balances (its costs) left the books with the last one.
  bool EveryLotSold() const { return awarded[0] && awarded[1]; }
  Fen Receivable() const {
    Fen total = 0;
    for (const Sale& sale : sales) total += sale.Due();
    return total;
  }
  Fen Loss() const {
    Fen total = 0;
    for (const Sale& sale : sales) total += sale.Standing() ? sale.book_value - sale.price : 0;
    return total;
  }
  Fen BookValueSold() const {
    Fen total = 0;
    for (const Sale& sale : sales) total += sale.Standing() ? sale.book_value : 0;
    return total;
  }
  bool IsRescission(int64_t entry_id) const {
    for (const Sale& sale : sales) {
      if (sale.rescission_id != 0 && sale.rescission_id == entry_id) return true;
    }
    return false;
  }
  // Whether accruals were booked while `sale` stood before it was rescinded.
  bool AccruedWhileSold(const Sale& sale) const {
    for (const AccrualBooked& accrual : accruals) {
      if (accrual.entry_id > sale.entry_id && accrual.entry_id < sale.rescission_id) return true;
    }
    return false;
  }
  // The first accrual entry booked after `after`, 0 when none.
  int64_t FirstAccrualAfter(int64_t after) const {
    int64_t first = 0;
    for (const AccrualBooked& accrual : accruals) {
      if (accrual.entry_id > after && (first == 0 || accrual.entry_id < first)) {
        first = accrual.entry_id;
      }
    }
    return first;
  }
  // A tranche sold and rescinded while accruals left it out waits for the accrual that catches
  // it up before it is awarded again.
  bool CatchUpPending(int tranche) const {
    for (const Sale& sale : sales) {
      if (sale.lot + 1 != tranche || sale.Standing() || !AccruedWhileSold(sale)) continue;
      if (FirstAccrualAfter(sale.rescission_id) == 0) return true;
    }
    return false;
  }
  // (Of a tranche with a rate: lot 0's.)
  bool IsCatchUp(int64_t accrual_entry) const {
    for (const Sale& sale : sales) {
      if (sale.lot == 0 && !sale.Standing() && AccruedWhileSold(sale) &&
          FirstAccrualAfter(sale.rescission_id) == accrual_entry) {
        return true;
      }
    }
    return false;
  }
  // A late principal change on `tranche` waits for the accrual that corrects it. The journal
  // sums the changes of one day, tranche and lateness: a late change undone on its own day (a
  // payment and its reversal, an award and its rescission) leaves nothing to correct.
  bool CorrectionPending(int tranche) const {
    std::map<std::string, Fen> late;
    for (const PrincipalChange& change : PrincipalChanges()) {
      if (change.tranche == tranche && Late(change)) late[Iso(change.day)] += change.delta;
    }
    for (const auto& [day, delta] : late) {
      if (delta != 0) return true;
    }
    return false;
  }
};

}  // namespace disposal::testing::ledger_model

#endif  // DISPOSAL_TESTS_INTEGRATION_LEDGER_MODEL_H_
