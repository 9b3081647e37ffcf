// Status codes and the failure report generated code calls when a runtime
// call fails (speir_report_failure: one line on stderr, then abort).
#include <gtest/gtest.h>

#include <csignal>
#include <string>

#include "speir/abi.h"

namespace {

TEST(Status, EveryCodeHasItsName) {
  EXPECT_STREQ(speir_status_string(SPEIR_OK), "SPEIR_OK");
  EXPECT_STREQ(speir_status_string(SPEIR_ERROR_INVALID_ARGUMENT),
               "SPEIR_ERROR_INVALID_ARGUMENT");
  EXPECT_STREQ(speir_status_string(SPEIR_ERROR_OUT_OF_MEMORY),
               "SPEIR_ERROR_OUT_OF_MEMORY");
  EXPECT_STREQ(speir_status_string(SPEIR_ERROR_UNSUPPORTED),
               "SPEIR_ERROR_UNSUPPORTED");
  EXPECT_STREQ(speir_status_string(SPEIR_ERROR_INTERNAL),
               "SPEIR_ERROR_INTERNAL");
  EXPECT_STREQ(speir_status_string(77), "SPEIR_ERROR_UNKNOWN_STATUS");
  EXPECT_STREQ(speir_status_string(-1), "SPEIR_ERROR_UNKNOWN_STATUS");
}

TEST(StatusDeathTest, ReportFailurePrintsTheCallAndStatusThenAborts) {
  EXPECT_EXIT(speir_report_failure(SPEIR_ERROR_INVALID_ARGUMENT,
                                   "mm.py:141:20: speir_gemm failed for "
                                   "speir.gemm"),
              testing::KilledBySignal(SIGABRT),
              "spine: mm.py:141:20: speir_gemm failed for speir.gemm: "
              "SPEIR_ERROR_INVALID_ARGUMENT");
  EXPECT_EXIT(speir_report_failure(SPEIR_ERROR_OUT_OF_MEMORY, nullptr),
              testing::KilledBySignal(SIGABRT),
              "spine: a SpeIR runtime call failed: SPEIR_ERROR_OUT_OF_MEMORY");
}

} // namespace
