#pragma once
/// The catalogue customers read: the live images of the loaded sets, each current image with
/// its previous versions (kept by rotation). Built from the same live state a plan reads.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "manifest/desired_state.h"
#include "plan/diff.h"

namespace glancer {

/// A version a rotation kept (labels::k_previous): superseded, often hidden.
struct CatalogueVersion {
  std::string name;
  std::string id;
  std::string build_date;  ///< image_build_date, else the image's created_at
  bool hidden = false;
};

/// One current image as customers boot it.
struct CatalogueImage {
  std::string set, key;
  std::string name;
  std::string id;
  std::string visibility;
  std::string os_distro, os_version, architecture;  ///< "" when the image does not say
  std::string login_user;                  ///< image_original_user, else os_admin_user, else ""
  std::string build_date;                  ///< image_build_date, else the image's created_at
  std::string provided_until;              ///< "" when not given
  int64_t min_disk = 0;                    ///< GiB
  int64_t min_ram = 0;                     ///< MiB
  std::string description;                 ///< image_description, else ""
  std::vector<CatalogueVersion> previous;  ///< newest superseded first
};

struct Catalogue {
  std::string target;                  ///< the service, as ImageService::describe says
  std::string generated_at;            ///< UTC, format_utc
  std::vector<CatalogueImage> images;  ///< in manifest order
};

/// The catalogue of the images `desired` declares, as `live` has them: for each desired image
/// with an active current image (labelled with its set and key, neither pending nor previous),
/// that image and the active previous versions of the same set/key. Desired images that are not
/// live yet are left out: a catalogue lists what customers can boot.
Catalogue build_catalogue(const DesiredState& desired, const LiveState& live);

}  // namespace glancer
