// Chrome trace recording of dispatches and kernels, enabled by
// SPINE_TRACE=<file.json>. Each thread appends complete ("X") events to its
// own buffer; the file is written at process exit or by traceFlush().
// Disabled, a TraceScope costs one predictable branch.
#ifndef SPEIR_RUNTIME_PROFILING_TRACE_H
#define SPEIR_RUNTIME_PROFILING_TRACE_H

#include <cstdint>

// Default visibility: the runtime tests link these from the shared library.
#pragma GCC visibility push(default)
namespace speir::rt {

bool traceEnabled();
uint64_t traceNowNs();
// name must be a string literal (stored by pointer). arg is shown as args.n.
void traceRecord(const char *name, uint64_t begin_ns, uint64_t end_ns,
                 int64_t arg);
// Writes every event recorded so far to the SPINE_TRACE file; false if
// tracing is off or the file cannot be written.
bool traceFlush();

class TraceScope {
public:
  TraceScope(const char *name, int64_t arg)
      : name_(traceEnabled() ? name : nullptr), arg_(arg),
        begin_(name_ ? traceNowNs() : 0) {}
  ~TraceScope() {
    if (name_)
      traceRecord(name_, begin_, traceNowNs(), arg_);
  }
  TraceScope(const TraceScope &) = delete;
  TraceScope &operator=(const TraceScope &) = delete;

private:
  const char *name_;
  int64_t arg_;
  uint64_t begin_;
};

} // namespace speir::rt
#pragma GCC visibility pop

#endif // SPEIR_RUNTIME_PROFILING_TRACE_H
