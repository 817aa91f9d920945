#include "report/drift_view.h"

#include <map>
#include <sstream>

#include "report/style.h"

namespace glancer {

namespace {

std::map<DriftKind, int> counts(const DriftReport& r) {
  std::map<DriftKind, int> n;
  for (const auto& d : r.drift) ++n[d.kind];
  return n;
}

Tone kind_tone(DriftKind k) {
  switch (k) {
    case DriftKind::missing: return Tone::removed;
    case DriftKind::modified: return Tone::changed;
    case DriftKind::content: return Tone::replaced;
    case DriftKind::broken: return Tone::bad;
    case DriftKind::unfinished: return Tone::bad;
    case DriftKind::ambiguous:
    case DriftKind::outdated:
    case DriftKind::unmanaged: return Tone::warning;
    case DriftKind::expired: return Tone::bad;
  }
  return Tone::strong;
}

}  // namespace

const std::vector<DriftKind>& drift_kinds() {
  static const std::vector<DriftKind> kinds = {
      DriftKind::missing,   DriftKind::modified,   DriftKind::content,
      DriftKind::broken,    DriftKind::unfinished, DriftKind::ambiguous,
      DriftKind::unmanaged, DriftKind::outdated,   DriftKind::expired};
  return kinds;
}

std::string drift_summary_line(const DriftReport& r) {
  std::string out = "Drift:";
  auto n = counts(r);
  const char* sep = " ";
  for (DriftKind k : drift_kinds()) {
    out += sep + std::to_string(n[k]) + " " + drift_kind_name(k);
    sep = ", ";
  }
  return out + ".";
}

std::string render_drift_human(const DriftReport& r, const RenderOptions& options) {
  std::ostringstream out;
  if (r.drift.empty()) {
    out << "No drift: " << r.managed << " managed image" << (r.managed == 1 ? "" : "s")
        << " match the manifests.\n";
    return out.str();
  }
  for (const DriftItem& d : r.drift) {
    out << "  "
        << paint(std::string(drift_kind_name(d.kind)) + ":", kind_tone(d.kind), options.color)
        << " ";
    if (!d.set.empty()) out << d.set << "/" << d.key << " ";
    out << "\"" << d.name << "\"";
    if (!d.image_id.empty()) out << " (" << d.image_id << ")";
    out << "\n      " << d.detail << "\n";
    for (const auto& a : d.attributes)
      out << "      " << a.path << ": manifest " << a.after.dump() << ", live " << a.before.dump()
          << "\n";
  }
  out << "\n" << paint(drift_summary_line(r), Tone::strong, options.color) << "\n";
  return out.str();
}

nlohmann::json drift_to_json(const DriftReport& r) {
  nlohmann::json items = nlohmann::json::array();
  for (const DriftItem& d : r.drift) {
    nlohmann::json attrs = nlohmann::json::array();
    for (const auto& a : d.attributes)
      attrs.push_back({{"path", a.path}, {"desired", a.after}, {"live", a.before}});
    items.push_back(
        {{"kind", drift_kind_name(d.kind)},
         {"set", d.set},
         {"key", d.key},
         {"name", d.name},
         {"image_id", d.image_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.image_id)},
         {"detail", d.detail},
         {"attributes", attrs}});
  }
  nlohmann::json summary = nlohmann::json::object();
  auto n = counts(r);
  for (DriftKind k : drift_kinds()) summary[drift_kind_name(k)] = n[k];
  summary["total"] = r.drift.size();
  return {{"format_version", 1},  {"target", r.target}, {"checked_at", r.checked_at},
          {"managed", r.managed}, {"drift", items},     {"summary", summary}};
}

std::string render_drift(const DriftReport& report, Format format, const RenderOptions& options) {
  switch (format) {
    case Format::human: return render_drift_human(report, options);
    case Format::json: return drift_to_json(report).dump(2) + "\n";
    case Format::markdown: return render_drift_markdown(report);
    case Format::junit: return render_drift_junit(report);
  }
  return render_drift_human(report, options);
}

}  // namespace glancer
