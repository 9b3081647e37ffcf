#include <array>

#include "profiling/Trace.h"
#include "speir/spine_runtime.h"
#include "threading/GridIndex.h"
#include "threading/StreamRegistry.h"

namespace mlir::speir {
namespace {

using ::speir::rt::defaultSchedule;
using ::speir::rt::Stream;
using ::speir::rt::StreamRegistry;
using ::speir::rt::TraceScope;

template <int64_t rank> struct GridJob {
  const std::function<void(const std::array<int64_t, rank> &)> *fn;
  std::array<int64_t, rank> sizes;
};

// Runs a range of grid points; with kTraceBlocks each one is traced as a
// kernel launch (multi-stream blocks).
template <int64_t rank, bool kTraceBlocks = false>
void runGridRange(void *opaque, int64_t begin, int64_t end) {
  const auto &job = *static_cast<const GridJob<rank> *>(opaque);
  std::array<int64_t, rank> point;
  ::speir::rt::forEachGridPoint<rank>(
      rank, job.sizes.data(), begin, end, [&](const int64_t *ivs) {
        for (int64_t d = 0; d < rank; ++d)
          point[d] = ivs[d];
        if constexpr (kTraceBlocks) {
          const TraceScope trace("block", ivs[0]);
          (*job.fn)(point);
        } else {
          (*job.fn)(point);
        }
      });
}

// Makes the caller the leader of stream 0 for the dispatch, restoring its
// previous stream afterwards (dispatches nest).
class CurrentStreamScope {
public:
  explicit CurrentStreamScope(Stream *stream)
      : saved_(::speir::rt::currentThreadStream()) {
    ::speir::rt::setCurrentThreadStream(stream);
  }
  ~CurrentStreamScope() { ::speir::rt::setCurrentThreadStream(saved_); }

private:
  Stream *saved_;
};

} // namespace

void *spineGetMultiStream(int64_t num_streams) {
  return StreamRegistry::instance().multiStream(num_streams);
}

template <int64_t rank>
void spineMultiStreamDispatch(
    void *multi_stream,
    const std::function<void(const std::array<int64_t, rank> &)> &fn,
    const std::array<int64_t, rank> &block_size) {
  static_assert(rank >= 1 && rank <= 3, "grids have rank 1 to 3");
  if (!fn)
    return;
  const int64_t volume = ::speir::rt::gridVolume(rank, block_size.data());
  if (volume <= 0)
    return;
  StreamRegistry &registry = StreamRegistry::instance();
  const ::speir::rt::MultiStream &multi =
      registry.resolveMultiStream(multi_stream);
  const TraceScope trace("multi_stream_dispatch", volume);
  GridJob<rank> job{&fn, block_size};
  // A thread already leading a stream keeps it: nested multi-stream
  // dispatches then find the leader team busy and run inline.
  Stream *lead = ::speir::rt::currentThreadStream();
  const CurrentStreamScope scope(lead ? lead : &registry.stream(0));
  registry.leaderTeam().run(volume, 1, defaultSchedule(),
                            runGridRange<rank, true>, &job, multi.width);
}

template void spineMultiStreamDispatch<1>(
    void *, const std::function<void(const std::array<int64_t, 1> &)> &,
    const std::array<int64_t, 1> &);
template void spineMultiStreamDispatch<2>(
    void *, const std::function<void(const std::array<int64_t, 2> &)> &,
    const std::array<int64_t, 2> &);
template void spineMultiStreamDispatch<3>(
    void *, const std::function<void(const std::array<int64_t, 3> &)> &,
    const std::array<int64_t, 3> &);

void spineStreamDispatch(
    void *stream, const std::function<void(const std::array<int64_t, 3> &)> &fn,
    const std::array<int64_t, 3> &grid_size) {
  if (!fn)
    return;
  const int64_t volume = ::speir::rt::gridVolume(3, grid_size.data());
  if (volume <= 0)
    return;
  StreamRegistry &registry = StreamRegistry::instance();
  Stream *target = registry.findStream(stream);
  if (!target)
    target = ::speir::rt::currentThreadStream();
  if (!target)
    target = &registry.stream(0);
  const TraceScope trace("stream_dispatch", volume);
  GridJob<3> job{&fn, grid_size};
  target->team->run(volume, 1, defaultSchedule(), runGridRange<3>, &job);
}

} // namespace mlir::speir
