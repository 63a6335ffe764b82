// The ledger's guarantees held by PostgreSQL itself, whatever code writes to it: entries
// balance and have at least two postings (checked at commit), booked rows never change, and a
// claim accrues at most once per period.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "support/test_database.h"

namespace disposal::testing {
namespace {

class LedgerSchemaTest : public ::testing::Test {
 protected:
  static constexpr char kClaim[] = "00000000-0000-4000-8000-000000000001";

  void SetUp() override {
    db_.Query("INSERT INTO ledger_accounts (account) VALUES ('amc/cash'), ('amc/interest_income')");
    db_.Query(std::string("INSERT INTO claims (id, version, title, status, currency_code, "
                          "debtor_kind, debtor_name, debtor_identifier, holder_name, "
                          "holder_identifier, penalty_unliquidated) VALUES ('") +
              kClaim +
              "', 1, 'a claim', 'held', 'CNY', 'organization', '某公司', "
              "'91510100MA61R0XXXX', '某资产管理公司', '91510100MA61R0YYYY', true)");
  }

  // The postings ("account,debit,credit") of the entry inserted last, as SQL statements.
  static std::string PostingsSql(const std::vector<std::string>& postings) {
    std::string sql;
    int line = 0;
    for (const std::string& posting : postings) {
      const size_t first = posting.find(','), second = posting.rfind(',');
      sql +=
          "INSERT INTO journal_postings (entry_id, line, account, debit, credit) VALUES "
          "(currval('journal_entries_entry_id_seq'), " +
          std::to_string(++line) + ", '" + posting.substr(0, first) + "', " +
          posting.substr(first + 1, second - first - 1) + ", " + posting.substr(second + 1) + ");";
    }
    return sql;
  }

  // An entry and its postings in one transaction; each posting is "account,debit,credit".
  // `recorded_at`, when given, is the SQL the entry's stamp is written with.
  void Book(const std::string& request_id, const std::vector<std::string>& postings,
            const std::string& kind = "payment", const std::string& period_end = "",
            const std::string& recorded_at = "") {
    std::string sql =
        "INSERT INTO journal_entries (request_id, call_request_id, request_hash, kind, "
        "effective_date, actor, "
        "claim_id, period_start, period_end" +
        std::string(recorded_at.empty() ? "" : ", recorded_at") + ") VALUES ('" + request_id +
        "', '" + request_id + "', decode(repeat('00', 32), 'hex'), '" + kind +
        "', '2021-07-31', 'tester', " +
        (period_end.empty() ? "NULL, NULL, NULL"
                            : "'" + std::string(kClaim) + "', '" + period_end + "'::date - 30, '" +
                                  period_end + "'") +
        (recorded_at.empty() ? "" : ", " + recorded_at) + ");";
    db_.Query(sql + PostingsSql(postings));
  }

