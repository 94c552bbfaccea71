// libFuzzer target: every reader of the central service's answers on arbitrary bytes (clang only; see
// CMakeLists.txt). Run: fuzz_central_answer -dict=central_answer.dict NEW_CORPUS_DIR corpus/central_answer
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "central_answer_entry.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string problem = hk::kiosk::central::fuzz::check_central_answer(
        std::string_view(reinterpret_cast<const char*>(data), size));
    if (!problem.empty()) {
        std::fprintf(stderr, "central answer reader broke a promise: %s\n", problem.c_str());
        std::abort();
    }
    return 0;
}
