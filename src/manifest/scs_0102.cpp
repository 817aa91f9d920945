#include "manifest/scs_0102.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <span>
#include <tuple>

namespace glancer::scs {

namespace {

using std::chrono::sys_seconds;

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

// Y, M, D (and h, m, s) of fixed-width digit fields; nullopt if any is not a valid value.
std::optional<sys_seconds> make_time(std::string_view y, std::string_view mo, std::string_view d,
                                     std::string_view h = "00", std::string_view mi = "00",
                                     std::string_view s = "00") {
  for (std::string_view part : {y, mo, d, h, mi, s})
    if (!digits(part)) return std::nullopt;
  std::chrono::year_month_day date{std::chrono::year(number(y)),
                                   std::chrono::month(static_cast<unsigned>(number(mo))),
                                   std::chrono::day(static_cast<unsigned>(number(d)))};
  if (!date.ok() || number(h) > 23 || number(mi) > 59 || number(s) > 59) return std::nullopt;
  return std::chrono::sys_days(date) + std::chrono::hours(number(h)) +
         std::chrono::minutes(number(mi)) + std::chrono::seconds(number(s));
}

bool one_of(std::string_view value, std::span<const std::string_view> choices) {
  return std::find(choices.begin(), choices.end(), value) != choices.end();
}

std::string list(std::span<const std::string_view> choices) {
  std::string out;
  for (std::string_view c : choices) out += (out.empty() ? "" : ", ") + std::string(c);
  return out;
}

std::optional<std::string> property(const DesiredImage& d, const std::string& name) {
  auto it = d.properties.find(name);
  if (it == d.properties.end()) return std::nullopt;
  return it->second;
}

// Reports the rules of one image: each error names the rule (the SCS checker's testcase).
class ImageRules {
 public:
  ImageRules(const DesiredImage& d, Diagnostics& diags) : m_d(d), m_diags(diags) {}

  // A property that must be given, optionally from `choices`.
  void required(const std::string& name, std::span<const std::string_view> choices = {}) {
    auto value = property(m_d, name);
    if (!value || value->empty()) {
      fail(name, "property `" + name + "` is required" +
                     (choices.empty() ? "" : " (one of " + list(choices) + ")"));
      return;
    }
    if (!choices.empty() && !one_of(*value, choices))
      fail(name,
           "property `" + name + "` must be one of " + list(choices) + "; got `" + *value + "`");
  }

  // A property that, when given, must be one of `choices`.
  void optional_choice(const std::string& name, std::span<const std::string_view> choices) {
    auto value = property(m_d, name);
    if (value && !one_of(*value, choices))
      fail(name,
           "property `" + name + "` must be one of " + list(choices) + "; got `" + *value + "`");
  }

  // A property that, when given, must satisfy `ok`; else `expected` says what it must be.
  template <class Ok>
  void optional_form(const std::string& name, Ok ok, const std::string& expected) {
    auto value = property(m_d, name);
    if (value && !ok(*value))
      fail(name, "property `" + name + "` must be " + expected + "; got `" + *value + "`");
  }

  void fail(const std::string& name, const std::string& message, bool warning = false) {
    const std::string text = "scs-0102-prop-" + name + ": image `" + m_d.key + "`: " + message;
    const SourcePos at = m_d.pos(m_d.field_pos.count("properties." + name) ? "properties." + name
                                 : name.starts_with("min_")                ? name
                                                                           : "key");
    if (warning)
      m_diags.warning(at, text);
    else
      m_diags.error(at, text);
  }

