#include "server/serve_state.h"

namespace glancer {

std::vector<std::string> import_methods(const ServeOptions& options) {
  std::vector<std::string> methods{"glance-direct"};
  if (options.open_url) methods.push_back("web-download");
  return methods;
}

Result<std::unique_ptr<StagingArea>> StagingArea::open(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    return fail(ErrorCode::io,
                "cannot create staging directory " + dir.string() + ": " + ec.message());
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    std::filesystem::remove_all(entry.path(), ec);
  return std::unique_ptr<StagingArea>(new StagingArea(dir));
}

std::filesystem::path StagingArea::path_for(const std::string& id) const {
  return m_dir / id;
}

std::optional<std::string> StagingArea::phase(const std::string& id) const {
  std::lock_guard lock(m_mutex);
  auto it = m_phases.find(id);
  if (it == m_phases.end()) return std::nullopt;
  return it->second;
}

bool StagingArea::transition(const std::string& id, std::optional<std::string> expected,
                             std::optional<std::string> next) {
  std::lock_guard lock(m_mutex);
  auto it = m_phases.find(id);
  std::optional<std::string> current;
  if (it != m_phases.end()) current = it->second;
  if (current != expected) return false;
  if (next)
    m_phases[id] = *next;
  else if (it != m_phases.end())
    m_phases.erase(it);
  return true;
}

bool StagingArea::busy() const {
  std::lock_guard lock(m_mutex);
  return !m_phases.empty();
}

void StagingArea::overlay(Image& image) const {
  if (image.status != "queued") return;
  if (auto p = phase(image.id)) image.status = *p == "staging" ? "uploading" : *p;
}

void BackgroundJobs::start(std::function<void()> job) {
  std::lock_guard lock(m_mutex);
  for (auto it = m_jobs.begin(); it != m_jobs.end();) {
    if (it->done.load()) {
      it->thread.join();
      it = m_jobs.erase(it);
    } else {
      ++it;
    }
  }
  Job& slot = m_jobs.emplace_back();
  slot.thread = std::thread([&slot, job = std::move(job)] {
    job();
    slot.done.store(true);
  });
}

void BackgroundJobs::join_all() {
  std::lock_guard lock(m_mutex);
  for (auto& job : m_jobs)
    if (job.thread.joinable()) job.thread.join();
  m_jobs.clear();
}

}  // namespace glancer
