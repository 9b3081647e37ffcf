#include "threading/ThreadTeam.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <map>
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

__attribute__((
    tls_model("initial-exec"))) thread_local DispatchCounters tlsCounters;
__attribute__((tls_model("initial-exec"))) thread_local int tlsCluster = -1;

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

DispatchCounters threadDispatchCounters() { return tlsCounters; }

int currentThreadCluster() { return tlsCluster; }
void setCurrentThreadCluster(int cluster) { tlsCluster = cluster; }

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

namespace {

// Slot word: epoch << 4 | parent sleeps | worker sleeps | state.
constexpr uint32_t kFree = 0;    // published for the epoch, nobody holds it
constexpr uint32_t kClaimed = 1; // its own thread runs its role
constexpr uint32_t kStolen = 2;  // an ancestor ran (or cancelled) its role
constexpr uint32_t kDone = 3;    // its own thread finished its subtree
constexpr uint32_t kStateMask = 3;
constexpr uint32_t kWorkerSleeps = 4; // its thread parked waiting for an epoch
constexpr uint32_t kParentSleeps = 8; // a waiter parked waiting for kDone
constexpr int kEpochShift = 4;
constexpr int kFanOut = 4;

uint32_t epochBits(uint32_t epoch) { return epoch << kEpochShift; }
uint32_t epochOf(uint32_t word) { return word >> kEpochShift; }
uint32_t stateOf(uint32_t word) { return word & kStateMask; }

// A parent waits this long for a spinning child to claim its slot before
// taking over the child's subtree: a claim normally lands within one or two
// cache-line transfers, so only a descheduled child takes this long.
constexpr int64_t kClaimGraceNs = 5000;

} // namespace

