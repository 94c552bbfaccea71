// Issue 4: a full chip read (PACE or BAC, EF.COM, EF.SOD, DG1, a 20 KB DG2) against the ICAO card simulator,
// at several READ BINARY sizes the chip accepts. For each chip it prints the APDUs and bytes the document
// reader exchanged against the minimum possible for that chip, and the software time per APDU (reader and
// simulated chip together, in this process).
//
// The minimum is measured, not guessed: the same read by an oracle that is told the chip's largest read in
// advance (DocumentReadOptions::start_read), so it neither reads EF.ATR/INFO nor ever asks too much. That is
// the fewest APDUs any reader needs: the access protocol, one SELECT per file and ceil(size / read size)
// reads.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "drivers/icao9303/document_reader.h"
#include "drivers/icao9303/file_reader.h"
#include "drivers/icao9303/test_document.h"
#include "drivers/sim/icao_card_simulator.h"
#include "drivers/sim/icao_test_card.h"
#include "ratio_reporter.h"

namespace {

namespace icao = hk::drivers::icao9303;
namespace testdoc = hk::drivers::icao9303::testdoc;
using hk::drivers::sim::IcaoCardQuirks;

struct ChipProfile {
    const char* name;
    IcaoCardQuirks quirks;
    bool pace;
    std::size_t largest_read;  // the largest plain read that fits this chip (and short secure messaging)
};

const std::vector<ChipProfile>& profiles() {
    static const std::vector<ChipProfile> all = {
        {"bac_short_223", IcaoCardQuirks{.max_read = 231, .extended_length = false}, false,
         icao::kShortSecureRead},
        {"pace_short_223", IcaoCardQuirks{.max_read = 231, .extended_length = false}, true,
         icao::kShortSecureRead},
        {"pace_short_hinted_200",
         IcaoCardQuirks{.max_read = 200, .extended_length = false, .hint_wrong_le = true}, true, 200},
        {"pace_extended_1024", IcaoCardQuirks{.max_read = 1024}, true, 1024},
        {"pace_extended_4096", IcaoCardQuirks{.max_read = 4096}, true, 4096},
        {"pace_extended_65536", IcaoCardQuirks{.max_read = 65536}, true, 65536},
    };
    return all;
}

const std::filesystem::path& trust_dir() {
    static const std::filesystem::path dir = [] {
        auto path =
            std::filesystem::temp_directory_path() / ("hukiosk-chip-bench-" + std::to_string(getpid()));
        (void)testdoc::write_trust_file(path, testdoc::TrustFileFormat::Pem);
        return path;
    }();
    return dir;
}

const testdoc::TestDocument& document(bool pace) {
    static const auto make = [](bool with_pace) {
        testdoc::TestDocumentOptions options;
        options.card_access = with_pace;
        options.dg11 = false;
        options.dg12 = false;
        options.chip_authentication = testdoc::CaKey::None;
        options.active_authentication = testdoc::AaKey::None;
        options.face_bytes = 20 * 1024;
        auto made = testdoc::make_test_document(options);
        if (!made) throw std::runtime_error(made.error());
        return std::move(*made);
    };
    static const testdoc::TestDocument with_pace = make(true);
    static const testdoc::TestDocument bac_only = make(false);
    return pace ? with_pace : bac_only;
}

struct Exchange {
    std::uint64_t apdus = 0;
    std::uint64_t bytes = 0;
    std::string access;
};
std::map<std::string, Exchange> g_exchanges;

Exchange read_once(const ChipProfile& profile, bool oracle) {
    auto card = hk::drivers::sim::make_test_card(document(profile.pace), profile.quirks);
    hk::drivers::sim::InProcessCardChannel channel(*card);
    icao::DocumentReadOptions options;
    options.trust_store = trust_dir();
    if (oracle) options.start_read = profile.largest_read;
    icao::SystemRandom random;
    icao::DocumentReadReport report;
    auto read = icao::read_chip_document(channel, {document(profile.pace).access_key(), {}}, options, random,
                                         &report);
    if (!read || read->authentication.passive != hk::drivers::CheckOutcome::Passed) {
        throw std::runtime_error(std::string("chip read failed: ") +
                                 (read ? read->authentication.reason : read.error().detail));
    }
    read->wipe();
    return {report.exchanged.apdus, report.exchanged.bytes_sent + report.exchanged.bytes_received,
            report.access};
}

void BM_ChipRead(benchmark::State& state, const ChipProfile& profile, bool oracle) {
    Exchange last;
    for (auto _ : state) last = read_once(profile, oracle);
    g_exchanges[std::string(oracle ? "oracle/" : "reader/") + profile.name] = last;
    state.counters["apdus"] = static_cast<double>(last.apdus);
    state.counters["us_per_apdu"] =
        benchmark::Counter(static_cast<double>(last.apdus),
                           benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

}  // namespace

int main(int argc, char** argv) {
    for (const ChipProfile& profile : profiles()) {
        for (const bool oracle : {false, true}) {
            benchmark::RegisterBenchmark((std::string(oracle ? "oracle/" : "reader/") + profile.name).c_str(),
                                         BM_ChipRead, profile, oracle)
                ->Unit(benchmark::kMillisecond);
        }
    }
    benchmark::Initialize(&argc, argv);
    hk::bench::RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    std::printf(
        "\nchip read (PACE or BAC + EF.COM + EF.SOD + DG1 + 20 KB DG2), reader vs the minimum for each "
        "chip\n");
    std::printf("%-24s %-34s %7s %7s %6s %9s %9s %6s %9s\n", "chip", "access", "APDUs", "min", "ratio",
                "bytes", "min", "ratio", "us/APDU");
    for (const ChipProfile& profile : profiles()) {
        const Exchange& reader = g_exchanges["reader/" + std::string(profile.name)];
        const Exchange& oracle = g_exchanges["oracle/" + std::string(profile.name)];
        if (oracle.apdus == 0 || reader.apdus == 0) continue;
        const double reader_ns = reporter.ns("reader/" + std::string(profile.name));
        std::printf(
            "%-24s %-34s %7llu %7llu %6.3f %9llu %9llu %6.3f %9.1f\n", profile.name, reader.access.c_str(),
            static_cast<unsigned long long>(reader.apdus), static_cast<unsigned long long>(oracle.apdus),
            static_cast<double>(reader.apdus) / static_cast<double>(oracle.apdus),
            static_cast<unsigned long long>(reader.bytes), static_cast<unsigned long long>(oracle.bytes),
            static_cast<double>(reader.bytes) / static_cast<double>(oracle.bytes),
            reader_ns / 1000.0 / static_cast<double>(reader.apdus));
        reporter.print_ratio("reader/" + std::string(profile.name), "oracle/" + std::string(profile.name),
                             "time of the read vs the oracle's");
    }
    std::filesystem::remove_all(trust_dir());
    benchmark::Shutdown();
    return 0;
}
