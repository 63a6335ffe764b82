// Where this clone's build puts things: the binaries under test, the repository's own files
// and the test clusters' directories. The paths are compiled into build_paths.cc alone.
#ifndef DISPOSAL_TESTS_SUPPORT_BUILD_PATHS_H_
#define DISPOSAL_TESTS_SUPPORT_BUILD_PATHS_H_

#include <string>

namespace disposal::testing {

// A binary the build made (disposal-server, disposalctl): its full path.
std::string BuiltBinary(const std::string& name);

// The repository's root directory (the clone's path; __FILE__ may be relative to the build).
std::string RepoRoot();

// A file of the repository, `relative` to its root: its full path.
std::string RepoFile(const std::string& relative);

// The directories of the clusters the CTest fixtures start (tests/CMakeLists.txt).
std::string TestClusterDir();
std::string TestReplicaDir();
std::string TestLoneStandbyDir();

}  // namespace disposal::testing

#endif  // DISPOSAL_TESTS_SUPPORT_BUILD_PATHS_H_
