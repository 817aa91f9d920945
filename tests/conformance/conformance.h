#pragma once
// The ImageService conformance suite: the same Glance v2 semantics checked against every
// implementation. main.cpp picks the target (see there); tests use only the seam.

#include <doctest/doctest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/stream.h"
#include "glance/image_service.h"

namespace glancer::conformance {

/// The service under test (opened once by main).
ImageService& service();
/// The target's description, for messages.
std::string target_name();

/// A name unique to this run, so tests on a shared real Glance never collide.
std::string unique_name(const std::string& base);

/// Creates images and deletes them (unprotecting first) when the test ends, pass or fail.
class Images {
 public:
  Images() = default;
  ~Images();
  Images(const Images&) = delete;
  Images& operator=(const Images&) = delete;
  /// create() that must succeed; the image is cleaned up later.
  Image create(ImageCreate request);
  /// A request with raw/bare formats, a unique name and a run label.
  static ImageCreate uploadable(const std::string& base = "img");
  /// Remembers an id created some other way.
  void track(const std::string& id) { m_ids.push_back(id); }

 private:
  std::vector<std::string> m_ids;
};

/// Serves a string; can declare a wrong size.
class StringSource : public ByteSource {
 public:
  explicit StringSource(std::string data) : m_data(std::move(data)), m_declared(m_data.size()) {}
  StringSource& declare(std::optional<uint64_t> n) {
    m_declared = n;
    return *this;
  }
  Result<size_t> read(char* buf, size_t n) override;
  std::optional<uint64_t> size() const override { return m_declared; }

 private:
  std::string m_data;
  std::optional<uint64_t> m_declared;
  size_t m_pos = 0;
};

/// Collects what it is given.
class StringSink : public ByteSink {
 public:
  Status write(const char* buf, size_t n) override {
    data.append(buf, n);
    return {};
  }
  std::string data;
};

/// Deterministic test bytes.
std::string pattern(size_t n);

/// The code of a failed result (fails the test if it succeeded).
template <class R>
ErrorCode code_of(const R& r) {
  REQUIRE_FALSE(r.ok());
  return r.error().code;
}

/// The property every test image carries, so leftovers are recognisable.
inline constexpr const char* k_run_label = "glancer.conformance";

}  // namespace glancer::conformance
