// A fixed set of persistent worker threads that execute one parallel range at
// a time, the dispatching thread participating. A team that is already
// running a job (nested dispatch from inside a body, or a second caller
// thread) runs the new job inline on the caller: dispatch never waits for a
// team, so it never deadlocks.
//
// Dispatch and join are a tree (fan-out 4, one subtree per cluster under the
// caller's cluster): each participant owns one cache-line slot, written only
// by itself and by its parent, so no line is written by every participant and
// the critical path grows with the tree's depth, not the team's size. A
// parent publishes the job to its children's slots (waking one with a futex
// only if it parked), runs its own share, then joins each child: it waits for
// a child that claimed its slot, and takes over (steals) the whole subtree of
// a child that has not claimed it yet once the child was found parked or has
// not shown up within a short grace period. A descheduled worker therefore
// costs its parent at most the grace period plus doing the work itself.
#ifndef SPEIR_RUNTIME_THREADING_THREADTEAM_H
#define SPEIR_RUNTIME_THREADING_THREADTEAM_H

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "threading/Parallel.h"

// Default visibility: the runtime tests link these from the shared library.
#pragma GCC visibility push(default)
namespace speir::rt {

enum class Schedule : int32_t {
  Static,  // participant p runs the p-th contiguous share (others help)
  Dynamic, // shares are claimed in chunks; idle participants steal chunks
  // One index per participant, all running at once, nobody helping: for
  // bodies that wait on each other (tryRunConcurrent only).
  Concurrent,
};

// What the calling thread did for the dispatches it made, so scaling can be
// reasoned about without as many cores as threads. Counted always (a few
// thread-local increments per dispatch).
struct DispatchCounters {
  uint64_t dispatches = 0;   // team jobs this thread led (not inline runs)
  uint64_t atomicRmws = 0;   // CAS / exchange / fetch-op it performed
  uint64_t waitedLines = 0;  // other participants' cache lines it waited on
  uint64_t futexWakes = 0;   // wake syscalls it made
  uint64_t futexWaits = 0;   // times it parked
  uint64_t stolenShares = 0; // shares it ran for a late participant
};
DispatchCounters threadDispatchCounters();

class ThreadTeam {
public:
  // One worker per entry of worker_cpus: the CPU it is pinned to, or -1 for
  // none. on_worker_start(i) runs first on worker i (e.g. to set
  // thread-locals). caller_participates = false makes the dispatching thread
  // only wait (used where the caller may sit on the wrong core).
  // participant_clusters: the cluster of each participant (the caller first
  // when it participates, then the workers in order); empty = one cluster.
  // Each cluster is its own subtree, and the caller's cluster is used first
  // when a job has fewer shares than the team has participants.
  ThreadTeam(std::vector<int> worker_cpus, bool caller_participates,
             std::function<void(int)> on_worker_start = {},
             std::vector<int> participant_clusters = {});
  ~ThreadTeam();
  ThreadTeam(const ThreadTeam &) = delete;
  ThreadTeam &operator=(const ThreadTeam &) = delete;

  // Threads that can run one job: workers plus the caller if it takes part.
  int participants() const;
  // True while a job is running (a dispatch would run inline).
  bool running() const { return busy_.load(std::memory_order_acquire); }
  // True when every requested pinning succeeded (or none was requested).
  bool affinityApplied() const { return affinityApplied_; }
  // Depth of the dispatch tree (0 for a team without workers) and how many
  // children the dispatching thread publishes to itself.
  int treeDepth() const { return treeDepth_; }
  int rootFanOut() const {
    return callerParticipates_ ? slots_[0].childCount
                               : (numWorkers_ > 0 ? 1 : 0);
  }

  // Runs fn over [0, n) and returns when all of it has run. grain: minimum
  // iterations per range (0 = 1). max_participants: cap (0 = no cap).
  // Arguments are trusted: callers validate.
  void run(int64_t n, int64_t grain, Schedule schedule, RangeFn fn, void *ctx,
           int max_participants = 0);

  // Runs fn(ctx, i, i + 1) for i in [0, n) with every index on its own
  // thread at the same time (the caller takes index 0). Returns false,
  // running nothing, when the team is busy or has fewer than n participants.
  bool tryRunConcurrent(int64_t n, RangeFn fn, void *ctx);

private:
  // One per participant (tree position). The word packs the job epoch and
  // the slot's state; it is written only by the slot's own thread and by
  // whoever publishes to or steals from it (its parent or an ancestor).
  struct alignas(64) Slot {
    std::atomic<uint32_t> word{0};
    int worker = -1;    // worker thread index, -1 for the caller
    int firstChild = 0; // children are tree positions [firstChild, +count)
    int childCount = 0; //   ... in the order children[] lists them
  };
  // Chunk cursors of the dynamic schedule, one line per share.
  struct alignas(64) Cursor {
    std::atomic<int64_t> next{0};
    int64_t end = 0;
    int64_t chunk = 1;
  };
  // Written by the dispatching thread before publishing, then only read.
  struct alignas(64) Job {
    RangeFn fn = nullptr;
    void *ctx = nullptr;
    int64_t n = 0;
    int64_t grain = 1;
    int64_t units = 0; // ceil(n / grain)
    int active = 0;    // participants (tree positions [0, active)) in the job
    Schedule schedule = Schedule::Static;
    uint32_t epoch = 0;
  };

  void workerLoop(int worker);
  // The role of tree position `pos` once its slot is held for the job.
  void runRole(int pos, bool stolen);
  bool publish(int pos);
  void joinChild(int pos, bool wokeSleeper, bool runWork);
  void waitForDone(int pos);
  void runShare(int pos);
  void finishJob(bool runWork);
  struct JobEnd {
    ThreadTeam &team;
    bool completed = false;
    ~JobEnd();
  };

  const int numWorkers_;
  const bool callerParticipates_;
  const int64_t spinNs_; // how long this team's threads spin before parking
  const int64_t
      graceNs_; // how long a parent waits for a spinning child's claim
  bool affinityApplied_ = true;
  int treeDepth_ = 0;
  int rootPos_ = 0; // the caller's position, or the first worker's
  std::vector<std::thread> threads_;
  std::unique_ptr<Slot[]> slots_; // by tree position
  std::vector<int> children_;     // concatenated child lists
  std::vector<int> workerPos_;    // worker -> tree position
  std::unique_ptr<Cursor[]> cursors_;
  Job job_;
  std::atomic<bool> busy_{false};
  std::atomic<bool> stop_{false};
};

// The schedule parallel dispatches use: SPINE_SCHEDULE=static or dynamic.
// Default static: one claim per share, a late participant's whole share run
// by whoever finishes first; the fewest cache-line transfers per dispatch
// (dynamic chunk claims cost 1.5-2.5x the latency of an empty dispatch).
Schedule defaultSchedule();

// True while the calling thread runs a team job's body (any team).
bool insideParallelRegion();

// How long a thread spins before parking (SPINE_SPIN_US, default 100 µs).
int64_t spinNanoseconds();

// The cluster the calling thread belongs to: set on the runtime's workers
// (logical cluster of the slot it was created for), -1 elsewhere.
int currentThreadCluster();
void setCurrentThreadCluster(int cluster);

} // namespace speir::rt
#pragma GCC visibility pop

#endif // SPEIR_RUNTIME_THREADING_THREADTEAM_H
