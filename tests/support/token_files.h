// Access tokens for end-to-end tests, issued in the test process (as the server's `create-token`
// command issues them, through the same code) and written to files for disposalctl.
#ifndef DISPOSAL_TESTS_SUPPORT_TOKEN_FILES_H_
#define DISPOSAL_TESTS_SUPPORT_TOKEN_FILES_H_

#include <string>

#include "support/test_database.h"

namespace disposal::testing {

// Issues a token of `role` ("staff", "auditor", "partner", "admin") on `db` and writes its
// secret to `path`, replacing what was there. Returns `path`; throws if either step fails.
// A fixture needing four tokens saves four server processes (each connecting and checking the
// migrations); create_token_e2e_test.cc covers the command itself.
std::string IssueTokenFile(TestDatabase& db, const std::string& role, const std::string& path);

}  // namespace disposal::testing

#endif  // DISPOSAL_TESTS_SUPPORT_TOKEN_FILES_H_
