#pragma once
/// Views of the customer catalogue (plan/catalogue.h): json, markdown for a docs site, and one
/// self-contained html page.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "plan/catalogue.h"

namespace glancer {

enum class CatalogueFormat { json, markdown, html };

/// "json", "markdown" or "html"; nullopt for anything else.
std::optional<CatalogueFormat> parse_catalogue_format(const std::string& name);

/// The catalogue in `format`.
std::string render_catalogue(const Catalogue& catalogue, CatalogueFormat format);

/// The document schemas/catalogue.schema.json describes: format_version, target, generated_at,
/// images[] (set, key, name, id, os_distro, …, previous[]). Empty strings are null.
nlohmann::json catalogue_to_json(const Catalogue& catalogue);

/// A page for a docs site: a heading, one table row per current image, then per image with
/// previous versions a short table of them. Every value is escaped.
std::string render_catalogue_markdown(const Catalogue& catalogue);

/// One html file with no external resources: inline CSS and JS, a table customers filter by
/// text and sort by column, readable on a phone. The URL fragment sets the initial filter and
/// sort (`#q=TEXT&sort=COLUMN:asc|desc`) and is kept in step, so a view can be shared.
std::string render_catalogue_html(const Catalogue& catalogue);

}  // namespace glancer
