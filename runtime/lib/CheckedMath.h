// Overflow-checked int64 arithmetic for the runtime's argument checks: every
// entry point rejects sizes whose element counts, byte spans or operation
// counts do not fit in int64 (SPEIR_ERROR_INVALID_ARGUMENT), rather than
// computing wrapped offsets.
#ifndef SPEIR_RUNTIME_CHECKEDMATH_H
#define SPEIR_RUNTIME_CHECKEDMATH_H

#include <cstdint>
#include <initializer_list>

namespace speir::rt {

inline bool mulOk(int64_t a, int64_t b, int64_t *out) {
  return !__builtin_mul_overflow(a, b, out);
}

inline bool addOk(int64_t a, int64_t b, int64_t *out) {
  return !__builtin_add_overflow(a, b, out);
}

/// One dimension of a strided block: `count` steps of `stride` elements.
struct Extent {
  int64_t count, stride;
};

/// The bytes a strided block spans fit in int64: `inner` contiguous elements
/// plus (count - 1) * |stride| for each extent, times elemBytes. A block with
/// an empty extent spans nothing.
inline bool spanOk(std::initializer_list<Extent> extents, int64_t inner,
                   int64_t elemBytes) {
  for (Extent e : extents)
    if (e.count == 0)
      return true;
  int64_t elements = inner, step, bytes;
  for (Extent e : extents)
    if (e.count < 0 || e.stride == INT64_MIN ||
        !mulOk(e.count - 1, e.stride < 0 ? -e.stride : e.stride, &step) ||
        !addOk(elements, step, &elements))
      return false;
  return mulOk(elements, elemBytes, &bytes);
}

/// The bytes a rows x cols matrix with row stride `ld` (elements) spans,
/// ((rows - 1) * ld + cols) * elemBytes, fit in int64 (empty matrices span
/// nothing).
inline bool matrixSpanOk(int64_t rows, int64_t cols, int64_t ld,
                         int64_t elemBytes) {
  return cols == 0 || spanOk({{rows, ld}}, cols, elemBytes);
}

} // namespace speir::rt

#endif // SPEIR_RUNTIME_CHECKEDMATH_H
