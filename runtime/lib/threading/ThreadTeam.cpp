#include "threading/ThreadTeam.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <pthread.h>
#include <sched.h>
#include <unistd.h>

#include "profiling/Trace.h"
#include "threading/Futex.h"

namespace speir::rt {
namespace {

uint64_t monotonicNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Spins until done() or the spin budget is spent; true if done().
template <typename Done> bool spinUntil(int64_t budget, Done done) {
  if (budget <= 0)
    return done();
  const uint64_t start = monotonicNs();
  for (;;) {
    for (int i = 0; i < 32; ++i) {
      if (done())
        return true;
      cpuRelax();
    }
    if (static_cast<int64_t>(monotonicNs() - start) > budget)
      return done();
  }
}

int processCpuCount() {
  static const int count = [] {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) == 0)
      return CPU_COUNT(&set);
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    return online > 0 ? static_cast<int>(online) : 1;
  }();
  return count;
}

bool pinThread(std::thread &thread, int cpu) {
  if (cpu < 0 || cpu >= CPU_SETSIZE)
    return cpu < 0;
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  return pthread_setaffinity_np(thread.native_handle(), sizeof(set), &set) == 0;
}

// initial-exec: a plain TLS access, not a __tls_get_addr call per dispatch.
__attribute__((tls_model("initial-exec"))) thread_local int tlsRegionDepth = 0;

struct RegionDepthScope {
  RegionDepthScope() { ++tlsRegionDepth; }
  ~RegionDepthScope() { --tlsRegionDepth; }
};

// A child forked from a process with teams has none of their threads (Python
// forks workers freely): from then on every team runs its jobs inline.
std::atomic<bool> forkedChild{false};

bool inForkedChild() {
  static std::once_flag registered;
  std::call_once(registered, [] {
    pthread_atfork(nullptr, nullptr,
                   [] { forkedChild.store(true, std::memory_order_relaxed); });
  });
  return forkedChild.load(std::memory_order_relaxed);
}

} // namespace

bool insideParallelRegion() { return tlsRegionDepth > 0; }

int ThreadTeam::participants() const {
  if (forkedChild.load(std::memory_order_relaxed))
    return 1;
  return numWorkers_ + (callerParticipates_ ? 1 : 0);
}

Schedule defaultSchedule() {
  static const Schedule schedule = [] {
    const char *text = std::getenv("SPINE_SCHEDULE");
    return text && std::strcmp(text, "dynamic") == 0 ? Schedule::Dynamic
                                                     : Schedule::Static;
  }();
  return schedule;
}

int64_t spinNanoseconds() {
  static const int64_t ns = [] {
    const char *text = std::getenv("SPINE_SPIN_US");
    if (!text || !*text)
      return int64_t{100000};
    long long us = std::atoll(text);
    return us < 0 ? int64_t{0} : static_cast<int64_t>(us) * 1000;
  }();
  return ns;
}

ThreadTeam::ThreadTeam(std::vector<int> worker_cpus, bool caller_participates,
                       std::function<void(int)> on_worker_start)
    : numWorkers_(inForkedChild() ? 0
                                  : static_cast<int>(std::min<size_t>(
                                        worker_cpus.size(), (1u << kWorkerBits) - 1))),
      callerParticipates_(caller_participates || numWorkers_ == 0),
      // More threads than CPUs: a spinning thread would only delay the
      // thread it waits for, so such teams park at once.
      spinNs_(numWorkers_ + 1 <= processCpuCount() ? spinNanoseconds() : 0),
      cursors_(numWorkers_ + 1) {
  threads_.reserve(numWorkers_);
  for (int w = 0; w < numWorkers_; ++w) {
    threads_.emplace_back([this, w, on_worker_start] {
      if (on_worker_start)
        on_worker_start(w);
      workerLoop(w);
    });
    if (!pinThread(threads_.back(), worker_cpus[w]))
      affinityApplied_ = false;
  }
}

ThreadTeam::~ThreadTeam() {
  if (forkedChild.load(std::memory_order_relaxed)) {
    for (std::thread &thread : threads_)
      thread.detach(); // the parent's threads: nothing to join here
    return;
  }
  control_.stop.store(true, std::memory_order_seq_cst);
  control_.epoch.fetch_add(1u << kWorkerBits, std::memory_order_seq_cst);
  futexWakeAll(control_.epoch);
  for (std::thread &thread : threads_)
    thread.join();
}

