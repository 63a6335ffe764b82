// The audit chains named otherwise than by a row's id, through disposalctl against a real
// disposal-server: the bidder registry's changes on one chain, an official calendar year's
// imports on another, each streamed, verified by the server and exported for offline
// verification like a claim's.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "support/server_fixture.h"
#include "support/test_year_2027.h"

namespace disposal::testing {
namespace {

class NamedChainsEndToEnd : public ServerFixture {
 protected:
  std::string WriteFile(const std::string& name, const std::string& text) {
    const std::string path = Scratch(name);
    std::ofstream(path) << text;
    return path;
  }

  std::string Scratch(const std::string& name) {
    return "/tmp/disposal-e2e-" + std::to_string(port_) + "-" + name;
  }

  // Two registry imports, each one change (a version) of the registry.
  void ImportTwice() {
    CommandResult first = CtlAs(
        "admin", {"registry", "import", WriteFile("one.csv", "person,11010519491231002X,甲\n")});
    ASSERT_EQ(first.exit_code, 0) << first.err << first.out;
    CommandResult second = CtlAs(
        "admin", {"registry", "import", WriteFile("two.csv", "person,110105194912310038,乙\n")});
    ASSERT_EQ(second.exit_code, 0) << second.err << second.out;
  }
};

TEST_F(NamedChainsEndToEnd, RegistryChangesAreOneChainTheAuditorStreamsAndChecks) {
  ImportTwice();
  CommandResult history = CtlAs("auditor", {"audit", "history", "--registry"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  size_t imports = 0;
  for (size_t at = history.out.find("ImportRegistry"); at != std::string::npos;
       at = history.out.find("ImportRegistry", at + 1)) {
    ++imports;
  }
  EXPECT_EQ(imports, 2u) << history.out;
  CommandResult checked = CtlAs("auditor", {"audit", "check", "--registry"});
  EXPECT_EQ(checked.exit_code, 0) << checked.err;
  EXPECT_NE(checked.out.find("ok: 2 events"), std::string::npos) << checked.out;
}

TEST_F(NamedChainsEndToEnd, RegistryChangesAfterAnOlderOnesOwnChainGoOnTheOneChain) {
  // A change made before the registry had one chain: its own chain, named by its version.
  db_.Query(
      "SELECT audit_append('tester', 'admin', '', "
      "'disposal.v1.RegistryService/ApplyRegistryChanges', 'old-change', 'registry', "
      "md5('registry:1')::uuid, 1, '{}')");
  ImportTwice();
  CommandResult old = CtlAs("auditor", {"audit", "check", "--registry-version", "1"});
  EXPECT_EQ(old.exit_code, 0) << old.err;
  EXPECT_NE(old.out.find("ok: 1 event,"), std::string::npos) << old.out;
  CommandResult chain = CtlAs("auditor", {"audit", "check", "--registry"});
  EXPECT_NE(chain.out.find("ok: 2 events"), std::string::npos) << chain.out;
}

TEST_F(NamedChainsEndToEnd, RegistryExportVerifiesOfflineWithoutAServer) {
  ImportTwice();
  const std::string dir = Scratch("registry-export");
  RunCommand({"/bin/rm", "-rf", dir});
  CommandResult exported = CtlAs("auditor", {"audit", "export", "--registry", "--out", dir});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  server_->Stop(SIGTERM);
  CommandResult verified = RunCommand({kCtlBinary, "audit", "verify", dir});
  EXPECT_EQ(verified.exit_code, 0) << verified.err;
  EXPECT_NE(verified.out.find("ok: 2 events"), std::string::npos) << verified.out;
}

TEST_F(NamedChainsEndToEnd, CalendarYearsImportsAreItsChain) {
  const std::string file = WriteFile("calendar.csv", TestYear2027File());
  for (int i = 0; i < 2; ++i) {
    CommandResult imported = CtlAs("admin", {"calendar", "import", file});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
  }
  CommandResult checked = CtlAs("auditor", {"audit", "check", "--calendar-year", "2027"});
  EXPECT_EQ(checked.exit_code, 0) << checked.err;
  EXPECT_NE(checked.out.find("ok: 2 events"), std::string::npos) << checked.out;
}

TEST_F(NamedChainsEndToEnd, ChainNamedTogetherWithAnIdIsRefusedBeforeAnyCall) {
  CommandResult refused =
      CtlAs("auditor", {"audit", "history", "--registry", "0b6f7a52-3c3e-4d4e-9a43-7e4b1c2d3e4f"});
  EXPECT_EQ(refused.exit_code, 2) << refused.out;
  EXPECT_NE(refused.err.find("give no id"), std::string::npos) << refused.err;
}

TEST_F(NamedChainsEndToEnd, NeitherAnIdNorAChainIsRefusedNamingTheChoices) {
  CommandResult refused = CtlAs("auditor", {"audit", "check"});
  EXPECT_EQ(refused.exit_code, 2) << refused.out;
  EXPECT_NE(refused.err.find("--calendar-year"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace disposal::testing
