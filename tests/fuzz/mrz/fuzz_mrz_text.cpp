// libFuzzer target: the MRZ parser on arbitrary text (clang only; see CMakeLists.txt).
// Run: fuzz_mrz_text NEW_CORPUS_DIR corpus
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "mrz_text_entry.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string problem =
        hk::scanner::fuzz::check_mrz_text(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!problem.empty()) {
        std::fprintf(stderr, "MRZ parser broke a promise: %s\n", problem.c_str());
        std::abort();
    }
    return 0;
}
