// For tests that run the executor on the simulation's devices: the devices as the executor takes them, and
// the household register card the page reader is expected to read.
#pragma once

#include "app/device_set.h"
#include "scanner/image.h"
#include "scanner/sim/page_gen.h"
#include "sim/simulation.h"

namespace hk::kiosk::testing {

// 王小明's household register card's main lines, drawn by the page generator; 110105199005170011 is a valid
// GB 11643 number.
inline scanner::Image wang_register_card() {
    return scanner::sim::render_register_card({"王小明", "子", "汉", "1990年05月17日", "110105199005170011",
                                               "北京市朝阳区建国路88号", "2015年09月01日"})
        .image;
}

inline DeviceSet devices_of(sim::Simulation& simulation) {
    return {simulation.id_reader, simulation.chip_reader, simulation.scanner,         simulation.mrz_reader,
            simulation.camera,    simulation.a4_printer,  simulation.receipt_printer, simulation.central};
}

}  // namespace hk::kiosk::testing
