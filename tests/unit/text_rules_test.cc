// CheckText: the one rule for free text fields (names, notes, addresses).
#include "domain/text_rules.h"

#include <gtest/gtest.h>

#include <string>

namespace disposal::domain {
namespace {

std::string MessageOf(const Status& status) { return status.ok() ? "" : status.error().Message(); }

TEST(CheckText, AcceptsChineseTextWithTabsAndLineBreaks) {
  EXPECT_TRUE(CheckText("对处置方案\t提出异议\r\n第二行", "text", 1, 100).ok());
}

// Spaces, an ideographic space (U+3000) and a zero-width space (U+200B): nothing shows.
TEST(CheckText, ARequiredValueOfOnlySpacesIsRequired) {
  for (const char* blank : {" \t", "\u3000", "\u200B", " \u00A0\r\n"}) {
    const Status status = CheckText(blank, "claim.title", 1, 100);
    ASSERT_FALSE(status.ok()) << blank;
    EXPECT_EQ(status.error().field, "claim.title");
    EXPECT_NE(status.error().reason.find("only spaces"), std::string::npos)
        << status.error().reason;
  }
  EXPECT_TRUE(CheckText(" ", "note", 0, 100).ok());
  EXPECT_TRUE(CheckText("\u3000张三", "name", 1, 100).ok());
}

TEST(CheckText, RefusesAControlCharacterNamingFieldPositionAndCode) {
  const Status status = CheckText(std::string("张三") + '\x01', "submission.text", 1, 100);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(MessageOf(status).find("submission.text"), std::string::npos) << MessageOf(status);
  EXPECT_NE(MessageOf(status).find("character 3 is U+0001"), std::string::npos)
      << MessageOf(status);
}

TEST(CheckText, RefusesTheDeleteCharacter) {
  EXPECT_NE(MessageOf(CheckText("ab\x7F", "name", 1, 100)).find("U+007F"), std::string::npos);
}

TEST(CheckText, RefusesAC1ControlCharacter) {
  EXPECT_NE(MessageOf(CheckText("ab\xC2\x85", "name", 1, 100)).find("character 3 is U+0085"),
            std::string::npos);
}

// U+202E shows the text after it right to left: "gpj.exe" can read as "exe.jpg".
TEST(CheckText, RefusesABidirectionalOverride) {
  EXPECT_NE(MessageOf(CheckText("张\xE2\x80\xAE三", "name", 1, 100)).find("character 2 is U+202E"),
            std::string::npos);
}

TEST(CheckText, AcceptsOtherGeneralPunctuationSuchAsAnEmDash) {
  EXPECT_TRUE(CheckText("甲\xE2\x80\x94乙", "name", 1, 100).ok());  // U+2014
}

TEST(CheckText, RefusesNul) {
  EXPECT_NE(MessageOf(CheckText(std::string("a\0b", 3), "name", 1, 100)).find("NUL"),
            std::string::npos);
}

TEST(CheckText, RefusesInvalidUtf8) {
  EXPECT_NE(MessageOf(CheckText("\xD5\xC5\xC8\xFD", "name", 1, 100)).find("UTF-8"),
            std::string::npos);
}

// PostgreSQL refuses these; the check must refuse them first, naming the field.
TEST(IsValidUtf8, RefusesAnOverlongEncoding) {
  EXPECT_FALSE(IsValidUtf8("\xC0\x80"));          // U+0000 in two bytes
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // '/' in three bytes
  EXPECT_FALSE(IsValidUtf8("\xF0\x80\x80\xAF"));  // '/' in four bytes
}

TEST(IsValidUtf8, RefusesAnEncodedSurrogatePair) {
  // U+1F600 as CESU-8 (two encoded surrogates), as some exports write it.
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\xBD\xED\xB8\x80"));
}

TEST(IsValidUtf8, RefusesCodePointsPastU10FFFF) {
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
}

TEST(IsValidUtf8, AcceptsTheLargestOfEachLength) {
  EXPECT_TRUE(IsValidUtf8("\x7F\xDF\xBF\xEF\xBF\xBF\xF4\x8F\xBF\xBF"));
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF\xEE\x80\x80"));  // U+D7FF and U+E000 around surrogates
  EXPECT_TRUE(IsValidUtf8("😀张三"));
}

TEST(CheckText, CountsLengthInCharactersNotBytes) {
  EXPECT_TRUE(CheckText("张三李四", "name", 1, 4).ok());
  EXPECT_NE(MessageOf(CheckText("张三李四五", "name", 1, 4)).find("is 5 characters long"),
            std::string::npos);
}

TEST(CheckText, EmptyIsRequiredWhenAMinimumIsSet) {
  EXPECT_NE(MessageOf(CheckText("", "name", 1, 4)).find("is required"), std::string::npos);
  EXPECT_TRUE(CheckText("", "note", 0, 4).ok());
}

TEST(NameMatchKey, LeavesOutSpacesOfEveryKind) {
  EXPECT_EQ(NameMatchKey(" 张\u3000三\u00a0\t"), "张三");
  EXPECT_EQ(NameMatchKey("张\u2002三\u200b\u2060\ufeff\u202f\u205f\u1680"), "张三");
}

TEST(NameMatchKey, KeepsATruncatedSequenceAtTheEndAsItsBytes) {
  EXPECT_EQ(NameMatchKey("张\xe2\x80"), "张\xe2\x80");
  EXPECT_EQ(NameMatchKey("\xef\xbc"), "\xef\xbc");
}

TEST(NameMatchKey, ReadsFullWidthAsciiAsAsciiLowercased) {
  EXPECT_EQ(NameMatchKey("ＬｉＮａ"), "lina");
  EXPECT_EQ(NameMatchKey("Li Na"), "lina");
  EXPECT_EQ(NameMatchKey("ＡＢＣ１２３～"), "abc123~");
}

TEST(NameMatchKey, KeepsOtherCharactersAsTheyAre) {
  EXPECT_EQ(NameMatchKey("阿卜杜·热合曼"), "阿卜杜·热合曼");
  EXPECT_EQ(NameMatchKey("ｶﾀｶﾅ"), "ｶﾀｶﾅ");  // half-width katakana (U+FF76...) is not ASCII
  EXPECT_NE(NameMatchKey("张三"), NameMatchKey("张四"));
}

}  // namespace
TEST(Quoted, ShortPrintableTextIsRepeatedInQuotes) {
  EXPECT_EQ(Quoted("UpdateClaim"), "\"UpdateClaim\"");
  EXPECT_EQ(Quoted("张三"), "\"张三\"");
}

TEST(Quoted, LongTextIsCutAfterFortyCharactersWithItsLength) {
  const std::string names(45, 'a');
  EXPECT_EQ(Quoted(names), "\"" + std::string(40, 'a') + "…\" (45 bytes)");
  std::string chinese;
  for (int i = 0; i < 50; ++i) chinese += "债";
  const std::string shown = Quoted(chinese);
  EXPECT_TRUE(IsValidUtf8(shown)) << "cut inside a character";
  EXPECT_NE(shown.find("(150 bytes)"), std::string::npos) << shown;
  EXPECT_EQ(CharacterCount(shown), 1 + 40 + 1 + 1 + 1 + std::string("(150 bytes)").size());
}

TEST(Quoted, TextThatIsNotPrintableIsShownByItsLengthOnly) {
  EXPECT_EQ(Quoted(std::string("a\0b", 3)), "a value that is not printable text (3 bytes)");
  EXPECT_EQ(Quoted("\xff\xfe"), "a value that is not printable text (2 bytes)");
  EXPECT_EQ(Quoted("a\x1b[2Jb"), "a value that is not printable text (6 bytes)");
}

// Every id a request gets wrong is refused quoting it, so that the caller sees what was sent.
TEST(NotAUuid, NamesTheFieldAndQuotesWhatWasGiven) {
  const Error error = NotAUuid("claim_id", "not-a-uuid");
  EXPECT_EQ(error.code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(error.field, "claim_id");
  EXPECT_EQ(error.reason, "must be a UUID, got \"not-a-uuid\"");
}

}  // namespace disposal::domain
