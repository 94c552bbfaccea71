// libFuzzer target: the ICAO LDS parsers and passive authentication on arbitrary bytes (clang only; see
// CMakeLists.txt). HUKIOSK_FUZZ_TRUST_DIR, if set, is loaded as the CSCA trust store so inputs can reach
// the certificate chain check. Run: fuzz_icao_lds NEW_CORPUS_DIR
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "icao_lds_entry.h"

namespace {

const hk::drivers::icao9303::CscaStore& trust() {
    static const hk::drivers::icao9303::CscaStore store = [] {
        const char* directory = std::getenv("HUKIOSK_FUZZ_TRUST_DIR");
        if (directory == nullptr) return hk::drivers::icao9303::CscaStore{};
        auto loaded = hk::drivers::icao9303::CscaStore::load_directory(directory);
        return loaded ? std::move(*loaded) : hk::drivers::icao9303::CscaStore{};
    }();
    return store;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::map<int, hk::drivers::iso7816::Bytes> data_groups{
        {1, hk::drivers::iso7816::Bytes(data, data + size)}};
    const std::string problem =
        hk::drivers::icao9303::fuzz::check_icao_lds({data, size}, trust(), data_groups);
    if (!problem.empty()) {
        std::fprintf(stderr, "ICAO LDS reader broke a promise: %s\n", problem.c_str());
        std::abort();
    }
    return 0;
}
