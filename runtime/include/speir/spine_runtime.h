// The C++ entry points the Spine Triton frontend's generated launcher
// declares (docs/frontend-contract.md, "Runtime symbols"). Signatures must
// not change.
#ifndef SPEIR_SPINE_RUNTIME_H
#define SPEIR_SPINE_RUNTIME_H

#include <array>
#include <cstdint>
#include <functional>

#include "speir/abi.h"

// Exported with default visibility: the library hides everything else.
namespace mlir::speir {

SPEIR_EXPORT void *spineGetMultiStream(int64_t num_streams);

template <int64_t rank>
SPEIR_EXPORT void spineMultiStreamDispatch(
    void *multi_stream,
    const std::function<void(const std::array<int64_t, rank> &)> &fn,
    const std::array<int64_t, rank> &block_size);

extern template void spineMultiStreamDispatch<1>(
    void *, const std::function<void(const std::array<int64_t, 1> &)> &,
    const std::array<int64_t, 1> &);
extern template void spineMultiStreamDispatch<2>(
    void *, const std::function<void(const std::array<int64_t, 2> &)> &,
    const std::array<int64_t, 2> &);
extern template void spineMultiStreamDispatch<3>(
    void *, const std::function<void(const std::array<int64_t, 3> &)> &,
    const std::array<int64_t, 3> &);

SPEIR_EXPORT void spineStreamDispatch(
    void *stream, const std::function<void(const std::array<int64_t, 3> &)> &fn,
    const std::array<int64_t, 3> &grid_size);

} // namespace mlir::speir

#endif // SPEIR_SPINE_RUNTIME_H
