#include "exec/image_transfer.h"

#include "core/redact.h"
#include "exec/abortable_source.h"
#include "exec/stored_digest.h"
#include "exec/verifying_source.h"
#include "source/inspecting_source.h"

namespace glancer {

namespace {

// The planned digest is what the source was when the plan was made (the checksum file's entry,
// or the file's digest): a mismatch now most often means the source changed since then.
Error mismatch(const ImageSource& s, const Digest& planned, const Digest& got) {
  const std::string why =
      !s.checksum_url.empty()
          ? "the plan took " + planned.to_string() + " from " + redact_url(s.checksum_url) +
                ": upstream changed since the plan was made (or the mirror is out of step with "
                "its checksum file); run `glancer plan` again"
      : !s.file.empty() ? "if the file changed since the plan was made, run `glancer plan` again"
                        : "upstream changed since the checksum was written, or the mirror serves "
                          "other data; check the checksum and run `glancer plan` again";
  return Error{ErrorCode::checksum_mismatch,
               source_name(s) + " does not match its checksum: expected " + planned.to_string() +
                   ", got " + got.to_string() + " (" + why + ")",
               {}};
}

Result<Digest> upload_verified(const TransferContext& ctx, const Change& change,
                               const Image& image) {
  const DesiredImage& d = *change.desired;
  const ImageSource& src = *d.source;
  // A URL without any published digest is still hashed, so the image records what it holds.
  const HashAlgo algo = src.checksum ? src.checksum->algo : HashAlgo::sha256;
  GLANCER_TRY(opened, ctx.opener.open(src, ctx.cancel));
  AbortableSource data(*opened, ctx.cancel, "the upload of image `" + d.key + "`");
  ctx.observer.on_step(change,
                       src.file.empty() ? "uploading from " + source_name(src) : "uploading");
  // The plan checked a file's content; the bytes sent (also a download's) are checked as they flow.
  InspectingSource inspected(
      data, d.disk_format, src.allow_backing_file,
      "image `" + d.key + "`: source " + (src.file.empty() ? "" : "file ") + source_name(src));
  VerifyingSource verifying(inspected, algo, [&](uint64_t bytes, std::optional<uint64_t> total) {
    ctx.observer.on_progress(change, bytes, total);
  });
  GLANCER_TRY(uploaded, ctx.service.upload(image.id, verifying));
  ctx.observer.on_step(change, "verifying");
  Digest digest = verifying.digest();
  const std::string md5 = verifying.md5();
  if (src.checksum && !(digest == *src.checksum)) return mismatch(src, *src.checksum, digest);
  if (uploaded.checksum != md5 || uploaded.size != static_cast<int64_t>(verifying.bytes()))
    return fail(ErrorCode::checksum_mismatch,
                "the image service stored different data than was sent (md5 " +
                    uploaded.checksum.value_or("null") + ", sent " + md5 + ")");
  return digest;
}

Result<Digest> import_verified(const TransferContext& ctx, const Change& change,
                               const Image& image) {
  const ImageSource& src = *change.desired->source;
  ctx.observer.on_step(change, "importing from " + source_name(src) + " (web-download)");
  GLANCER_TRY(imported, ctx.service.web_download(image.id, src.url, ctx.import_timeout));
  // The service fetched the data itself: check it from its own hashes or by streaming it back.
  ctx.observer.on_step(change, "verifying");
  const HashAlgo algo = src.checksum                        ? src.checksum->algo
                        : imported.os_hash_algo == "sha512" ? HashAlgo::sha512
                                                            : HashAlgo::sha256;
  // Nothing glancer streamed was inspected: inspect what the service stored, before publishing.
  const DesiredImage& d = *change.desired;
  const ContentRule rule{d.disk_format, src.allow_backing_file,
                         "image `" + d.key + "`: source " + source_name(src) + " (web-download)"};
  GLANCER_TRY(stored, stored_digest_inspected(ctx.service, imported, algo, rule));
  if (src.checksum && !(stored.digest == *src.checksum))
    return mismatch(src, *src.checksum, stored.digest);
  GLANCER_CHECK(stored.verdict);
  return stored.digest;
}

}  // namespace

std::string source_name(const ImageSource& s) {
  return s.file.empty() ? redact_url(s.url) : s.file.string();
}

Result<Digest> transfer_verified(const TransferContext& ctx, const Change& change,
                                 const Image& image) {
  const DesiredImage& d = *change.desired;
  if (!d.source || (d.source->file.empty() && d.source->url.empty()))
    return fail(ErrorCode::invalid_argument, "image `" + d.key + "` has no source to upload");
  if (d.source->method == "web-download") return import_verified(ctx, change, image);
  return upload_verified(ctx, change, image);
}

}  // namespace glancer
