// The CI formats of a drift report: Markdown for comments and job summaries, JUnit XML for test
// tabs.
#include <map>
#include <sstream>
#include <tuple>

#include "report/drift_view.h"
#include "report/junit.h"
#include "report/markdown.h"

namespace glancer {

namespace {

// The findings of one image, in report order. Unmanaged images are their own subjects.
struct Subject {
  std::string set, key, name, image_id;
  std::vector<const DriftItem*> items;
};

std::vector<Subject> subjects(const DriftReport& r) {
  std::vector<Subject> out;
  std::map<std::tuple<std::string, std::string, std::string>, size_t> index;
  for (const auto& [set, key] : r.checked) {
    index[{set, key, ""}] = out.size();
    out.push_back({set, key, "", "", {}});
  }
  for (const DriftItem& d : r.drift) {
    // A managed image's findings (missing, broken pending copies) belong to its set/key.
    const bool managed = d.kind != DriftKind::unmanaged;
    auto id = managed ? std::make_tuple(d.set, d.key, std::string())
                      : std::make_tuple(d.set, d.key, d.image_id);
    auto [it, added] = index.try_emplace(id, out.size());
    if (added) out.push_back({d.set, d.key, "", "", {}});
    Subject& s = out[it->second];
    if (s.name.empty()) s.name = d.name;
    if (s.image_id.empty()) s.image_id = d.image_id;
    s.items.push_back(&d);
  }
  return out;
}

std::string finding_text(const DriftItem& d) {
  std::string text = std::string(drift_kind_name(d.kind)) + ": " + d.detail;
  if (!d.image_id.empty()) text += " (image " + d.image_id + ")";
  return text;
}

std::string subject_section(const Subject& s) {
  std::string summary;
  for (const DriftItem* d : s.items)
    summary += "<code>" + std::string(drift_kind_name(d->kind)) + "</code> ";
  summary += "<b>" + html_text(s.set.empty() ? "(unlabelled)" : image_ref(s.set, s.key)) + "</b>";
  if (!s.name.empty()) summary += " &quot;" + html_text(s.name) + "&quot;";
  if (!s.image_id.empty()) summary += " (<code>" + html_text(s.image_id) + "</code>)";
  std::string body;
  for (const DriftItem* d : s.items) {
    body +=
        "- **" + std::string(drift_kind_name(d->kind)) + "**: " + markdown_text(d->detail) + "\n";
    if (d->attributes.empty()) continue;
    std::string diff;
    for (const auto& a : d->attributes)
      diff += "- " + a.path + " = " + a.before.dump() + "   (live)\n+ " + a.path + " = " +
              a.after.dump() + "   (manifest)\n";
    body += "\n" + code_block(diff, "diff");
  }
  return details_section(summary, body);
}

}  // namespace

std::string render_drift_markdown(const DriftReport& r) {
  std::map<DriftKind, int> n;
  for (const auto& d : r.drift) ++n[d.kind];
  std::ostringstream head;
  head << "### glancer drift: ";
  if (r.drift.empty())
    head << "no drift\n\n";
  else
    head << r.drift.size() << " finding" << (r.drift.size() == 1 ? "" : "s") << "\n\n";
  head << "Target: " << markdown_text(r.target) << " · checked at " << markdown_text(r.checked_at)
       << " · " << r.managed << " managed image" << (r.managed == 1 ? "" : "s") << "\n\n";
  std::string names = "|", rule = "|", values = "|";
  for (DriftKind k : drift_kinds()) {
    names += std::string(" ") + drift_kind_name(k) + " |";
    rule += "---:|";
    values += " " + std::to_string(n[k]) + " |";
  }
  head << names << "\n" << rule << "\n" << values << "\n\n";
  if (r.drift.empty()) head << "Every managed image matches the manifests.\n";
  std::vector<std::string> sections;
  for (const Subject& s : subjects(r))
    if (!s.items.empty()) sections.push_back(subject_section(s));
  return fit_markdown(head.str(), sections, "", "images");
}

std::string render_drift_junit(const DriftReport& r) {
  std::vector<JUnitCase> cases;
  for (const Subject& s : subjects(r)) {
    JUnitCase tc;
    tc.classname = s.set.empty() ? "unmanaged" : s.set;
    tc.name = !s.key.empty()   ? s.key
              : s.name.empty() ? s.image_id
                               : s.name + " (" + s.image_id + ")";
    if (!s.items.empty()) {
      std::string kinds;
      for (const DriftItem* d : s.items) {
        kinds += (kinds.empty() ? "" : ", ") + std::string(drift_kind_name(d->kind));
        tc.failure_text += finding_text(*d) + "\n";
        for (const auto& a : d->attributes)
          tc.failure_text +=
              "  " + a.path + ": manifest " + a.after.dump() + ", live " + a.before.dump() + "\n";
      }
      tc.failure_message =
          "drift: " + kinds + (s.items.size() == 1 ? ": " + s.items[0]->detail : "");
    }
    cases.push_back(std::move(tc));
  }
  return render_junit("glancer drift", cases);
}

}  // namespace glancer
