// The metadata definitions API's request checks, documents and caller rules (server/metadef_json).
#include "server/metadef_json.h"

#include <doctest/doctest.h>

#include "server/caller_scope.h"

namespace glancer {

namespace {

using nlohmann::json;

template <class R>
std::string outcome(const R& result) {
  return result.ok() ? "ok" : error_code_name(result.error().code);
}

// Restores single-tenant mode when a test case ends.
struct CallerGuard {
  explicit CallerGuard(Caller caller) { set_current_caller(std::move(caller)); }
  ~CallerGuard() { set_current_caller(Caller{}); }
};

}  // namespace

TEST_CASE("metadef json: a namespace body is checked as Glance's schema says") {
  auto content = parse_namespace_body(
      json::parse(R"({"namespace": "OS::X", "visibility": "public", "protected": true,
        "resource_type_associations": [{"name": "OS::Glance::Image", "prefix": "hw_"}],
        "properties": {"cpu": {"title": "CPU", "type": "string", "enum": ["a"]}},
        "objects": [{"name": "o", "properties": {"x": {"title": "X", "type": "integer"}}}],
        "tags": [{"name": "t"}]})"),
      "p1");
  REQUIRE(content.ok());
  CHECK(content->ns.owner == std::optional<std::string>("p1"));
  CHECK(content->ns.is_protected);
  CHECK(content->associations.front().prefix == std::optional<std::string>("hw_"));
  CHECK(content->properties.front().name == "cpu");
  CHECK(content->properties.front().body ==
        json{{"title", "CPU"}, {"type", "string"}, {"enum", {"a"}}});
  CHECK(content->objects.front().body["required"] == json::array());

  auto defaults = parse_namespace_body(json{{"namespace", "n"}}, "");
  REQUIRE(defaults.ok());
  CHECK(defaults->ns.visibility == "private");
  CHECK_FALSE(defaults->ns.owner);

  CHECK(outcome(parse_namespace_body(json::object(), "")) == "invalid_argument");
  CHECK(outcome(parse_namespace_body(json{{"namespace", std::string(81, 'n')}}, "")) ==
        "invalid_argument");
  CHECK(outcome(parse_namespace_body(json{{"namespace", "n"}, {"visibility", "shared"}}, "")) ==
        "invalid_argument");
  CHECK(outcome(parse_namespace_body(json{{"namespace", "n"}, {"protected", "yes"}}, "")) ==
        "invalid_argument");
  CHECK(outcome(parse_namespace_body(json{{"namespace", "n"}, {"bogus", 1}}, "")) ==
        "invalid_argument");
  CHECK(outcome(parse_namespace_body(json{{"namespace", "n"}, {"created_at", "x"}}, "")) ==
        "forbidden");
  CHECK(outcome(parse_namespace_body(
            json::parse(R"({"namespace": "n", "properties": {"p": {"type": "string"}}})"), "")) ==
        "invalid_argument");  // a property needs a title
}

TEST_CASE("metadef json: properties, objects, tags and associations") {
  auto property = parse_property_body(
      json::parse(R"({"name": "hv", "title": "Hypervisor", "type": "string"})"), true);
  REQUIRE(property.ok());
  CHECK(property->name == "hv");
  CHECK_FALSE(property->body.contains("name"));
  CHECK(property_json(*property)["name"] == "hv");
  CHECK(outcome(parse_property_body(json::parse(R"({"title": "t", "type": "string"})"), true)) ==
        "invalid_argument");
  CHECK(outcome(parse_property_body(json::parse(R"({"name": "n", "title": "t", "type": "text"})"),
                                    true)) == "invalid_argument");

  CHECK(outcome(parse_object_body(json{{"name", "o"}, {"required", {1}}})) == "invalid_argument");
  auto object = parse_object_body(json{{"name", "o"}, {"description", "d"}});
  REQUIRE(object.ok());
  json shown = object_json("OS::X", *object);
  CHECK(shown["self"] == "/v2/metadefs/namespaces/OS::X/objects/o");
  CHECK(shown["schema"] == "/v2/schemas/metadefs/object");
  CHECK(shown["description"] == "d");

  CHECK(outcome(parse_tag_name(json(""))) == "invalid_argument");
  CHECK(outcome(parse_tag_name(json(std::string(81, 't')))) == "invalid_argument");
  CHECK(parse_tag_name(json("t"))->name == "t");
  CHECK(outcome(parse_association_body(json{{"prefix", "hw_"}})) == "invalid_argument");
  CHECK(association_json(*parse_association_body(json{{"name", "OS::Nova::Flavor"}}))
            .contains("prefix") == false);
}

TEST_CASE("metadef json: a listing's query, Glance's limits and checks") {
  auto query = parse_namespace_query({{"limit", "5000"},
                                      {"sort_key", "namespace"},
                                      {"sort_dir", "asc"},
                                      {"visibility", "public"},
                                      {"resource_types", "OS::Glance::Image,OS::Nova::Flavor"}});
  REQUIRE(query.ok());
  CHECK(query->limit == 1000);
  CHECK(query->ascending);
  CHECK(query->resource_types.size() == 2);
  CHECK(query->sees_all);  // single tenant
  CHECK(parse_namespace_query({})->limit == 25);
  CHECK(outcome(parse_namespace_query({{"limit", "-1"}})) == "invalid_argument");
  CHECK(outcome(parse_namespace_query({{"limit", "x"}})) == "invalid_argument");
  CHECK(outcome(parse_namespace_query({{"sort_dir", "up"}})) == "invalid_argument");
  CHECK(outcome(parse_namespace_query({{"sort_key", "id"}})) == "invalid_argument");
  CHECK(outcome(parse_namespace_query({{"visibility", "shared"}})) == "invalid_argument");
}

TEST_CASE("metadef json: who sees and who writes (Glance's default policy)") {
  MetadefNamespace own{"own", {}, {}, "private", false, "p1", "", ""};
  MetadefNamespace theirs{"theirs", {}, {}, "private", false, "p2", "", ""};
  MetadefNamespace pub{"pub", {}, {}, "public", false, "p2", "", ""};
  MetadefNamespace unowned{"unowned", {}, {}, "private", false, std::nullopt, "", ""};
  CHECK(caller_sees(theirs));  // single tenant
  CHECK(caller_writes());
  {
    CallerGuard member(Caller{true, "p1", false, true});
    CHECK(caller_sees(own));
    CHECK_FALSE(caller_sees(theirs));
    CHECK(caller_sees(pub));
    CHECK(caller_sees(unowned));
    CHECK_FALSE(caller_writes());
    CHECK(outcome(check_writer()) == "forbidden");
    auto query = parse_namespace_query({});
    CHECK_FALSE(query->sees_all);
    CHECK(query->project == "p1");
  }
  {
    CallerGuard admin(Caller{true, "p3", true, true});
    CHECK(caller_sees(theirs));
    CHECK(caller_writes());
    CHECK(parse_namespace_query({})->sees_all);
  }
}

}  // namespace glancer
