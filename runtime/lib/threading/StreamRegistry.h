// The process's threads, arranged as the frontend sees them: S streams of T
// threads each (T = spine_get_stream_threads()), the default multi-stream
// over them, a whole-machine team for CoreSet::Any, and an IME team for
// CoreSet::Ime. Built on first use from cpuInfo() and the environment:
//   SPINE_NUM_THREADS     total threads H (default: online cores)
//   SPINE_STREAM_THREADS  threads per stream T (default: cores per cluster of
//                         a known SpacemiT core, else H), S = H / T
//   SPINE_PIN_THREADS     0/1: pin workers to cores (default: on for known
//                         SpacemiT cores, whose topology is known)
#ifndef SPEIR_RUNTIME_THREADING_STREAMREGISTRY_H
#define SPEIR_RUNTIME_THREADING_STREAMREGISTRY_H

#include <atomic>
#include <memory>
#include <vector>

#include "threading/ThreadTeam.h"

// Default visibility: the runtime tests link these from the shared library.
#pragma GCC visibility push(default)
namespace speir::rt {

// A stream: a team the borrowing thread dispatches on (it participates).
struct Stream {
  ThreadTeam *team = nullptr;
  std::atomic<bool> borrowed{false};
  int index = -1; // -1 for the inline stream

  bool tryBorrow() {
    bool expected = false;
    return borrowed.compare_exchange_strong(expected, true,
                                            std::memory_order_acquire);
  }
};

// A handle for the first `width` streams; blocks are spread over them.
struct MultiStream {
  int width = 1;
};

struct ThreadLayout {
  int total_threads;  // H
  int stream_threads; // T
  int num_streams;    // S
  bool pin;
};

// The layout for given facts (exposed for tests). Null strings = unset.
ThreadLayout computeThreadLayout(int num_cores, int cores_per_cluster,
                                 bool known_topology,
                                 const char *num_threads_env,
                                 const char *stream_threads_env,
                                 const char *pin_env);

class StreamRegistry {
public:
  static StreamRegistry &instance();
  // Sets H before the registry exists (speir_set_num_threads); false once
  // it has been built.
  static bool requestTotalThreads(int total_threads);

  const ThreadLayout &layout() const { return layout_; }
  int numStreams() const { return layout_.num_streams; }
  Stream &stream(int index) { return *streams_[index]; }
  // A stream with no workers: what spine_require_stream hands out when every
  // stream is borrowed; dispatching on it runs serially on the caller.
  Stream &inlineStream() { return inlineStream_; }
  // The Stream a handle names, or nullptr for anything else.
  Stream *findStream(const void *handle);
  // The multi-stream of `width` streams (clamped to [1, S]); width <= 0 = S.
  MultiStream *multiStream(int64_t width);
  // The multi-stream a handle names; anything else (null, a stream, junk)
  // means the default multi-stream of all S streams.
  MultiStream &resolveMultiStream(const void *handle);

  // Leaders of streams 1..S-1; the dispatching thread leads stream 0.
  ThreadTeam &leaderTeam() { return *leaderTeam_; }
  ThreadTeam &machineTeam() { return *machineTeam_; }
  // Team whose workers stand for the IME clusters' cores (pinned to them
  // where possible), or nullptr (no IME on this core).
  ThreadTeam *imeTeam();
  // True once imeTeam() exists and its workers are pinned to IME cores.
  bool imePinned() { return imeTeam() && imePinned_; }
  // The cluster of each slot (slot 0 = the dispatching thread).
  const std::vector<int> &slotClusters() const { return slotClusters_; }

private:
  StreamRegistry();

  ThreadLayout layout_;
  std::vector<int> allowedCpus_; // this process's CPUs, in order
  std::unique_ptr<ThreadTeam> machineTeam_;
  std::vector<std::unique_ptr<ThreadTeam>> streamTeams_;
  std::vector<std::unique_ptr<Stream>> streams_;
  Stream inlineStream_;
  std::unique_ptr<ThreadTeam> inlineTeam_;
  std::unique_ptr<ThreadTeam> leaderTeam_;
  std::vector<std::unique_ptr<MultiStream>> multiStreams_; // width i+1
  std::atomic<int> imeState_{0}; // 0 = unknown, 1 = usable, 2 = unusable
  std::unique_ptr<ThreadTeam> imeTeam_;
  bool imePinned_ = false;
  uint64_t imeClusterMask_ = 0;
  std::vector<int> slotClusters_;
};

// The cluster of a slot: of its CPU when pinned (cpu >= 0: sysfs
// topology/cluster_id, else cluster-major numbering), of its index otherwise.
// 0 where the machine has one cluster.
int logicalCluster(int slot, int cpu, int clusters, int cores_per_cluster);

// The stream the current thread leads inside a multi-stream dispatch (or is a
// worker of), else nullptr.
Stream *currentThreadStream();
void setCurrentThreadStream(Stream *stream);

} // namespace speir::rt
#pragma GCC visibility pop

#endif // SPEIR_RUNTIME_THREADING_STREAMREGISTRY_H
