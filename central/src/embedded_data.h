// Data compiled into central-ref (see central/CMakeLists.txt), so it starts with no files besides its PKI.
#pragma once

namespace hk::central::embedded {

// central/data/demo_world.json: the fixed demo people, stations and handling points shared with the kiosk.
extern const char kDemoWorldJson[];
// kiosk/src/catalogue_default.json: served as GET /v1/catalogue, and the source of service kinds and rules.
extern const char kCatalogueJson[];

}  // namespace hk::central::embedded
