// The client as the tests configure it: certificates from the test PKI, short timeouts, a fixed jitter seed,
// and a sleeper that records the pauses it is asked for instead of waiting.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include "central/central_client_options.h"

namespace hk::kiosk::central::test {

struct AttemptSeen {
    std::string operation;
    int attempt = 0;
    long http_status = 0;
    std::optional<CentralErrorKind> failure;
    std::size_t bytes_received = 0;
};

class ClientProbe {
  public:
    [[nodiscard]] std::vector<std::chrono::milliseconds> sleeps() const;
    [[nodiscard]] std::vector<AttemptSeen> attempts() const;

    // Options pointing at `base_url`, reporting to this probe (which must outlive the client).
    CentralClientOptions options(const std::string& base_url);

  private:
    mutable std::mutex mutex_;
    std::vector<std::chrono::milliseconds> sleeps_;
    std::vector<AttemptSeen> attempts_;
};

}  // namespace hk::kiosk::central::test
