#include "core/file_write.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace glancer {

Status write_file_whole(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc | std::ios::binary);
    if (!out) return fail(ErrorCode::io, "cannot write " + tmp + ": " + std::strerror(errno));
    out << text;
    if (!out.flush())
      return fail(ErrorCode::io, "cannot write " + tmp + ": " + std::strerror(errno));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return fail(ErrorCode::io, "cannot write " + path + ": " + ec.message());
  return {};
}

}  // namespace glancer
