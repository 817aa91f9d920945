# glancer: `make demo` and `make test` work on a fresh Debian 12 machine with no other step.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
ifeq ($(CI),true)
  CMAKE_FLAGS += -DGLANCER_WERROR=ON
endif

.PHONY: all deps deps-test configure build test demo bench package format clean

all: build

deps:
	scripts/install-deps

# The tests also run real clients and a real Keystone + Glance from Debian packages.
deps-test:
	scripts/install-deps openstack packaging

configure: deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: deps-test build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

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

format:
	find src tests bench -name '*.cpp' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)
