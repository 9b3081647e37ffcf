// Device-side prints of Triton kernels: each call builds its whole line in
// memory and writes it with one fwrite under a lock, so concurrent programs
// never interleave their output.
#include "spine_triton/spine_triton_runtime.h"

#include "StridedDescriptor.h"

#include <algorithm>
#include <cinttypes>
#include <cstdarg>
#include <cmath>
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
  appendf(line, "pid (%" PRId32 ", %" PRId32 ", %" PRId32 ") ", x, y, z);
  line += prefix ? prefix : "";
  line += ": ";
  return line;
}

// IEEE binary16 and bfloat16 to float, by their bit layouts.
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

float bfloat16ToFloat(uint16_t bits) {
  uint32_t widened = static_cast<uint32_t>(bits) << 16;
  float value;
  std::memcpy(&value, &widened, sizeof(value));
  return value;
}

int64_t elementBytes(int32_t type) {
  switch (type) {
  case SPINE_ELEMENT_I1:
  case SPINE_ELEMENT_I8:
  case SPINE_ELEMENT_U8:
    return 1;
  case SPINE_ELEMENT_I16:
  case SPINE_ELEMENT_U16:
  case SPINE_ELEMENT_F16:
  case SPINE_ELEMENT_BF16:
    return 2;
  case SPINE_ELEMENT_I32:
  case SPINE_ELEMENT_U32:
  case SPINE_ELEMENT_F32:
    return 4;
  case SPINE_ELEMENT_I64:
  case SPINE_ELEMENT_U64:
  case SPINE_ELEMENT_F64:
    return 8;
  default:
    return 0;
  }
}

template <typename T> T load(const char *address) {
  T value;
  std::memcpy(&value, address, sizeof(T));
  return value;
}

void appendElement(std::string &out, int32_t type, const char *address) {
  switch (type) {
  case SPINE_ELEMENT_I1:
    out += load<uint8_t>(address) ? "1" : "0";
    return;
  case SPINE_ELEMENT_I8:
    return appendf(out, "%d", load<int8_t>(address));
  case SPINE_ELEMENT_I16:
    return appendf(out, "%d", load<int16_t>(address));
  case SPINE_ELEMENT_I32:
    return appendf(out, "%" PRId32, load<int32_t>(address));
  case SPINE_ELEMENT_I64:
    return appendf(out, "%" PRId64, load<int64_t>(address));
  case SPINE_ELEMENT_U8:
    return appendf(out, "%u", load<uint8_t>(address));
  case SPINE_ELEMENT_U16:
    return appendf(out, "%u", load<uint16_t>(address));
  case SPINE_ELEMENT_U32:
    return appendf(out, "%" PRIu32, load<uint32_t>(address));
  case SPINE_ELEMENT_U64:
    return appendf(out, "%" PRIu64, load<uint64_t>(address));
  case SPINE_ELEMENT_F16:
    return appendf(out, "%g", halfToFloat(load<uint16_t>(address)));
  case SPINE_ELEMENT_BF16:
    return appendf(out, "%g", bfloat16ToFloat(load<uint16_t>(address)));
  case SPINE_ELEMENT_F32:
    return appendf(out, "%g", load<float>(address));
  case SPINE_ELEMENT_F64:
    return appendf(out, "%.17g", load<double>(address));
  }
}

// Nested brackets, one level per dimension: [[1, 2], [3, 4]].
void appendDimension(std::string &out, const spine::triton::StridedDescriptorView &view,
                     int32_t type, int64_t elementSize, int64_t dim,
                     const char *base) {
  if (dim == view.rank) {
    appendElement(out, type, base);
    return;
  }
  out += '[';
  for (int64_t i = 0; i < view.sizes[dim]; ++i) {
    if (i)
      out += ", ";
    appendDimension(out, view, type, elementSize, dim + 1,
                    base + i * view.strides[dim] * elementSize);
  }
  out += ']';
}

} // namespace

extern "C" int64_t spine_print_unranked_memref(int32_t pid_x, int32_t pid_y,
                                               int32_t pid_z, const char *prefix,
                                               int64_t rank,
                                               const void *descriptor,
                                               int32_t element_type) {
  std::string line = linePrefix(pid_x, pid_y, pid_z, prefix);
  int64_t elementSize = elementBytes(element_type);
  if (!descriptor || rank < 0 || rank > spine::triton::kMaxPrintedRank ||
      elementSize == 0) {
    appendf(line, "<invalid memref: rank=%" PRId64 " descriptor=%p type=%" PRId32 ">\n",
            rank, descriptor, element_type);
    writeLine(line);
    return -1;
  }
  spine::triton::StridedDescriptorView view(rank, descriptor);
  for (int64_t d = 0; d < rank; ++d)
    if (view.sizes[d] < 0) {
      appendf(line, "<invalid memref: negative size in dimension %" PRId64 ">\n", d);
      writeLine(line);
      return -1;
    }
  appendf(line, "rank=%" PRId64 " sizes=[", rank);
  for (int64_t d = 0; d < rank; ++d)
    appendf(line, d ? ", %" PRId64 : "%" PRId64, view.sizes[d]);
  line += "] strides=[";
  for (int64_t d = 0; d < rank; ++d)
    appendf(line, d ? ", %" PRId64 : "%" PRId64, view.strides[d]);
  line += "] ";
  appendDimension(line, view, element_type, elementSize, 0,
                  view.aligned + view.offset * elementSize);
  line += '\n';
  writeLine(line);
  return view.numElements();
}

extern "C" void spine_print_i64(int32_t pid_x, int32_t pid_y, int32_t pid_z,
                                const char *prefix, int64_t value,
                                bool is_unsigned) {
  std::string line = linePrefix(pid_x, pid_y, pid_z, prefix);
  if (is_unsigned)
    appendf(line, "%" PRIu64 "\n", static_cast<uint64_t>(value));
  else
    appendf(line, "%" PRId64 "\n", value);
  writeLine(line);
}

extern "C" void spine_print_f64(int32_t pid_x, int32_t pid_y, int32_t pid_z,
                                const char *prefix, double value) {
  std::string line = linePrefix(pid_x, pid_y, pid_z, prefix);
  appendf(line, "%.17g\n", value);
  writeLine(line);
}
