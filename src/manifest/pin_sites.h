#pragma once
/// Where the pins of url sources (`source.url`, `checksum`, `version`) are written in a
/// manifest's text, byte for byte, so `glancer update` can rewrite them and nothing else.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/result.h"

namespace glancer {

/// One scalar as written: the bytes [begin, end) of the text (its anchor and tag, if any,
/// included: `content` is where the value itself starts) and how it is quoted.
struct PinScalar {
  enum class Style { plain, single_quoted, double_quoted, block };
  size_t begin = 0;
  size_t content = 0;
  size_t end = 0;
  Style style = Style::plain;
  SourcePos where;  ///< the value, 1-based
};

/// The pins of one image whose `source` is a mapping with a `url` scalar.
struct PinSite {
  std::string set;  ///< metadata.name of its document
  std::string key;  ///< `key`, else `name`
  SourcePos image;  ///< the image entry
  PinScalar url;
  std::optional<PinScalar> checksum;
  std::optional<PinScalar> version;
  bool flow = false;     ///< `source` is a flow mapping `{…}`
  std::string indent;    ///< what precedes the `url` key on its line (block style)
  size_t after_url = 0;  ///< where a missing key is inserted: the line after url's value
                         ///< (block), or just past url's value (flow)
  /// Non-empty when a pin, its `source` or its image is reached from several places (an
  /// anchor and its aliases): "FILE:LINE" of the anchored node. Such a pin cannot be rewritten
  /// for one image alone.
  std::string shared_at;
};

/// The pin sites of every image of every ImageSet document of `text`, in order; `file` names
/// the text in positions. Fails (invalid_manifest, located) when the text is not YAML.
Result<std::vector<PinSite>> find_pin_sites(std::string_view text, const std::string& file);

}  // namespace glancer
