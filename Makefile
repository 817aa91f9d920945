# glancer: `make demo` and `make test` work on a fresh Debian 12 machine with no other step.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
ifeq ($(CI),true)
  CMAKE_FLAGS += -DGLANCER_WERROR=ON
endif

.PHONY: all deps deps-test configure build test demo bench package format format-check clean fuzz test-asan

all: build

deps:
	scripts/install-deps

# The tests also run real clients and a real Keystone + Glance from Debian packages.
deps-test:
	scripts/install-deps openstack packaging browser

configure: deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: deps-test build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

# libFuzzer targets (fuzz/) built by clang-14 with ASan + UBSan in their own build directory,
# each run FUZZ_SECONDS from its committed seed corpus; fails on any crash.
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
fuzz: deps
	scripts/install-deps fuzz
	CC=clang-14 CXX=clang++-14 cmake -S . -B $(FUZZ_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" -DGLANCER_FUZZ=ON
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target fuzzers
	scripts/fuzz $(FUZZ_DIR) $(FUZZ_SECONDS)

# The whole suite built with g++ -fsanitize=address,undefined; any report fails its test.
# -O1 without full debug info keeps the build short; line tables still name every frame.
ASAN_DIR ?= build-asan
ASAN_TEST_FLAGS ?=
test-asan: deps-test
	cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DGLANCER_SANITIZE=ON $(CMAKE_FLAGS)
	cmake --build $(ASAN_DIR) -j $(JOBS)
	ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:print_stacktrace=1:abort_on_error=0 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	ctest --test-dir $(ASAN_DIR) --output-on-failure -j $(JOBS) $(ASAN_TEST_FLAGS)

demo: build
	scripts/demo $(BUILD_DIR)/glancer

bench: build
	scripts/bench $(BUILD_DIR)

# A Debian package of the build (CPack; Depends from dpkg-shlibdeps): $(BUILD_DIR)/glancer_*.deb.
# dpkg-dev first: configure looks for dpkg-shlibdeps.
package:
	scripts/install-deps packaging
	$(MAKE) build
	cmake --build $(BUILD_DIR) --target package

# clang-format (.clang-format) over src/, tests/ and fuzz/; format-check fails on any difference
# and also runs in `make test` (the ctest test `format`).
format: deps
	find src tests fuzz \( -name '*.cpp' -o -name '*.h' \) -print0 | xargs -0 clang-format -i

format-check: deps
	scripts/format-check

clean:
	rm -rf $(BUILD_DIR)
