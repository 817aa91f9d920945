#include "plan/plan_json.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace glancer {

using nlohmann::json;

namespace {

template <class C>
json list_json(const C& c) {
  return json(std::vector<std::string>(c.begin(), c.end()));
}

json source_to_json(const ImageSource& s) {
  json j = json::object();
  if (!s.file.empty()) j["file"] = s.file.string();
  if (!s.url.empty()) j["url"] = s.url;
  if (s.checksum) j["checksum"] = s.checksum->to_string();
  if (!s.checksum_url.empty()) j["checksum_url"] = s.checksum_url;
  j["method"] = s.method;
  if (!s.version.empty()) j["version"] = s.version;
  if (s.allow_backing_file) j["allow_backing_file"] = true;
  return j;
}

ImageSource source_from_json(const json& j) {
  ImageSource s;
  s.file = j.value("file", "");
  s.url = j.value("url", "");
  if (j.contains("checksum")) {
    auto d = Digest::parse(j.at("checksum").get<std::string>());
    if (!d) throw std::runtime_error(d.error().message);
    s.checksum = *d;
  }
  s.checksum_url = j.value("checksum_url", "");
  s.method = j.value("method", "upload");
  s.version = j.value("version", "");
  s.allow_backing_file = j.value("allow_backing_file", false);
  return s;
}

json attr_to_json(const AttributeChange& a) {
  return json{{"path", a.path}, {"before", a.before}, {"after", a.after}};
}

json live_to_json(const LiveRef& l) {
  json j{{"id", l.id},          {"updated_at", l.updated_at},
         {"status", l.status},  {"protected", l.protected_},
         {"hidden", l.hidden},  {"references", l.references},
         {"version", l.version}};
  j["checksum"] = l.checksum ? json(*l.checksum) : json(nullptr);
  return j;
}

LiveRef live_from_json(const json& j) {
  LiveRef l;
  l.id = j.at("id").get<std::string>();
  l.updated_at = j.value("updated_at", "");
  l.status = j.value("status", "");
  l.protected_ = j.value("protected", false);
  l.hidden = j.value("hidden", false);
  l.references = j.value("references", std::vector<std::string>{});
  l.version = j.value("version", "");
  if (j.contains("checksum") && !j.at("checksum").is_null())
    l.checksum = j.at("checksum").get<std::string>();
  return l;
}

json summary_json(const PlanSummary& s) {
  return json{{"create", s.create},     {"update", s.update}, {"replace", s.replace},
              {"rotate", s.rotate},     {"delete", s.remove}, {"no-op", s.no_op},
              {"changes", s.changes()}, {"errors", s.errors}};
}

// A change's error: the code, the message, and the manifest position when known.
json error_to_json(const Error& e) {
  json j{{"code", error_code_name(e.code)}, {"message", e.message}};
  if (e.where.known()) {
    j["file"] = e.where.file.str();
    j["line"] = e.where.line;
    j["column"] = e.where.column;
  }
  return j;
}

Error error_from_json(const json& j) {
  Error e;
  e.code = ErrorCode::internal;
  const std::string code = j.value("code", "");
  for (int c = 0; c <= static_cast<int>(ErrorCode::internal); ++c)
    if (code == error_code_name(static_cast<ErrorCode>(c))) e.code = static_cast<ErrorCode>(c);
  e.message = j.at("message").get<std::string>();
  if (j.contains("file"))
    e.where = SourcePos{j.at("file").get<std::string>(), j.value("line", 0), j.value("column", 0)};
  return e;
}

}  // namespace

json desired_image_to_json(const DesiredImage& d) {
  json j{{"set", d.set},
         {"key", d.key},
         {"name", d.name},
         {"disk_format", d.disk_format},
         {"container_format", d.container_format},
         {"visibility", d.visibility},
         {"protected", d.protected_},
         {"hidden", d.hidden},
         {"status", d.status},
         {"min_disk", d.min_disk},
         {"min_ram", d.min_ram},
         {"tags", list_json(d.tags)},
         {"properties", d.properties},
         {"members", list_json(d.members)}};
  if (d.source) j["source"] = source_to_json(*d.source);
  if (d.rotation) j["rotation"] = json{{"keep", d.rotation->keep}, {"retire", d.rotation->retire}};
  if (!d.standards.empty()) j["standards"] = d.standards;
  j["lifecycle"] = json{{"prevent_destroy", d.lifecycle.prevent_destroy},
                        {"ignore_changes", d.lifecycle.ignore_changes}};
  return j;
}