ThreadTeam::ThreadTeam(std::vector<int> worker_cpus, bool caller_participates,
                       std::function<void(int)> on_worker_start,
                       std::vector<int> participant_clusters)
    : numWorkers_(inForkedChild() ? 0
                                  : static_cast<int>(std::min<size_t>(
                                        worker_cpus.size(), 1023))),
      callerParticipates_(caller_participates || numWorkers_ == 0),
      // More threads than CPUs: a spinning thread would only delay the
      // thread it waits for, so such teams park at once.
      spinNs_(numWorkers_ + 1 <= processCpuCount() ? spinNanoseconds() : 0),
      graceNs_(std::min<int64_t>(spinNs_, kClaimGraceNs)) {
  // Participant ids: the caller (if it takes part) is 0, then the workers.
  const int P = numWorkers_ + (callerParticipates_ ? 1 : 0);
  auto workerOfId = [&](int id) { return callerParticipates_ ? id - 1 : id; };
  auto clusterOfId = [&](int id) {
    return static_cast<size_t>(id) < participant_clusters.size()
               ? participant_clusters[id]
               : 0;
  };
  // Clusters in order of first appearance (id 0's first), members in order.
  std::vector<std::vector<int>> clusters;
  std::map<int, size_t> clusterIndex;
  for (int id = 0; id < P; ++id) {
    auto found = clusterIndex.find(clusterOfId(id));
    if (found == clusterIndex.end()) {
      found = clusterIndex.emplace(clusterOfId(id), clusters.size()).first;
      clusters.emplace_back();
    }
    clusters[found->second].push_back(id);
  }
  // Within a cluster a 4-ary heap; the cluster roots a 4-ary heap of their
  // own under id 0. In-cluster children come first in each list.
  std::vector<std::vector<int>> kids(P);
  for (const auto &members : clusters)
    for (size_t i = 1; i < members.size(); ++i)
      kids[members[(i - 1) / kFanOut]].push_back(members[i]);
  for (size_t i = 1; i < clusters.size(); ++i)
    kids[clusters[(i - 1) / kFanOut].front()].push_back(clusters[i].front());
  // Positions in breadth-first order: a parent's position is below its
  // children's, so a job over positions [0, active) is a subtree holding
  // the caller's cluster first.
  slots_.reset(new Slot[std::max(P, 1)]);
  cursors_.reset(new Cursor[std::max(P, 1)]);
  workerPos_.assign(numWorkers_, -1);
  std::vector<int> order{0}, depth(P, 0);
  for (size_t head = 0; head < order.size(); ++head)
    for (int kid : kids[order[head]]) {
      depth[kid] = depth[order[head]] + 1;
      treeDepth_ = std::max(treeDepth_, depth[kid]);
      order.push_back(kid);
    }
  std::vector<int> posOfId(P);
  for (int pos = 0; pos < P; ++pos)
    posOfId[order[pos]] = pos;
  for (int pos = 0; pos < P; ++pos) {
    const int id = order[pos];
    Slot &slot = slots_[pos];
    slot.worker = (callerParticipates_ && id == 0) ? -1 : workerOfId(id);
    if (slot.worker >= 0)
      workerPos_[slot.worker] = pos;
    slot.firstChild = static_cast<int>(children_.size());
    slot.childCount = static_cast<int>(kids[id].size());
    for (int kid : kids[id])
      children_.push_back(posOfId[kid]);
  }
  if (!callerParticipates_)
    treeDepth_ += 1; // the caller hands the job to the root worker
  if (numWorkers_ == 0)
    treeDepth_ = 0;

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
  stop_.store(true, std::memory_order_seq_cst);
  // A new epoch no one may claim: every worker wakes, sees stop_, leaves.
  const uint32_t last = epochBits(job_.epoch + 1) | kStolen;
  for (int w = 0; w < numWorkers_; ++w) {
    Slot &slot = slots_[workerPos_[w]];
    if (slot.word.exchange(last, std::memory_order_seq_cst) & kWorkerSleeps)
      futexWakeAll(slot.word);
  }
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
  const int64_t units = (n + grain - 1) / grain;
  const int active = static_cast<int>(std::min<int64_t>(cap, units));

  bool expected = false;
  if (active <= 1 || numWorkers_ == 0 ||
      forkedChild.load(std::memory_order_relaxed) ||
      !busy_.compare_exchange_strong(expected, true,
                                     std::memory_order_acquire)) {
    // Busy team (nested or concurrent dispatch) or nothing to share: inline.
    const RegionDepthScope depth;
    fn(ctx, 0, n);
    return;
  }
  ++tlsCounters.atomicRmws; // taking the team

  const TraceScope trace("team_run", n);
  job_.fn = fn;
  job_.ctx = ctx;
  job_.n = n;
  job_.grain = grain;
  job_.units = units;
  job_.active = active;
  job_.schedule = schedule;
  job_.epoch = (job_.epoch + 1) & ((1u << (32 - kEpochShift)) - 1);
  if (schedule == Schedule::Dynamic) {
    // Shares and chunks are whole multiples of grain (units), so every range
    // starts at a multiple of grain and only the one ending at n is shorter.
    const int64_t base = units / active, rem = units % active;
    for (int p = 0; p < active; ++p) {
      const int64_t firstUnit = p * base + std::min<int64_t>(p, rem);
      const int64_t shareUnits = base + (p < rem ? 1 : 0);
      Cursor &cursor = cursors_[p];
      cursor.next.store(firstUnit * grain, std::memory_order_relaxed);
      cursor.end = std::min(n, (firstUnit + shareUnits) * grain);
      // About eight claims per share keeps stealing possible and atomics rare.
      cursor.chunk = grain * std::max<int64_t>(1, (shareUnits + 7) / 8);
    }
  }
  ++tlsCounters.dispatches;
  // Should fn throw on the caller, the job still ends cleanly: workers
  // inside finish, the team becomes free again, the exception propagates.
  JobEnd endJob{*this};
  if (callerParticipates_) {
    runRole(0, false);
  } else {
    // The caller may sit on a core that must not run this work: it only
    // hands the job to the root worker and waits.
    publish(0);
    ++tlsCounters.waitedLines;
    waitForDone(0);
  }
  endJob.completed = true;
}

ThreadTeam::JobEnd::~JobEnd() {
  if (!completed)
    team.finishJob(/*runWork=*/false);
  team.busy_.store(false, std::memory_order_release);
}

// After the caller's share threw: cancel children that have not claimed
// their slots, wait for those that did.
void ThreadTeam::finishJob(bool runWork) {
  if (!callerParticipates_) {
    waitForDone(0);
    return;
  }
  const Slot &root = slots_[0];
  for (int i = 0; i < root.childCount; ++i) {
    const int child = children_[root.firstChild + i];
    if (child < job_.active)
      joinChild(child, /*wokeSleeper=*/true, runWork);
  }
}

