#include "speir/abi.h"

#include <cstdio>
#include <cstdlib>

extern "C" const char *speir_status_string(int32_t status) {
  switch (status) {
  case SPEIR_OK:
    return "SPEIR_OK";
  case SPEIR_ERROR_INVALID_ARGUMENT:
    return "SPEIR_ERROR_INVALID_ARGUMENT";
  case SPEIR_ERROR_OUT_OF_MEMORY:
    return "SPEIR_ERROR_OUT_OF_MEMORY";
  case SPEIR_ERROR_UNSUPPORTED:
    return "SPEIR_ERROR_UNSUPPORTED";
  case SPEIR_ERROR_INTERNAL:
    return "SPEIR_ERROR_INTERNAL";
  default:
    return "SPEIR_ERROR_UNKNOWN_STATUS";
  }
}

extern "C" void speir_report_failure(int32_t status, const char *what) {
  std::fprintf(stderr, "spine: %s: %s\n",
               what ? what : "a SpeIR runtime call failed",
               speir_status_string(status));
  std::fflush(stderr);
  std::abort();
}
