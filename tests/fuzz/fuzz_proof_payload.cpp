// libFuzzer target: the proof-code reader on arbitrary bytes (clang only; see CMakeLists.txt).
// Run: fuzz_proof_payload NEW_CORPUS_DIR corpus/proof_payload
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "proof_payload_entry.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string problem = hk::printer::proof::fuzz::check_proof_payload(
        std::string_view(reinterpret_cast<const char*>(data), size));
    if (!problem.empty()) {
        std::fprintf(stderr, "proof-code reader broke a promise: %s\n", problem.c_str());
        std::abort();
    }
    return 0;
}
