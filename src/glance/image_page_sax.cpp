// A GET /v2/images body into Images through nlohmann's SAX events (see image_page_sax.h).
// It mirrors image_from_json and checked_image (image.cpp, image_json.cpp) field by field:
// duplicate keys keep the last value as the JSON document would, non-string custom properties
// are dropped, and any value those functions would refuse makes the handler give up.

#include "glance/image_page_sax.h"

#include <array>
#include <string_view>
#include <utility>

namespace glancer {

namespace {

// The attributes of an image document, as image_from_json reads them.
enum class Field {
  id,
  name,
  status,
  visibility,
  protected_,
  os_hidden,
  disk_format,
  container_format,
  owner,
  min_disk,
  min_ram,
  size,
  virtual_size,
  checksum,
  os_hash_algo,
  os_hash_value,
  tags,
  created_at,
  updated_at,
  ignored,   // self file schema direct_url locations: base keys image_from_json skips
  property,  // anything else: a custom property when its value is a string
};

constexpr std::array<std::pair<std::string_view, Field>, 24> k_fields = {{
    {"id", Field::id},
    {"name", Field::name},
    {"status", Field::status},
    {"visibility", Field::visibility},
    {"protected", Field::protected_},
    {"os_hidden", Field::os_hidden},
    {"disk_format", Field::disk_format},
    {"container_format", Field::container_format},
    {"owner", Field::owner},
    {"min_disk", Field::min_disk},
    {"min_ram", Field::min_ram},
    {"size", Field::size},
    {"virtual_size", Field::virtual_size},
    {"checksum", Field::checksum},
    {"os_hash_algo", Field::os_hash_algo},
    {"os_hash_value", Field::os_hash_value},
    {"tags", Field::tags},
    {"created_at", Field::created_at},
    {"updated_at", Field::updated_at},
    {"self", Field::ignored},
    {"file", Field::ignored},
    {"schema", Field::ignored},
    {"direct_url", Field::ignored},
    {"locations", Field::ignored},
}};

Field field_of(std::string_view key) {
  for (const auto& [name, field] : k_fields)
    if (name == key) return field;
  return Field::property;
}

std::optional<std::string>* optional_text(Image& im, Field f) {
  switch (f) {
    case Field::name: return &im.name;
    case Field::disk_format: return &im.disk_format;
    case Field::container_format: return &im.container_format;
    case Field::owner: return &im.owner;
    case Field::checksum: return &im.checksum;
    case Field::os_hash_algo: return &im.os_hash_algo;
    case Field::os_hash_value: return &im.os_hash_value;
    default: return nullptr;
  }
}

std::string* required_text(Image& im, Field f) {
  switch (f) {
    case Field::id: return &im.id;
    case Field::status: return &im.status;
    case Field::visibility: return &im.visibility;
    case Field::created_at: return &im.created_at;
    case Field::updated_at: return &im.updated_at;
    default: return nullptr;
  }
}

class PageHandler {
 public:
  using json = nlohmann::json;
  ImagePage page;

  bool complete() const { return m_state == State::done && m_images_seen; }

  bool null() { return m_skip ? true : scalar_null(); }
  bool boolean(bool v) { return m_skip ? true : scalar_bool(v); }
  bool number_integer(json::number_integer_t v) { return m_skip ? true : scalar_integer(v); }
  bool number_unsigned(json::number_unsigned_t v) {
    return m_skip ? true : scalar_integer(static_cast<int64_t>(v));  // as get<int64_t> converts
  }
  bool number_float(json::number_float_t, const json::string_t&) {
    return m_skip ? true : scalar_float();
  }
  bool string(json::string_t& v) { return m_skip ? true : scalar_string(v); }
  bool binary(json::binary_t&) { return false; }
  bool start_object(std::size_t) { return container(/*array=*/false); }
  bool start_array(std::size_t) { return container(/*array=*/true); }
  bool key(json::string_t& k) {
    if (m_skip) return true;
    if (m_state == State::top)
      m_top_key = std::move(k);
    else if (m_state == State::image)
      m_key = std::move(k), m_field = field_of(m_key);
    return true;
  }
  bool end_object() {
    if (m_skip) return --m_skip, true;
    if (m_state == State::image) {
      if (m_image.id.empty()) return false;  // checked_image: "no id"
      page.images.push_back(std::move(m_image));
      m_state = State::images;
      return true;
    }
    if (m_state == State::top) return m_state = State::done, true;
    return false;
  }
  bool end_array() {
    if (m_skip) return --m_skip, true;
    if (m_state == State::tags) return m_state = State::image, true;
    if (m_state == State::images) return m_state = State::top, true;
    return false;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) {
    return false;
  }

