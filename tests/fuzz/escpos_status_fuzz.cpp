// libFuzzer target: the receipt printer's status readers (printer/src/escpos/status.cpp) on arbitrary bytes,
// as they come off TCP, usblp or a bulk IN endpoint. Run: fuzz_escpos_status NEW_CORPUS_DIR
// Built with clang only (see CMakeLists.txt); under g++ tests/printer/escpos/status_fuzz_replay_test.cpp
// feeds this same entry point deterministic random inputs.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>

#include "printer/escpos/status.h"

namespace {

void broken(const char* promise) {
    std::fprintf(stderr, "escpos status reader broke a promise: %s\n", promise);
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace hk::printer::escpos;
    const std::span<const std::uint8_t> bytes(data, size);

    // The reply found is a byte of the input that has the fixed bits of a reply.
    if (const auto reply = find_realtime_status_byte(bytes)) {
        if (!is_realtime_status_byte(*reply)) broken("realtime reply without its fixed bits");
        PrinterCondition condition;
        for (const StatusRequest request : kAllStatusRequests)
            apply_realtime_status(request, *reply, condition);
        (void)describe(condition);
        (void)fault_of(condition);
    }
    // ASB needs four bytes; a condition from fewer is made up.
    if (const auto condition = parse_automatic_status(bytes)) {
        if (size < 4) broken("ASB read from fewer than four bytes");
        if (describe(*condition).empty()) broken("empty description");
        // A condition that stops printing must map to a fault, and a clean one to none.
        const bool stops = condition->cover_open || condition->paper_out || condition->cutter_error ||
                           condition->offline || condition->unrecoverable_error;
        if (stops != fault_of(*condition).has_value() && !condition->recoverable_error &&
            !condition->auto_recoverable_error) {
            broken("fault_of disagrees with the condition");
        }
    }
    if (const auto paper = find_paper_sensor_reply(bytes)) {
        if ((*paper & 0x90U) != 0) broken("paper sensor reply without its fixed bits");
        PrinterCondition condition;
        apply_paper_sensor_reply(*paper, condition);
    }
    return 0;
}
