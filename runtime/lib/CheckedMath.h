// Overflow-checked int64 arithmetic for the runtime's argument checks: every
// entry point rejects sizes whose element counts, byte spans or operation
// counts do not fit in int64 (SPEIR_ERROR_INVALID_ARGUMENT), rather than
// computing wrapped offsets.
#ifndef SPEIR_RUNTIME_CHECKEDMATH_H
#define SPEIR_RUNTIME_CHECKEDMATH_H

#include <cstdint>

namespace speir::rt {

inline bool mulOk(int64_t a, int64_t b, int64_t *out) {
  return !__builtin_mul_overflow(a, b, out);
}

inline bool addOk(int64_t a, int64_t b, int64_t *out) {
  return !__builtin_add_overflow(a, b, out);
}

/// The bytes a rows x cols matrix with row stride `ld` (elements) spans,
/// ((rows - 1) * ld + cols) * elemBytes, fit in int64 (empty matrices span
/// nothing).
inline bool matrixSpanOk(int64_t rows, int64_t cols, int64_t ld,
                         int64_t elemBytes) {
  int64_t elements, bytes;
  return rows == 0 || cols == 0 ||
         (mulOk(rows - 1, ld, &elements) && addOk(elements, cols, &elements) &&
          mulOk(elements, elemBytes, &bytes));
}

} // namespace speir::rt

#endif // SPEIR_RUNTIME_CHECKEDMATH_H
