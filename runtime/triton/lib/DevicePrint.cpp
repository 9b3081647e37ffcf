// Device-side prints of Triton kernels: each call builds its whole line in
// memory and writes it with one fwrite under a lock, so concurrent programs
// never interleave their output.
#include "spine_triton/spine_triton_runtime.h"

#include "StridedDescriptor.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>

namespace {

std::mutex &printMutex() {
  static std::mutex mutex;
  return mutex;
}

FILE *printStream() {
  const char *toStderr = std::getenv("SPINE_TRITON_PRINT_TO_STDERR");
  return toStderr && std::strcmp(toStderr, "1") == 0 ? stderr : stdout;
}

void writeLine(const std::string &line) {
  std::lock_guard<std::mutex> lock(printMutex());
  FILE *stream = printStream();
  std::fwrite(line.data(), 1, line.size(), stream);
  std::fflush(stream);
}

void appendf(std::string &out, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
void appendf(std::string &out, const char *format, ...) {
  char buffer[64];
  va_list args;
  va_start(args, format);
  int n = std::vsnprintf(buffer, sizeof(buffer), format, args);
  va_end(args);
  if (n > 0)
    out.append(buffer, std::min<size_t>(n, sizeof(buffer) - 1));
}

std::string linePrefix(int32_t x, int32_t y, int32_t z, const char *prefix) {
  std::string line;
  appendf(line, "(%" PRId32 ", %" PRId32 ", %" PRId32 ") ", x, y, z);
  line += prefix ? prefix : "";
  line += ": ";
  return line;
}

// How one element is read and written, from the frontend's description.
enum class ElementKind { Signed, Unsigned, Half, Float, Double, Invalid };

struct ElementFormat {
  ElementKind kind = ElementKind::Invalid;
  int64_t bytes = 0;
  int32_t bits = 0;
  bool hex = false;
};

ElementFormat elementFormat(int32_t bitWidth, int32_t isInteger,
                            int32_t isSigned, int32_t asHex) {
  ElementFormat format;
  format.bits = bitWidth;
  format.hex = asHex != 0;
  if (isInteger) {
    if (bitWidth == 1 || bitWidth == 8 || bitWidth == 16 || bitWidth == 32 ||
        bitWidth == 64) {
      format.kind = isSigned && bitWidth != 1 ? ElementKind::Signed
                                              : ElementKind::Unsigned;
      format.bytes = bitWidth == 1 ? 1 : bitWidth / 8;
    }
  } else if (bitWidth == 16) {
    format = {ElementKind::Half, 2, 16, asHex != 0};
  } else if (bitWidth == 32) {
    format = {ElementKind::Float, 4, 32, asHex != 0};
  } else if (bitWidth == 64) {
    format = {ElementKind::Double, 8, 64, asHex != 0};
  }
  return format;
}

// IEEE binary16 to float, by its bit layout.
float halfToFloat(uint16_t bits) {
  uint32_t sign = (bits >> 15) & 1, exponent = (bits >> 10) & 0x1f,
           mantissa = bits & 0x3ff;
  float magnitude;
  if (exponent == 0)
    magnitude = std::ldexp(static_cast<float>(mantissa), -24);
  else if (exponent == 31)
    magnitude = mantissa ? NAN : INFINITY;
  else
    magnitude = std::ldexp(static_cast<float>(mantissa | 0x400), exponent - 25);
  return sign ? -magnitude : magnitude;
}

uint64_t loadBits(const char *address, int64_t bytes) {
  uint64_t bits = 0;
  std::memcpy(&bits, address, bytes); // little-endian: low bytes first
  return bits;
}

void appendElement(std::string &out, const ElementFormat &format,
                   const char *address) {
  uint64_t bits = loadBits(address, format.bytes);
  if (format.bits == 1)
    bits &= 1;
  if (format.hex) {
    int digits = format.bits == 1 ? 1 : format.bits / 4;
    return appendf(out, "0x%0*" PRIx64, digits, bits);
  }
  switch (format.kind) {
  case ElementKind::Signed: {
    int shift = 64 - format.bits; // sign-extend from the element's width
    return appendf(out, "%" PRId64,
                   static_cast<int64_t>(bits << shift) >> shift);
  }
  case ElementKind::Unsigned:
    return appendf(out, "%" PRIu64, bits);
  case ElementKind::Half:
    return appendf(out, "%g", halfToFloat(static_cast<uint16_t>(bits)));
  case ElementKind::Float: {
    float value;
    std::memcpy(&value, address, sizeof(value));
    return appendf(out, "%g", value);
  }
  case ElementKind::Double: {
    double value;
    std::memcpy(&value, address, sizeof(value));
    return appendf(out, "%.17g", value);
  }
  case ElementKind::Invalid:
    return;
  }
}

// Nested brackets, one level per dimension: [[1, 2], [3, 4]].
void appendDimension(std::string &out,
                     const spine::triton::StridedDescriptorView &view,
                     const ElementFormat &format, int64_t dim,
                     const char *base) {
  if (dim == view.rank) {
    appendElement(out, format, base);
    return;
  }
  out += '[';
  for (int64_t i = 0; i < view.sizes[dim]; ++i) {
    if (i)
      out += ", ";
    appendDimension(out, view, format, dim + 1,
                    base + i * view.strides[dim] * format.bytes);
  }
  out += ']';
}

} // namespace

extern "C" int32_t spine_print_unranked_memref(
    int32_t pid_x, int32_t pid_y, int32_t pid_z, const char *prefix,
    int64_t rank, const void *descriptor, int32_t bit_width, int32_t is_integer,
    int32_t is_signed, int32_t as_hex) {
  std::string line = linePrefix(pid_x, pid_y, pid_z, prefix);
  ElementFormat format =
      elementFormat(bit_width, is_integer, is_signed, as_hex);
  if (!descriptor || rank < 0 || rank > spine::triton::kMaxPrintedRank ||
      format.kind == ElementKind::Invalid) {
    appendf(line,
            "<invalid memref: rank=%" PRId64 " descriptor=%p bit_width=%" PRId32
            ">\n",
            rank, descriptor, bit_width);
    writeLine(line);
    return -1;
  }
  spine::triton::StridedDescriptorView view(rank, descriptor);
  for (int64_t d = 0; d < rank; ++d)
    if (view.sizes[d] < 0) {
      appendf(line,
              "<invalid memref: negative size in dimension %" PRId64 ">\n", d);
      writeLine(line);
      return -1;
    }
  appendf(line, "rank=%" PRId64 " sizes=[", rank);
  for (int64_t d = 0; d < rank; ++d)
    appendf(line, d ? ", %" PRId64 : "%" PRId64, view.sizes[d]);
  line += "] ";
  appendDimension(line, view, format, 0,
                  view.aligned + view.offset * format.bytes);
  line += '\n';
  writeLine(line);
  int64_t count = view.numElements();
  return count > INT32_MAX ? INT32_MAX : static_cast<int32_t>(count);
}
