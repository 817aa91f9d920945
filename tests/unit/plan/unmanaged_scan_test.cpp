// drift's unmanaged scan over the embedded store: which images each --unmanaged-scope reports,
// with and without a known project, and that the scan reads pages (list_page), never a whole
// listing of the service.
#include "plan/unmanaged_scan.h"

#include <doctest/doctest.h>

#include <set>

#include "planner_fixture.h"
#include "support/recording_image_service.h"

namespace glancer::plan_test {

namespace {

// Beside one managed image of set `demo` (owned by "local", the store's default owner): a
// private, a hidden, a public, a community image of project "other", one of "local", and one
// of "other" labelled with a set not loaded.
struct Catalogue {
  PlannerFixture f;
  std::map<std::string, std::string> ids;  // name → id

  Catalogue() {
    f.add_file("a.img", "aaaa");
    f.write_manifest(manifest(R"(  - key: a
    name: A
    disk_format: qcow2
    container_format: bare
    source: {file: a.img}
)"));
    auto planned = f.plan();
    REQUIRE_MESSAGE(planned.ok(), error_of(planned));
    f.apply_by_hand(*planned);
    add("mine", "private", "local");
    add("their-private", "private", "other");
    add("their-hidden", "private", "other", true);
    add("their-public", "public", "other");
    add("their-hidden-public", "public", "other", true);
    add("their-community", "community", "other");
    add("their-labelled", "shared", "other", false, "not-loaded");
  }

  void add(const std::string& name, const std::string& visibility, const std::string& owner,
           bool hidden = false, const std::string& set = "") {
    ImageCreate request;
    request.name = name;
    request.disk_format = "raw";
    request.container_format = "bare";
    request.visibility = visibility;
    request.hidden = hidden;
    if (!set.empty()) request.properties = {{labels::k_set, set}, {labels::k_key, "x"}};
    auto created = f.store->create(request);
    REQUIRE_MESSAGE(created.ok(), error_of(created));
    REQUIRE(f.store->set_owner(created->id, owner).ok());
    ids[name] = created->id;
  }

  // The names drift reports as unmanaged for `scope` and `project`.
  std::set<std::string> unmanaged(const std::string& scope, const std::string& project) {
    DriftOptions o;
    o.unmanaged_scope = *parse_unmanaged_scope(scope);
    o.project_id = project;
    auto report = f.drift(o);
    REQUIRE_MESSAGE(report.ok(), error_of(report));
    std::set<std::string> out;
    for (const DriftItem& it : report->drift) {
      CHECK(it.kind == DriftKind::unmanaged);
      out.insert(it.name);
    }
    return out;
  }
};

}  // namespace

TEST_SUITE("plan") {
  TEST_CASE("unmanaged scan: each scope reports its images, hidden ones too") {
    Catalogue c;
    using Names = std::set<std::string>;
    CHECK(c.unmanaged("owned", "local") == Names{"mine"});
    CHECK(c.unmanaged("public", "local") ==
          Names{"mine", "their-public", "their-hidden-public", "their-community"});
    const Names everything{"mine",          "their-private",       "their-hidden",
                           "their-public",  "their-hidden-public", "their-community",
                           "their-labelled"};
    CHECK(c.unmanaged("all", "local") == everything);
    CHECK(c.unmanaged("owned", "other") == Names{"their-private", "their-hidden", "their-public",
                                                 "their-hidden-public", "their-community",
                                                 "their-labelled"});
    // Without an identity every image is the caller's, whatever the scope.
    CHECK(c.unmanaged("owned", "") == everything);
    CHECK(c.unmanaged("public", "") == everything);
  }

  TEST_CASE("unmanaged scan: an image owned and public is judged once; the scan reads pages") {
    Catalogue c;
    testing::RecordingImageService recording(*c.f.store);
    DriftOptions o;
    o.project_id = "other";  // owns the public and community images too
    std::vector<DriftItem> out;
    auto scanned = scan_unmanaged(recording, {}, {}, o, out);
    REQUIRE_MESSAGE(scanned.ok(), error_of(scanned));
    std::multiset<std::string> names;
    for (const DriftItem& it : out) names.insert(it.name);
    CHECK(names == std::multiset<std::string>{"their-private", "their-hidden", "their-public",
                                              "their-hidden-public", "their-community",
                                              "their-labelled"});
    // owner=other, public and community, each visible then hidden: six one-page listings,
    // and never list() (the whole catalogue in memory).
    CHECK(recording.call_strings() == std::vector<std::string>(6, "list_page"));
  }

  TEST_CASE("unmanaged scan: the listings each scope asks the service for") {
    DriftOptions o;
    o.project_id = "p";
    auto described = [&] {
      std::vector<std::string> out;
      for (const UnmanagedListing& l : unmanaged_listings(o))
        out.push_back(l.query.visibility + (l.query.owner ? " owner=" + *l.query.owner : "") +
                      (l.query.hidden ? " hidden" : "") + (l.skip_published ? " skip" : ""));
      return out;
    };
    using Strings = std::vector<std::string>;
    CHECK(described() == Strings{"all owner=p skip", "all owner=p hidden skip", "public",
                                 "public hidden", "community", "community hidden"});
    o.unmanaged_scope = UnmanagedScope::owned;
    CHECK(described() == Strings{"all owner=p", "all owner=p hidden"});
    o.unmanaged_scope = UnmanagedScope::all;
    CHECK(described() == Strings{"all", "all hidden"});
    o.unmanaged_scope = UnmanagedScope::owned;
    o.project_id.clear();
    CHECK(described() == Strings{"all", "all hidden"});
    o.ignore_unmanaged = true;
    CHECK(described().empty());
    CHECK_FALSE(parse_unmanaged_scope("everything"));
  }
}

}  // namespace glancer::plan_test