 private:
  enum class State { start, top, images, image, tags, done };

  // A value at the top level, for the key just read; false: the checked parse decides.
  bool top_value(bool is_images_array) {
    if (m_top_key == "images") {
      if (!is_images_array || m_images_seen) return false;
      m_images_seen = true;
      m_state = State::images;
      return true;
    }
    if (m_top_key == "next") page.next.clear();  // the last `next` counts, a string or nothing
    return true;
  }

  bool container(bool array) {
    if (m_skip) return ++m_skip, true;
    switch (m_state) {
      case State::start:
        if (array) return false;
        return m_state = State::top, true;
      case State::top:
        if (!top_value(array)) return false;
        if (m_state == State::top) m_skip = 1;  // another top-level member: not needed
        return true;
      case State::images:
        if (array) return false;  // an image that is not an object
        m_image = Image{};
        return m_state = State::image, true;
      case State::image:
        if (m_field == Field::tags) {
          m_image.tags.clear();  // a non-array `tags` reads as none
          if (array) return m_state = State::tags, true;
        } else if (m_field == Field::property) {
          m_image.properties.erase(m_key);
        } else if (m_field != Field::ignored) {
          return false;
        }
        m_skip = 1;
        return true;
      case State::tags:
      case State::done: return false;
    }
    return false;
  }

  // The common part of every scalar outside an image; true if the value was taken there.
  std::optional<bool> outside_image(const json::string_t* text) {
    switch (m_state) {
      case State::top:
        if (!top_value(false)) return false;
        if (m_top_key == "next" && text) page.next = *text;
        return true;
      case State::image: return std::nullopt;
      default: return false;  // a scalar document, an image or a tag that is not a string
    }
  }

  // What every scalar does for the fields that do not care about its type.
  std::optional<bool> typeless() {
    switch (m_field) {
      case Field::tags: return m_image.tags.clear(), true;
      case Field::ignored: return true;
      case Field::property: return m_image.properties.erase(m_key), true;
      default: return std::nullopt;
    }
  }

  bool scalar_string(json::string_t& v) {
    if (m_state == State::tags) return m_image.tags.insert(std::move(v)), true;
    if (auto taken = outside_image(&v)) return *taken;
    if (auto* s = optional_text(m_image, m_field)) return *s = std::move(v), true;
    if (auto* s = required_text(m_image, m_field)) return *s = std::move(v), true;
    if (m_field == Field::property) return m_image.properties[m_key] = std::move(v), true;
    if (m_field == Field::tags) return m_image.tags.clear(), true;
    return m_field == Field::ignored;
  }

  bool scalar_null() {
    if (auto taken = outside_image(nullptr)) return *taken;
    if (auto done = typeless()) return *done;
    if (auto* s = optional_text(m_image, m_field)) return s->reset(), true;
    switch (m_field) {
      case Field::min_disk: return m_image.min_disk = 0, true;
      case Field::min_ram: return m_image.min_ram = 0, true;
      case Field::size: return m_image.size.reset(), true;
      case Field::virtual_size: return m_image.virtual_size.reset(), true;
      default: return false;
    }
  }

  bool scalar_bool(bool v) {
    if (auto taken = outside_image(nullptr)) return *taken;
    if (auto done = typeless()) return *done;
    if (m_field == Field::protected_) return m_image.protected_ = v, true;
    if (m_field == Field::os_hidden) return m_image.hidden = v, true;
    return false;
  }

  bool scalar_integer(int64_t v) {
    if (auto taken = outside_image(nullptr)) return *taken;
    if (auto done = typeless()) return *done;
    switch (m_field) {
      case Field::min_disk: return m_image.min_disk = v, true;
      case Field::min_ram: return m_image.min_ram = v, true;
      case Field::size: return m_image.size = v, true;
      case Field::virtual_size: return m_image.virtual_size = v, true;
      default: return false;
    }
  }

  bool scalar_float() {
    if (auto taken = outside_image(nullptr)) return *taken;
    if (auto done = typeless()) return *done;
    return false;
  }

  State m_state = State::start;
  int m_skip = 0;  ///< depth inside a value nobody reads
  bool m_images_seen = false;
  std::string m_top_key;
  std::string m_key;
  Field m_field = Field::property;
  Image m_image;
};

}  // namespace

std::optional<ImagePage> parse_image_page_fast(const std::string& body) {
  PageHandler handler;
  if (!nlohmann::json::sax_parse(body, &handler) || !handler.complete()) return std::nullopt;
  return std::move(handler.page);
}

}  // namespace glancer
