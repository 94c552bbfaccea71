# The two commands a newcomer needs: `make demo` runs the kiosk, `make test` tests it.
# Both install what is missing from Debian first, then build with the CMake presets.
.PHONY: demo test test-asan build deps bench format clean bundle

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

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf build out
