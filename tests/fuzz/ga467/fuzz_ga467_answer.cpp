// libFuzzer target: the GA 467 frame parser and answer readers on arbitrary bytes (clang only; see
// CMakeLists.txt). Run: fuzz_ga467_answer NEW_CORPUS_DIR corpus
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "ga467_answer_entry.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string problem = hk::drivers::ga467::fuzz::check_ga467_answer(
        std::string_view(reinterpret_cast<const char*>(data), size));
    if (!problem.empty()) {
        std::fprintf(stderr, "GA 467 answer readers broke a promise: %s\n", problem.c_str());
        std::abort();
    }
    return 0;
}
