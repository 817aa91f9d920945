// The executor's deletes and updates against a real store: reverse order, protected images
// refused, status changes ordered around the PATCH.

#include <doctest/doctest.h>

#include "exec_test_support.h"

using namespace glancer;
using namespace glancer::exec_test;
using Strings = std::vector<std::string>;

TEST_SUITE("exec") {
  TEST_CASE("apply: destroy deletes referrers first and refuses a protected image") {
    Harness h;
    const Image kernel = h.live_image(image_id(1), "kernel", "Kernel", "k");
    const Image ami = h.live_image(image_id(2), "ami", "AMI", "a");
    const Image keep = h.live_image(image_id(3), "keep", "Keep", "p", /*protected_=*/true);
    Change remove_kernel = live_change(Action::remove, "kernel", kernel);
    Change remove_ami = live_change(Action::remove, "ami", ami);
    remove_ami.live->references = {kernel.id};  // the ami's kernel_id names the kernel
    Change remove_keep = live_change(Action::remove, "keep", keep);
    const ApplyOutcome out = h.apply(plan_of({remove_kernel, remove_ami, remove_keep}));

    CHECK(out.succeeded == 2);
    CHECK(out.failed == 1);
    CHECK(h.observer.events ==
          Strings{"step s/ami: deleting", "done s/ami " + ami.id, "step s/kernel: deleting",
                  "done s/kernel " + kernel.id, "step s/keep: deleting",
                  "failed s/keep: image " + keep.id +
                      " is protected; unprotect it first (openstack image set --unprotected " +
                      keep.id + ")"});
    // The protected image is never asked to go (nor unprotected).
    CHECK(h.service.call_strings() == Strings{"remove " + ami.id, "remove " + kernel.id});
    CHECK(h.gone(ami.id));
    CHECK(h.gone(kernel.id));
    CHECK(h.stored(keep.id).protected_);
  }

  TEST_CASE("apply: a delete of an image already gone succeeds") {
    Harness h;
    const Image image = h.live_image(image_id(1), "a", "A", "a");
    REQUIRE(h.store->remove(image.id).ok());
    const ApplyOutcome out = h.apply(plan_of({live_change(Action::remove, "a", image)}));
    CHECK(out.ok());
    CHECK(h.observer.outcomes() == Strings{"done s/a " + image.id});
  }

  TEST_CASE("apply: a replace retires the old image after the new one is published") {
    Harness h;
    const Image old = h.live_image(image_id(1), "a", "Image a", "old", /*protected_=*/true);
    DesiredImage d = desired_image("a", "new");
    h.opener.add_file(d.source->file, "new");
    Change replace = make_change(Action::replace, d, image_id(2));
    replace.live = live_ref(old);
    const ApplyOutcome out = h.apply(plan_of({replace}));

    CHECK(out.ok());
    const std::string o = old.id, n = image_id(2);
    // Retiring unprotects the old image first: the plan already decided it goes.
    CHECK(h.service.call_strings() ==
          Strings{"create " + n, "upload " + n, "update " + n, "update " + o, "remove " + o});
    CHECK(h.observer.events.back() == "done s/a " + n);
    CHECK(h.gone(o));
    CHECK(h.stored(n).name == "Image a");
  }

  TEST_CASE("apply: an update reactivates before its PATCH and deactivates after it") {
    Harness h;
    SUBCASE("deactivated → active") {
      const Image image = h.live_image(image_id(1), "a", "Old", "a");
      REQUIRE(h.store->deactivate(image.id).ok());
      Change update = live_change(Action::update, "a", h.stored(image.id));
      update.attributes = {{"status", "deactivated", "active"}, {"name", "Old", "New"}};
      const ApplyOutcome out = h.apply(plan_of({update}));

      CHECK(out.ok());
      CHECK(h.service.call_strings() == Strings{"reactivate " + image.id, "update " + image.id});
      CHECK(h.stored(image.id).status == "active");
      CHECK(h.stored(image.id).name == "New");
    }
    SUBCASE("active → deactivated") {
      const Image image = h.live_image(image_id(1), "a", "Old", "a");
      Change update = live_change(Action::update, "a", image);
      update.attributes = {{"min_ram", 0, 512}, {"status", "active", "deactivated"}};
      const ApplyOutcome out = h.apply(plan_of({update}));

      CHECK(out.ok());
      CHECK(h.service.call_strings() == Strings{"update " + image.id, "deactivate " + image.id});
      CHECK(h.stored(image.id).status == "deactivated");
      CHECK(h.stored(image.id).min_ram == 512);
    }
    SUBCASE("a failed PATCH leaves the image deactivated") {
      const Image image = h.live_image(image_id(1), "a", "Old", "a");
      Change update = live_change(Action::update, "a", image);
      update.attributes = {{"status", "active", "deactivated"}, {"name", "Old", "New"}};
      h.service.fail_call("update", 1, fail(ErrorCode::conflict, "image changed meanwhile"));
      const ApplyOutcome out = h.apply(plan_of({update}));

      CHECK(out.failed == 1);
      CHECK(h.service.call_strings() == Strings{"update " + image.id});
      CHECK(h.stored(image.id).status == "active");
      CHECK(h.stored(image.id).name == "Old");
    }
  }

  TEST_CASE("apply: an update syncs members, tolerating ones already there or gone") {
    Harness h;
    const Image image = h.live_image(image_id(1), "a", "A", "a");
    REQUIRE(h.store->update(image.id, {{PatchOp::Kind::replace, "/visibility", "shared"}}).ok());
    REQUIRE(h.store->add_member(image.id, "p-old").ok());
    REQUIRE(h.store->add_member(image.id, "p-both").ok());
    Change update = live_change(Action::update, "a", image);
    // The plan saw p-gone (removed since) and not p-both (added since): both are fine.
    update.attributes = {{"members", nlohmann::json::array({"p-old", "p-gone"}),
                          nlohmann::json::array({"p-both", "p-new"})}};
    const ApplyOutcome out = h.apply(plan_of({update}));

    CHECK(out.ok());
    auto members = h.store->list_members(image.id);
    REQUIRE(members.ok());
    Strings ids;
    for (const auto& m : *members) ids.push_back(m.member_id);
    CHECK(ids == Strings{"p-both", "p-new"});
    CHECK(h.service.call_strings() == Strings{"add_member " + image.id, "add_member " + image.id,
                                              "remove_member " + image.id,
                                              "remove_member " + image.id});
  }
}
