#include "client/document.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace disposalctl {
namespace {

using nlohmann::json;

// A file under the test temp directory, named after the running test, removed at the end.
class ScratchFile {
 public:
  ScratchFile(const std::string& suffix, const std::string& contents) {
    const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::path(::testing::TempDir()) /
            (std::string(test->test_suite_name()) + "." + test->name() + "." +
             std::to_string(getpid()) + suffix);
    std::ofstream out(path_, std::ios::binary);
    out << contents;
  }
  ~ScratchFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

TEST(ParseDocument, KeepsJsonNumbersAsTheirSourceText) {
  json tree;
  ASSERT_TRUE(ParseDocument(
                  R"({"a": 38865.89, "b": 12, "c": 1.10, "d": -7, "e": 123456789012345678901234})",
                  DocumentFormat::kJson, &tree)
                  .ok());
  EXPECT_EQ(tree.at("a"), json("38865.89"));
  EXPECT_EQ(tree.at("b"), json("12"));
  EXPECT_EQ(tree.at("c"), json("1.10"));
  EXPECT_EQ(tree.at("d"), json("-7"));
  EXPECT_EQ(tree.at("e"), json("123456789012345678901234"));
}

// Integers are rebuilt from their value, which loses the sign of minus zero.
TEST(ParseDocument, KeepsJsonMinusZeroAsItsSourceText) {
  json tree;
  ASSERT_TRUE(ParseDocument(R"({"a": -0})", DocumentFormat::kJson, &tree).ok());
  EXPECT_EQ(tree.at("a"), json("-0"));
}

// A number beyond the range of a double is still a JSON number with a source text.
TEST(ParseDocument, KeepsJsonNumberBeyondDoubleRangeAsItsSourceText) {
  json tree;
  Status status = ParseDocument(R"({"a": 1E400})", DocumentFormat::kJson, &tree);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(tree.at("a"), json("1E400"));
}

TEST(ParseDocument, KeepsJsonBooleansNullsAndNesting) {
  json tree;
  ASSERT_TRUE(ParseDocument(R"({"ok": true, "none": null, "list": [{"x": "中文"}, []]})",
                            DocumentFormat::kJson, &tree)
                  .ok());
  EXPECT_EQ(tree.at("ok"), json(true));
  EXPECT_TRUE(tree.at("none").is_null());
  ASSERT_TRUE(tree.at("list").is_array());
  ASSERT_EQ(tree.at("list").size(), 2u);
  EXPECT_EQ(tree.at("list")[0].at("x"), json("中文"));
  EXPECT_TRUE(tree.at("list")[1].is_array());
}

TEST(ParseDocument, ReadsEveryYamlScalarAsText) {
  json tree;
  ASSERT_TRUE(ParseDocument("a: 38865.89\nb: true\nc: 2021-06-30\nd: 38865.89万\ne: 007\n",
                            DocumentFormat::kYaml, &tree)
                  .ok());
  EXPECT_EQ(tree.at("a"), json("38865.89"));
  EXPECT_EQ(tree.at("b"), json("true"));
  EXPECT_EQ(tree.at("c"), json("2021-06-30"));
  EXPECT_EQ(tree.at("d"), json("38865.89万"));
  EXPECT_EQ(tree.at("e"), json("007"));
}

TEST(ParseDocument, ReadsYamlNullsAndSequences) {
  json tree;
  ASSERT_TRUE(
      ParseDocument("a: ~\nb:\nc: [1, two]\nd:\n  - x: 1\n", DocumentFormat::kYaml, &tree).ok());
  EXPECT_TRUE(tree.at("a").is_null());
  EXPECT_TRUE(tree.at("b").is_null());
  EXPECT_EQ(tree.at("c"), json::array({"1", "two"}));
  EXPECT_EQ(tree.at("d")[0].at("x"), json("1"));
}

TEST(ParseDocument, ExpandsYamlAliases) {
  json tree;
  ASSERT_TRUE(ParseDocument("a: &shared [1, 2]\nb: *shared\n", DocumentFormat::kYaml, &tree).ok());
  EXPECT_EQ(tree.at("b"), json::array({"1", "2"}));
}

// Six levels of ten aliases each: a few hundred bytes that would expand to a million values
// (gigabytes) are refused as they are counted, before any of that is built.
TEST(ParseDocument, RefusesYamlAliasesThatExpandPastTheFilesSize) {
  std::string text = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int level = 1; level <= 6; ++level) {
    const std::string below = "*l" + std::to_string(level - 1);
    text += "l" + std::to_string(level) + ": &l" + std::to_string(level) + " [";
    for (int i = 0; i < 10; ++i) text += (i == 0 ? "" : ", ") + below;
    text += "]\n";
  }
  json tree;
  const Status status = ParseDocument(text, DocumentFormat::kYaml, &tree);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_NE(status.message().find("YAML aliases"), std::string::npos) << status.message();
}

// One long text named many times costs its bytes each time.
TEST(ParseDocument, RefusesAliasesOfOneLongTextThatExpandPastTheFilesSize) {
  std::string text = "a: &s " + std::string(10'000, 'x') + "\nb: [*s";
  for (int i = 1; i < 100; ++i) text += ", *s";
  text += "]\n";
  json tree;
  const Status status = ParseDocument(text, DocumentFormat::kYaml, &tree);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("YAML aliases"), std::string::npos) << status.message();
}

// An alias may name the list it sits in: refused by its depth, not followed for ever.
TEST(ParseDocument, RefusesAListThatHoldsItself) {
  json tree;
  const Status status = ParseDocument("a: &a [*a]\n", DocumentFormat::kYaml, &tree);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.exit_code(), kExitBadInput);
}