  TestDatabase db_;
};

TEST_F(LedgerSchemaTest, BalancedEntryIsBooked) {
  Book("r-balanced", {"amc/cash,100.00,0", "amc/interest_income,0,100.00"});
  EXPECT_EQ(db_.Query("SELECT sum(debit) - sum(credit) FROM journal_postings"), "0.00");
  EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_postings"), "2");
}

TEST_F(LedgerSchemaTest, UnbalancedEntryIsRefusedAtCommitAndLeavesNothing) {
  EXPECT_THROW(Book("r-unbalanced", {"amc/cash,100.00,0", "amc/interest_income,0,99.99"}),
               pqxx::sql_error);
  EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_entries"), "0");
  EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_postings"), "0");
}

TEST_F(LedgerSchemaTest, EntryWithoutTwoPostingsIsRefused) {
  int refused = 0;
  for (const std::vector<std::string>& postings :
       {std::vector<std::string>{}, std::vector<std::string>{"amc/cash,100.00,0"}}) {
    try {
      Book("r-" + std::to_string(postings.size()), postings);
      ADD_FAILURE() << postings.size() << " posting(s) booked";
    } catch (const pqxx::sql_error& e) {
      ++refused;
      EXPECT_NE(std::string(e.what()).find("an entry needs at least two"), std::string::npos)
          << e.what();
    }
  }
  EXPECT_EQ(refused, 2);
  EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_entries"), "0");
}

// The balance check runs again for a posting added to an entry booked before, and sums the
// entry's postings old and new.
TEST_F(LedgerSchemaTest, UnbalancedPostingAddedLaterToABookedEntryFailsItsBalanceCheck) {
  Book("r-booked", {"amc/cash,100.00,0", "amc/interest_income,0,100.00"});
  const std::string entry = db_.Query("SELECT entry_id FROM journal_entries");
  try {
    db_.Query("INSERT INTO journal_postings (entry_id, line, account, debit, credit) VALUES (" +
              entry + ", 3, 'amc/cash', 5.00, 0)");
    ADD_FAILURE() << "an unbalanced posting was added to a booked entry";
  } catch (const pqxx::sql_error& e) {
    EXPECT_NE(std::string(e.what()).find("does not balance: debits 105.00, credits 100.00"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_postings"), "2");
}

// Balanced, so the balance check alone would let it through: the pair was not booked with
// the entry.
TEST_F(LedgerSchemaTest, BalancedPairAddedLaterToABookedEntryIsRefused) {
  Book("r-booked", {"amc/cash,100.00,0", "amc/interest_income,0,100.00"});
  const std::string entry = db_.Query("SELECT entry_id FROM journal_entries");
  try {
    db_.Query("INSERT INTO journal_postings (entry_id, line, account, debit, credit) VALUES (" +
              entry + ", 3, 'amc/cash', 1000.00, 0), (" + entry +
              ", 4, 'amc/interest_income', 0, 1000.00)");
    ADD_FAILURE() << "a balanced pair was added to a booked entry";
  } catch (const pqxx::sql_error& e) {
    EXPECT_NE(std::string(e.what()).find("booked in an earlier transaction"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_postings"), "2");
}

// Reads as of a past time take what was recorded by then: a stamp from outside the writing
// transaction would put an entry into last year's trial balance, or hide it from today's.
TEST_F(LedgerSchemaTest, EntryStampedBeforeItsTransactionIsRefusedAtCommit) {
  try {
    Book("r-backdated", {"amc/cash,100.00,0", "amc/interest_income,0,100.00"}, "payment", "",
         "now() - interval '1 year'");
    ADD_FAILURE() << "a back-dated entry was booked";
  } catch (const pqxx::sql_error& e) {
    EXPECT_NE(std::string(e.what()).find("outside the transaction"), std::string::npos) << e.what();
  }
  EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_entries"), "0");
}

TEST_F(LedgerSchemaTest, EntryStampedAfterItsCommitIsRefused) {
  try {
    Book("r-ahead", {"amc/cash,100.00,0", "amc/interest_income,0,100.00"}, "payment", "",
         "now() + interval '1 day'");
    ADD_FAILURE() << "an entry stamped a day ahead was booked";
  } catch (const pqxx::sql_error& e) {
    EXPECT_NE(std::string(e.what()).find("outside the transaction"), std::string::npos) << e.what();
  }
  EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_entries"), "0");
}

TEST_F(LedgerSchemaTest, EntryStampedWhileItsTransactionRunsIsBooked) {
  Book("r-stamped", {"amc/cash,100.00,0", "amc/interest_income,0,100.00"}, "payment", "",
       "clock_timestamp()");
  EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_entries"), "1");
}

TEST_F(LedgerSchemaTest, BookedRowsRefuseUpdateDeleteAndTruncate) {
  Book("r-history", {"amc/cash,100.00,0", "amc/interest_income,0,100.00"});
  EXPECT_THROW(db_.Query("UPDATE journal_postings SET debit = 1 WHERE line = 1"), pqxx::sql_error);
  EXPECT_THROW(db_.Query("DELETE FROM journal_postings"), pqxx::sql_error);
  EXPECT_THROW(db_.Query("UPDATE journal_entries SET memo = 'edited'"), pqxx::sql_error);
  EXPECT_THROW(db_.Query("DELETE FROM journal_entries"), pqxx::sql_error);
  EXPECT_THROW(db_.Query("TRUNCATE journal_postings, journal_entries"), pqxx::sql_error);
  EXPECT_EQ(db_.Query("SELECT sum(debit) FROM journal_postings"), "100.00");
}

TEST_F(LedgerSchemaTest, SameRequestIdBooksOnce) {
  Book("r-retry", {"amc/cash,100.00,0", "amc/interest_income,0,100.00"});
  EXPECT_THROW(Book("r-retry", {"amc/cash,100.00,0", "amc/interest_income,0,100.00"}),
               pqxx::sql_error);
  EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_entries"), "1");
}

TEST_F(LedgerSchemaTest, SecondAccrualForTheSamePeriodIsRefused) {
  Book("r-july", {"amc/cash,10.00,0", "amc/interest_income,0,10.00"}, "accrual", "2021-07-31");
  EXPECT_THROW(Book("r-july-again", {"amc/cash,10.00,0", "amc/interest_income,0,10.00"}, "accrual",
                    "2021-07-31"),
               pqxx::sql_error);
  Book("r-august", {"amc/cash,10.00,0", "amc/interest_income,0,10.00"}, "accrual", "2021-08-31");
  EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_entries WHERE kind = 'accrual'"), "2");
}

TEST_F(LedgerSchemaTest, ClaimAccountNeedsAClaimAndAKnownName) {
  EXPECT_THROW(db_.Query("INSERT INTO ledger_accounts (account) VALUES ('amc/petty_cash')"),
               pqxx::sql_error);
  EXPECT_THROW(db_.Query("INSERT INTO ledger_accounts (account) VALUES "
                         "('claim/00000000-0000-4000-8000-000000000001/principal')"),
               pqxx::sql_error);
  EXPECT_THROW(db_.Query(std::string("INSERT INTO ledger_accounts (account, claim_id) VALUES "
                                     "('claim/") +
                         kClaim + "/bogus', '" + kClaim + "')"),
               pqxx::sql_error);
  EXPECT_EQ(db_.Query("SELECT count(*) FROM ledger_accounts WHERE account LIKE 'claim/%'"), "0");
  // The same statements are accepted for a known name with its claim: the refusals above are
  // the checks', not the statements'.
  db_.Query(std::string("INSERT INTO ledger_accounts (account, claim_id) VALUES ('claim/") +
            kClaim + "/principal', '" + kClaim + "')");
  EXPECT_EQ(db_.Query("SELECT count(*) FROM ledger_accounts WHERE account LIKE 'claim/%'"), "1");
}

TEST_F(LedgerSchemaTest, PostingToAnAccountThatIsNotOpenIsRefused) {
  EXPECT_THROW(Book("r-unopened", {"amc/cash,100.00,0", "amc/debt_relief,0,100.00"}),
               pqxx::sql_error);
  EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_entries"), "0");
}

TEST_F(LedgerSchemaTest, AccountsRefuseTruncate) {
  EXPECT_THROW(db_.Query("TRUNCATE ledger_accounts CASCADE"), pqxx::sql_error);
  EXPECT_EQ(db_.Query("SELECT count(*) FROM ledger_accounts"), "2");
}

TEST_F(LedgerSchemaTest, ClaimAccountPostingsMoveTheRunningBalancePerTranche) {
  const std::string principal = std::string("claim/") + kClaim + "/principal";
  db_.Query("INSERT INTO ledger_accounts (account, claim_id) VALUES ('" + principal + "', '" +
            kClaim + "')");
  Book("r-lend", {principal + ",100.00,0", "amc/cash,0,100.00"});
  Book("r-repay", {"amc/cash,30.00,0", principal + ",0,30.00"});
  EXPECT_EQ(db_.Query("SELECT balance::text || ' ' || tranche || ' ' || latest_effective "
                      "FROM claim_account_balances WHERE account = '" +
                      principal + "'"),
            "70.00 0 2021-07-31");
  // Only claim accounts are kept: amc/cash is shared by every booking.
  EXPECT_EQ(db_.Query("SELECT count(*) FROM claim_account_balances"), "1");
}

TEST_F(LedgerSchemaTest, ServerRoleCannotWriteTheRunningBalances) {
  EXPECT_THROW(db_.Query("SET LOCAL ROLE disposal_app; INSERT INTO claim_account_balances "
                         "VALUES ('" +
                         std::string(kClaim) +
                         "', 'claim/x/principal', 0, 1, "
                         "'2021-07-31')"),
               pqxx::sql_error);
  EXPECT_EQ(db_.Query("SELECT count(*) FROM claim_account_balances"), "0");
}

// The owner too (these tests run as the superuser): bookings plan from these figures, so only
// the postings' trigger may move them.
TEST_F(LedgerSchemaTest, RunningBalancesRefuseEveryDirectWriteOfTheOwner) {
  const std::string principal = std::string("claim/") + kClaim + "/principal";
  db_.Query("INSERT INTO ledger_accounts (account, claim_id) VALUES ('" + principal + "', '" +
            kClaim + "')");
  Book("r-lend", {principal + ",100.00,0", "amc/cash,0,100.00"});
  EXPECT_THROW(db_.Query("UPDATE claim_account_balances SET balance = 0"), pqxx::sql_error);
  EXPECT_THROW(db_.Query("DELETE FROM claim_account_balances"), pqxx::sql_error);
  EXPECT_THROW(db_.Query("TRUNCATE claim_account_balances"), pqxx::sql_error);
  EXPECT_THROW(db_.Query("INSERT INTO claim_account_balances VALUES ('" + std::string(kClaim) +
                         "', '" + principal + "', 1, 5, '2021-07-31')"),
               pqxx::sql_error);
  EXPECT_EQ(db_.Query("SELECT string_agg(balance::text, ',') FROM claim_account_balances"),
            "100.00");
  Book("r-repay", {"amc/cash,30.00,0", principal + ",0,30.00"});
  EXPECT_EQ(db_.Query("SELECT balance::text FROM claim_account_balances"), "70.00");
}

TEST_F(LedgerSchemaTest, InstalmentSchedulesAndTheirPaymentsRefuseTruncate) {
  EXPECT_THROW(db_.Query("TRUNCATE outcome_instalments CASCADE"), pqxx::sql_error);
  EXPECT_THROW(db_.Query("TRUNCATE payment_instalments"), pqxx::sql_error);
}

TEST_F(LedgerSchemaTest, CallsThatBookedNothingRefuseUpdateDeleteAndTruncate) {
  db_.Query(
      "INSERT INTO ledger_calls_without_entries (call_request_id, request_hash, claim_id, "
      "accrued_through, actor) VALUES ('r-nothing', decode(repeat('00', 32), 'hex'), '" +
      std::string(kClaim) + "', '2021-07-31', 'tester')");
  EXPECT_THROW(db_.Query("UPDATE ledger_calls_without_entries SET accrued_through = NULL"),
               pqxx::sql_error);
  EXPECT_THROW(db_.Query("DELETE FROM ledger_calls_without_entries"), pqxx::sql_error);
  EXPECT_THROW(db_.Query("TRUNCATE ledger_calls_without_entries"), pqxx::sql_error);
  EXPECT_EQ(db_.Query("SELECT accrued_through FROM ledger_calls_without_entries"), "2021-07-31");
}

// PostgreSQL's numeric takes 'NaN' and orders it above every number: it would pass the
// amounts' "> 0" checks, and NaN against NaN would balance.
TEST_F(LedgerSchemaTest, NanAmountIsRefused) {
  EXPECT_THROW(Book("r-nan", {"amc/cash,'NaN',0", "amc/interest_income,0,'NaN'"}), pqxx::sql_error);
  EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_entries"), "0");
}

TEST_F(LedgerSchemaTest, EveryNumericColumnRefusesNan) {
  EXPECT_EQ(db_.Query("SELECT count(*) FROM information_schema.columns c "
                      "JOIN information_schema.tables t USING (table_schema, table_name) "
                      "WHERE c.table_schema = 'public' AND c.data_type = 'numeric' "
                      "AND t.table_type = 'BASE TABLE' AND NOT EXISTS (SELECT 1 FROM "
                      "pg_constraint k WHERE k.conrelid = format('public.%I', c.table_name)"
                      "::regclass AND k.contype = 'c' AND pg_get_constraintdef(k.oid) = "
                      "'CHECK ((' || c.column_name || ' <> ''NaN''::numeric))')"),
            "0");
}

// A claim account's name and its row's claim_id are one claim: the running balances go by
// the one, back-dated bookings by the other.
TEST_F(LedgerSchemaTest, ClaimAccountUnderAnotherClaimsIdIsRefused) {
  const std::string other = "00000000-0000-4000-8000-000000000002";
  EXPECT_THROW(db_.Query("INSERT INTO ledger_accounts (account, claim_id) VALUES ('claim/" + other +
                         "/principal', '" + kClaim + "')"),
               pqxx::sql_error);
  EXPECT_EQ(db_.Query("SELECT count(*) FROM ledger_accounts WHERE account LIKE 'claim/%'"), "0");
}

class ReversalSchemaTest : public LedgerSchemaTest {
 protected:
  // A reversal of the entry booked under `reversed`, with `postings` ("account,debit,credit").
  void Reverse(const std::string& request_id, const std::string& reversed,
               const std::vector<std::string>& postings) {
    std::string sql =
        "INSERT INTO journal_entries (request_id, call_request_id, request_hash, kind, "
        "effective_date, actor, reverses) SELECT '" +
        request_id + "', '" + request_id +
        "', decode(repeat('00', 32), 'hex'), 'reversal', '2021-07-31', 'tester', entry_id "
        "FROM journal_entries WHERE request_id = '" +
        reversed + "';";
    db_.Query(sql + PostingsSql(postings));
  }

  void SetUp() override {
    LedgerSchemaTest::SetUp();
    Book("r-original", {"amc/cash,100.00,0", "amc/interest_income,0,100.00"});
  }
};

// Naming an entry as reversed makes it so (an award no longer a sale, a payment no longer
// paid), and only once: a token entry between two other accounts may not do it.
TEST_F(ReversalSchemaTest, ReversalThatDoesNotMirrorItsEntryIsRefusedAtCommit) {
  EXPECT_THROW(Reverse("r-token", "r-original", {"amc/cash,0,0.01", "amc/interest_income,0.01,0"}),
               pqxx::sql_error);
  EXPECT_THROW(
      Reverse("r-same-side", "r-original", {"amc/cash,100.00,0", "amc/interest_income,0,100.00"}),
      pqxx::sql_error);
  EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_entries"), "1");
}

TEST_F(ReversalSchemaTest, ReversalThatMirrorsItsEntryIsBooked) {
  Reverse("r-mirror", "r-original", {"amc/interest_income,100.00,0", "amc/cash,0,100.00"});
  EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_entries WHERE kind = 'reversal'"), "1");
}

TEST_F(ReversalSchemaTest, ReversalOfAReversalIsRefused) {
  Reverse("r-mirror", "r-original", {"amc/interest_income,100.00,0", "amc/cash,0,100.00"});
  EXPECT_THROW(
      Reverse("r-again", "r-mirror", {"amc/cash,100.00,0", "amc/interest_income,0,100.00"}),
      pqxx::sql_error);
  EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_entries WHERE kind = 'reversal'"), "1");
}

}  // namespace
}  // namespace disposal::testing
