// What the runners report: failure isolation, skipped dependents, interrupt, and the dry run,
// through the SerialRunner (no threads) over the real actions or the dry-run ones.

#include <doctest/doctest.h>

#include "exec/dry_run_runner.h"
#include "exec_test_support.h"

using namespace glancer;
using namespace glancer::exec_test;
using Strings = std::vector<std::string>;

namespace {

// A create of image KEY (id n) from bytes the opener serves.
Change create_from(Harness& h, const std::string& key, int n) {
  DesiredImage d = desired_image(key, "data of " + key);
  h.opener.add_file(d.source->file, "data of " + key);
  return make_change(Action::create, d, image_id(n));
}

}  // namespace

TEST_SUITE("exec") {
  TEST_CASE("apply: one failing change skips its dependents; independent changes go on") {
    Harness h;
    Change a = create_from(h, "a", 1);
    Change b = make_change(Action::create, desired_image("b", "never served"), image_id(2));
    Change c = create_from(h, "c", 3);
    c.references = {"s/b"};  // c's properties name b's id: c waits for b
    Change d = create_from(h, "d", 4);
    const ApplyOutcome out = h.apply(plan_of({a, b, c, d}));

    CHECK(out.succeeded == 2);
    CHECK(out.failed == 1);
    CHECK(out.skipped == 1);
    CHECK(h.observer.outcomes() ==
          Strings{"done s/a " + image_id(1),
                  "failed s/b: cannot open /data/b.raw: No such file or directory",
                  "skipped s/c: depends on s/b, which failed", "done s/d " + image_id(4)});
    const std::string ia = image_id(1), ib = image_id(2), id = image_id(4);
    CHECK(h.service.call_strings() == Strings{"create " + ia, "upload " + ia, "update " + ia,
                                              "create " + ib, "remove " + ib, "create " + id,
                                              "upload " + id, "update " + id});
    CHECK(h.stored(ia).name == "Image a");
    CHECK(h.stored(id).name == "Image d");
    CHECK(h.gone(ib));
    CHECK(h.store->list({})->size() == 2);
  }

  TEST_CASE("apply: a change that could not be planned fails untouched and skips its dependents") {
    Harness h;
    Change kept = make_change(Action::no_op, desired_image("kept", "x"), "");
    kept.error = fail(ErrorCode::transport, "image `kept`: SUMS: connection refused",
                      SourcePos{"m.yaml", 6, 3});
    Change fresh = create_from(h, "fresh", 1);  // its bytes are there, but it was not planned
    fresh.error = fail(ErrorCode::timeout, "image `fresh`: fresh.img: timed out");
    Change child = create_from(h, "child", 2);
    child.references = {"s/fresh"};
    Change other = create_from(h, "other", 3);
    const ApplyOutcome out = h.apply(plan_of({kept, fresh, child, other}));

    CHECK(out.succeeded == 1);
    CHECK(out.failed == 2);
    CHECK(out.skipped == 1);
    CHECK(h.observer.outcomes() == Strings{"failed s/kept: image `kept`: SUMS: connection refused",
                                           "failed s/fresh: image `fresh`: fresh.img: timed out",
                                           "skipped s/child: depends on s/fresh, which failed",
                                           "done s/other " + image_id(3)});
    const std::string io = image_id(3);
    CHECK(h.service.call_strings() == Strings{"create " + io, "upload " + io, "update " + io});
  }

  TEST_CASE("apply: a skip travels down a chain of references, reported once per change") {
    Harness h;
    Change kernel = make_change(Action::create, desired_image("kernel", "x"), image_id(1));
    h.service.fail_call("create", 1, fail(ErrorCode::quota, "image quota exceeded"));
    Change ramdisk = create_from(h, "ramdisk", 2);
    ramdisk.references = {"s/kernel"};
    Change ami = create_from(h, "ami", 3);
    ami.references = {"s/kernel", "s/ramdisk"};
    const ApplyOutcome out = h.apply(plan_of({kernel, ramdisk, ami}));

    CHECK(out.failed == 1);
    CHECK(out.skipped == 2);
    // Skips are reported in the order Scheduler::fail walks the dependents (depth first).
    CHECK(h.observer.outcomes() == Strings{"failed s/kernel: image quota exceeded",
                                           "skipped s/ami: depends on s/kernel, which failed",
                                           "skipped s/ramdisk: depends on s/kernel, which failed"});
    CHECK(h.service.call_strings() == Strings{"create " + image_id(1)});
  }

  TEST_CASE("apply: an interrupt after the first action skips the rest as interrupted") {
    Harness h;
    h.observer.after_event = [&](const std::string& event) {
      if (event.rfind("done ", 0) == 0) h.cancel.store(true);
    };
    const ApplyOutcome out =
        h.apply(plan_of({create_from(h, "a", 1), create_from(h, "b", 2), create_from(h, "c", 3)}));

    CHECK(out.succeeded == 1);
    CHECK(out.skipped == 2);
    CHECK(out.interrupted);
    CHECK_FALSE(out.ok());
    // The interrupt is reported before the skips it causes, with what runs and what never will.
    CHECK(h.observer.events[h.observer.events.size() - 3] == "interrupt: 0 running, 2 not started");
    CHECK(h.observer.outcomes() == Strings{"done s/a " + image_id(1),
                                           "skipped s/b: apply was interrupted",
                                           "skipped s/c: apply was interrupted"});
    CHECK(h.service.call_strings() ==
          Strings{"create " + image_id(1), "upload " + image_id(1), "update " + image_id(1)});
    CHECK(h.store->list({})->size() == 1);
  }

  TEST_CASE("apply: a second Ctrl-C aborts the upload in flight and removes its image") {
    Harness h;
    h.observer.after_event = [&](const std::string& event) {
      if (event == "step s/a: uploading") h.cancel = h.abort = true;
    };
    const ApplyOutcome out = h.apply(plan_of({create_from(h, "a", 1), create_from(h, "b", 2)}));

    CHECK(out.interrupted);
    CHECK(out.failed == 1);
    CHECK(out.skipped == 1);
    CHECK(h.observer.outcomes() ==
          Strings{"failed s/a: the upload of image `a` was aborted (Ctrl-C)",
                  "skipped s/b: apply was interrupted"});
    CHECK(h.service.call_strings() ==
          Strings{"create " + image_id(1), "upload " + image_id(1), "remove " + image_id(1)});
    CHECK(h.store->list({})->empty());
  }

  TEST_CASE("apply: a replace interrupted between its phases is reported once, as interrupted") {
    Harness h;
    const Image old = h.live_image(image_id(1), "a", "Image a", "old data");
    Change replace = create_from(h, "a", 2);
    replace.action = Action::replace;
    replace.live = live_ref(old);
    h.observer.after_event = [&](const std::string& event) {
      if (event == "step s/a: publishing") h.cancel.store(true);
    };
    const ApplyOutcome out = h.apply(plan_of({replace}));

    CHECK(out.skipped == 1);
    CHECK(out.succeeded == 0);
    CHECK(h.observer.outcomes() == Strings{"skipped s/a: apply was interrupted"});
    CHECK(h.stored(old.id).name == "Image a");  // the old image was not retired
    CHECK(h.stored(image_id(2)).name == "Image a");
  }

  TEST_CASE("dry run: reports each action in apply order and calls nothing") {
    Harness h;
    const Image kernel = h.live_image(image_id(1), "kernel", "Kernel", "k");
    Image ami = h.live_image(image_id(2), "ami", "AMI", "a");
    const Image shielded = h.live_image(image_id(3), "shielded", "Shielded", "s", true);
    Change remove_kernel = live_change(Action::remove, "kernel", kernel);
    Change remove_ami = live_change(Action::remove, "ami", ami);
    remove_ami.live->references = {kernel.id};  // the ami is deleted first
    Change update = live_change(Action::update, "shielded", shielded);
    update.attributes = {{"status", "active", "deactivated"}, {"min_ram", 0, 512}};
    Change create = make_change(Action::create, desired_image("new", "n"), image_id(4));
    h.service.clear_calls();
    const auto store_before = h.store->list({});

    testing::RecordingObserver observer;
    DryRunRunner dry(observer, h.clock);
    auto out = dry.apply(plan_of({remove_kernel, remove_ami, update, create}));
    REQUIRE(out.ok());

    CHECK(out->succeeded == 4);
    CHECK(observer.events ==
          Strings{"step s/ami: would delete " + image_id(2), "done s/ami " + image_id(2),
                  "step s/kernel: would delete " + image_id(1), "done s/kernel " + image_id(1),
                  "step s/shielded: would update " + image_id(3) + ": min_ram",
                  "step s/shielded: would deactivate " + image_id(3),
                  "done s/shielded " + image_id(3),
                  "step s/new: would create \"Image new\" as " + image_id(4),
                  "step s/new: would upload from /data/new.raw",
                  "step s/new: would verify " + sha256_of("n").to_string(),
                  "step s/new: would publish \"Image new\"", "done s/new " + image_id(4)});
    CHECK(h.service.calls().empty());
    CHECK(*h.store->list({}) == *store_before);
  }

  TEST_CASE("dry run: refuses a protected delete as the apply would, skipping what waits for it") {
    Harness h;
    const Image kernel = h.live_image(image_id(1), "kernel", "Kernel", "k", true);
    const Image ami = h.live_image(image_id(2), "ami", "AMI", "a");
    Change remove_kernel = live_change(Action::remove, "kernel", kernel);
    Change remove_ami = live_change(Action::remove, "ami", ami);
    remove_kernel.live->references = {ami.id};  // the kernel goes first, the ami waits for it

    testing::RecordingObserver observer;
    DryRunRunner dry(observer, h.clock);
    auto out = dry.apply(plan_of({remove_kernel, remove_ami}));
    REQUIRE(out.ok());

    CHECK(observer.outcomes() ==
          Strings{"failed s/kernel: image " + kernel.id +
                      " is protected; unprotect it first (openstack image set --unprotected " +
                      kernel.id + ")",
                  "skipped s/ami: depends on s/kernel, which failed"});
    CHECK(h.stored(kernel.id).protected_);
    CHECK(h.stored(ami.id).status == "active");
  }
}
