// SPINE_TRACE: the written file must be valid Chrome trace JSON holding the
// dispatches this process made. ctest sets SPINE_TRACE for this binary.
#include <array>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "profiling/Trace.h"
#include "speir/spine_runtime.h"

namespace {

// A strict JSON syntax checker (RFC 8259 grammar, no extensions).
class JsonChecker {
public:
  explicit JsonChecker(const std::string &text) : s_(text) {}
  bool valid() {
    skipSpace();
    if (!value())
      return false;
    skipSpace();
    return pos_ == s_.size();
  }

private:
  void skipSpace() {
    while (pos_ < s_.size() && std::strchr(" \t\r\n", s_[pos_]))
      ++pos_;
  }
  bool literal(const char *word) {
    size_t n = std::strlen(word);
    if (s_.compare(pos_, n, word) != 0)
      return false;
    pos_ += n;
    return true;
  }
  bool string() {
    if (pos_ >= s_.size() || s_[pos_] != '"')
      return false;
    for (++pos_; pos_ < s_.size(); ++pos_) {
      unsigned char c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20)
        return false;
      if (c == '\\') {
        if (++pos_ >= s_.size())
          return false;
        char e = s_[pos_];
        if (e == 'u') {
          for (int i = 0; i < 4; ++i)
            if (++pos_ >= s_.size() ||
                !std::isxdigit(static_cast<unsigned char>(s_[pos_])))
              return false;
        } else if (!std::strchr("\"\\/bfnrt", e)) {
          return false;
        }
      }
    }
    return false;
  }
  bool digits() {
    size_t start = pos_;
    while (pos_ < s_.size() &&
           std::isdigit(static_cast<unsigned char>(s_[pos_])))
      ++pos_;
    return pos_ > start;
  }
  bool number() {
    if (pos_ < s_.size() && s_[pos_] == '-')
      ++pos_;
    if (pos_ < s_.size() && s_[pos_] == '0')
      ++pos_;
    else if (!digits())
      return false;
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      if (!digits())
        return false;
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-'))
        ++pos_;
      if (!digits())
        return false;
    }
    return true;
  }
  template <typename Item> bool sequence(char close, Item item) {
    ++pos_;
    skipSpace();
    if (pos_ < s_.size() && s_[pos_] == close) {
      ++pos_;
      return true;
    }
    for (;;) {
      skipSpace();
      if (!item())
        return false;
      skipSpace();
      if (pos_ >= s_.size())
        return false;
      if (s_[pos_] == close) {
        ++pos_;
        return true;
      }
      if (s_[pos_++] != ',')
        return false;
    }
  }
  bool value() {
    if (pos_ >= s_.size())
      return false;
    switch (s_[pos_]) {
    case '{':
      return sequence('}', [this] {
        if (!string())
          return false;
        skipSpace();
        if (pos_ >= s_.size() || s_[pos_++] != ':')
          return false;
        skipSpace();
        return value();
      });
    case '[':
      return sequence(']', [this] { return value(); });
    case '"':
      return string();
    case 't':
      return literal("true");
    case 'f':
      return literal("false");
    case 'n':
      return literal("null");
    default:
      return number();
    }
  }
  const std::string &s_;
  size_t pos_ = 0;
};

TEST(JsonChecker, AcceptsJsonAndRejectsNearMisses) {
  EXPECT_TRUE(JsonChecker(R"({"a":[1,-2.5e3,"x\"y",true,null,{}]})").valid());
  EXPECT_FALSE(JsonChecker(R"({"a":[1,2,]})").valid());
  EXPECT_FALSE(JsonChecker(R"({"a":1)").valid());
  EXPECT_FALSE(JsonChecker(R"({"a":01})").valid());
  EXPECT_FALSE(JsonChecker(R"({a:1})").valid());
}

TEST(Trace, FileIsValidChromeTraceJsonWithOurEvents) {
  const char *path = std::getenv("SPINE_TRACE");
  if (!path)
    GTEST_SKIP() << "SPINE_TRACE not set (ctest sets it)";
  ASSERT_TRUE(speir::rt::traceEnabled());
  std::atomic<int> runs{0};
  for (int i = 0; i < 50; ++i)
    mlir::speir::spineMultiStreamDispatch<1>(
        nullptr, [&](const std::array<int64_t, 1> &) { runs.fetch_add(1); },
        {64});
  for (int i = 0; i < 50; ++i)
    mlir::speir::spineStreamDispatch(
        nullptr, [&](const std::array<int64_t, 3> &) { runs.fetch_add(1); },
        {8, 2, 1});
  EXPECT_EQ(runs.load(), 50 * 64 + 50 * 16);
  ASSERT_TRUE(speir::rt::traceFlush());

  std::ifstream in(path);
  ASSERT_TRUE(in.good()) << path;
  std::ostringstream text;
  text << in.rdbuf();
  const std::string json = text.str();
  EXPECT_TRUE(JsonChecker(json).valid()) << json.substr(0, 2000);
  EXPECT_NE(json.find("\"traceEvents\""), std::string::npos);
  EXPECT_NE(json.find("\"name\":\"multi_stream_dispatch\""), std::string::npos);
  EXPECT_NE(json.find("\"name\":\"stream_dispatch\""), std::string::npos);
  EXPECT_NE(json.find("\"name\":\"block\""), std::string::npos);
  EXPECT_NE(json.find("\"ph\":\"X\""), std::string::npos);
}

} // namespace
