#include "kernels/conv/Im2colPack.h"

#include <algorithm>
#include <cstring>

#if defined(__riscv) && defined(__riscv_vector)
#include "kernels/conv/ukernels/riscv64/Im2colPackRvv.h"
#endif

namespace speir::conv {
namespace {

// The M0 rows of one row tile at one tap: a pointer to channel c0 of the
// input pixel each row reads, or null (padding, or a row past the block).
template <class T> struct TapRows {
  const T *row[kMaxIm2colTileRows];
  bool allValid;
};

// Copies `len` channels of every row into a K0 = 1 tile (element (r, k) at
// tile[k * m0 + r]) from column kk on.
template <class T>
void copyRunK1(const TapRows<T> &t, int m0, int64_t len, int64_t sC, T *tile,
               int64_t kk) {
  T *d = tile + kk * m0;
#if defined(__riscv) && defined(__riscv_vector)
  if (sC == 1 && t.allValid && transposeRowsRvv(t.row, m0, len, d))
    return;
#endif
  if (sC == 1 || !t.allValid) {
    // Channel-contiguous input (NHWC): each row is a contiguous run.
    for (int r = 0; r < m0; ++r) {
      const T *s = t.row[r];
      if (s)
        for (int64_t i = 0; i < len; ++i)
          d[i * m0 + r] = s[i * sC];
      else
        for (int64_t i = 0; i < len; ++i)
          d[i * m0 + r] = T(0);
    }
    return;
  }
  // Channel-strided input (NCHW): consecutive rows are nearby pixels, so
  // the row loop is the short-stride one; the stores are contiguous.
  for (int64_t i = 0; i < len; ++i)
    for (int r = 0; r < m0; ++r)
      d[i * m0 + r] = t.row[r][i * sC];
}

// General K0: element (r, k) at tile[((k / K0) * m0 + r) * K0 + k % K0].
template <class T>
void copyRunAnyK0(const TapRows<T> &t, int m0, int k0, int64_t len, int64_t sC,
                  T *tile, int64_t kk) {
#if defined(__riscv) && defined(__riscv_vector)
  // IME int8 (K0 = 8) from one output row's pixels: the rows are equally
  // spaced, every K0 tile is one strided 8-byte gather.
  if constexpr (sizeof(T) == 1) {
    if (k0 == 8 && sC == 1 && t.allValid && kk % 8 == 0 && len % 8 == 0 &&
        m0 > 1) {
      const int64_t delta = t.row[1] - t.row[0];
      bool even = true;
      for (int r = 2; r < m0 && even; ++r)
        even = t.row[r] - t.row[r - 1] == delta;
      if (even) {
        gatherPiecesK8Rvv(reinterpret_cast<const uint8_t *>(t.row[0]), delta,
                          m0, len / 8,
                          reinterpret_cast<uint8_t *>(tile + kk / 8 * m0 * 8));
        return;
      }
    }
  }
#endif
  for (int r = 0; r < m0; ++r) {
    const T *s = t.row[r];
    int64_t q = kk / k0, rem = kk % k0;
    for (int64_t i = 0; i < len;) {
      const int64_t chunk = std::min<int64_t>(k0 - rem, len - i);
      T *d = tile + (q * m0 + r) * k0 + rem;
      if (!s)
        std::memset(d, 0, size_t(chunk) * sizeof(T));
      else if (sC == 1 && chunk * sizeof(T) == 8)
        std::memcpy(d, s + i, 8); // IME int8: one K0 = 8 piece, one load

      else if (sC == 1)
        std::memcpy(d, s + i, size_t(chunk) * sizeof(T));
      else
        for (int64_t j = 0; j < chunk; ++j)
          d[j] = s[(i + j) * sC];
      i += chunk;
      rem = 0;
      ++q;
    }
  }
}

template <class T>
void packRowTile(const Im2colSource &s, int64_t pix0, int rows, int64_t kBegin,
                 int64_t kb, T *tile, int m0, int k0) {
  // Per row: the input origin of its image and its top-left tap.
  const T *image[kMaxIm2colTileRows];
  int64_t y0[kMaxIm2colTileRows], x0[kMaxIm2colTileRows];
  {
    int64_t ox = pix0 % s.outW, oy = (pix0 / s.outW) % s.outH,
            n = pix0 / (s.outW * s.outH);
    for (int r = 0; r < rows; ++r) {
      image[r] = reinterpret_cast<const T *>(s.base) + n * s.sN;
      y0[r] = oy * s.strideH - s.padTop;
      x0[r] = ox * s.strideW - s.padLeft;
      if (++ox == s.outW) {
        ox = 0;
        if (++oy == s.outH) {
          oy = 0;
          ++n;
        }
      }
    }
  }
  const int64_t kEnd = kBegin + kb;
  // With dilation_w 1 and the group's channels filling a whole pixel
  // (sX == cpg * sC: groups 1, dense NHWC or a padded-row view), taps kx,
  // kx+1, ... of one row are consecutive in memory: one run covers them all
  // as long as no row crosses the left/right edge within them. Small-C
  // layers (RGB input: 3 channels a tap) need this to amortize the per-run
  // row set-up.
  const bool mergeTaps = s.dilationW == 1 && s.sX == s.cpg * s.sC;
  TapRows<T> t;
  for (int64_t k = kBegin; k < kEnd;) {
    const int64_t tap = k / s.cpg, c0 = k % s.cpg;
    const int64_t ky = tap / s.kernelW, kx = tap % s.kernelW;
    int64_t len = std::min(s.cpg - c0, kEnd - k);
    int64_t lastX = 0; // columns the run reaches past x (merged taps)
    if (mergeTaps && kx + 1 < s.kernelW) {
      const int64_t merged = std::min((s.kernelW - kx) * s.cpg - c0, kEnd - k);
      lastX = (c0 + merged - 1) / s.cpg;
      for (int r = 0; r < rows && lastX > 0; ++r) {
        const int64_t y = y0[r] + ky * s.dilationH, x = x0[r] + kx;
        // Rows wholly inside or wholly outside may merge; straddling not.
        const bool inside = x >= 0 && x + lastX < s.inW;
        const bool outside = y < 0 || y >= s.inH || x + lastX < 0 || x >= s.inW;
        if (!inside && !outside)
          lastX = 0;
      }
      if (lastX > 0)
        len = merged;
    }
    t.allValid = rows == m0;
    for (int r = 0; r < m0; ++r) {
      t.row[r] = nullptr;
      if (r >= rows)
        continue;
      const int64_t y = y0[r] + ky * s.dilationH, x = x0[r] + kx * s.dilationW;
      if (y >= 0 && y < s.inH && x >= 0 && x + lastX < s.inW)
        t.row[r] = image[r] + y * s.sY + x * s.sX + c0 * s.sC;
      else
        t.allValid = false;
    }
    if (k0 == 1)
      copyRunK1(t, m0, len, s.sC, tile, k - kBegin);
    else
      copyRunAnyK0(t, m0, k0, len, s.sC, tile, k - kBegin);
    k += len;
  }
  // Columns past the reduction in the last K0 tile.
  const int64_t kt = (kb + k0 - 1) / k0;
  if (kt * k0 > kb) {
    for (int r = 0; r < m0; ++r) {
      T *d = tile + ((kt - 1) * m0 + r) * k0;
      for (int64_t c = kb - (kt - 1) * k0; c < k0; ++c)
        d[c] = T(0);
    }
  }
}

template <class T>
void packBlock(const Im2colSource &s, int64_t pix0, int64_t rows,
               int64_t kBegin, int64_t kb, char *dst, int m0, int k0) {
  const int64_t kt = (kb + k0 - 1) / k0;
  T *tile = reinterpret_cast<T *>(dst);
  for (int64_t r = 0; r < rows; r += m0, tile += kt * m0 * k0)
    packRowTile(s, pix0 + r, int(std::min<int64_t>(m0, rows - r)), kBegin, kb,
                tile, m0, k0);
}

} // namespace

Im2colSource im2colSource(const ConvProblem &p) {
  const auto &d = p.d;
  Im2colSource s;
  s.base = p.in;
  s.elemBytes = gemm::lhsElemBytes(p.type);
  s.inH = d.in_h;
  s.inW = d.in_w;
  s.cpg = p.cpg;
  s.kernelW = d.kernel_w;
  s.strideH = d.stride_h;
  s.strideW = d.stride_w;
  s.dilationH = d.dilation_h;
  s.dilationW = d.dilation_w;
  s.padTop = d.pad_top;
  s.padLeft = d.pad_left;
  s.outH = d.out_h;
  s.outW = d.out_w;
  s.sN = d.in_strides[0];
  s.sY = d.in_strides[1];
  s.sX = d.in_strides[2];
  s.sC = d.in_strides[3];
  return s;
}

void packIm2colBlock(const Im2colSource &src, int64_t pix0, int64_t rows,
                     int64_t kBegin, int64_t kb, char *dst, int m0, int k0) {
  switch (src.elemBytes) {
  case 4:
    packBlock<uint32_t>(src, pix0, rows, kBegin, kb, dst, m0, k0);
    break;
  case 2:
    packBlock<uint16_t>(src, pix0, rows, kBegin, kb, dst, m0, k0);
    break;
  default:
    packBlock<uint8_t>(src, pix0, rows, kBegin, kb, dst, m0, k0);
  }
}

} // namespace speir::conv
