// The store's reads beside a committing writer: a read connection (WAL) answers get, list,
// list_page and list_members while a group of writes holds the write lock in its transaction.
// Deterministic: the writer is held inside its transaction (before_commit) until the reads
// are done; the wait_for only turns a regression (a read blocked on the writer) into a failure
// instead of a hung test.
#include <doctest/doctest.h>

#include <chrono>
#include <future>

#include "store_test_support.h"

namespace glancer::store_test {

TEST_SUITE("store") {
  TEST_CASE("store: reads do not wait for a write transaction held open") {
    TempDir tmp;
    std::promise<void> in_commit, release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<bool> hold{false};
    LocalStoreOptions options = test_options();
    options.before_commit = [&, released] {
      if (!hold.exchange(false)) return;  // only the one write under test is held
      in_commit.set_value();
      released.wait();
    };
    auto store = open_store(tmp.store(), options);
    ImageCreate request = uploadable("before");
    auto image = store->create(request);
    REQUIRE(image.ok());

    hold = true;
    auto writer = std::async(std::launch::async, [&] {
      return store->update(image->id, {{PatchOp::Kind::replace, "/name", "after"}});
    });
    in_commit.get_future().wait();  // the writer holds the write lock, its COMMIT not yet run

    auto reads = std::async(std::launch::async, [&] {
      auto got = store->get(image->id);
      auto listed = store->list({});
      ListRequest page_request;
      auto page = store->list_page(page_request);
      auto members = store->list_members(image->id);
      REQUIRE(got.ok());
      REQUIRE(listed.ok());
      REQUIRE(page.ok());
      REQUIRE(members.ok());
      // The last commit: the held write is not visible yet.
      CHECK(got->name == "before");
      REQUIRE(listed->size() == 1);
      CHECK((*listed)[0].name == "before");
      REQUIRE(page->images.size() == 1);
      CHECK(page->images[0].name == "before");
    });
    const bool done = reads.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
    release.set_value();
    CHECK_MESSAGE(done, "a read waited for the writer's transaction");
    reads.get();
    auto written = writer.get();
    REQUIRE(written.ok());
    // Once committed, the next read sees it.
    CHECK(store->get(image->id)->name == "after");
  }
}

}  // namespace glancer::store_test
