// The built-in simulated world, compiled in from central/data/demo_world.json by CMake (see
// kiosk/CMakeLists.txt).
#pragma once

namespace hk::kiosk::embedded {
extern const char kDemoWorldJson[];
}
