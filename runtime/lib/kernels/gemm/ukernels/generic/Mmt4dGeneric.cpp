#include "kernels/gemm/ukernels/generic/Mmt4dGeneric.h"

#include <cstring>
#include <vector>

#include "kernels/gemm/Half.h"

namespace speir::gemm {
namespace {

// How each type pair reads operands and accumulates. Integer sums wrap (done
// in uint32) instead of invoking signed-overflow UB.
struct F32Traits {
  using Lhs = float;
  using Rhs = float;
  using Acc = float;
  using Out = float;
  static float lhs(Lhs v) { return v; }
  static float rhs(Rhs v) { return v; }
  static float mac(float acc, float a, float b) { return acc + a * b; }
  static float load(Out v) { return v; }
  static Out store(float v) { return v; }
};
struct F16F32Traits {
  using Lhs = uint16_t;
  using Rhs = uint16_t;
  using Acc = float;
  using Out = float;
  static float lhs(Lhs v) { return halfToFloat(v); }
  static float rhs(Rhs v) { return halfToFloat(v); }
  static float mac(float acc, float a, float b) { return acc + a * b; }
  static float load(Out v) { return v; }
  static Out store(float v) { return v; }
};
struct F16F16Traits : F16F32Traits {
  using Out = uint16_t;
  static float load(Out v) { return halfToFloat(v); }
  static Out store(float v) { return floatToHalf(v); }
};
struct BF16F32Traits : F32Traits {
  using Lhs = uint16_t;
  using Rhs = uint16_t;
  static float lhs(Lhs v) { return bf16ToFloat(v); }
  static float rhs(Rhs v) { return bf16ToFloat(v); }
};
template <class L, class R> struct IntTraits {
  using Lhs = L;
  using Rhs = R;
  using Acc = int32_t;
  using Out = int32_t;
  static int32_t lhs(Lhs v) { return v; }
  static int32_t rhs(Rhs v) { return v; }
  static int32_t mac(int32_t acc, int32_t a, int32_t b) {
    return int32_t(uint32_t(acc) + uint32_t(a * b));
  }
  static int32_t load(Out v) { return v; }
  static Out store(int32_t v) { return v; }
};

// FixedM0/N0/K0 = 0: the size comes from the params at run time.
template <class T, int FixedM0, int FixedN0, int FixedK0>
void tileKernel(const Mmt4dTileParams &p) {
  using Acc = typename T::Acc;
  const int m0 = FixedM0 ? FixedM0 : p.m0;
  const int n0 = FixedN0 ? FixedN0 : p.n0;
  const int k0 = FixedK0 ? FixedK0 : p.k0;
  auto *out = static_cast<typename T::Out *>(p.acc);
  const auto *lhs = static_cast<const typename T::Lhs *>(p.lhs);
  const auto *rhs = static_cast<const typename T::Rhs *>(p.rhs);

  // Any-shape tiles up to 32x32 accumulate on the stack: a heap buffer per
  // call would cost more than a small tile's multiply.
  constexpr int kStackElems = FixedM0 && FixedN0 ? FixedM0 * FixedN0 : 1024;
  Acc stackBuf[kStackElems];
  std::vector<Acc> dynBuf;
  Acc *acc = stackBuf;
  if (size_t(m0) * n0 > size_t(kStackElems)) {
    dynBuf.resize(size_t(m0) * n0);
    acc = dynBuf.data();
  }
  for (int m = 0; m < m0; ++m)
    for (int n = 0; n < n0; ++n)
      acc[m * n0 + n] =
          p.accumulate ? T::load(out[m * p.accStrideRow + n]) : Acc(0);

  for (int64_t k1 = 0; k1 < p.k1; ++k1) {
    const auto *a = lhs + k1 * p.lhsStrideK1;
    const auto *b = rhs + k1 * p.rhsStrideK1;
    for (int k = 0; k < k0; ++k)
      for (int m = 0; m < m0; ++m) {
        Acc av = T::lhs(a[m * k0 + k]);
        for (int n = 0; n < n0; ++n)
          acc[m * n0 + n] = T::mac(acc[m * n0 + n], av, T::rhs(b[n * k0 + k]));
      }
  }

  for (int m = 0; m < m0; ++m)
    for (int n = 0; n < n0; ++n)
      out[m * p.accStrideRow + n] = T::store(acc[m * n0 + n]);
}

template <int M0, int N0, int K0> Mmt4dTileFn pick(GemmType type) {
  switch (type) {
  case GemmType::F32F32F32:
    return tileKernel<F32Traits, M0, N0, K0>;
  case GemmType::F16F16F32:
    return tileKernel<F16F32Traits, M0, N0, K0>;
  case GemmType::F16F16F16:
    return tileKernel<F16F16Traits, M0, N0, K0>;
  case GemmType::S8S8S32:
    return tileKernel<IntTraits<int8_t, int8_t>, M0, N0, K0>;
  case GemmType::U8U8S32:
    return tileKernel<IntTraits<uint8_t, uint8_t>, M0, N0, K0>;
  case GemmType::S8U8S32:
    return tileKernel<IntTraits<int8_t, uint8_t>, M0, N0, K0>;
  case GemmType::U8S8S32:
    return tileKernel<IntTraits<uint8_t, int8_t>, M0, N0, K0>;
  case GemmType::BF16BF16F32:
    return tileKernel<BF16F32Traits, M0, N0, K0>;
  }
  return nullptr;
}

} // namespace

Mmt4dTileFn genericTileKernel(GemmType type) { return pick<0, 0, 0>(type); }

Mmt4dTileFn genericFixedTileKernel(GemmType type) {
  return pick<kGenericFixedM0, kGenericFixedN0, kGenericFixedK0>(type);
}

} // namespace speir::gemm
