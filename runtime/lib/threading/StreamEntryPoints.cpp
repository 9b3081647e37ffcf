#include <cstdint>

#include "speir/abi.h"
#include "threading/StreamRegistry.h"

using speir::rt::Stream;
using speir::rt::StreamRegistry;

extern "C" int64_t spine_get_stream_threads(void) {
  return StreamRegistry::instance().layout().stream_threads;
}

// Prefers the stream the calling thread leads in a multi-stream dispatch,
// then any free stream; when all are borrowed, the inline stream (always
// valid, runs serially) so a borrower never waits.
extern "C" int64_t spine_require_stream(void) {
  StreamRegistry &registry = StreamRegistry::instance();
  Stream *stream = speir::rt::currentThreadStream();
  if (stream && stream != &registry.inlineStream() && stream->tryBorrow())
    return reinterpret_cast<int64_t>(stream);
  for (int s = 0; s < registry.numStreams(); ++s)
    if (registry.stream(s).tryBorrow())
      return reinterpret_cast<int64_t>(&registry.stream(s));
  return reinterpret_cast<int64_t>(&registry.inlineStream());
}

extern "C" void spine_release_stream(int64_t handle) {
  StreamRegistry &registry = StreamRegistry::instance();
  Stream *stream = registry.findStream(reinterpret_cast<const void *>(handle));
  if (stream && stream != &registry.inlineStream())
    stream->borrowed.store(false, std::memory_order_release);
}

// -1: the default multi-stream (what the driver passes to the launcher);
// 0..S-1: that stream; anything else: NULL.
extern "C" void *spine_get_current_stream(int64_t index) {
  StreamRegistry &registry = StreamRegistry::instance();
  if (index == -1)
    return registry.multiStream(0);
  if (index >= 0 && index < registry.numStreams())
    return &registry.stream(static_cast<int>(index));
  return nullptr;
}

extern "C" int32_t speir_set_num_threads(int32_t num_threads) {
  if (num_threads < 1 || num_threads > 1024)
    return SPEIR_ERROR_INVALID_ARGUMENT;
  return StreamRegistry::requestTotalThreads(num_threads)
             ? SPEIR_OK
             : SPEIR_ERROR_UNSUPPORTED;
}
