#pragma once
/// Random UUIDs (version 4) for client-chosen image ids, so a retried create is safe.

#include <string>
#include <string_view>

namespace glancer {

/// A new random v4 UUID, lowercase "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", from OpenSSL's CSPRNG.
std::string new_uuid();
/// True if `text` is a UUID in the canonical 8-4-4-4-12 hex form (any case).
bool is_uuid(std::string_view text);

}  // namespace glancer