TEST(ParseDocument, RefusesDuplicateYamlKeyNamingLine) {
  json tree;
  Status status = ParseDocument("title: a\nstatus: held\ntitle: b\n", DocumentFormat::kYaml, &tree);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_NE(status.message().find("duplicate key \"title\""), std::string::npos)
      << status.message();
  EXPECT_NE(status.message().find("line 3"), std::string::npos) << status.message();
}

TEST(ParseDocument, RefusesDuplicateJsonKey) {
  json tree;
  Status status =
      ParseDocument("{\"a\": 1,\n \"b\": {\"c\": 1, \"c\": 2}}", DocumentFormat::kJson, &tree);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("duplicate key \"c\""), std::string::npos) << status.message();
}

// The header promises that failures carry line and column; a duplicate key is a failure.
TEST(ParseDocument, NamesLineOfDuplicateJsonKey) {
  json tree;
  Status status = ParseDocument("{\"a\": 1,\n \"b\": 2,\n \"a\": 3}", DocumentFormat::kJson, &tree);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("line 3"), std::string::npos) << status.message();
}

TEST(ParseDocument, NamesLineOfJsonSyntaxError) {
  json tree;
  Status status = ParseDocument("{\n  \"a\": ,\n}", DocumentFormat::kJson, &tree);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_NE(status.message().find("line 2"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("column"), std::string::npos) << status.message();
}

TEST(ParseDocument, NamesLineOfYamlSyntaxError) {
  json tree;
  Status status = ParseDocument("a: 1\nb: [1, 2\n", DocumentFormat::kYaml, &tree);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("line "), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("column "), std::string::npos) << status.message();
}

// yaml-cpp's Load reads the first document only: the tranches after "..." were dropped.
TEST(ParseDocument, RefusesASecondYamlDocumentNamingItsLine) {
  json tree;
  Status status =
      ParseDocument("title: a\n...\ntranches: [{principal: 1}]\n", DocumentFormat::kYaml, &tree);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_NE(status.message().find("line 3"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("a second YAML document"), std::string::npos) << status.message();
}

TEST(ParseDocument, AcceptsAYamlDocumentWithItsStartAndEndMarkers) {
  json tree;
  Status status = ParseDocument("---\ntitle: a\n...\n", DocumentFormat::kYaml, &tree);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(tree.at("title"), "a");
}

TEST(ParseDocument, RefusesNonScalarYamlKey) {
  json tree;
  Status status = ParseDocument("? [a, b]\n: 1\n", DocumentFormat::kYaml, &tree);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("key"), std::string::npos) << status.message();
}

TEST(DetectFormat, FollowsTheFileExtension) {
  EXPECT_EQ(DetectFormat("claim.json", "title: x"), DocumentFormat::kJson);
  EXPECT_EQ(DetectFormat("claim.yaml", "{\"title\": \"x\"}"), DocumentFormat::kYaml);
  EXPECT_EQ(DetectFormat("claim.yml", "{\"title\": \"x\"}"), DocumentFormat::kYaml);
}

TEST(DetectFormat, SniffsJsonByFirstNonBlankCharacter) {
  EXPECT_EQ(DetectFormat("-", "  \n\t{\"title\": \"x\"}"), DocumentFormat::kJson);
  EXPECT_EQ(DetectFormat("-", "[1]"), DocumentFormat::kJson);
  EXPECT_EQ(DetectFormat("claim.txt", "\xEF\xBB\xBF{}"), DocumentFormat::kJson);
}

TEST(DetectFormat, TakesOtherTextAsYaml) {
  EXPECT_EQ(DetectFormat("-", "title: x\n"), DocumentFormat::kYaml);
  EXPECT_EQ(DetectFormat("-", ""), DocumentFormat::kYaml);
  EXPECT_EQ(DetectFormat("claim", "# {comment}\ntitle: x"), DocumentFormat::kYaml);
}

TEST(ReadInputFile, ReadsTheWholeFile) {
  ScratchFile file(".yaml", "title: 债权\nstatus: held\n");
  std::string text;
  ASSERT_TRUE(ReadInputFile(file.path(), &text).ok());
  EXPECT_EQ(text, "title: 债权\nstatus: held\n");
}

TEST(ReadInputFile, NamesThePathItCannotOpen) {
  std::string path = ::testing::TempDir() + "/no-such-dir/claim.yaml";
  std::string text = "untouched";
  Status status = ReadInputFile(path, &text);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_EQ(status.message().rfind(path + ": cannot open", 0), 0u) << status.message();
  EXPECT_EQ(text, "untouched");
}

}  // namespace
}  // namespace disposalctl