bool ThreadTeam::tryRunConcurrent(int64_t n, RangeFn fn, void *ctx) {
  if (n < 1 || !callerParticipates_ || n > participants())
    return false;
  bool expected = false;
  if (!busy_.compare_exchange_strong(expected, true, std::memory_order_acquire))
    return false;
  const TraceScope trace("team_run_concurrent", n);
  job_.fn = fn;
  job_.ctx = ctx;
  job_.n = n;
  job_.grain = 1;
  job_.units = n;
  job_.active = static_cast<int>(n);
  job_.schedule = Schedule::Concurrent;
  job_.epoch = (job_.epoch + 1) & ((1u << (32 - kEpochShift)) - 1);
  JobEnd endJob{*this};
  // Nobody steals under Concurrent: every index runs on its own thread.
  runRole(0, false);
  endJob.completed = true;
  return true;
}

// Hands the job to the slot at `pos`; true if its thread had parked (and
// was woken), so it will be slow to claim.
bool ThreadTeam::publish(int pos) {
  Slot &slot = slots_[pos];
  ++tlsCounters.atomicRmws;
  const uint32_t old = slot.word.exchange(epochBits(job_.epoch) | kFree,
                                          std::memory_order_acq_rel);
  if (!(old & kWorkerSleeps))
    return false;
  ++tlsCounters.futexWakes;
  futexWakeAll(slot.word);
  return true;
}

void ThreadTeam::runRole(int pos, bool stolen) {
  const Slot &slot = slots_[pos];
  const int active = job_.active;
  const int *kids = children_.data() + slot.firstChild;
  int count = 0; // children taking part: a prefix, positions grow
  while (count < slot.childCount && kids[count] < active)
    ++count;
  if (stolen) {
    // Nobody published to this subtree: run it all here, marking each slot
    // so that its thread, should it look, stays out.
    runShare(pos);
    for (int i = 0; i < count; ++i) {
      Slot &kid = slots_[kids[i]];
      uint32_t word = kid.word.load(std::memory_order_relaxed);
      ++tlsCounters.atomicRmws;
      while (!kid.word.compare_exchange_weak(
          word, epochBits(job_.epoch) | kStolen | (word & kWorkerSleeps),
          std::memory_order_acq_rel, std::memory_order_relaxed)) {
      }
      ++tlsCounters.stolenShares;
      runRole(kids[i], true);
    }
    return;
  }
  uint32_t wokeSleepers = 0;
  // Cross-cluster subtrees (listed last) are the deepest: wake them first.
  for (int i = count - 1; i >= 0; --i)
    if (publish(kids[i]))
      wokeSleepers |= 1u << i;
  runShare(pos);
  for (int i = 0; i < count; ++i)
    joinChild(kids[i], (wokeSleepers >> i) & 1, /*runWork=*/true);
}

void ThreadTeam::joinChild(int pos, bool wokeSleeper, bool runWork) {
  Slot &slot = slots_[pos];
  ++tlsCounters.waitedLines;
  const uint32_t free = epochBits(job_.epoch) | kFree;
  uint32_t word = slot.word.load(std::memory_order_acquire);
  if (stateOf(word) == kStolen || stateOf(word) == kDone)
    return;
  if (job_.schedule == Schedule::Concurrent) {
    waitForDone(pos);
    return;
  }
  // A leaf is taken over at once: running one share here costs less than
  // the two cache-line round trips of letting its thread claim and report
  // it (on two threads this is what makes an empty dispatch cheap). A
  // subtree is worth waiting a little for, as its root wakes the rest.
  const bool leaf =
      slot.childCount == 0 || children_[slot.firstChild] >= job_.active;
  if (stateOf(word) == kFree && runWork && !wokeSleeper && !leaf &&
      graceNs_ > 0) {
    spinUntil(graceNs_, [&] {
      word = slot.word.load(std::memory_order_acquire);
      return stateOf(word) != kFree;
    });
  }
  if (stateOf(word) == kFree) {
    // Not claimed: its thread is parked or descheduled. Take the subtree.
    word = free | (word & kParentSleeps);
    ++tlsCounters.atomicRmws;
    if (slot.word.compare_exchange_strong(word, epochBits(job_.epoch) | kStolen,
                                          std::memory_order_acq_rel,
                                          std::memory_order_acquire)) {
      if (runWork) {
        ++tlsCounters.stolenShares;
        runRole(pos, true);
      }
      return;
    }
  }
  if (stateOf(word) != kDone)
    waitForDone(pos);
}

