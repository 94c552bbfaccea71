// libFuzzer target: secure-messaging unwrap on both sides (clang only; see CMakeLists.txt).
// Run: fuzz_icao_sm NEW_CORPUS_DIR   (seeds are written by the GoogleTest's seeds; none are needed to start)
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "sm_unwrap_entry.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string problem = hk::drivers::icao9303::fuzz::check_sm_input({data, size});
    if (!problem.empty()) {
        std::fprintf(stderr, "secure messaging broke a promise: %s\n", problem.c_str());
        std::abort();
    }
    return 0;
}
