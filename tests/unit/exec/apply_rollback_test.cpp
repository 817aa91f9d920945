// The executor's riskiest paths: what a failed create, rotate or import leaves behind (nothing),
// asserted on the calls the service received and on the store's final state.

#include <doctest/doctest.h>

#include "exec_test_support.h"

using namespace glancer;
using namespace glancer::exec_test;
using Strings = std::vector<std::string>;

TEST_SUITE("exec") {
  TEST_CASE("apply: a create whose data fails its checksum removes the new image") {
    Harness h;
    DesiredImage d = desired_image("cirros", "the planned bytes");
    h.opener.add_file(d.source->file, "the bytes on disk today");
    const std::string id = image_id(1);
    const ApplyOutcome out = h.apply(plan_of({make_change(Action::create, d, id)}));

    CHECK(out.failed == 1);
    CHECK(out.succeeded == 0);
    CHECK(h.service.call_strings() == Strings{"create " + id, "upload " + id, "remove " + id});
    CHECK(h.observer.events ==
          Strings{"step s/cirros: creating", "step s/cirros: uploading", "step s/cirros: verifying",
                  "failed s/cirros: /data/cirros.raw does not match its checksum: expected " +
                      sha256_of("the planned bytes").to_string() + ", got " +
                      sha256_of("the bytes on disk today").to_string() +
                      " (if the file changed since the plan was made, run `glancer plan` again)"});
    CHECK(h.gone(id));
    CHECK(h.store->list({})->empty());
  }

  TEST_CASE("apply: data that changed upstream since the plan says so and asks for a new plan") {
    Harness h;
    DesiredImage d = desired_image("focal", "release 1");
    d.source->file.clear();
    d.source->url = "https://mirror.test/focal.img";
    d.source->checksum_url = "https://user:secret@mirror.test/SHA256SUMS";
    h.opener.add_url(d.source->url, "release 2");
    const ApplyOutcome out = h.apply(plan_of({make_change(Action::create, d, image_id(1))}));

    CHECK(out.failed == 1);
    CHECK(h.observer.outcomes() ==
          Strings{"failed s/focal: https://mirror.test/focal.img does not match its checksum: "
                  "expected " +
                  sha256_of("release 1").to_string() + ", got " +
                  sha256_of("release 2").to_string() + " (the plan took " +
                  sha256_of("release 1").to_string() +
                  " from https://***@mirror.test/SHA256SUMS: upstream changed since the plan was "
                  "made (or the mirror is out of step with its checksum file); run `glancer "
                  "plan` again)"});
    CHECK(h.gone(image_id(1)));
  }

  TEST_CASE("apply: a create stamps its pending label with the injected clock, then publishes") {
    Harness h;
    DesiredImage d = desired_image("cirros", "data");
    d.properties = {{"os_distro", "cirros"}};
    h.opener.add_file(d.source->file, "data");
    const std::string id = image_id(1);
    h.service.fail_call("update", 1, fail(ErrorCode::transport, "connection reset by test"));
    // The publish fails, so the image is caught while still pending: read it just before.
    std::string pending;
    h.observer.after_event = [&](const std::string& event) {
      if (event == "step s/cirros: publishing")
        pending = h.stored(id).property(labels::k_pending).value_or("");
    };
    const ApplyOutcome out = h.apply(plan_of({make_change(Action::create, d, id)}));

    CHECK(out.failed == 1);
    CHECK(pending == "2026-01-01T00:00:00Z");  // ManualClock's start
    CHECK(h.service.call_strings() ==
          Strings{"create " + id, "upload " + id, "update " + id, "remove " + id});
    CHECK(h.observer.outcomes() == Strings{"failed s/cirros: connection reset by test"});
    CHECK(h.gone(id));
  }

  TEST_CASE("apply: a failed rotate gives the demoted image back its name, hiding and labels") {
    Harness h;
    const Image old = h.live_image(image_id(1), "cirros", "Cirros", "version 1");
    DesiredImage d = desired_image("cirros", "version 2");
    d.name = "Cirros";
    h.opener.add_file(d.source->file, "version 2");
    Change rotate = make_change(Action::rotate, d, image_id(2));
    rotate.live = live_ref(old);
    rotate.previous_name = "Cirros (1)";
    // The first update demotes the current image, the second publishes the new one: fail it.
    h.service.fail_call("update", 2, fail(ErrorCode::transport, "connection reset by test"));
    const ApplyOutcome out = h.apply(plan_of({rotate}));

    CHECK(out.failed == 1);
    const std::string o = old.id, n = image_id(2);
    CHECK(h.service.call_strings() == Strings{"create " + n, "upload " + n, "update " + o,
                                              "update " + n, "remove " + n, "update " + o});
    CHECK(h.observer.events ==
          Strings{"step s/cirros: creating", "step s/cirros: uploading", "step s/cirros: verifying",
                  "step s/cirros: keeping the current image as \"Cirros (1)\"",
                  "step s/cirros: publishing", "failed s/cirros: connection reset by test"});
    const Image restored = h.stored(o);
    CHECK(restored.name == "Cirros");
    CHECK_FALSE(restored.hidden);
    CHECK_FALSE(restored.property(labels::k_previous).has_value());
    CHECK(restored.status == "active");
    CHECK(h.gone(n));
  }

  TEST_CASE("apply: a rotate keeps the current image as a hidden version, stamped by the clock") {
    Harness h;
    const Image old = h.live_image(image_id(1), "cirros", "Cirros", "version 1");
    DesiredImage d = desired_image("cirros", "version 2");
    d.name = "Cirros";
    d.source->version = "2";
    h.opener.add_file(d.source->file, "version 2");
    Change rotate = make_change(Action::rotate, d, image_id(2));
    rotate.live = live_ref(old);
    rotate.previous_name = "Cirros (1)";
    const ApplyOutcome out = h.apply(plan_of({rotate}));

    CHECK(out.ok());
    CHECK(h.observer.outcomes() == Strings{"done s/cirros " + image_id(2)});
    const Image kept = h.stored(old.id);
    CHECK(kept.name == "Cirros (1)");
    CHECK(kept.hidden);
    CHECK(kept.property(labels::k_previous) == "2026-01-01T00:00:00.000Z");
    const Image current = h.stored(image_id(2));
    CHECK(current.name == "Cirros");
    CHECK_FALSE(current.hidden);
    CHECK(current.property(labels::k_digest) == sha256_of("version 2").to_string());
    CHECK(current.property(labels::k_version) == "2");
    CHECK_FALSE(current.property(labels::k_pending).has_value());
  }

  TEST_CASE("apply: a web-download import is checked against the data the service stored") {
    const std::string url = "https://mirror.test/cirros.img";
    auto web_download = [&](const std::string& planned) {
      DesiredImage d = desired_image("cirros", planned);
      d.source->file.clear();
      d.source->url = url;
      d.source->method = "web-download";
      return make_change(Action::create, d, image_id(1));
    };
    const std::string id = image_id(1);

    SUBCASE("the digest matches: published") {
      Harness h;
      h.service.serve_url(url, "upstream bytes");
      const ApplyOutcome out = h.apply(plan_of({web_download("upstream bytes")}));
      CHECK(out.ok());
      // sha256 is not a hash the service keeps, so the data is streamed back to check it.
      CHECK(h.service.call_strings() ==
            Strings{"create " + id, "web_download " + id, "download " + id, "update " + id});
      CHECK(h.opener.opened().empty());  // the service fetched it, not glancer
      const Image image = h.stored(id);
      CHECK(image.name == "Image cirros");
      CHECK(image.property(labels::k_digest) == sha256_of("upstream bytes").to_string());
      CHECK_FALSE(image.property(labels::k_pending).has_value());
    }
    SUBCASE("the mirror served other data: the image is removed") {
      Harness h;
      h.service.serve_url(url, "tampered bytes");
      const ApplyOutcome out = h.apply(plan_of({web_download("upstream bytes")}));
      CHECK(out.failed == 1);
      CHECK(h.service.call_strings() ==
            Strings{"create " + id, "web_download " + id, "download " + id, "remove " + id});
      CHECK(h.observer.events ==
            Strings{"step s/cirros: creating",
                    "step s/cirros: importing from " + url + " (web-download)",
                    "step s/cirros: verifying",
                    "failed s/cirros: " + url + " does not match its checksum: expected " +
                        sha256_of("upstream bytes").to_string() + ", got " +
                        sha256_of("tampered bytes").to_string() +
                        " (upstream changed since the checksum was written, or the mirror serves "
                        "other data; check the checksum and run `glancer plan` again)"});
      CHECK(h.gone(id));
      CHECK(h.store->list({})->empty());
    }
  }
}