DesiredImage desired_image_from_json(const json& j) {
  DesiredImage d;
  d.set = j.at("set").get<std::string>();
  d.key = j.at("key").get<std::string>();
  d.name = j.at("name").get<std::string>();
  d.disk_format = j.at("disk_format").get<std::string>();
  d.container_format = j.at("container_format").get<std::string>();
  d.visibility = j.at("visibility").get<std::string>();
  d.protected_ = j.value("protected", false);
  d.hidden = j.value("hidden", false);
  d.status = j.value("status", "active");
  d.min_disk = j.value("min_disk", int64_t{0});
  d.min_ram = j.value("min_ram", int64_t{0});
  for (const auto& t : j.value("tags", json::array())) d.tags.insert(t.get<std::string>());
  d.properties = j.value("properties", std::map<std::string, std::string>{});
  for (const auto& m : j.value("members", json::array())) d.members.insert(m.get<std::string>());
  if (j.contains("source")) d.source = source_from_json(j.at("source"));
  if (j.contains("rotation"))
    d.rotation =
        Rotation{j.at("rotation").value("keep", 0), j.at("rotation").value("retire", "delete")};
  d.standards = j.value("standards", std::vector<std::string>{});
  if (j.contains("lifecycle")) {
    d.lifecycle.prevent_destroy = j.at("lifecycle").value("prevent_destroy", false);
    d.lifecycle.ignore_changes =
        j.at("lifecycle").value("ignore_changes", std::vector<std::string>{});
  }
  return d;
}

json plan_to_json(const Plan& plan) {
  json changes = json::array();
  for (const Change& c : plan.changes) {
    json jc{{"key", c.key},
            {"set", c.set},
            {"name", c.name},
            {"action", action_name(c.action)},
            {"reason", c.reason}};
    jc["attributes"] = json::array();
    for (const auto& a : c.attributes) jc["attributes"].push_back(attr_to_json(a));
    jc["image_id"] = c.live ? json(c.live->id) : json(nullptr);
    if (!c.new_id.empty()) jc["new_image_id"] = c.new_id;
    if (!c.references.empty()) jc["references"] = c.references;
    if (!c.previous_name.empty()) jc["previous_name"] = c.previous_name;
    if (c.live) jc["live"] = live_to_json(*c.live);
    if (c.desired) jc["desired"] = desired_image_to_json(*c.desired);
    if (c.error) jc["error"] = error_to_json(*c.error);
    changes.push_back(std::move(jc));
  }
  // Version 1 readers know no `error`: they must not see a plan holding one.
  const int version = plan.has_errors() ? k_plan_format_version : 1;
  return json{{"format_version", version},     {"target", plan.target},
              {"created_at", plan.created_at}, {"sets", plan.sets},
              {"changes", std::move(changes)}, {"summary", summary_json(plan.summary())}};
}

Result<Plan> plan_from_json(const json& j) {
  try {
    Plan p;
    p.format_version = j.at("format_version").get<int>();
    if (p.format_version < 1 || p.format_version > k_plan_format_version)
      return fail(ErrorCode::invalid_argument,
                  "plan format_version " + std::to_string(p.format_version) +
                      " is not supported (this glancer reads versions 1 to " +
                      std::to_string(k_plan_format_version) + ")");
    p.target = j.at("target").get<std::string>();
    p.created_at = j.value("created_at", "");
    p.sets = j.value("sets", std::vector<std::string>{});
    for (const json& jc : j.at("changes")) {
      Change c;
      c.key = jc.at("key").get<std::string>();
      c.set = jc.at("set").get<std::string>();
      c.name = jc.value("name", "");
      auto action = parse_action(jc.at("action").get<std::string>());
      if (!action)
        return fail(ErrorCode::invalid_argument,
                    "unknown action `" + jc.at("action").get<std::string>() + "`");
      c.action = *action;
      c.reason = jc.value("reason", "");
      for (const json& a : jc.value("attributes", json::array()))
        c.attributes.push_back(
            {a.at("path").get<std::string>(), a.value("before", json()), a.value("after", json())});
      c.new_id = jc.value("new_image_id", "");
      c.references = jc.value("references", std::vector<std::string>{});
      c.previous_name = jc.value("previous_name", "");
      if (jc.contains("live")) c.live = live_from_json(jc.at("live"));
      if (jc.contains("desired")) c.desired = desired_image_from_json(jc.at("desired"));
      if (jc.contains("error")) c.error = error_from_json(jc.at("error"));
      p.changes.push_back(std::move(c));
    }
    return p;
  } catch (const std::exception& e) {
    return fail(ErrorCode::invalid_argument, std::string("malformed plan: ") + e.what());
  }
}

Status save_plan(const Plan& plan, const std::string& path) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) return fail(ErrorCode::io, "cannot write " + tmp + ": " + std::strerror(errno));
    out << plan_to_json(plan).dump(2) << "\n";
    if (!out.flush())
      return fail(ErrorCode::io, "cannot write " + tmp + ": " + std::strerror(errno));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return fail(ErrorCode::io, "cannot write " + path + ": " + ec.message());
  return {};
}

Result<Plan> load_plan(const std::string& path) {
  std::ifstream in(path);
  if (!in) return fail(ErrorCode::io, "cannot read plan " + path + ": " + std::strerror(errno));
  json j = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded())
    return fail(ErrorCode::invalid_argument, path + " is not a plan file (invalid JSON)");
  auto plan = plan_from_json(j);
  if (!plan) return fail(plan.error().code, path + ": " + plan.error().message);
  return plan;
}

}  // namespace glancer
