#include "threading/StreamRegistry.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sched.h>
#include <string>

#include "arch/CpuInfo.h"

namespace speir::rt {
namespace {

__attribute__((
    tls_model("initial-exec"))) thread_local Stream *tlsCurrentStream = nullptr;

// Set by speir_set_num_threads until the registry is built.
std::mutex configMutex;
bool registryBuilt = false;
int requestedTotalThreads = 0;

// Positive integer from the environment, or 0 when unset or malformed.
int parsePositive(const char *text) {
  if (!text || !*text)
    return 0;
  char *end = nullptr;
  long value = std::strtol(text, &end, 10);
  if (*end != '\0' || value <= 0 || value > 1024)
    return 0;
  return static_cast<int>(value);
}

std::vector<int> processCpus() {
  std::vector<int> cpus;
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0)
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
      if (CPU_ISSET(cpu, &set))
        cpus.push_back(cpu);
  return cpus;
}

// The cluster sysfs reports for a CPU (topology/cluster_id), or -1.
int sysfsClusterId(int cpu) {
  std::ifstream file("/sys/devices/system/cpu/cpu" + std::to_string(cpu) +
                     "/topology/cluster_id");
  int id = -1;
  if (!(file >> id))
    return -1;
  return id;
}

} // namespace

int logicalCluster(int slot, int cpu, int clusters, int cores_per_cluster) {
  if (clusters <= 1 || cores_per_cluster <= 0)
    return 0;
  if (cpu >= 0) {
    // Pinned: the CPU's own cluster. sysfs wins where it numbers clusters
    // within the table's range (the table says cluster-major numbering),
    // unless SPINE_ARCH_ID makes this machine act as another.
    const char *simulated = std::getenv("SPINE_ARCH_ID");
    const int fromSysfs = simulated && *simulated ? -1 : sysfsClusterId(cpu);
    if (fromSysfs >= 0 && fromSysfs < clusters)
      return fromSysfs;
    return (cpu / cores_per_cluster) % clusters;
  }
  return (slot / cores_per_cluster) % clusters;
}

Stream *currentThreadStream() { return tlsCurrentStream; }
void setCurrentThreadStream(Stream *stream) { tlsCurrentStream = stream; }

ThreadLayout computeThreadLayout(int num_cores, int cores_per_cluster,
                                 bool known_topology,
                                 const char *num_threads_env,
                                 const char *stream_threads_env,
                                 const char *pin_env) {
  ThreadLayout layout{};
  int total = parsePositive(num_threads_env);
  layout.total_threads = total > 0 ? total : std::max(num_cores, 1);
  int perStream = parsePositive(stream_threads_env);
  if (perStream == 0)
    perStream = known_topology && cores_per_cluster > 0 ? cores_per_cluster
                                                        : layout.total_threads;
  layout.stream_threads = std::min(perStream, layout.total_threads);
  layout.num_streams =
      std::max(1, layout.total_threads / layout.stream_threads);
  layout.pin = known_topology;
  if (pin_env && *pin_env)
    layout.pin = std::strcmp(pin_env, "0") != 0;
  // More threads than cores: pinning would stack threads on one core.
  if (layout.total_threads > num_cores)
    layout.pin = false;
  return layout;
}

StreamRegistry &StreamRegistry::instance() {
  // Never destroyed: workers must outlive every static destructor that might
  // still dispatch during exit.
  static StreamRegistry *registry = new StreamRegistry();
  return *registry;
}

bool StreamRegistry::requestTotalThreads(int total_threads) {
  std::lock_guard<std::mutex> lock(configMutex);
  if (registryBuilt)
    return false;
  requestedTotalThreads = total_threads;
  return true;
}

