#pragma once
/// The Sovereign Cloud Stack image-metadata standard (scs-0102, v1 and the v2 draft) as a set
/// declares it with `metadata.standards: [scs-0102]`: its vocabulary, the dates it speaks in,
/// the properties glancer fills and the rules `glancer validate` checks. Rules are named as the
/// SCS checker names its testcases (`scs-0102-prop-architecture`, …), so an error leads to both.

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostics.h"
#include "manifest/desired_state.h"

namespace glancer::scs {

/// The value of `metadata.standards` that switches the rules on.
inline constexpr std::string_view k_scs_0102 = "scs-0102";
/// Every standard glancer knows, for `metadata.standards`.
inline constexpr std::array<std::string_view, 1> k_standards{k_scs_0102};

inline constexpr std::array<std::string_view, 3> k_architectures{"x86_64", "aarch64", "risc-v"};
inline constexpr std::array<std::string_view, 2> k_disk_buses{"virtio", "scsi"};
inline constexpr std::array<std::string_view, 5> k_hypervisor_types{"qemu", "kvm", "xen", "hyper-v",
                                                                    "esxi"};
inline constexpr std::array<std::string_view, 1> k_rng_models{"virtio"};
/// What a manifest may give; `oldgeneric` is glancer's to set on a demoted version.
inline constexpr std::array<std::string_view, 6> k_os_purposes{"generic", "minimal", "k8snode",
                                                               "gpu",     "network", "custom"};
/// The purpose of a kept previous version of a generic image (v2).
inline constexpr std::string_view k_old_generic = "oldgeneric";

/// A replace_frequency and how long an image of it may go unreplaced before it is outdated,
/// before the 10 % grace (the SCS checker's table: rounded up on purpose; 0: never outdated).
struct Frequency {
  std::string_view name;
  std::chrono::seconds period;
};
inline constexpr std::array<Frequency, 7> k_frequencies{{
    {"never", std::chrono::seconds(0)},
    {"critical_bug", std::chrono::seconds(0)},
    {"yearly", std::chrono::hours(365 * 24)},
    {"quarterly", std::chrono::hours(92 * 24)},
    {"monthly", std::chrono::hours(31 * 24)},
    {"weekly", std::chrono::hours(7 * 25)},
    {"daily", std::chrono::hours(25)},
}};

/// The period of `replace_frequency`, or nullopt if it is not one of k_frequencies.
std::optional<std::chrono::seconds> frequency_period(std::string_view replace_frequency);

/// The UTC time `text` names, in one of the standard's forms: `YYYY-MM-DD`,
/// `YYYY-MM-DD hh:mm`, `YYYY-MM-DD hh:mm:ss`, `YYYY-MM-DDThh:mm:ssZ`; nullopt otherwise
/// (also for an impossible date such as 2023-02-30).
std::optional<std::chrono::sys_seconds> parse_date(std::string_view text);

/// Like parse_date, and also a release label `YYYYMMDD` (optionally followed by `.N` or `-N`,
/// a respin of that day): the date a `source.version` names, when it names one.
std::optional<std::chrono::sys_seconds> parse_version_date(std::string_view version);

/// `t` as image_build_date writes it: "YYYY-MM-DD hh:mm" (UTC).
std::string format_build_date(std::chrono::sys_seconds t);

/// True if `image` belongs to a set that declares scs-0102.
bool follows_scs_0102(const DesiredImage& image);

/// Fills what glancer derives at load time unless the manifest gives it: `image_source` (the
/// URL, `private` for a file), `os_purpose: generic`, `uuid_validity: last-N` (N: rotation.keep,
/// or `none` without rotation), `image_original_user` from `os_admin_user`. image_build_date
/// needs the source and is filled at plan time (plan/standards.h).
void fill_properties(DesiredImage& image);

/// Reports every scs-0102 rule `image` (after fill_properties) breaks, one error (or warning)
/// each, at the property when it is given, else at the image, naming the rule.
void check_image(const DesiredImage& image, Diagnostics& diags);

/// The uniqueness rule across every loaded image: at most one public, non-hidden image with
/// `os_purpose: generic` per (architecture, os_distro, os_version); each further one is an
/// error naming the first.
void check_uniqueness(const DesiredState& state, Diagnostics& diags);

}  // namespace glancer::scs
