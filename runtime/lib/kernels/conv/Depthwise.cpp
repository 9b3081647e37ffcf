// Placeholder until the depthwise kernel lands (owned by the depthwise/pool work).
#include "Depthwise.h"
namespace speir::conv {
bool depthwiseApplies(int32_t, const speir_conv2d_desc_t &) { return false; }
int32_t depthwiseConv2d(int32_t, uint32_t, const speir_conv2d_desc_t &,
                        const void *, const void *, void *) {
  return SPEIR_ERROR_UNSUPPORTED;
}
} // namespace speir::conv
