#include "profiling/Trace.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <unistd.h>
#include <vector>

namespace speir::rt {
namespace {

struct TraceEvent {
  const char *name;
  uint64_t begin_ns, end_ns;
  int64_t arg;
};

// Per-thread events; the mutex is uncontended except while flushing.
struct ThreadBuffer {
  std::mutex mutex;
  std::vector<TraceEvent> events;
  int tid = 0;
};

// Bounds memory when a long run is traced; later events are counted only.
constexpr size_t kMaxEventsPerThread = size_t{1} << 20;

struct TraceState {
  std::string path;
  uint64_t origin_ns = 0;
  std::mutex mutex; // guards buffers and writing
  std::vector<std::shared_ptr<ThreadBuffer>> buffers;
  int next_tid = 1;
};

uint64_t steadyNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Never destroyed: worker threads may still record during exit.
TraceState *traceState() {
  static TraceState *state = []() -> TraceState * {
    const char *path = std::getenv("SPINE_TRACE");
    if (!path || !*path)
      return nullptr;
    auto *s = new TraceState;
    s->path = path;
    s->origin_ns = steadyNs();
    std::atexit([] {
      if (!traceFlush())
        std::fprintf(stderr,
                     "speir runtime: cannot write SPINE_TRACE file %s\n",
                     traceState()->path.c_str());
    });
    return s;
  }();
  return state;
}

ThreadBuffer &threadBuffer(TraceState &state) {
  thread_local std::shared_ptr<ThreadBuffer> buffer = [&state] {
    auto b = std::make_shared<ThreadBuffer>();
    std::lock_guard<std::mutex> lock(state.mutex);
    b->tid = state.next_tid++;
    state.buffers.push_back(b);
    return b;
  }();
  return *buffer;
}

void writeJsonString(FILE *out, const char *text) {
  std::fputc('"', out);
  for (const char *c = text; *c; ++c) {
    unsigned char ch = static_cast<unsigned char>(*c);
    if (ch == '"' || ch == '\\')
      std::fprintf(out, "\\%c", ch);
    else if (ch < 0x20)
      std::fprintf(out, "\\u%04x", ch);
    else
      std::fputc(ch, out);
  }
  std::fputc('"', out);
}

} // namespace

bool traceEnabled() {
  static const bool enabled = traceState() != nullptr;
  return enabled;
}

uint64_t traceNowNs() { return steadyNs(); }

void traceRecord(const char *name, uint64_t begin_ns, uint64_t end_ns,
                 int64_t arg) {
  TraceState *state = traceState();
  if (!state)
    return;
  ThreadBuffer &buffer = threadBuffer(*state);
  std::lock_guard<std::mutex> lock(buffer.mutex);
  if (buffer.events.size() < kMaxEventsPerThread)
    buffer.events.push_back({name, begin_ns, end_ns, arg});
}

bool traceFlush() {
  TraceState *state = traceState();
  if (!state)
    return false;
  std::lock_guard<std::mutex> lock(state->mutex);
  FILE *out = std::fopen(state->path.c_str(), "w");
  if (!out)
    return false;
  const long pid = static_cast<long>(getpid());
  std::fprintf(out, "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[");
  bool first = true;
  for (const auto &buffer : state->buffers) {
    std::lock_guard<std::mutex> bufferLock(buffer->mutex);
    for (const TraceEvent &event : buffer->events) {
      std::fprintf(out, "%s\n{\"name\":", first ? "" : ",");
      writeJsonString(out, event.name);
      double ts = (event.begin_ns - state->origin_ns) / 1000.0;
      double dur = (event.end_ns - event.begin_ns) / 1000.0;
      std::fprintf(out,
                   ",\"cat\":\"speir\",\"ph\":\"X\",\"ts\":%.3f,\"dur\":%.3f,"
                   "\"pid\":%ld,\"tid\":%d,\"args\":{\"n\":%lld}}",
                   ts, dur, pid, buffer->tid,
                   static_cast<long long>(event.arg));
      first = false;
    }
  }
  std::fprintf(out, "\n]}\n");
  bool ok = std::ferror(out) == 0;
  return std::fclose(out) == 0 && ok;
}

} // namespace speir::rt
