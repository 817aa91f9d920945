#include "core/hashing.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>

namespace glancer {

namespace {
const EVP_MD* evp_for(HashAlgo algo) {
  switch (algo) {
    case HashAlgo::md5: return EVP_md5();
    case HashAlgo::sha1: return EVP_sha1();
    case HashAlgo::sha256: return EVP_sha256();
    case HashAlgo::sha512: return EVP_sha512();
  }
  return EVP_sha256();
}
}  // namespace

const char* hash_algo_name(HashAlgo algo) {
  switch (algo) {
    case HashAlgo::md5: return "md5";
    case HashAlgo::sha1: return "sha1";
    case HashAlgo::sha256: return "sha256";
    case HashAlgo::sha512: return "sha512";
  }
  return "sha256";
}

std::optional<HashAlgo> parse_hash_algo(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (HashAlgo a : {HashAlgo::md5, HashAlgo::sha1, HashAlgo::sha256, HashAlgo::sha512})
    if (lower == hash_algo_name(a)) return a;
  return std::nullopt;
}

size_t hash_hex_length(HashAlgo algo) {
  switch (algo) {
    case HashAlgo::md5: return 32;
    case HashAlgo::sha1: return 40;
    case HashAlgo::sha256: return 64;
    case HashAlgo::sha512: return 128;
  }
  return 64;
}

struct Hasher::Impl {
  EVP_MD_CTX* ctx = nullptr;
  ~Impl() { EVP_MD_CTX_free(ctx); }
};

Hasher::Hasher(HashAlgo algo) : m_algo(algo), m_impl(std::make_unique<Impl>()) {
  m_impl->ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(m_impl->ctx, evp_for(algo), nullptr);
}
Hasher::~Hasher() = default;
Hasher::Hasher(Hasher&&) noexcept = default;
Hasher& Hasher::operator=(Hasher&&) noexcept = default;

void Hasher::update(const void* data, size_t n) {
  EVP_DigestUpdate(m_impl->ctx, data, n);
}

std::string Hasher::finish() {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(m_impl->ctx, md, &len);
  static const char* k_hex = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out += k_hex[md[i] >> 4];
    out += k_hex[md[i] & 0xf];
  }
  return out;
}

std::string Digest::to_string() const {
  return std::string(hash_algo_name(algo)) + ":" + hex;
}

Result<Digest> Digest::parse(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos)
    return fail(ErrorCode::invalid_argument,
                "checksum must be written as ALGO:HEX (md5, sha1, sha256 or sha512), got `" +
                    std::string(text) + "`");
  auto algo = parse_hash_algo(text.substr(0, colon));
  if (!algo)
    return fail(ErrorCode::invalid_argument, "unknown checksum algorithm `" +
                                                 std::string(text.substr(0, colon)) +
                                                 "` (use md5, sha1, sha256 or sha512)");
  std::string hex(text.substr(colon + 1));
  std::transform(hex.begin(), hex.end(), hex.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  bool all_hex =
      std::all_of(hex.begin(), hex.end(), [](unsigned char c) { return std::isxdigit(c); });
  if (!all_hex || hex.size() != hash_hex_length(*algo))
    return fail(ErrorCode::invalid_argument,
                std::string(hash_algo_name(*algo)) + " checksum must be " +
                    std::to_string(hash_hex_length(*algo)) + " hex digits, got `" + hex + "`");
  return Digest{*algo, hex};
}

}  // namespace glancer