 private:
  const DesiredImage& m_d;
  Diagnostics& m_diags;
};

bool is_url(std::string_view s) {
  for (std::string_view scheme : {"http://", "https://", "ftp://", "ftps://"})
    if (s.starts_with(scheme) && s.size() > scheme.size()) return true;
  return false;
}

bool is_uuid_validity(std::string_view v) {
  return v == "none" || v == "notice" || v == "forever" ||
         (v.starts_with("last-") && digits(v.substr(5))) || parse_date(v).has_value();
}

}  // namespace

std::optional<std::chrono::seconds> frequency_period(std::string_view replace_frequency) {
  for (const Frequency& f : k_frequencies)
    if (f.name == replace_frequency) return f.period;
  return std::nullopt;
}

std::optional<sys_seconds> parse_date(std::string_view t) {
  if (t.size() < 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto y = t.substr(0, 4), mo = t.substr(5, 2), d = t.substr(8, 2);
  if (t.size() == 10) return make_time(y, mo, d);
  if (t.size() == 20 && t[10] == 'T' && t[13] == ':' && t[16] == ':' && t[19] == 'Z')
    return make_time(y, mo, d, t.substr(11, 2), t.substr(14, 2), t.substr(17, 2));
  if (t[10] != ' ' || t[13] != ':') return std::nullopt;
  if (t.size() == 16) return make_time(y, mo, d, t.substr(11, 2), t.substr(14, 2));
  if (t.size() == 19 && t[16] == ':')
    return make_time(y, mo, d, t.substr(11, 2), t.substr(14, 2), t.substr(17, 2));
  return std::nullopt;
}

std::optional<sys_seconds> parse_version_date(std::string_view version) {
  if (auto t = parse_date(version)) return t;
  if (version.size() < 8 || !digits(version.substr(0, 8))) return std::nullopt;
  std::string_view rest = version.substr(8);
  if (!rest.empty() && !((rest[0] == '.' || rest[0] == '-') && digits(rest.substr(1))))
    return std::nullopt;
  return make_time(version.substr(0, 4), version.substr(4, 2), version.substr(6, 2));
}

std::string format_build_date(sys_seconds t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{t - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()));
  return buf;
}

bool follows_scs_0102(const DesiredImage& image) {
  return std::find(image.standards.begin(), image.standards.end(), k_scs_0102) !=
         image.standards.end();
}

void fill_properties(DesiredImage& d) {
  auto& p = d.properties;
  if (!p.count("image_source") && d.source)
    p["image_source"] = d.source->url.empty() ? "private" : d.source->url;
  if (!p.count("os_purpose")) p["os_purpose"] = "generic";
  if (!p.count("uuid_validity"))
    p["uuid_validity"] = d.rotation && d.rotation->keep > 0
                             ? "last-" + std::to_string(d.rotation->keep)
                             : std::string("none");
  if (!p.count("image_original_user"))
    if (auto admin = p.find("os_admin_user"); admin != p.end())
      p["image_original_user"] = admin->second;
}

void check_image(const DesiredImage& d, Diagnostics& diags) {
  ImageRules rules(d, diags);
  rules.required("architecture", k_architectures);
  rules.required("os_distro");
  rules.required("os_version");
  rules.required("hw_disk_bus", k_disk_buses);
  if (d.min_disk <= 0) rules.fail("min_disk", "`min_disk` (GiB) is required");
  if (d.min_ram <= 0)
    rules.fail("min_ram", "`min_ram` (MiB) is required");
  else if (d.min_ram < 64)
    rules.fail("min_ram", "`min_ram` is " + std::to_string(d.min_ram) + " MiB, below 64 MiB",
               /*warning=*/true);
  std::array<std::string_view, k_frequencies.size()> frequencies{};
  std::transform(k_frequencies.begin(), k_frequencies.end(), frequencies.begin(),
                 [](const Frequency& f) { return f.name; });
  rules.required("replace_frequency", frequencies);
  rules.required("provided_until");
  rules.optional_form(
      "provided_until",
      [](const std::string& v) { return v == "none" || v == "notice" || parse_date(v); },
      "a date (YYYY-MM-DD), `none` or `notice`");
  rules.required("image_description");
  if (!property(d, "image_original_user"))
    rules.fail("image_original_user",
               "property `image_original_user` (or `os_admin_user`) is required: the user a "
               "customer logs in as");
  rules.optional_form(
      "image_source", [](const std::string& v) { return v == "private" || is_url(v); },
      "a URL (http, https, ftp, ftps) or `private`");
  rules.optional_form(
      "image_build_date", [](const std::string& v) { return parse_date(v).has_value(); },
      "a UTC date `YYYY-MM-DD` or `YYYY-MM-DD hh:mm[:ss]`");
  rules.optional_choice("hypervisor_type", k_hypervisor_types);
  rules.optional_choice("hw_rng_model", k_rng_models);
  rules.optional_form("uuid_validity", is_uuid_validity,
                      "`none`, `notice`, `forever`, `last-N` or a date (YYYY-MM-DD)");
  rules.optional_form("hotfix_hours", digits, "a whole number of hours");
  std::array<std::string_view, k_os_purposes.size() + 1> purposes{};
  std::copy(k_os_purposes.begin(), k_os_purposes.end(), purposes.begin());
  purposes.back() = k_old_generic;
  rules.required("os_purpose", purposes);
}

void check_uniqueness(const DesiredState& state, Diagnostics& diags) {
  using Key = std::tuple<std::string, std::string, std::string>;
  std::map<Key, const DesiredImage*> first;
  for (const DesiredImage& d : state.images) {
    if (!follows_scs_0102(d) || d.visibility != "public" || d.hidden) continue;
    if (property(d, "os_purpose").value_or("") != "generic") continue;
    auto distro = property(d, "os_distro"), version = property(d, "os_version");
    if (!distro || !version) continue;
    Key key{property(d, "architecture").value_or(""), *distro, *version};
    auto [it, inserted] = first.emplace(key, &d);
    if (inserted) continue;
    diags.error(d.pos(d.field_pos.count("properties.os_purpose") ? "properties.os_purpose" : "key"),
                "scs-0102-os_purpose-uniqueness: image `" + d.key + "` is the second public, " +
                    "visible image with os_purpose generic for " + std::get<0>(key) + " " +
                    *distro + " " + *version + " (the first is `" + it->second->set + "/" +
                    it->second->key + "` at " + it->second->where.to_string() +
                    "); give one another os_purpose or hide it");
  }
}

}  // namespace glancer::scs