void ThreadTeam::run(int64_t n, int64_t grain, Schedule schedule, RangeFn fn,
                     void *ctx, int max_participants) {
  if (n <= 0)
    return;
  grain = std::max<int64_t>(grain, 1);
  int cap = participants();
  if (max_participants > 0)
    cap = std::min(cap, max_participants);
  int64_t ranges = (n + grain - 1) / grain;
  int active = static_cast<int>(std::min<int64_t>(cap, ranges));

  bool expected = false;
  if (active <= 1 || numWorkers_ == 0 || forkedChild.load(std::memory_order_relaxed) ||
      !busy_.compare_exchange_strong(expected, true, std::memory_order_acquire)) {
    // Busy team (nested or concurrent dispatch) or nothing to share: inline.
    const RegionDepthScope depth;
    fn(ctx, 0, n);
    return;
  }

  const TraceScope trace("team_run", n);
  control_.job.n = n;
  control_.job.schedule = schedule;
  control_.job.fn = fn;
  control_.job.ctx = ctx;
  control_.job.active = active;
  // Shares and chunks are whole multiples of grain (units), so every range
  // starts at a multiple of grain and only the one ending at n is shorter.
  const int64_t units = ranges;
  const int64_t base = units / active, rem = units % active;
  for (int p = 0; p < active; ++p) {
    int64_t firstUnit = p * base + std::min<int64_t>(p, rem);
    int64_t shareUnits = base + (p < rem ? 1 : 0);
    Cursor &cursor = cursors_[p];
    cursor.next.store(firstUnit * grain, std::memory_order_relaxed);
    cursor.claimed.store(false, std::memory_order_relaxed);
    cursor.end = std::min(n, (firstUnit + shareUnits) * grain);
    // About eight claims per share keeps stealing possible and atomics rare.
    cursor.chunk = grain * std::max<int64_t>(1, (shareUnits + 7) / 8);
  }
  const int activeWorkers = callerParticipates_ ? active - 1 : active;
  publishJob(static_cast<uint32_t>(activeWorkers));
  // Should fn throw on the caller, the job still ends cleanly: workers
  // inside finish, the team becomes free again, the exception propagates.
  const JobEnd endJob{*this};
  if (callerParticipates_)
    runShare(0); // its own share, then every share no worker claimed
  else
    waitForArrivals(static_cast<uint32_t>(activeWorkers));
}

// Opens a new epoch for `activeWorkers` workers and wakes parked ones.
void ThreadTeam::publishJob(uint32_t activeWorkers) {
  control_.arrived.store(0, std::memory_order_relaxed);
  const uint32_t current = control_.epoch.load(std::memory_order_relaxed);
  const uint32_t next = ((current >> kWorkerBits) + 1) << kWorkerBits | activeWorkers;
  // Release: a worker that enters through the gate sees the job written
  // before this call.
  control_.gate.store(gateSequence(next), std::memory_order_release);
  control_.epoch.store(next, std::memory_order_seq_cst);
  if (control_.sleepingWorkers.load(std::memory_order_seq_cst) != 0)
    futexWakeAll(control_.epoch);
}

ThreadTeam::JobEnd::~JobEnd() {
  team.closeGateAndWait();
  team.busy_.store(false, std::memory_order_release);
}

bool ThreadTeam::tryRunConcurrent(int64_t n, RangeFn fn, void *ctx) {
  if (n < 1 || !callerParticipates_ || n > participants())
    return false;
  bool expected = false;
  if (!busy_.compare_exchange_strong(expected, true, std::memory_order_acquire))
    return false;
  const TraceScope trace("team_run_concurrent", n);
  control_.job.n = n;
  control_.job.schedule = Schedule::Concurrent;
  control_.job.fn = fn;
  control_.job.ctx = ctx;
  control_.job.active = static_cast<int>(n);
  for (int p = 0; p < n; ++p) {
    cursors_[p].next.store(p, std::memory_order_relaxed);
    cursors_[p].claimed.store(false, std::memory_order_relaxed);
    cursors_[p].end = p + 1;
    cursors_[p].chunk = 1;
  }
  const uint32_t activeWorkers = static_cast<uint32_t>(n - 1);
  publishJob(activeWorkers);
  const JobEnd endJob{*this};
  // Every worker must be in before the gate may close: a body may wait for
  // them all.
  {
    const RegionDepthScope depth;
    runStaticShare(0);
  }
  waitForArrivals(activeWorkers);
  return true;
}

// Used where the caller does no work itself: every active worker must get in
// before the gate may close.
void ThreadTeam::waitForArrivals(uint32_t workers) {
  auto done = [&] { return control_.arrived.load(std::memory_order_acquire) >= workers; };
  if (spinUntil(spinNs_, done))
    return;
  for (;;) {
    uint32_t count = control_.arrived.load(std::memory_order_acquire);
    if (count >= workers)
      return;
    control_.callerSleeping.store(1, std::memory_order_seq_cst);
    if (control_.arrived.load(std::memory_order_seq_cst) == count)
      futexWait(control_.arrived, count);
    control_.callerSleeping.store(0, std::memory_order_relaxed);
  }
}

