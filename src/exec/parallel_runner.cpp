#include "exec/parallel_runner.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "exec/apply_tracker.h"
#include "exec/serialized_observer.h"

namespace glancer {

namespace {

// Which actions move image data (bounded separately from other actions).
bool moves_data(const Change& c, Phase phase) {
  return phase == Phase::main &&
         (c.action == Action::create || c.action == Action::replace || c.action == Action::rotate);
}

// How often the watching thread looks at the cancel flag. The flag is set from a signal
// handler, which cannot notify a condition variable, so waiting for it has to poll.
constexpr std::chrono::milliseconds k_cancel_poll{50};

}  // namespace

Result<ApplyOutcome> ParallelRunner::apply(const Plan& plan) {
  GLANCER_TRY(graph, ActionGraph::build(plan.changes));
  SerializedObserver observer(m_observer);  // the tracker (under mu) and the actions share it
  ApplyTracker tracker(plan, graph, observer, m_clock);
  std::mutex mu;  // guards tracker and uploads_running
  std::condition_variable cv;
  int uploads_running = 0;

  auto worker = [&] {
    std::unique_lock lock(mu);
    for (;;) {
      auto node = tracker.start_next([&](size_t n) {
        return !moves_data(tracker.change(n), tracker.node(n).phase) ||
               uploads_running < m_options.uploads;
      });
      if (!node) {
        if (tracker.finished()) return;
        // Woken when an action finishes (it may make others ready or free an upload slot) or
        // the apply is interrupted.
        cv.wait(lock);
        continue;
      }
      const Change& change = tracker.change(*node);
      const Phase phase = tracker.node(*node).phase;
      const bool data = moves_data(change, phase);
      if (data) ++uploads_running;
      lock.unlock();
      auto result = m_actions.run(change, phase, observer);
      lock.lock();
      if (data) --uploads_running;
      tracker.finish(*node, result);
      cv.notify_all();
    }
  };

  const int n_workers =
      std::max(1, std::min<int>(m_options.parallelism, static_cast<int>(graph.size())));
  std::vector<std::thread> workers;
  for (int i = 0; i < n_workers; ++i) workers.emplace_back(worker);
  // This thread watches for Ctrl-C while the workers may all be busy in long uploads, so the
  // interrupt is reported at once, not when an action happens to end.
  if (m_cancel) {
    std::unique_lock lock(mu);
    while (!tracker.finished()) {
      if (m_cancel->load() && !tracker.interrupted()) {
        tracker.interrupt();
        cv.notify_all();
      }
      cv.wait_for(lock, k_cancel_poll);
    }
  }
  for (auto& t : workers) t.join();
  return tracker.outcome();
}

}  // namespace glancer
