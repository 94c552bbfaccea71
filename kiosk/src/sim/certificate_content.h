// What each kind of certificate says about a person, from the simulated records. The real central service
// composes this itself; the simulation needs its own so that the demo's certificates read like real ones.
#pragma once

#include "kiosk/central_service.h"
#include "world.h"

namespace hk::kiosk::sim {

// Fills the titles, fields and statement of `certificate` for `service_id` about `person`.
void compose_certificate(const World& world, const WorldPerson& person, const std::string& service_id,
                         IssuedCertificate& certificate);

}  // namespace hk::kiosk::sim
