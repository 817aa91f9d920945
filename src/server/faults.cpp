#include "server/faults.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "server/query.h"

namespace glancer {

namespace {

// SplitMix64: a tiny, well-mixed hash, so decision n depends only on (seed, n).
uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::optional<uint64_t> parse_uint(const std::string& text) {
  if (text.empty() || text.size() > 18 || !std::all_of(text.begin(), text.end(), ::isdigit))
    return std::nullopt;
  return std::stoull(text);
}

constexpr FaultKind k_all_kinds[] = {FaultKind::status_500, FaultKind::status_503,
                                     FaultKind::status_429, FaultKind::reset,
                                     FaultKind::stall,      FaultKind::truncate};

}  // namespace

const char* fault_kind_name(FaultKind kind) {
  switch (kind) {
    case FaultKind::status_500: return "500";
    case FaultKind::status_503: return "503";
    case FaultKind::status_429: return "429";
    case FaultKind::reset: return "reset";
    case FaultKind::stall: return "stall";
    case FaultKind::truncate: return "truncate";
  }
  return "?";
}

Result<FaultSpec> parse_fault_spec(const std::string& text) {
  FaultSpec spec;
  bool has_rate = false;
  auto bad = [&](const std::string& why) {
    return fail(ErrorCode::invalid_argument, "--faults `" + text + "`: " + why);
  };
  for (const std::string& part : split(text, ',')) {
    const size_t eq = part.find('=');
    if (eq == std::string::npos) return bad("expected key=value, got `" + part + "`");
    const std::string key = part.substr(0, eq), value = part.substr(eq + 1);
    if (key == "rate") {
      char* end = nullptr;
      spec.rate = std::strtod(value.c_str(), &end);
      if (value.empty() || *end != '\0' || !(spec.rate >= 0 && spec.rate <= 1))
        return bad("rate must be a number from 0 to 1");
      has_rate = true;
    } else if (key == "kinds") {
      spec.kinds.clear();
      for (const std::string& name : split(value, '+')) {
        auto found = std::find_if(std::begin(k_all_kinds), std::end(k_all_kinds),
                                  [&](FaultKind k) { return name == fault_kind_name(k); });
        if (found == std::end(k_all_kinds))
          return bad("unknown kind `" + name + "` (use 500, 503, 429, reset, stall, truncate)");
        spec.kinds.push_back(*found);
      }
    } else if (key == "when") {
      spec.before = spec.after = false;
      for (const std::string& w : split(value, '+')) {
        if (w == "before")
          spec.before = true;
        else if (w == "after")
          spec.after = true;
        else
          return bad("when must be before, after or before+after");
      }
    } else if (key == "seed" || key == "skip" || key == "stall" || key == "page") {
      auto n = parse_uint(value);
      if (!n) return bad(key + " must be a whole number");
      if (key == "seed")
        spec.seed = *n;
      else if (key == "skip")
        spec.skip = *n;
      else if (key == "stall")
        spec.stall = std::chrono::milliseconds(*n);
      else
        spec.page = static_cast<size_t>(*n);
    } else if (key == "match") {
      spec.match = value;
    } else {
      return bad("unknown key `" + key +
                 "` (use rate, kinds, when, seed, match, skip, stall, page)");
    }
  }
  if (!has_rate) return bad("rate= is required");
  if (spec.kinds.empty()) spec.kinds.assign(std::begin(k_all_kinds), std::end(k_all_kinds));
  return spec;
}

std::optional<Fault> FaultInjector::decide(const std::string& method, const std::string& target) {
  m_requests.fetch_add(1);
  if (!m_spec.match.empty() && (method + " " + target).find(m_spec.match) == std::string::npos)
    return std::nullopt;
  const uint64_t n = m_matching.fetch_add(1);
  if (n < m_spec.skip) return std::nullopt;
  const uint64_t x = mix(m_spec.seed * 0x100000001b3ULL + n);
  const double u = static_cast<double>(x >> 11) * (1.0 / 9007199254740992.0);
  if (u >= m_spec.rate) return std::nullopt;
  const uint64_t y = mix(x);
  Fault fault;
  fault.sequence = n;
  fault.kind = m_spec.kinds[y % m_spec.kinds.size()];
  fault.after = m_spec.before && m_spec.after ? ((y >> 32) & 1) != 0 : m_spec.after;
  if (fault.kind == FaultKind::truncate) fault.after = true;
  std::lock_guard lock(m_mutex);
  ++m_counts[std::string(fault_kind_name(fault.kind)) + (fault.after ? " after" : " before")];
  return fault;
}

std::string FaultInjector::summary() const {
  std::lock_guard lock(m_mutex);
  uint64_t total = 0;
  std::string detail;
  for (const auto& [what, count] : m_counts) {
    total += count;
    detail += (detail.empty() ? "" : ", ") + what + ": " + std::to_string(count);
  }
  return std::to_string(m_requests.load()) + " requests, " + std::to_string(total) + " faults" +
         (detail.empty() ? "" : " (" + detail + ")");
}

}  // namespace glancer
