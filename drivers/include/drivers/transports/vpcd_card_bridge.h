// Puts a SimulatedCard behind the real pcscd: a TCP client of vsmartcard's vpcd reader driver, which pcscd
// loads from /etc/reader.conf.d/vpcd ("Virtual PCD 00 00" listens on 35963, "00 01" on 35964). vpcd shows a
// card in its reader while a client is connected, so inserting the card is connecting and removing it is
// disconnecting. A worker thread serves vpcd and reconnects when vpcd (pcscd) restarts.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "drivers/sim/simulated_card.h"

namespace hk::drivers::transports {

struct VpcdBridgeOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 35963;  // "Virtual PCD 00 00"; 35964 for "00 01"
    bool card_inserted = true;
    std::chrono::milliseconds reconnect_interval{100};
};

class VpcdCardBridge {
  public:
    VpcdCardBridge(sim::SimulatedCard& card, VpcdBridgeOptions options = {});
    ~VpcdCardBridge();
    VpcdCardBridge(const VpcdCardBridge&) = delete;
    VpcdCardBridge& operator=(const VpcdCardBridge&) = delete;

    void start();
    void stop();  // disconnects and joins the worker; idempotent

    // The card enters or leaves vpcd's reader (thread-safe). The bridge also leaves when the card's own
    // present() turns false, so pcscd reports the card removed, and comes back when it turns true again.
    void insert_card() { inserted_ = true; }
    void remove_card() { inserted_ = false; }

    [[nodiscard]] bool connected() const { return connected_.load(); }
    // Waits until the bridge is connected to vpcd (true) or the time is up (false); for tests and the demo.
    bool wait_connected(std::chrono::milliseconds timeout) const;

    struct Stats {
        std::uint64_t connections = 0;  // successful connects to vpcd
        std::uint64_t apdus = 0;        // command APDUs answered
        std::uint64_t resets = 0;       // power-on and reset controls
    };
    [[nodiscard]] Stats stats() const;

  private:
    void run();
    int connect_to_vpcd() const;
    void serve(int fd);
    [[nodiscard]] bool should_be_connected() const { return inserted_.load() && card_.present(); }

    sim::SimulatedCard& card_;
    VpcdBridgeOptions options_;
    std::thread thread_;
    std::atomic<bool> stop_requested_{false};
    std::atomic<bool> inserted_;
    std::atomic<bool> connected_{false};
    mutable std::mutex stats_mutex_;
    Stats stats_;
};

}  // namespace hk::drivers::transports
