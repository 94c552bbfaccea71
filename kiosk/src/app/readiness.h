// The two summaries a technician takes away: the readiness report (every device's state and last self-test,
// and the counters: JSON for kioskctl, a PDF on the A4 printer on request) and the support bundle's contents
// (recent logs, status, devices, self-test history, counters, the config without secrets, versions, the audit
// check). kioskctl writes the bundle where the technician asked, with their own permissions.
#pragma once

#include "ops/control/control_protocol.h"

namespace hk::kiosk {

struct ControlContext;

ops::ControlReply readiness_report(ControlContext& context, bool print);
ops::ControlReply support_bundle_entries(ControlContext& context);

}  // namespace hk::kiosk
