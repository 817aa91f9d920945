#include "server/import_tasks.h"

#include "core/clock.h"

namespace glancer {

nlohmann::json task_to_json(const ImportTask& t) {
  return {{"id", t.id},
          {"type", "api_image_import"},
          {"status", t.status},
          {"owner", t.owner},
          {"image_id", t.image_id},
          {"request_id", t.request_id},
          {"user_id", nullptr},
          {"input", t.input},
          {"result", nullptr},
          {"message", t.message},
          {"created_at", t.created_at},
          {"updated_at", t.updated_at},
          {"expires_at", nullptr},
          {"deleted", false},
          {"deleted_at", nullptr}};
}

void ImportTasks::add(ImportTask task) {
  task.created_at = task.updated_at = utc_now();
  std::lock_guard lock(m_mutex);
  if (m_tasks.size() >= m_capacity) m_tasks.pop_front();
  m_tasks.push_back(std::move(task));
}

void ImportTasks::finish(const std::string& id, bool ok, const std::string& message) {
  std::lock_guard lock(m_mutex);
  for (auto& t : m_tasks)
    if (t.id == id) {
      t.status = ok ? "success" : "failure";
      t.message = message;
      t.updated_at = utc_now();
    }
}

std::vector<ImportTask> ImportTasks::of_image(const std::string& image_id) const {
  std::lock_guard lock(m_mutex);
  std::vector<ImportTask> out;
  for (const auto& t : m_tasks)
    if (t.image_id == image_id) out.push_back(t);
  return out;
}

}  // namespace glancer
