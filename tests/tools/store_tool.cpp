// A test-only tool that works on an embedded store directly, to play the part of "someone
// else" changing the service out of band (an unlabelled image, an edit behind glancer's back).
//   glancer_store_tool DIR list
//   glancer_store_tool DIR create NAME [FILE]     prints the new image id
//   glancer_store_tool DIR set-property ID KEY VALUE
//   glancer_store_tool DIR set-json ID KEY JSON       e.g. visibility '"public"', os_hidden true
//   glancer_store_tool DIR set-owner ID PROJECT
//   glancer_store_tool DIR delete ID
//   glancer_store_tool DIR deactivate ID
#include <iostream>
#include <string>

#include "glance/image.h"
#include "source/file_source.h"
#include "store/local_image_service.h"

using namespace glancer;

namespace {
int die(const Error& e) {
  std::cerr << "glancer_store_tool: " << e.to_string() << "\n";
  return 1;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: glancer_store_tool DIR list|create NAME [FILE]|set-property ID KEY "
                 "VALUE|set-json ID KEY JSON|set-owner ID OWNER\n";
    return 2;
  }
  auto store = LocalImageService::open(argv[1]);
  if (!store) return die(store.error());
  const std::string cmd = argv[2];
  if (cmd == "list") {
    auto images = (*store)->list({});
    if (!images) return die(images.error());
    nlohmann::json out = nlohmann::json::array();
    for (const auto& im : *images) out.push_back(image_to_json(im));
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  if (cmd == "create" && argc >= 4) {
    ImageCreate req;
    req.name = argv[3];
    req.disk_format = "raw";
    req.container_format = "bare";
    req.visibility = "private";
    auto image = (*store)->create(req);
    if (!image) return die(image.error());
    if (argc >= 5) {
      auto file = FileSource::open(argv[4]);
      if (!file) return die(file.error());
      auto up = (*store)->upload(image->id, **file);
      if (!up) return die(up.error());
    }
    std::cout << image->id << "\n";
    return 0;
  }
  if (cmd == "set-property" && argc >= 6) {
    auto updated =
        (*store)->update(argv[3], {{PatchOp::Kind::add, std::string("/") + argv[4], argv[5]}});
    if (!updated) return die(updated.error());
    return 0;
  }
  if (cmd == "set-json" && argc >= 6) {  // a JSON value: visibility, os_hidden, …
    auto value = nlohmann::json::parse(argv[5], nullptr, false);
    if (value.is_discarded())
      return die(fail(ErrorCode::invalid_argument, "not JSON: " + std::string(argv[5])));
    auto updated =
        (*store)->update(argv[3], {{PatchOp::Kind::replace, std::string("/") + argv[4], value}});
    if (!updated) return die(updated.error());
    return 0;
  }
  if (cmd == "set-owner" && argc >= 5) {  // another project's image, as a real Glance holds them
    auto updated = (*store)->set_owner(argv[3], argv[4]);
    if (!updated) return die(updated.error());
    return 0;
  }
  if (cmd == "delete" && argc >= 4) {
    auto removed = (*store)->remove(argv[3]);
    if (!removed) return die(removed.error());
    return 0;
  }
  if (cmd == "deactivate" && argc >= 4) {
    auto deactivated = (*store)->deactivate(argv[3]);
    if (!deactivated) return die(deactivated.error());
    return 0;
  }
  std::cerr << "glancer_store_tool: unknown command " << cmd << "\n";
  return 2;
}
