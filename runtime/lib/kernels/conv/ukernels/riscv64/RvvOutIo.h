// The output side shared by the RVV window-row kernels (DepthwiseRvv.cpp,
// PoolRvv.cpp): an e32m4 accumulator vector loaded from / stored to the
// output type (f32 and int32 as they are; f16 widened on load, rounded once
// on store).
#ifndef SPEIR_KERNELS_CONV_UKERNELS_RISCV64_RVVOUTIO_H
#define SPEIR_KERNELS_CONV_UKERNELS_RISCV64_RVVOUTIO_H

#include <riscv_vector.h>

#include <cstddef>
#include <cstdint>

namespace speir::conv {

template <class Out> struct RvvOutIo;

template <> struct RvvOutIo<float> {
  static vfloat32m4_t loadOut(const float *p, size_t vl) {
    return __riscv_vle32_v_f32m4(p, vl);
  }
  static void storeOut(float *p, vfloat32m4_t a, size_t vl) {
    __riscv_vse32_v_f32m4(p, a, vl);
  }
};

template <> struct RvvOutIo<_Float16> {
  static vfloat32m4_t loadOut(const _Float16 *p, size_t vl) {
    return __riscv_vfwcvt_f_f_v_f32m4(__riscv_vle16_v_f16m2(p, vl), vl);
  }
  static void storeOut(_Float16 *p, vfloat32m4_t a, size_t vl) {
    __riscv_vse16_v_f16m2(p, __riscv_vfncvt_f_f_w_f16m2(a, vl), vl);
  }
};

template <> struct RvvOutIo<int32_t> {
  static vint32m4_t loadOut(const int32_t *p, size_t vl) {
    return __riscv_vle32_v_i32m4(p, vl);
  }
  static void storeOut(int32_t *p, vint32m4_t a, size_t vl) {
    __riscv_vse32_v_i32m4(p, a, vl);
  }
};

} // namespace speir::conv

#endif // SPEIR_KERNELS_CONV_UKERNELS_RISCV64_RVVOUTIO_H
