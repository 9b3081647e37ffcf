// A fixed set of persistent worker threads that execute one parallel range at
// a time, the dispatching thread participating. Workers spin briefly after
// each job (back-to-back dispatches then cost no syscall), then park on a
// futex. A team that is already running a job (nested dispatch from inside a
// body, or a second caller thread) runs the new job inline on the caller:
// dispatch never waits for a team, so it never deadlocks.
//
// Work is claimed, never assigned: the caller runs every share no worker has
// claimed, then closes the job's gate and waits only for workers that got in.
// A worker that is descheduled (oversubscribed machine, qemu) therefore costs
// the caller nothing beyond doing the work itself.
#ifndef SPEIR_RUNTIME_THREADING_THREADTEAM_H
#define SPEIR_RUNTIME_THREADING_THREADTEAM_H

#include <atomic>
#include <cstdint>
#include <functional>
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

class ThreadTeam {
public:
  // One worker per entry of worker_cpus: the CPU it is pinned to, or -1 for
  // none. on_worker_start(i) runs first on worker i (e.g. to set
  // thread-locals). caller_participates = false makes the dispatching thread
  // only wait (used where the caller may sit on the wrong core).
  ThreadTeam(std::vector<int> worker_cpus, bool caller_participates,
             std::function<void(int)> on_worker_start = {});
  ~ThreadTeam();
  ThreadTeam(const ThreadTeam &) = delete;
  ThreadTeam &operator=(const ThreadTeam &) = delete;

  // Threads that can run one job: workers plus the caller if it takes part.
  int participants() const;
  // True while a job is running (a dispatch would run inline).
  bool running() const { return busy_.load(std::memory_order_acquire); }
  // True when every requested pinning succeeded (or none was requested).
  bool affinityApplied() const { return affinityApplied_; }

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
  struct alignas(64) Cursor {
    std::atomic<int64_t> next{0};
    std::atomic<bool> claimed{false}; // Static: the share's single owner
    int64_t end = 0;
    int64_t chunk = 1;
  };
  struct Job {
    RangeFn fn = nullptr;
    void *ctx = nullptr;
    int64_t n = 0;
    int active = 0; // participants taking part in this job
    Schedule schedule = Schedule::Static;
  };

  void workerLoop(int worker);
  void runShare(int participant);
  void runStaticShare(int participant);
  void waitForArrivals(uint32_t workers);
  void closeGateAndWait();
  void publishJob(uint32_t activeWorkers);
  // Ends the published job on scope exit (also when fn throws): waits for
  // the workers inside, then frees the team.
  struct JobEnd {
    ThreadTeam &team;
    ~JobEnd();
  };

  const int numWorkers_;
  const bool callerParticipates_;
  const int64_t spinNs_; // how long this team's threads spin before parking
  bool affinityApplied_ = true;
  std::vector<std::thread> threads_;
  std::vector<Cursor> cursors_;
  std::atomic<bool> busy_{false};

  static constexpr int kWorkerBits = 10;
  static constexpr uint32_t kGateClosed = 1u << 31;
  static constexpr uint32_t kGateCountMask = 0xffffu;
  static uint32_t gateSequence(uint32_t epoch) {
    return ((epoch >> kWorkerBits) & 0x7fffu) << 16;
  }
  // Everything a dispatch writes and a worker reads shares one cache line,
  // so publishing a job and entering it each move one line between cores.
  struct alignas(64) Control {
    Job job;
    // Futex word: job sequence number << kWorkerBits | workers active in it.
    std::atomic<uint32_t> epoch{0};
    std::atomic<uint32_t> sleepingWorkers{0};
    // Futex word: kGateClosed | job sequence (15 bits) << 16 | workers
    // inside. The sequence lets a worker that observed one job never enter
    // another.
    std::atomic<uint32_t> gate{kGateClosed};
    std::atomic<uint32_t> arrived{0}; // workers in (caller not participating)
    std::atomic<uint32_t> callerSleeping{0};
    std::atomic<bool> stop{false};
  };
  static_assert(sizeof(Control) == 64, "the control block is one cache line");
  Control control_;
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

} // namespace speir::rt
#pragma GCC visibility pop

#endif // SPEIR_RUNTIME_THREADING_THREADTEAM_H
