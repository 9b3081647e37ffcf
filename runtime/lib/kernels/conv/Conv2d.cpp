// Placeholder until the convolution entry lands (owned by the conv2d work).
#include "speir/abi.h"
extern "C" int32_t speir_conv2d(int32_t, uint32_t, const speir_conv2d_desc_t *,
                                const void *, const void *, void *) {
  return SPEIR_ERROR_UNSUPPORTED;
}
extern "C" const char *speir_conv2d_strategy_name(int32_t, uint32_t,
                                                  const speir_conv2d_desc_t *) {
  return nullptr;
}
