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

// ---- Row kernels shared by depthwise convolution and pooling -------------
//
// Both operations reduce a kernel_h x kernel_w window per (n, oy, ox, c)
// independently, so one driver (forEachWindowRow) splits the output into
// tasks of one output row and a block of channels, clips the window rows to
// the input once per task, and hands a WindowRow to a row kernel. Row kernels
// exist per ISA and layout; each output element is produced by exactly one
// call, with the window taps visited in (ky, kx) ascending order, so results
// never depend on the thread count or the blocking.

/// Which operand axis a row kernel vectorizes along.
enum class WindowLayout {
  /// Input and output channel strides are 1 (NHWC): vectors of channels.
  /// The kernel takes any column range and clips kx per column itself; a
  /// depthwise filter is packed as [kernel_h][kernel_w][channels].
  Channels,
  /// Output column stride is 1 (NCHW): vectors of output columns, any input
  /// column stride. The kernel only gets columns whose whole kx range lies
  /// inside the input; the driver sends the border columns to the generic
  /// kernel. The filter is read in place (filterSC is the channel stride).
  Columns,
  /// Any strides: one element at a time (border columns, odd views).
  Generic,
};

/// One output row (n, oy), columns [ox0, ox1) and channels [c0, c1).
/// Strides are in elements. `in` points at input (n, 0, 0, 0), `out` at
/// output (n, oy, 0, 0). Input rows iy0 + ky * dilH for ky in [ky0, ky1)
/// are the window rows inside the input (the driver clipped them).
struct WindowRow {
  const void *in;
  int64_t inSY, inSX, inSC;
  void *out;
  int64_t outSX, outSC;
  int64_t inW;
  int64_t iy0, dilH, ky0, ky1;
  int64_t kernelH, kernelW, strideW, dilW, padLeft;
  int64_t ox0, ox1, c0, c1;
  /// Depthwise only: the filter, tap (ky, kx) of channel c at
  /// ky * filterSY + kx * filterSX + c * filterSC.
  const void *filter;
  int64_t filterSY, filterSX, filterSC;
  /// Pooling only: a speir_pool_kind_t.
  int32_t poolKind;
  bool accumulate;
};

using WindowRowKernel = void (*)(const WindowRow &row);

/// The fields of a WindowRow that come straight from the descriptor and the
/// operands (the per-row ones and the filter / pooling fields left zero).
WindowRow windowRowPrototype(const speir_conv2d_desc_t &desc, const void *input,
                             void *output);

/// Kernel columns [*lo, *hi) whose input coordinate base + k * dilation lies
/// in [0, size); empty ranges come back as lo == hi.
inline void clipWindow(int64_t base, int64_t dilation, int64_t kernel,
                       int64_t size, int64_t *lo, int64_t *hi) {
  int64_t l = base >= 0 ? 0 : (-base + dilation - 1) / dilation;
  int64_t h = size - base <= 0 ? 0 : (size - base + dilation - 1) / dilation;
  if (h > kernel)
    h = kernel;
  if (l > h)
    l = h;
  *lo = l;
  *hi = h;
}

/// Channels when both channel strides are 1 and there are enough channels
/// to fill vectors; else Columns when output columns are contiguous; else
/// Generic. The one rule depthwise and pooling share.
WindowLayout chooseWindowLayout(const speir_conv2d_desc_t &desc);

/// Runs the row kernels over the whole output of `desc` (see WindowRow;
/// `proto` supplies the fields that do not vary per row, with `in` and `out`
/// at element (0, 0, 0, 0); inElemBytes / outElemBytes are the element
/// sizes for moving them to (n, 0, 0, 0) and (n, oy, 0, 0)). Columns layout:
/// `fast` serves the interior columns and `generic` the borders; Channels:
/// `fast` serves everything; Generic: `generic` does. `macsPerOutput`
/// sizes the work for the threading decision. SINGLE_THREAD in `flags`
/// keeps everything on the calling thread.
int32_t forEachWindowRow(const speir_conv2d_desc_t &desc, uint32_t flags,
                         int64_t macsPerOutput, const WindowRow &proto,
                         int inElemBytes, int outElemBytes, WindowLayout layout,
                         WindowRowKernel fast, WindowRowKernel generic);

#if defined(__riscv) && defined(__riscv_vector)
/// RVV row kernels (ukernels/riscv64); nullptr when none serves the request
/// (Generic layout is never served).
WindowRowKernel depthwiseRowKernelRvv(int32_t type, WindowLayout layout);
WindowRowKernel poolRowKernelRvv(int32_t type, int32_t kind,
                                 WindowLayout layout);
#endif

} // namespace speir::conv

#endif // SPEIR_KERNELS_CONV_DEPTHWISE_H
