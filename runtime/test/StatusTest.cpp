// The failure report generated code calls when a runtime call fails
// (speir_report_failure: one line on stderr, then abort); the status names
// it prints are tested with speir_parallel_for (ParallelForTest).
#include <gtest/gtest.h>

#include <csignal>
#include <string>

#include "speir/abi.h"

namespace {

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
