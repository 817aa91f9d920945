#include "report/markdown.h"

#include <doctest/doctest.h>

#include "plan/plan.h"
#include "report/plan_view.h"

using namespace glancer;

namespace {

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size()))
    ++n;
  return n;
}

}  // namespace

TEST_CASE("markdown: html_text and markdown_text escape what would break a comment") {
  CHECK(html_text("a <b> & \"c\"\nd") == "a &lt;b&gt; &amp; &quot;c&quot; d");
  CHECK(markdown_text("x|y *z* `q` [l](u) #1 \\") == "x\\|y \\*z\\* \\`q\\` \\[l\\](u) \\#1 \\\\");
  CHECK(markdown_text("<img src=x onerror=1>") == "&lt;img src=x onerror=1&gt;");
}

TEST_CASE("markdown: a code block's fence is longer than any backtick run inside") {
  CHECK(code_block("plain\n", "diff") == "```diff\nplain\n```\n");
  CHECK(code_block("a ```` b", "") == "`````\na ```` b\n`````\n");
}

TEST_CASE("markdown: fit_markdown keeps everything that fits and says nothing") {
  std::vector<std::string> sections = {"one\n", "two\n"};
  CHECK(fit_markdown("head\n", sections, "tail\n", "images", 100) == "head\none\ntwo\ntail\n");
}

TEST_CASE("markdown: fit_markdown cuts whole sections and notes how many were left out") {
  std::vector<std::string> sections;
  for (int i = 0; i < 100; ++i)
    sections.push_back("<details>section " + std::to_string(i) + std::string(1000, 'x') +
                       "</details>\n");
  const std::string out = fit_markdown("# head\n", sections, "", "images");
  CHECK(out.size() <= k_markdown_limit);
  const size_t kept = count(out, "<details>");
  CHECK(kept == count(out, "</details>"));  // no section is cut in the middle
  CHECK(kept > 50);
  CHECK(kept < 100);
  CHECK(out.find("> **Note:** " + std::to_string(100 - kept) + " more images left out") !=
        std::string::npos);
  CHECK(out.starts_with("# head\n"));
}

TEST_CASE("markdown: the cut leaves room for the note even when the last section nearly fits") {
  // Sizes chosen so that a greedy fill without reserving room for the note would overflow.
  for (size_t limit = 200; limit < 400; limit += 7) {
    std::vector<std::string> sections(10, std::string(45, 's') + "\n");
    const std::string out = fit_markdown("h\n", sections, "t\n", "changes", limit);
    INFO("limit " << limit);
    CHECK(out.size() <= limit);
    CHECK(out.ends_with("t\n"));
  }
}

TEST_CASE("markdown: a plan with thousands of changes stays under 60,000 characters") {
  Plan plan;
  plan.target = "local store at /tmp/s";
  for (int i = 0; i < 3000; ++i) {
    Change c;
    c.set = "big";
    c.key = "image-" + std::to_string(i);
    c.name = "Image <" + std::to_string(i) + ">";
    c.action = Action::create;
    c.attributes = {{"name", nullptr, c.name}, {"properties.os_distro", nullptr, "debian"}};
    plan.changes.push_back(c);
  }
  const std::string out = render_plan_markdown(plan);
  CHECK(out.size() <= k_markdown_limit);
  CHECK(out.find("| 3000 | 0 | 0 | 0 | 0 | 0 |") != std::string::npos);
  const size_t kept = count(out, "<details>");
  CHECK(out.find(std::to_string(3000 - kept) + " more changes left out") != std::string::npos);
  CHECK(out.find("Image &lt;0&gt;") != std::string::npos);  // names are escaped in summaries
}