StreamRegistry::StreamRegistry() {
  int requested = 0;
  {
    std::lock_guard<std::mutex> lock(configMutex);
    registryBuilt = true;
    requested = requestedTotalThreads;
  }
  const std::string requestedText = std::to_string(requested);
  const char *totalThreads =
      requested > 0 ? requestedText.c_str() : std::getenv("SPINE_NUM_THREADS");
  const CpuInfo &info = cpuInfo();
  const SpacemitCore *core = findSpacemitCore(info.arch_id);
  allowedCpus_ = processCpus();
  const int cores = allowedCpus_.empty()
                        ? info.num_cores
                        : static_cast<int>(allowedCpus_.size());
  layout_ = computeThreadLayout(
      cores, core ? core->cores_per_cluster : 0, core != nullptr, totalThreads,
      std::getenv("SPINE_STREAM_THREADS"), std::getenv("SPINE_PIN_THREADS"));
  if (allowedCpus_.empty())
    layout_.pin = false;
  const int H = layout_.total_threads, T = layout_.stream_threads,
            S = layout_.num_streams;
  auto cpuOf = [this](int slot) {
    return layout_.pin ? allowedCpus_[slot] : -1;
  };

  // Clusters of the slots: a known SpacemiT core's from its table row (and
  // sysfs when pinned); one cluster elsewhere.
  const int clusters = core ? core->clusters : 1;
  const int perCluster = core ? core->cores_per_cluster : 0;
  imeClusterMask_ = core && core->ime_version ? core->ime_cluster_mask : 0;
  auto clusterOf = [&](int slot) {
    return logicalCluster(slot, cpuOf(slot), clusters, perCluster);
  };
  slotClusters_.clear();
  for (int slot = 0; slot < H; ++slot)
    slotClusters_.push_back(clusterOf(slot));

  // Slot 0 is the dispatching thread's; workers take slots 1..H-1.
  std::vector<int> machineCpus;
  for (int slot = 1; slot < H; ++slot)
    machineCpus.push_back(cpuOf(slot));
  machineTeam_ = std::make_unique<ThreadTeam>(
      machineCpus, true,
      [this](int worker) {
        setCurrentThreadCluster(slotClusters_[worker + 1]);
      },
      slotClusters_);

  for (int s = 0; s < S; ++s) {
    auto stream = std::make_unique<Stream>();
    stream->index = s;
    streams_.push_back(std::move(stream));
  }
  for (int s = 0; s < S; ++s) {
    Stream *stream = streams_[s].get();
    if (S == 1 && T == H) {
      stream->team = machineTeam_.get(); // one stream is the whole machine
      continue;
    }
    std::vector<int> cpus;
    std::vector<int> streamClusters{slotClusters_[s * T]};
    for (int slot = s * T + 1; slot < (s + 1) * T; ++slot) {
      cpus.push_back(cpuOf(slot));
      streamClusters.push_back(slotClusters_[slot]);
    }
    streamTeams_.push_back(std::make_unique<ThreadTeam>(
        cpus, true,
        [this, stream, s, T](int worker) {
          setCurrentThreadStream(stream);
          setCurrentThreadCluster(slotClusters_[s * T + 1 + worker]);
        },
        streamClusters));
    stream->team = streamTeams_.back().get();
  }

  inlineTeam_ = std::make_unique<ThreadTeam>(std::vector<int>{}, true);
  inlineStream_.team = inlineTeam_.get();

  std::vector<int> leaderCpus;
  for (int s = 1; s < S; ++s)
    leaderCpus.push_back(cpuOf(s * T));
  leaderTeam_ =
      std::make_unique<ThreadTeam>(leaderCpus, true, [this, T](int worker) {
        setCurrentThreadStream(streams_[worker + 1].get());
        setCurrentThreadCluster(slotClusters_[(worker + 1) * T]);
      });

  for (int width = 1; width <= S; ++width) {
    auto multi = std::make_unique<MultiStream>();
    multi->width = width;
    multiStreams_.push_back(std::move(multi));
  }
}

Stream *StreamRegistry::findStream(const void *handle) {
  if (!handle)
    return nullptr;
  if (handle == &inlineStream_)
    return &inlineStream_;
  for (auto &stream : streams_)
    if (handle == stream.get())
      return stream.get();
  return nullptr;
}

MultiStream *StreamRegistry::multiStream(int64_t width) {
  const int S = layout_.num_streams;
  if (width <= 0 || width > S)
    width = S;
  return multiStreams_[width - 1].get();
}

MultiStream &StreamRegistry::resolveMultiStream(const void *handle) {
  for (auto &multi : multiStreams_)
    if (handle == multi.get())
      return *multi;
  return *multiStreams_.back();
}

ThreadTeam *StreamRegistry::imeTeam() {
  int state = imeState_.load(std::memory_order_acquire);
  if (state != 0)
    return state == 1 ? imeTeam_.get() : nullptr;
  static std::mutex initMutex;
  std::lock_guard<std::mutex> lock(initMutex);
  state = imeState_.load(std::memory_order_acquire);
  if (state != 0)
    return state == 1 ? imeTeam_.get() : nullptr;

  std::vector<int> cpus;
  const uint64_t mask = cpuInfo().ime_core_mask;
  for (int cpu : allowedCpus_)
    if (cpu < 64 && (mask & (1ull << cpu)) &&
        static_cast<int>(cpus.size()) < layout_.total_threads)
      cpus.push_back(cpu);
  // The caller may run on any core, so only the team's workers execute IME
  // work: pinned to the IME cores where this process may use them, else
  // (qemu, containers, fewer CPUs) unpinned threads standing for the IME
  // clusters' slots, which keeps IME work on cluster-0 threads logically
  // (imeCoresEnforced() tells the two apart).
  auto clusterOfCpu = [this](int cpu) {
    const SpacemitCore *core = findSpacemitCore(cpuInfo().arch_id);
    return core ? logicalCluster(cpu, cpu, core->clusters,
                                 core->cores_per_cluster)
                : 0;
  };
  if (!cpus.empty()) {
    std::vector<int> clusters;
    for (int cpu : cpus)
      clusters.push_back(clusterOfCpu(cpu));
    imeTeam_ = std::make_unique<ThreadTeam>(
        cpus, false,
        [clusters](int worker) { setCurrentThreadCluster(clusters[worker]); },
        clusters);
    imePinned_ = imeTeam_->affinityApplied();
    if (!imePinned_)
      imeTeam_.reset();
  }
  if (!imeTeam_ && imeClusterMask_ != 0) {
    std::vector<int> slots, clusters;
    for (int slot = 0; slot < layout_.total_threads; ++slot)
      if (imeClusterMask_ & (1ull << slotClusters_[slot])) {
        slots.push_back(-1);
        clusters.push_back(slotClusters_[slot]);
      }
    if (!slots.empty())
      imeTeam_ = std::make_unique<ThreadTeam>(
          slots, false,
          [clusters](int worker) { setCurrentThreadCluster(clusters[worker]); },
          clusters);
  }
  imeState_.store(imeTeam_ ? 1 : 2, std::memory_order_release);
  return imeTeam_.get();
}

} // namespace speir::rt
