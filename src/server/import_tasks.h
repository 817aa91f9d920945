#pragma once
/// Glance's tasks of the interoperable import (API 2.12: GET /v2/images/{id}/tasks): one task
/// per POST …/import, whose request_id is that request's X-Openstack-Request-Id. Kept in
/// memory, like the import phase: a restart forgets them.

#include <cstddef>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace glancer {

/// One import task as Glance shows it.
struct ImportTask {
  std::string id;
  std::string image_id;
  std::string request_id;
  std::string owner;
  std::string status = "processing";  ///< processing, success, failure
  std::string message;
  std::string created_at;
  std::string updated_at;
  nlohmann::json input;  ///< {"image_id", "import_req": the request body, "backend": null}
};

/// Glance's JSON for a task.
nlohmann::json task_to_json(const ImportTask& task);

/// The tasks of every image, the newest `capacity` kept. Thread-safe.
class ImportTasks {
 public:
  explicit ImportTasks(size_t capacity = 10'000) : m_capacity(capacity) {}
  /// Records a new task (status processing).
  void add(ImportTask task);
  /// Ends task `id`: success, or failure with `message`.
  void finish(const std::string& id, bool ok, const std::string& message);
  /// The tasks of an image, oldest first.
  std::vector<ImportTask> of_image(const std::string& image_id) const;

 private:
  size_t m_capacity;
  mutable std::mutex m_mutex;
  std::deque<ImportTask> m_tasks;
};

}  // namespace glancer
