#include "drivers/sim/simulated_contactless_port.h"

#include <thread>

namespace hk::drivers::sim {
namespace {

using iso7816::ChannelError;
using iso7816::ChannelErrorKind;

// The channel keeps the card alive while a read is going on, even if the test swaps cards meanwhile, and
// injects the one-shot faults that strike mid-read.
class SimulatedPortChannel : public iso7816::CardChannel {
  public:
    SimulatedPortChannel(std::shared_ptr<SimulatedCard> card, FaultInjector& faults)
        : card_(std::move(card)), inner_(*card_), faults_(faults) {}
    std::expected<iso7816::Bytes, ChannelError> transmit_raw(iso7816::ByteView command) override {
        if (faults_.unplugged())
            return std::unexpected(ChannelError{ChannelErrorKind::ReaderGone, "simulated reader unplugged"});
        if (faults_.take_fault_of(FaultKind::CardRemoved)) {
            return std::unexpected(
                ChannelError{ChannelErrorKind::CardRemoved, "simulated card pulled away mid-read"});
        }
        if (faults_.take_fault_of(FaultKind::Timeout)) {
            return std::unexpected(
                ChannelError{ChannelErrorKind::Timeout, "simulated reader did not answer in time"});
        }
        if (faults_.take_fault_of(FaultKind::Unreadable)) return iso7816::Bytes{0x90};  // half a status word
        // A chip that refuses the key answers the first authentication with "security status not satisfied".
        if (faults_.take_fault_of(FaultKind::AccessDenied)) refuse_ = true;
        if (refuse_) return iso7816::Bytes{0x69, 0x82};
        return inner_.transmit_raw(command);
    }

  private:
    std::shared_ptr<SimulatedCard> card_;
    InProcessCardChannel inner_;
    FaultInjector& faults_;
    bool refuse_ = false;
};

}  // namespace

void SimulatedContactlessPort::present(std::shared_ptr<SimulatedCard> card) {
    {
        const std::lock_guard lock(mutex_);
        card_ = std::move(card);
        if (card_) card_->set_present(true);
    }
    changed_.notify_all();
}

void SimulatedContactlessPort::remove() {
    {
        const std::lock_guard lock(mutex_);
        if (card_) card_->set_present(false);
        card_.reset();
    }
    changed_.notify_all();
}

bool SimulatedContactlessPort::card_present() const {
    const std::lock_guard lock(mutex_);
    return card_ && card_->present();
}

std::expected<bool, ChannelError> SimulatedContactlessPort::wait_for_card(std::chrono::milliseconds timeout) {
    if (faults_.delay().count() > 0) std::this_thread::sleep_for(faults_.delay());
    if (faults_.unplugged())
        return std::unexpected(ChannelError{ChannelErrorKind::ReaderGone, "simulated reader unplugged"});
    if (faults_.take_fault_of(FaultKind::Busy) || faults_.take_fault_of(FaultKind::IoError)) {
        return std::unexpected(ChannelError{ChannelErrorKind::Transport, "simulated reader error"});
    }
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [this] { return card_ && card_->present(); });
}

std::expected<std::unique_ptr<iso7816::CardChannel>, ChannelError> SimulatedContactlessPort::connect() {
    if (faults_.unplugged())
        return std::unexpected(ChannelError{ChannelErrorKind::ReaderGone, "simulated reader unplugged"});
    const std::lock_guard lock(mutex_);
    if (!card_ || !card_->present())
        return std::unexpected(ChannelError{ChannelErrorKind::CardRemoved, "no card in the field"});
    card_->reset();  // a new connection is a new selection of the card: no session carries over
    return std::make_unique<SimulatedPortChannel>(card_, faults_);
}

}  // namespace hk::drivers::sim
