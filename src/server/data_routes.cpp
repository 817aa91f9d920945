// Image data: PUT/GET /v2/images/{id}/file and PUT /v2/images/{id}/stage, streamed both ways.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "server/body_stream.h"
#include "server/http_util.h"
#include "server/routes.h"

namespace glancer {

namespace {

constexpr const char* k_octet = "application/octet-stream";

// Writes what ImageService::download produces straight to the HTTP connection.
class ConnectionSink : public ByteSink {
 public:
  explicit ConnectionSink(httplib::DataSink& sink) : m_sink(sink) {}
  Status write(const char* buf, size_t n) override {
    if (!m_sink.write(buf, n)) return fail(ErrorCode::transport, "the client went away");
    return {};
  }

 private:
  httplib::DataSink& m_sink;
};

// Checks shared by upload and stage before any byte is read.
Result<std::optional<uint64_t>> check_data_request(ServeState& state, const httplib::Request& req,
                                                   const std::string& id) {
  GLANCER_TRY(declared, declared_body_size(req));
  if (declared && *declared > state.options.image_size_cap)
    return fail(ErrorCode::quota, "image data of " + std::to_string(*declared) +
                                      " bytes exceeds the size cap of " +
                                      std::to_string(state.options.image_size_cap) + " bytes");
  GLANCER_CHECK(state.access.check_modify(id));
  GLANCER_TRY(image, state.service.get(id));
  if (image.status != "queued" || state.staging.phase(id))
    return fail(ErrorCode::conflict,
                "image " + id + " is not queued; data can only be added to a queued image");
  return declared;
}

// Answers an error; a body we did not read means the connection can't be reused.
void refuse(httplib::Response& res, const Error& error) {
  res.set_header("Connection", "close");
  send_error(res, error);
}

// Data must be sent as application/octet-stream (else 415, like Glance).
bool is_octet_stream(const httplib::Request& req, httplib::Response& res) {
  if (media_type(req.get_header_value("Content-Type")) == k_octet) return true;
  res.set_header("Connection", "close");
  send_error(res, 415, "the Content-Type must be application/octet-stream");
  return false;
}

void upload(ServeState& state, const httplib::Request& req, httplib::Response& res,
            const httplib::ContentReader& reader) {
  auto id = image_id_of(req, res);
  if (!id || !is_octet_stream(req, res)) return;
  auto declared = check_data_request(state, req, *id);
  if (!declared) return refuse(res, declared.error());
  std::function<Result<Image>(ByteSource&)> consume = [&](ByteSource& source) {
    return state.service.upload(*id, source);
  };
  auto image = stream_body<Image>(state, reader, *declared, consume);
  if (!image) {
    if (image.error().code == ErrorCode::not_found)  // deleted while we were receiving
      return send_error(res, 410, image.error().message);
    return refuse(res, image.error());
  }
  res.status = 204;
}

// Copies a source into a new staging file, enforcing the size cap.
Result<uint64_t> write_staging_file(ServeState& state, const std::filesystem::path& path,
                                    ByteSource& source) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    return fail(ErrorCode::io,
                "cannot create the staging file: " + std::string(std::strerror(errno)));
  std::vector<char> buf(k_chunk_size);
  uint64_t total = 0;
  Status copied = [&]() -> Status {
    for (;;) {
      GLANCER_TRY(n, source.read(buf.data(), buf.size()));
      if (n == 0) return {};
      total += n;
      if (total > state.options.image_size_cap)
        return fail(ErrorCode::quota, "image data exceeds the size cap");
      for (size_t off = 0; off < n;) {
        ssize_t w = ::write(fd, buf.data() + off, n - off);
        if (w < 0 && errno == EINTR) continue;
        if (w < 0)
          return fail(ErrorCode::io,
                      "cannot write the staging file: " + std::string(std::strerror(errno)));
        off += static_cast<size_t>(w);
      }
    }
  }();
  ::close(fd);
  if (!copied) return copied.error();
  if (source.size() && *source.size() != total)
    return fail(ErrorCode::transport, "the body ended before its Content-Length");
  return total;
}

void stage(ServeState& state, const httplib::Request& req, httplib::Response& res,
           const httplib::ContentReader& reader) {
  auto id = image_id_of(req, res);
  if (!id || !is_octet_stream(req, res)) return;
  auto declared = check_data_request(state, req, *id);
  if (!declared) return refuse(res, declared.error());
  if (!state.staging.transition(*id, std::nullopt, "staging"))
    return refuse(res, fail(ErrorCode::conflict, "image " + *id + " is already being staged"));
  const auto path = state.staging.path_for(*id);
  std::function<Result<uint64_t>(ByteSource&)> consume = [&](ByteSource& source) {
    return write_staging_file(state, path, source);
  };
  auto written = stream_body<uint64_t>(state, reader, *declared, consume);
  if (!written) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
    state.staging.transition(*id, "staging", std::nullopt);
    return refuse(res, written.error());
  }
  state.staging.transition(*id, "staging", "uploading");
  res.status = 204;
}

void download(ServeState& state, const httplib::Request& req, httplib::Response& res) {
  auto id = image_id_of(req, res);
  if (!id) return;
  auto image = state.service.get(*id);
  if (!image) return send_error(res, image.error());
  if (image->status == "deactivated")
    return send_error(
        res, 403, "The requested image has been deactivated. Image data download is forbidden.");
  if (image->status != "active") {
    res.status = 204;
    return;
  }
  const uint64_t size = static_cast<uint64_t>(image->size.value_or(0));
  RangeRequest range = parse_range_header(req.get_header_value("Range"), size);
  if (range.status == 416) {
    res.set_header("Content-Range", "bytes */" + std::to_string(size));
    return send_error(res, 416, "the requested range is not satisfiable");
  }
  if (range.status == 400) return send_error(res, 400, "only a single byte range is supported");
  if (image->checksum) res.set_header("Content-MD5", *image->checksum);
  res.status = range.status;
  if (size == 0) return res.set_content("", k_octet);
  if (range.status == 206)
    res.set_header("Content-Range", "bytes " + std::to_string(range.first) + "-" +
                                        std::to_string(range.last) + "/" + std::to_string(size));
  const uint64_t first = range.first;
  res.set_content_provider(
      static_cast<size_t>(range.last - range.first + 1), k_octet,
      [&state, id = *id, first](size_t offset, size_t length, httplib::DataSink& sink) {
        ConnectionSink out(sink);
        ByteRange part{first + offset, first + offset + length - 1};
        return state.service.download(id, out, part).ok();
      });
}

}  // namespace

void add_data_routes(httplib::Server& server, ServeState& state) {
  server.Put("/v2/images/([^/]+)/file",
             [&](const httplib::Request& req, httplib::Response& res,
                 const httplib::ContentReader& reader) { upload(state, req, res, reader); });
  server.Get("/v2/images/([^/]+)/file", [&](const httplib::Request& req, httplib::Response& res) {
    download(state, req, res);
  });
  server.Put("/v2/images/([^/]+)/stage",
             [&](const httplib::Request& req, httplib::Response& res,
                 const httplib::ContentReader& reader) { stage(state, req, res, reader); });
}

}  // namespace glancer
