// Placeholder until pooling lands (owned by the depthwise/pool work).
#include "speir/abi.h"
extern "C" int32_t speir_pool2d(int32_t, int32_t, uint32_t,
                                const speir_conv2d_desc_t *, const void *,
                                void *) {
  return SPEIR_ERROR_UNSUPPORTED;
}
