#include "report/drift_view.h"

#include <map>
#include <sstream>

namespace glancer {

namespace {
const DriftKind k_kinds[] = {DriftKind::missing, DriftKind::modified, DriftKind::content,
                             DriftKind::broken, DriftKind::unmanaged};

std::map<DriftKind, int> counts(const DriftReport& r) {
  std::map<DriftKind, int> n;
  for (const auto& d : r.drift) ++n[d.kind];
  return n;
}
}  // namespace

std::string render_drift_human(const DriftReport& r) {
  std::ostringstream out;
  if (r.drift.empty()) {
    out << "No drift: " << r.managed << " managed image" << (r.managed == 1 ? "" : "s")
        << " match the manifests.\n";
    return out.str();
  }
  for (const DriftItem& d : r.drift) {
    out << "  " << drift_kind_name(d.kind) << ": ";
    if (!d.set.empty()) out << d.set << "/" << d.key << " ";
    out << "\"" << d.name << "\"";
    if (!d.image_id.empty()) out << " (" << d.image_id << ")";
    out << "\n      " << d.detail << "\n";
    for (const auto& a : d.attributes)
      out << "      " << a.path << ": manifest " << a.after.dump() << ", live " << a.before.dump() << "\n";
  }
  out << "\nDrift:";
  auto n = counts(r);
  const char* sep = " ";
  for (DriftKind k : k_kinds) {
    out << sep << n[k] << " " << drift_kind_name(k);
    sep = ", ";
  }
  out << ".\n";
  return out.str();
}

nlohmann::json drift_to_json(const DriftReport& r) {
  nlohmann::json items = nlohmann::json::array();
  for (const DriftItem& d : r.drift) {
    nlohmann::json attrs = nlohmann::json::array();
    for (const auto& a : d.attributes) attrs.push_back({{"path", a.path}, {"desired", a.after}, {"live", a.before}});
    items.push_back({{"kind", drift_kind_name(d.kind)},
                     {"set", d.set},
                     {"key", d.key},
                     {"name", d.name},
                     {"image_id", d.image_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.image_id)},
                     {"detail", d.detail},
                     {"attributes", attrs}});
  }
  nlohmann::json summary = nlohmann::json::object();
  auto n = counts(r);
  for (DriftKind k : k_kinds) summary[drift_kind_name(k)] = n[k];
  summary["total"] = r.drift.size();
  return {{"format_version", 1}, {"target", r.target}, {"checked_at", r.checked_at},
          {"managed", r.managed}, {"drift", items}, {"summary", summary}};
}

}  // namespace glancer
