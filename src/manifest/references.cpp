#include "manifest/references.h"

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "manifest/scs_0102.h"
#include "manifest/suggest.h"
#include "manifest/yaml_util.h"

namespace glancer::manifest {

namespace {

// Reports each (position, message) once: problems inherited from `defaults:` repeat per image.
class Reporter {
 public:
  explicit Reporter(Diagnostics& diags) : m_diags(diags) {}
  void error(const SourcePos& at, std::string message) {
    if (m_seen.emplace(at.to_string(), message).second) m_diags.error(at, std::move(message));
  }

 private:
  Diagnostics& m_diags;
  std::set<std::pair<std::string, std::string>> m_seen;
};

std::string label(const DesiredImage& im, bool with_set) {
  return with_set ? im.set + "/" + im.key : im.key;
}

void check_names(const DesiredState& state, Reporter& report) {
  std::map<std::pair<std::string, std::string>, const DesiredImage*> first;
  for (const DesiredImage& im : state.images) {
    auto [it, inserted] = first.emplace(std::pair(im.set, im.name), &im);
    if (inserted) continue;
    const DesiredImage& other = *it->second;
    report.error(im.pos("name"), "image name `" + clip(im.name) + "` is already used by image `" +
                                     clip(other.key) + "` of set `" + im.set + "` (at " +
                                     other.pos("name").to_string() +
                                     "); names must be unique within a set");
  }
}

// Resolves the references of image `self` (an index into state.images); fills its
// `references` and returns the indexes it depends on.
class Resolver {
 public:
  Resolver(DesiredState& state, Reporter& report) : m_state(state), m_report(report) {
    for (size_t i = 0; i < state.images.size(); ++i) {
      const DesiredImage& im = state.images[i];
      m_index[{im.set, im.key}] = i;
      m_by_key[im.key].push_back(i);
    }
  }

  std::vector<size_t> resolve(size_t self) {
    DesiredImage& im = m_state.images[self];
    std::vector<size_t> targets;
    for (const auto& [property, value] : im.properties) {
      SourcePos at = im.pos("properties." + property);
      std::string what = "property `" + clip(property) + "`";
      for (const ReferenceToken& t : scan_references(value)) {
        if (t.malformed) {
          m_report.error(at, what + " has a malformed reference `" + clip(t.text) +
                                 "`; write `${image.KEY.id}` or `${image.SET/KEY.id}`");
          continue;
        }
        auto target = find(im, t, at, what);
        if (!target) continue;
        if (*target == self) {
          m_report.error(at, what + " of image `" + clip(im.key) + "` references the image itself");
          continue;
        }
        const DesiredImage& to = m_state.images[*target];
        im.references.push_back(ImageRef{property, to.set, to.key, at});
        targets.push_back(*target);
      }
    }
    return targets;
  }

 private:
  std::optional<size_t> find(const DesiredImage& from, const ReferenceToken& t, const SourcePos& at,
                             const std::string& what) {
    if (!t.set.empty()) {
      if (!m_state.has_set(t.set)) {
        m_report.error(at, what + " references image `" + clip(t.key) + "` of set `" + clip(t.set) +
                               "`, which is not loaded");
        return std::nullopt;
      }
      if (auto it = m_index.find({t.set, t.key}); it != m_index.end()) return it->second;
      m_report.error(at, what + " references unknown image `" + clip(t.key) + "` in set `" +
                             clip(t.set) + "`" + suggestion(t.key, t.set));
      return std::nullopt;
    }
    if (auto it = m_index.find({from.set, t.key}); it != m_index.end()) return it->second;
    auto candidates = m_by_key.find(t.key);
    if (candidates == m_by_key.end()) {
      m_report.error(at, what + " references unknown image `" + clip(t.key) + "`" +
                             suggestion(t.key, from.set));
      return std::nullopt;
    }
    if (candidates->second.size() == 1) return candidates->second.front();
    std::string choices;
    for (size_t i : candidates->second)
      choices += std::string(choices.empty() ? "" : " or ") + "`${image." + m_state.images[i].set +
                 "/" + clip(t.key) + ".id}`";
    m_report.error(at, what + " references image `" + clip(t.key) +
                           "`, which several loaded sets have; write " + choices);
    return std::nullopt;
  }

  // "; did you mean `k`?" among the keys of `set`, else among all keys.
  std::string suggestion(const std::string& key, const std::string& set) const {
    std::vector<std::string_view> same_set, all;
    for (const DesiredImage& im : m_state.images) {
      all.push_back(im.key);
      if (im.set == set) same_set.push_back(im.key);
    }
    std::string hint = did_you_mean(key, same_set);
    return hint.empty() ? did_you_mean(key, all) : hint;
  }

  DesiredState& m_state;
  Reporter& m_report;
  std::map<std::pair<std::string, std::string>, size_t> m_index;
  std::map<std::string, std::vector<size_t>> m_by_key;
};

// Reports every loop once, each starting from its smallest image (by set, then key).
void report_cycles(const DesiredState& state, const std::vector<std::vector<size_t>>& edges,
                   Reporter& report) {
  size_t n = state.images.size();
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  auto less = [&](size_t a, size_t b) {
    const DesiredImage& x = state.images[a];
    const DesiredImage& y = state.images[b];
    return std::tie(x.set, x.key) < std::tie(y.set, y.key);
  };
  std::sort(order.begin(), order.end(), less);
  std::vector<std::vector<size_t>> next(n);
  for (size_t i = 0; i < n; ++i) {
    next[i] = edges[i];
    std::sort(next[i].begin(), next[i].end(), less);
    next[i].erase(std::unique(next[i].begin(), next[i].end()), next[i].end());
  }
  std::vector<bool> covered(n, false);
  for (size_t start : order) {
    if (covered[start] || next[start].empty()) continue;
    // Breadth first, so the loop reported is the shortest one through `start`.
    std::vector<size_t> parent(n, n);
    std::deque<size_t> queue{start};
    std::vector<bool> seen(n, false);
    seen[start] = true;
    size_t last = n;  // the image whose edge closes the loop
    while (!queue.empty() && last == n) {
      size_t at = queue.front();
      queue.pop_front();
      for (size_t to : next[at]) {
        if (to == start) {
          last = at;
          break;
        }
        if (!seen[to]) seen[to] = true, parent[to] = at, queue.push_back(to);
      }
    }
    if (last == n) continue;
    std::vector<size_t> loop;
    for (size_t at = last; at != start; at = parent[at]) loop.push_back(at);
    loop.push_back(start);
    std::reverse(loop.begin(), loop.end());
    bool with_set = false;
    for (size_t i : loop) with_set = with_set || state.images[i].set != state.images[start].set;
    std::string text;
    for (size_t i : loop) text += label(state.images[i], with_set) + " -> ", covered[i] = true;
    text += label(state.images[start], with_set);
    const DesiredImage& first = state.images[start];
    const DesiredImage& second = state.images[loop.size() > 1 ? loop[1] : start];
    SourcePos at = first.where;
    for (const ImageRef& r : first.references)
      if (r.set == second.set && r.key == second.key) {
        at = r.where;
        break;
      }
    report.error(at, "reference cycle: " + text);
  }
}

}  // namespace

void check_across_images(DesiredState& state, Diagnostics& diags) {
  Reporter report(diags);
  check_names(state, report);
  Resolver resolver(state, report);
  std::vector<std::vector<size_t>> edges(state.images.size());
  for (size_t i = 0; i < state.images.size(); ++i) edges[i] = resolver.resolve(i);
  report_cycles(state, edges, report);
  scs::check_uniqueness(state, diags);
}

}  // namespace glancer::manifest
