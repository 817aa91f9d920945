#pragma once
/// Message digests through OpenSSL EVP, computed incrementally while data streams.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace glancer {

/// The digest algorithms glancer knows (Glance's md5 checksum, os_hash_algo sha512, manifests'
/// sha*).
enum class HashAlgo { md5, sha1, sha256, sha512 };

/// "md5", "sha1", "sha256", "sha512".
const char* hash_algo_name(HashAlgo algo);
/// Parses a name as above (case-insensitive); nullopt if unknown.
std::optional<HashAlgo> parse_hash_algo(std::string_view name);
/// Length of the lowercase hex digest: 32, 40, 64, 128.
size_t hash_hex_length(HashAlgo algo);

/// An incremental digest. Not copyable; finish() may be called once.
class Hasher {
 public:
  explicit Hasher(HashAlgo algo);
  ~Hasher();
  Hasher(Hasher&&) noexcept;
  Hasher& operator=(Hasher&&) noexcept;
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  void update(const void* data, size_t n);
  /// Lowercase hex digest of everything updated so far.
  std::string finish();
  HashAlgo algo() const { return m_algo; }

 private:
  HashAlgo m_algo;
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

/// A digest written as "algo:hex", as in manifests and ownership labels.
struct Digest {
  HashAlgo algo = HashAlgo::sha256;
  std::string hex;

  /// "sha256:abcd…".
  std::string to_string() const;
  /// Parses "algo:hex", checking the hex length for the algorithm.
  static Result<Digest> parse(std::string_view text);
  friend bool operator==(const Digest&, const Digest&) = default;
};

}  // namespace glancer
