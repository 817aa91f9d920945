#include "update/unified_diff.h"

#include <algorithm>
#include <vector>

namespace glancer {

namespace {

enum class Op { keep, del, add };

struct Step {
  Op op;
  std::string_view line;
};

// Each line with its line break (the last one may have none).
std::vector<std::string_view> split_lines(std::string_view t) {
  std::vector<std::string_view> lines;
  while (!t.empty()) {
    size_t nl = t.find('\n');
    size_t n = nl == std::string_view::npos ? t.size() : nl + 1;
    lines.push_back(t.substr(0, n));
    t.remove_prefix(n);
  }
  return lines;
}

// Myers' shortest edit script from `a` to `b`. Keeps, per edit distance d, only the 2d+1
// diagonals it reached, so memory grows with the square of the change, not with the file.
std::vector<Step> edit_script(const std::vector<std::string_view>& a,
                              const std::vector<std::string_view>& b) {
  const long n = static_cast<long>(a.size()), m = static_cast<long>(b.size());
  std::vector<std::vector<long>> trace;  // trace[d][k + d]: furthest x on diagonal k after d
  std::vector<long> prev;
  for (long d = 0;; ++d) {
    std::vector<long> v(static_cast<size_t>(2 * d + 1));
    auto prev_x = [&](long k) { return prev[static_cast<size_t>(k + d - 1)]; };
    bool done = false;
    for (long k = -d; k <= d; k += 2) {
      long x = d == 0                                                 ? 0
               : k == -d || (k != d && prev_x(k - 1) < prev_x(k + 1)) ? prev_x(k + 1)
                                                                      : prev_x(k - 1) + 1;
      long y = x - k;
      while (x < n && y < m && a[static_cast<size_t>(x)] == b[static_cast<size_t>(y)]) ++x, ++y;
      v[static_cast<size_t>(k + d)] = x;
      if (x >= n && y >= m) done = true;
    }
    trace.push_back(v);
    prev = std::move(v);
    if (done) break;
  }
  std::vector<Step> steps;
  long x = n, y = m;
  for (long d = static_cast<long>(trace.size()) - 1; d > 0; --d) {
    const std::vector<long>& v = trace[static_cast<size_t>(d - 1)];
    auto at = [&](long k) { return v[static_cast<size_t>(k + d - 1)]; };
    long k = x - y;
    long prev_k = k == -d || (k != d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    long px = at(prev_k), py = px - prev_k;
    while (x > px && y > py) steps.push_back({Op::keep, a[static_cast<size_t>(--x)]}), --y;
    if (x == px)
      steps.push_back({Op::add, b[static_cast<size_t>(--y)]});
    else
      steps.push_back({Op::del, a[static_cast<size_t>(--x)]});
  }
  while (x > 0) steps.push_back({Op::keep, a[static_cast<size_t>(--x)]}), --y;
  std::reverse(steps.begin(), steps.end());
  return steps;
}

void print_line(std::string& out, char mark, std::string_view line) {
  out += mark;
  out += line;
  if (!line.ends_with('\n')) out += "\n\\ No newline at end of file\n";
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, const std::string& path,
                         int context) {
  if (before == after) return {};
  const std::vector<Step> steps = edit_script(split_lines(before), split_lines(after));
  const size_t n = steps.size(), ctx = static_cast<size_t>(std::max(context, 0));
  std::vector<size_t> a_pos(n + 1, 0), b_pos(n + 1, 0);  // lines of each side before step i
  for (size_t i = 0; i < n; ++i) {
    a_pos[i + 1] = a_pos[i] + (steps[i].op != Op::add);
    b_pos[i + 1] = b_pos[i] + (steps[i].op != Op::del);
  }
  // git's a/ b/ prefixes for a relative path (`git apply`, `patch -p1`); an absolute one as is.
  const bool absolute = path.starts_with('/');
  std::string out =
      (absolute ? "--- " : "--- a/") + path + (absolute ? "\n+++ " : "\n+++ b/") + path + "\n";
  size_t i = 0, last_end = 0;
  while (i < n) {
    if (steps[i].op == Op::keep) {
      ++i;
      continue;
    }
    size_t start = std::max(i >= ctx ? i - ctx : 0, last_end);
    size_t j = i;
    for (;;) {  // through changes separated by at most 2 * ctx unchanged lines
      while (j < n && steps[j].op != Op::keep) ++j;
      size_t k = j;
      while (k < n && steps[k].op == Op::keep) ++k;
      if (k < n && k - j <= 2 * ctx) {
        j = k;
        continue;
      }
      break;
    }
    size_t end = std::min(n, j + ctx);
    size_t a_count = a_pos[end] - a_pos[start], b_count = b_pos[end] - b_pos[start];
    out += "@@ -" + std::to_string(a_pos[start] + (a_count > 0)) + "," + std::to_string(a_count) +
           " +" + std::to_string(b_pos[start] + (b_count > 0)) + "," + std::to_string(b_count) +
           " @@\n";
    for (size_t s = start; s < end; ++s)
      print_line(out,
                 steps[s].op == Op::keep  ? ' '
                 : steps[s].op == Op::del ? '-'
                                          : '+',
                 steps[s].line);
    last_end = i = end;
  }
  return out;
}

}  // namespace glancer
