// The built-in service catalogue, compiled in from src/catalogue_default.json by CMake (see
// kiosk/CMakeLists.txt).
#pragma once

namespace hk::kiosk::embedded {
extern const char kDefaultCatalogueJson[];
}
