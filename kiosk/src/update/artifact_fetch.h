// Fetches a bundle into a partial file that survives restarts: each attempt resumes from the file's length, a
// transient failure (connection dropped, 5xx, stalled link) is retried a bounded number of times with
// growing, jittered pauses, a 4xx ends it at once (no re-download storm on a 404), and the finished file must
// match the deployment's SHA-256 before anyone may use it.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <random>
#include <string>

#include "update/ddi_messages.h"
#include "update/rollout_server.h"

namespace hk::update {

struct FetchPolicy {
    int max_attempts = 5;  // per fetch call; the agent calls again at its next poll
    std::chrono::milliseconds first_pause{2000};
    std::chrono::milliseconds max_pause{60000};
    std::chrono::milliseconds slice{60000};  // then return, so the agent polls (and hears of a cancel)
};

enum class FetchEnd : std::uint8_t {
    Complete,      // the file is whole and its hash matches
    Paused,        // the time slice ended mid-way: poll, then call again
    Refused,       // the server answered 4xx: do not ask again
    GaveUp,        // transient failures used up this call's attempts: try again at a later poll
    HashMismatch,  // whole, but not what the deployment announced: the file is deleted
};

struct FetchOutcome {
    FetchEnd end = FetchEnd::GaveUp;
    std::string detail;
    int requests = 0;
    std::uint64_t bytes_received = 0;
};

// `pause` sleeps between attempts (tests and the fleet simulation pass their own clock).
FetchOutcome fetch_artifact(RolloutServer& server, const Artifact& artifact,
                            const std::filesystem::path& file, const FetchPolicy& policy,
                            std::mt19937& random,
                            const std::function<void(std::chrono::milliseconds)>& pause);

// The pause before retry number `retry` (0-based): first x 2^retry, capped, scaled by a random 0.5..1.0 so
// that kiosks that failed together do not come back together. Without `jitter` (the fleet simulation's
// baseline only) the pause is not scaled.
std::chrono::milliseconds retry_pause(int retry, std::chrono::milliseconds first,
                                      std::chrono::milliseconds cap, std::mt19937& random,
                                      bool jitter = true);

// Lower-case hex SHA-256 of a file, or empty when it cannot be read.
std::string file_sha256(const std::filesystem::path& file);

}  // namespace hk::update
