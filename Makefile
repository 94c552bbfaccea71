# The two commands a newcomer needs: `make demo` runs the kiosk, `make test` tests it.
# Both install what is missing from Debian first, then build with the CMake presets.
.PHONY: demo test test-asan build deps bench format clean

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

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf build out
