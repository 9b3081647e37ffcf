// Calls the compiled examples/matmul_bias_relu.mlir kernel over its 4x4x1
// grid with the frontend's ABI and compares it with a direct computation.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace {
struct Descriptor { // rank-0 strided memref: {allocated, aligned, offset}
  float *allocated;
  float *aligned;
  int64_t offset;
};
} // namespace

extern "C" void matmul_bias_relu(int64_t, Descriptor *, int64_t, Descriptor *,
                                 int64_t, Descriptor *, int64_t, Descriptor *,
                                 int32_t, int32_t, int32_t, int32_t, int32_t,
                                 int32_t);

int main() {
  constexpr int n = 64, tile = 16, grid = n / tile;
  std::vector<float> a(n * n), b(n * n), bias(n), c(n * n, -1.0f);
  uint32_t seed = 12345;
  auto next = [&] {
    seed = seed * 1664525u + 1013904223u;
    return static_cast<float>(static_cast<int32_t>(seed >> 8) % 2001 - 1000) /
           1000.0f;
  };
  for (float &x : a)
    x = next();
  for (float &x : b)
    x = next();
  for (float &x : bias)
    x = next();

  Descriptor da{a.data(), a.data(), 0}, db{b.data(), b.data(), 0},
      dbias{bias.data(), bias.data(), 0}, dc{c.data(), c.data(), 0};
  for (int x = 0; x < grid; ++x)
    for (int y = 0; y < grid; ++y)
      matmul_bias_relu(0, &da, 0, &db, 0, &dbias, 0, &dc, grid, grid, 1, x, y,
                       0);

  int mismatches = 0;
  double maxError = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      double acc = 0;
      for (int k = 0; k < n; ++k)
        acc += static_cast<double>(a[i * n + k]) * b[k * n + j];
      double expected = std::fmax(acc + bias[j], 0.0);
      double error = std::fabs(expected - c[i * n + j]);
      maxError = std::fmax(maxError, error);
      if (error > 1e-4 * (1.0 + std::fabs(expected)))
        ++mismatches;
    }
  if (mismatches) {
    std::printf("matmul_bias_relu: %d of %d elements differ (max error %g)\n",
                mismatches, n * n, maxError);
    return 1;
  }
  std::printf("matmul_bias_relu: %d elements match (max error %.3g)\n", n * n,
              maxError);
  return 0;
}
