#include "support/build_paths.h"

namespace disposal::testing {

std::string BuiltBinary(const std::string& name) {
  return std::string(DISPOSAL_BIN_DIR) + "/" + name;
}

std::string RepoRoot() { return DISPOSAL_SOURCE_DIR; }

std::string RepoFile(const std::string& relative) { return RepoRoot() + "/" + relative; }

std::string TestClusterDir() { return DISPOSAL_TEST_PG_DIR; }
std::string TestReplicaDir() { return DISPOSAL_TEST_PG_REPLICA_DIR; }
std::string TestLoneStandbyDir() { return DISPOSAL_TEST_PG_LONE_STANDBY_DIR; }

}  // namespace disposal::testing