void ThreadTeam::waitForDone(int pos) {
  Slot &slot = slots_[pos];
  auto done = [&] {
    return stateOf(slot.word.load(std::memory_order_acquire)) == kDone;
  };
  if (spinUntil(spinNs_, done))
    return;
  for (;;) {
    uint32_t word = slot.word.load(std::memory_order_acquire);
    if (stateOf(word) == kDone)
      return;
    if (!(word & kParentSleeps)) {
      ++tlsCounters.atomicRmws;
      if (!slot.word.compare_exchange_strong(word, word | kParentSleeps,
                                             std::memory_order_acq_rel))
        continue;
      word |= kParentSleeps;
    }
    ++tlsCounters.futexWaits;
    futexWait(slot.word, word);
  }
}

void ThreadTeam::runShare(int pos) {
  const TraceScope trace("share", pos);
  const RegionDepthScope depth;
  const Job &job = job_;
  if (job.schedule == Schedule::Concurrent) {
    job.fn(job.ctx, pos, pos + 1);
    return;
  }
  if (job.schedule == Schedule::Static) {
    const int64_t base = job.units / job.active, rem = job.units % job.active;
    const int64_t firstUnit = pos * base + std::min<int64_t>(pos, rem);
    const int64_t shareUnits = base + (pos < rem ? 1 : 0);
    const int64_t begin = firstUnit * job.grain;
    const int64_t end = std::min(job.n, (firstUnit + shareUnits) * job.grain);
    if (begin < end)
      job.fn(job.ctx, begin, end);
    return;
  }
  // Dynamic: own share's chunks first, then help with the others'.
  for (int i = 0; i < job.active; ++i) {
    Cursor &cursor = cursors_[(pos + i) % job.active];
    for (;;) {
      if (cursor.next.load(std::memory_order_relaxed) >= cursor.end)
        break;
      ++tlsCounters.atomicRmws;
      const int64_t begin =
          cursor.next.fetch_add(cursor.chunk, std::memory_order_relaxed);
      if (begin >= cursor.end)
        break;
      job.fn(job.ctx, begin, std::min(begin + cursor.chunk, cursor.end));
    }
  }
}

void ThreadTeam::workerLoop(int worker) {
  const int pos = workerPos_[worker];
  Slot &slot = slots_[pos];
  // Epoch 0 is the constructor's: any job, even one published before this
  // thread got here, is newer.
  uint32_t seen = 0;
  for (;;) {
    uint32_t word = slot.word.load(std::memory_order_acquire);
    if (epochOf(word) == seen) {
      spinUntil(spinNs_, [&] {
        word = slot.word.load(std::memory_order_acquire);
        return epochOf(word) != seen;
      });
      while (epochOf(word) == seen) {
        if (!(word & kWorkerSleeps)) {
          if (!slot.word.compare_exchange_strong(word, word | kWorkerSleeps,
                                                 std::memory_order_acq_rel))
            continue;
          word |= kWorkerSleeps;
        }
        futexWait(slot.word, word);
        word = slot.word.load(std::memory_order_acquire);
      }
    }
    if (stop_.load(std::memory_order_acquire))
      return;
    seen = epochOf(word);
    // Claim unless an ancestor took the subtree over; a waiter parking on
    // the slot (kParentSleeps) changes the word but not the claim.
    bool claimed = false;
    while (!claimed && epochOf(word) == seen && stateOf(word) == kFree)
      claimed = slot.word.compare_exchange_weak(
          word, (word & kParentSleeps) | epochBits(seen) | kClaimed,
          std::memory_order_acq_rel, std::memory_order_acquire);
    if (!claimed)
      continue;
    runRole(pos, false);
    if (slot.word.exchange(epochBits(seen) | kDone, std::memory_order_acq_rel) &
        kParentSleeps)
      futexWakeAll(slot.word);
  }
}

} // namespace speir::rt
