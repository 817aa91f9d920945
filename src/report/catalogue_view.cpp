// The json and markdown views of the catalogue.
#include "report/catalogue_view.h"

#include "report/markdown.h"

namespace glancer {

namespace {

nlohmann::json text_or_null(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

std::string cell(const std::string& s) {
  return s.empty() ? "–" : markdown_text(s);
}

}  // namespace

std::optional<CatalogueFormat> parse_catalogue_format(const std::string& name) {
  if (name == "json") return CatalogueFormat::json;
  if (name == "markdown") return CatalogueFormat::markdown;
  if (name == "html") return CatalogueFormat::html;
  return std::nullopt;
}

std::string render_catalogue(const Catalogue& catalogue, CatalogueFormat format) {
  switch (format) {
    case CatalogueFormat::json: return catalogue_to_json(catalogue).dump(2) + "\n";
    case CatalogueFormat::markdown: return render_catalogue_markdown(catalogue);
    case CatalogueFormat::html: return render_catalogue_html(catalogue);
  }
  return {};
}

nlohmann::json catalogue_to_json(const Catalogue& c) {
  nlohmann::json images = nlohmann::json::array();
  for (const CatalogueImage& i : c.images) {
    nlohmann::json previous = nlohmann::json::array();
    for (const CatalogueVersion& v : i.previous)
      previous.push_back({{"name", v.name},
                          {"id", v.id},
                          {"build_date", text_or_null(v.build_date)},
                          {"hidden", v.hidden}});
    images.push_back({{"set", i.set},
                      {"key", i.key},
                      {"name", i.name},
                      {"id", i.id},
                      {"visibility", i.visibility},
                      {"os_distro", text_or_null(i.os_distro)},
                      {"os_version", text_or_null(i.os_version)},
                      {"architecture", text_or_null(i.architecture)},
                      {"login_user", text_or_null(i.login_user)},
                      {"build_date", text_or_null(i.build_date)},
                      {"provided_until", text_or_null(i.provided_until)},
                      {"min_disk", i.min_disk},
                      {"min_ram", i.min_ram},
                      {"description", text_or_null(i.description)},
                      {"previous", previous}});
  }
  return {{"format_version", 1},
          {"target", c.target},
          {"generated_at", c.generated_at},
          {"images", images}};
}

std::string render_catalogue_markdown(const Catalogue& c) {
  std::string out = "# Image catalogue\n\n";
  out += std::to_string(c.images.size()) + " image" + (c.images.size() == 1 ? "" : "s") +
         ", generated " + markdown_text(c.generated_at) + ".\n\n";
  if (c.images.empty()) return out + "No images.\n";
  out +=
      "| Name | Distribution | Version | Architecture | Login user | Build date | Provided "
      "until | Min disk | Min RAM | ID |\n";
  out += "|---|---|---|---|---|---|---|---|---|---|\n";
  for (const CatalogueImage& i : c.images)
    out += "| **" + cell(i.name) + "** | " + cell(i.os_distro) + " | " + cell(i.os_version) +
           " | " + cell(i.architecture) + " | " + cell(i.login_user) + " | " + cell(i.build_date) +
           " | " + cell(i.provided_until) + " | " + std::to_string(i.min_disk) + " GiB | " +
           std::to_string(i.min_ram) + " MiB | " + cell(i.id) + " |\n";
  for (const CatalogueImage& i : c.images) {
    out += "\n## " + markdown_text(i.name) + "\n\n";
    if (!i.description.empty()) out += markdown_text(i.description) + "\n\n";
    out += "ID " + markdown_text(i.id);
    if (!i.login_user.empty()) out += ", log in as **" + markdown_text(i.login_user) + "**";
    out += ".\n";
    if (i.previous.empty()) continue;
    out += "\nPrevious versions:\n\n| Name | ID | Build date | Hidden |\n|---|---|---|---|\n";
    for (const CatalogueVersion& v : i.previous)
      out += "| " + cell(v.name) + " | " + cell(v.id) + " | " + cell(v.build_date) + " | " +
             (v.hidden ? "yes" : "no") + " |\n";
  }
  return out;
}

}  // namespace glancer
