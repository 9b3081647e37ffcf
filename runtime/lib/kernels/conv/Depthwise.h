// The depthwise and pooling kernels of the convolution layer. Conv2d.cpp
// (speir_conv2d's entry, validation and strategy choice) calls these after
// validating the descriptor; they assume valid arguments.
#ifndef SPEIR_KERNELS_CONV_DEPTHWISE_H
#define SPEIR_KERNELS_CONV_DEPTHWISE_H

#include <cstdint>

#include "speir/abi.h"

namespace speir::conv {

/// True when speir_conv2d should use the direct depthwise kernel: groups ==
/// in_c == out_c (one input and one output channel per group) and a type the
/// kernel serves.
bool depthwiseApplies(int32_t type, const speir_conv2d_desc_t &desc);

/// Depthwise convolution for a validated descriptor with depthwiseApplies().
int32_t depthwiseConv2d(int32_t type, uint32_t flags,
                        const speir_conv2d_desc_t &desc, const void *input,
                        const void *filter, void *output);

} // namespace speir::conv

#endif // SPEIR_KERNELS_CONV_DEPTHWISE_H