void ThreadTeam::closeGateAndWait() {
  uint32_t state = control_.gate.fetch_or(kGateClosed, std::memory_order_acq_rel);
  auto done = [this] {
    return (control_.gate.load(std::memory_order_acquire) & kGateCountMask) == 0;
  };
  if ((state & kGateCountMask) == 0 || spinUntil(spinNs_, done))
    return;
  for (;;) {
    state = control_.gate.load(std::memory_order_acquire);
    if ((state & kGateCountMask) == 0)
      return;
    control_.callerSleeping.store(1, std::memory_order_seq_cst);
    if (control_.gate.load(std::memory_order_seq_cst) == state)
      futexWait(control_.gate, state);
    control_.callerSleeping.store(0, std::memory_order_relaxed);
  }
}

void ThreadTeam::runStaticShare(int participant) {
  Cursor &cursor = cursors_[participant];
  if (cursor.claimed.exchange(true, std::memory_order_acq_rel))
    return;
  int64_t begin = cursor.next.load(std::memory_order_relaxed);
  if (begin < cursor.end)
    control_.job.fn(control_.job.ctx, begin, cursor.end);
}

void ThreadTeam::runShare(int participant) {
  const TraceScope trace("share", participant);
  const RegionDepthScope depth;
  const Job &job = control_.job;
  if (job.schedule == Schedule::Concurrent) {
    runStaticShare(participant);
    return;
  }
  if (job.schedule == Schedule::Static) {
    // Own share, then the shares of participants that have not shown up.
    for (int i = 0; i < job.active; ++i)
      runStaticShare((participant + i) % job.active);
    return;
  }
  for (int i = 0; i < job.active; ++i) {
    // With the caller taking part, a closed gate means it has claimed every
    // range: a late worker leaves without touching the cursors' lines.
    if (callerParticipates_ &&
        (control_.gate.load(std::memory_order_relaxed) & kGateClosed))
      return;
    Cursor &cursor = cursors_[(participant + i) % job.active];
    for (;;) {
      if (cursor.next.load(std::memory_order_relaxed) >= cursor.end)
        break;
      int64_t begin = cursor.next.fetch_add(cursor.chunk, std::memory_order_relaxed);
      if (begin >= cursor.end)
        break;
      job.fn(job.ctx, begin, std::min(begin + cursor.chunk, cursor.end));
    }
  }
}

void ThreadTeam::workerLoop(int worker) {
  const int participant = callerParticipates_ ? worker + 1 : worker;
  const uint32_t activeMask = (1u << kWorkerBits) - 1;
  // The epoch at construction, not "now": a job published before this
  // thread got here must still be seen as new.
  uint32_t seen = 0;
  for (;;) {
    auto changed = [&] { return control_.epoch.load(std::memory_order_acquire) != seen; };
    if (!spinUntil(spinNs_, changed)) {
      control_.sleepingWorkers.fetch_add(1, std::memory_order_seq_cst);
      while (control_.epoch.load(std::memory_order_seq_cst) == seen)
        futexWait(control_.epoch, seen);
      control_.sleepingWorkers.fetch_sub(1, std::memory_order_relaxed);
    }
    seen = control_.epoch.load(std::memory_order_acquire);
    if (control_.stop.load(std::memory_order_acquire))
      return;
    // Workers beyond the job's active count stay out entirely.
    if (static_cast<uint32_t>(worker) >= (seen & activeMask))
      continue;
    // Enter through the gate if it is still open for the job observed; a
    // closed gate or a newer job's means this one is done without us.
    const uint32_t open = gateSequence(seen);
    uint32_t state = control_.gate.load(std::memory_order_relaxed);
    bool entered = false;
    while ((state & ~kGateCountMask) == open)
      if (control_.gate.compare_exchange_weak(state, state + 1, std::memory_order_acquire,
                                      std::memory_order_relaxed)) {
        entered = true;
        break;
      }
    if (!entered)
      continue;
    if ((!callerParticipates_ || control_.job.schedule == Schedule::Concurrent) &&
        control_.arrived.fetch_add(1, std::memory_order_seq_cst) + 1 == (seen & activeMask) &&
        control_.callerSleeping.load(std::memory_order_seq_cst) != 0)
      futexWakeAll(control_.arrived);
    if (static_cast<uint32_t>(participant) < static_cast<uint32_t>(control_.job.active))
      runShare(participant);
    const uint32_t before = control_.gate.fetch_sub(1, std::memory_order_seq_cst);
    if ((before & kGateClosed) && (before & kGateCountMask) == 1 &&
        control_.callerSleeping.load(std::memory_order_seq_cst) != 0)
      futexWakeAll(control_.gate);
  }
}

} // namespace speir::rt
