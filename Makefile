# The two commands a newcomer needs: `make demo` runs the kiosk, `make test` tests it.
# Both install what is missing from Debian first, then build with the CMake presets.
.PHONY: demo test test-asan build deps bench format clean bundle image image-test

deps:
	@tools/deps.sh
	@tools/npm-deps.sh

build: deps
	@cmake --preset dev >/dev/null
	@cmake --build --preset dev

demo: build
	@tools/demo.sh

test: build
	@ctest --preset dev

test-asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan
	@ctest --preset asan

bench: build
	@tools/bench.sh

# A RAUC bundle of the install tree, signed with the dev update key in out/pki:
# out/bundle/hukiosk-VERSION.raucb, VERSION being the project version in CMakeLists.txt.
bundle: build
	@rm -rf out/bundle/tree
	@cmake --install build/dev --prefix out/bundle/tree >/dev/null
	@[ -f out/pki/update-signing.pem ] || tools/dev-pki.sh out/pki >/dev/null
	@v=$$(sed -n 's/^project(HuKiosk VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt); \
		[ -n "$$v" ] || { echo "bundle: no project(HuKiosk VERSION x.y.z) in CMakeLists.txt" >&2; exit 1; }; \
		tools/make-bundle.sh --pki out/pki --tree out/bundle/tree --version "$$v" \
			--out "out/bundle/hukiosk-$$v.raucb"

# The appliance image (as root): out/image/hukiosk.img, the whole disk to write to a kiosk, and its parts
# (rootfs.img, the root slot an update bundle carries). See docs/flashing.md.
image: deps
	@tools/deps.sh image/build-packages.txt
	@cmake --preset package >/dev/null
	@cmake --build --preset package
	@rm -f build/package/hukiosk_*.deb && cd build/package && cpack -G DEB >/dev/null
	@[ -f out/pki/update-ca.pem ] || tools/dev-pki.sh out/pki >/dev/null
	@image/build-image.sh --deb build/package/hukiosk_*_amd64.deb --keyring out/pki/update-ca.pem --out out/image

# Boots the image in QEMU: the citizen screen comes up on a read-only root, a good update installs into the other
# slot and is booted, a broken one falls back to the slot before (minutes; not part of make test). The VM's
# console, journal and disk stay in out/image-test/vm.
image-test: image build
	@image/make-test-bundles.sh --root out/image/rootfs.img --pki out/pki --out out/image-test/bundles
	@image/test-image.py --image out/image/hukiosk.img --data out/image/data.img --work out/image-test/vm \
		--bundles out/image-test/bundles --ddi-server build/dev/tests/update/ddi-test-server

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf build out
