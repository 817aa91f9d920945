#pragma once
/// One planned change to one image: a closed set of actions, each with a reason.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "manifest/desired_state.h"

namespace glancer {

/// What happens to an image. Symbols follow Terraform: + ~ -/+ -.
enum class Action { create, update, replace, rotate, remove, no_op };

/// "create", "update", "replace", "rotate", "delete", "no-op" (the plan JSON names).
const char* action_name(Action action);
/// Parses action_name() output; nullopt if unknown.
std::optional<Action> parse_action(const std::string& name);
/// "+", "~", "-/+", "+/~", "-", " ".
const char* action_symbol(Action action);

/// One attribute's move; `before`/`after` null when absent on that side.
struct AttributeChange {
  std::string path;  ///< "name", "tags", "properties.os_distro", "members"
  nlohmann::json before;
  nlohmann::json after;
  friend bool operator==(const AttributeChange&, const AttributeChange&) = default;
};

/// The live image a change touches, as seen at plan time (for staleness checks).
struct LiveRef {
  std::string id;
  std::string updated_at;
  std::optional<std::string> checksum;
  std::string status;
  bool protected_ = false;
  bool hidden = false;
  /// Ids of other images the live image's properties name (e.g. kernel_id), for delete order.
  std::vector<std::string> references;
  std::string version;  ///< the glancer.version label, if any
  friend bool operator==(const LiveRef&, const LiveRef&) = default;
};

/// A planned change. `desired` is set for create/update/replace so a saved plan is
/// self-contained; `live` is set for everything that touches an existing image.
struct Change {
  std::string set;
  std::string key;
  std::string name;
  Action action = Action::no_op;
  std::string reason;
  std::vector<AttributeChange> attributes;
  std::optional<DesiredImage> desired;  ///< with `${image.KEY.id}` already substituted
  std::optional<LiveRef> live;
  /// The id the new image gets (create, replace, rotate): chosen at plan time so references to
  /// it can be shown and a retried create is safe.
  std::string new_id;
  /// The images ("set/key") whose ids this image's desired properties reference. A retirement
  /// of a previous version references its own key, so it runs after that key's rotation.
  std::vector<std::string> references;
  /// rotate: the name the superseded image gets, "<name> (<version>)", or, when a live image
  /// has that name already, "<name> (<version>, <digest start>)" (then ", 2", …).
  std::string previous_name;
  /// Set when the image could not be planned because its source cannot be resolved (the error
  /// names the image and the manifest field). Apply never touches such an image: it reports the
  /// change failed and skips what depends on it. `action` is what the image needs: no-op when
  /// its live image is kept as it is, create, replace or rotate when only the source could make
  /// it (then `desired` and `new_id` are set as usual, so dependents are planned against it).
  std::optional<Error> error;
};

/// "set/key", the name of an image across sets in graphs and messages.
inline std::string image_ref(const std::string& set, const std::string& key) {
  return set + "/" + key;
}

}  // namespace glancer
