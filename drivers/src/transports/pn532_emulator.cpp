#include "drivers/transports/pn532_emulator.h"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace hk::drivers::transports {

using iso7816::Bytes;
using iso7816::ByteView;

namespace {

// PN532 command codes (UM0701 §7) that libnfc sends; the answer code is the command code + 1.
enum Command : std::uint8_t {
    kDiagnose = 0x00,
    kGetFirmwareVersion = 0x02,
    kReadRegister = 0x06,
    kWriteRegister = 0x08,
    kSetParameters = 0x12,
    kSamConfiguration = 0x14,
    kPowerDown = 0x16,
    kRfConfiguration = 0x32,
    kInDataExchange = 0x40,
    kInCommunicateThru = 0x42,
    kInDeselect = 0x44,
    kInListPassiveTarget = 0x4A,
    kInRelease = 0x52,
};

constexpr std::uint8_t kStatusOk = 0x00;
constexpr std::uint8_t kStatusTimeout = 0x01;     // the target did not answer: libnfc's NFC_ERFTRANS
constexpr std::uint8_t kStatusMoreData = 0x40;    // MI: the answer continues in the next InDataExchange
constexpr std::uint8_t kStatusBadContext = 0x27;  // command not acceptable in the current state
constexpr std::uint8_t kSetParametersAutoRats = 0x10;
constexpr std::uint8_t kRfItemMaxRetries = 0x05;
constexpr std::uint8_t kBaudTypeA106 = 0x00;

// ISO 14443-4 ATS: TL 06, T0 75 (FSCI 5 = 64 bytes, TA TB TC present), TA 77, TB 81, TC 02, one
// historical 80.
constexpr std::uint8_t kAts[] = {0x06, 0x75, 0x77, 0x81, 0x02, 0x80};

}  // namespace

Pn532Emulator::Pn532Emulator(sim::SimulatedCard& card, Pn532EmulatorOptions options)
    : card_(card), options_(std::move(options)), inserted_(options_.card_inserted) {}

Pn532Emulator::~Pn532Emulator() {
    stop();
}

std::expected<void, std::string> Pn532Emulator::start() {
    if (running_) return {};
    const auto fail = [this](const char* what) {
        const std::string message = std::string(what) + ": " + std::strerror(errno);
        close_pty();
        return std::unexpected(message);
    };
    master_fd_ = posix_openpt(O_RDWR | O_NOCTTY);
    if (master_fd_ < 0) return fail("posix_openpt");
    if (grantpt(master_fd_) != 0) return fail("grantpt");
    if (unlockpt(master_fd_) != 0) return fail("unlockpt");
    char name[128] = {};
    if (ptsname_r(master_fd_, name, sizeof name) != 0) return fail("ptsname_r");
    slave_path_ = name;
    // Keep the slave open ourselves: while no process has it open, reads on the master fail with EIO.
    slave_fd_ = ::open(name, O_RDWR | O_NOCTTY);
    if (slave_fd_ < 0) return fail("open pty slave");
    for (const int fd : {master_fd_, slave_fd_}) {
        termios tio{};
        if (tcgetattr(fd, &tio) != 0) return fail("tcgetattr");
        cfmakeraw(&tio);
        if (tcsetattr(fd, TCSANOW, &tio) != 0) return fail("tcsetattr");
    }
    if (!options_.symlink_path.empty()) {
        ::unlink(options_.symlink_path.c_str());
        if (::symlink(name, options_.symlink_path.c_str()) != 0) return fail("symlink");
    }
    scanner_ = {};
    target_selected_ = false;
    pending_answer_.clear();
    outgoing_chain_.clear();
    parameters_ = 0;
    passive_activation_retries_ = 0xFF;
    stop_requested_ = false;
    running_ = true;
    thread_ = std::thread([this] { run(); });
    return {};
}

void Pn532Emulator::stop() {
    stop_requested_ = true;
    if (thread_.joinable()) thread_.join();
    running_ = false;
    close_pty();
}

void Pn532Emulator::close_pty() {
    if (master_fd_ >= 0) ::close(master_fd_);
    if (slave_fd_ >= 0) ::close(slave_fd_);
    master_fd_ = slave_fd_ = -1;
    if (!options_.symlink_path.empty()) ::unlink(options_.symlink_path.c_str());
}

void Pn532Emulator::insert_card() {
    ++insertions_;
    inserted_ = true;
}

void Pn532Emulator::remove_card() {
    inserted_ = false;
}

std::string Pn532Emulator::device_path() const {
    return options_.symlink_path.empty() ? slave_path_ : options_.symlink_path;
}

Pn532Emulator::Stats Pn532Emulator::stats() const {
    const std::lock_guard lock(stats_mutex_);
    return stats_;
}

bool Pn532Emulator::card_in_field() const {
    return inserted_.load() && card_.present();
}

void Pn532Emulator::run() {
    std::uint8_t buffer[512];
    while (!stop_requested_) {
        pollfd pfd{master_fd_, POLLIN, 0};
        const int ready = ::poll(&pfd, 1, 50);
        if (ready <= 0) continue;
        const ssize_t n = ::read(master_fd_, buffer, sizeof buffer);
        if (n <= 0) {
            if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
            ::usleep(10'000);  // EIO while the slave side is being reopened
            continue;
        }
        scanner_.feed(ByteView(buffer, static_cast<std::size_t>(n)));
        while (auto frame = scanner_.next()) handle_frame(*frame);
    }
}

void Pn532Emulator::handle_frame(const pn532::Frame& frame) {
    // ACK from the host aborts the command in progress (libnfc sends one after its own timeout); NACK asks
    // for the last answer again, which libnfc never does: both need nothing here.
    const auto* info = std::get_if<pn532::InformationFrame>(&frame);
    if (info == nullptr) return;
    {
        const std::lock_guard lock(stats_mutex_);
        ++stats_.frames;
    }
    if (info->payload.size() < 2 || info->payload[0] != pn532::kHostToPn532) {
        write_all(pn532::error_frame());
        return;
    }
    write_all(pn532::ack_frame());
    const Bytes reply = answer(ByteView(info->payload).subspan(1));
    if (reply.empty()) return;  // no answer: a real PN532 keeps searching for a target
    if (reply.size() == 1 && reply[0] == 0x7F) {
        write_all(pn532::error_frame());
        return;
    }
    Bytes payload{pn532::kPn532ToHost};
    payload.insert(payload.end(), reply.begin(), reply.end());
    if (const auto encoded = pn532::encode_frame(payload)) write_all(*encoded);
}

Bytes Pn532Emulator::answer(ByteView command) {
    const std::uint8_t code = command[0];
    const ByteView params = command.subspan(1);
    const auto reply = static_cast<std::uint8_t>(code + 1);
    switch (code) {
        case kDiagnose: {
            // Test 00 is a communication line test: the PN532 echoes the bytes (libnfc checks them).
            Bytes out{reply};
            out.insert(out.end(), params.begin(), params.end());
            return out;
        }
        case kGetFirmwareVersion:
            return {reply, 0x32, 0x01, 0x06, 0x07};  // PN532 v1.6, ISO 14443-A/B and ISO 18092
        case kReadRegister: {
            Bytes out{reply};
            for (std::size_t i = 0; i + 1 < params.size(); i += 2) {
                const auto address = static_cast<std::uint16_t>((params[i] << 8) | params[i + 1]);
                const auto it = registers_.find(address);
                out.push_back(it == registers_.end() ? 0x00 : it->second);
            }
            return out;
        }
        case kWriteRegister:
            for (std::size_t i = 0; i + 2 < params.size(); i += 3)
                registers_[static_cast<std::uint16_t>((params[i] << 8) | params[i + 1])] = params[i + 2];
            return {reply};
        case kSetParameters:
            parameters_ = params.empty() ? 0 : params[0];
            return {reply};
        case kSamConfiguration:
            return {reply};
        case kPowerDown:
            return {reply, kStatusOk};
        case kRfConfiguration:
            if (params.size() >= 4 && params[0] == kRfItemMaxRetries) passive_activation_retries_ = params[3];
            if (params.size() >= 2 && params[0] == 0x01 && (params[1] & 0x01) == 0) target_selected_ = false;
            return {reply};
        case kInListPassiveTarget:
            return list_passive_target(params);
        case kInDataExchange:
            return data_exchange(params);
        case kInCommunicateThru:
            return communicate_thru(params);
        case kInDeselect:
        case kInRelease:
            target_selected_ = false;
            pending_answer_.clear();
            return {reply, kStatusOk};
        default:
            return {0x7F};  // unknown command: error frame
    }
}

Bytes Pn532Emulator::list_passive_target(ByteView params) {
    const std::uint8_t baud_type = params.size() >= 2 ? params[1] : 0xFF;
    if (baud_type == kBaudTypeA106 && card_in_field()) {
        card_.reset();  // a fresh activation: the card forgets sessions and selected files
        target_selected_ = true;
        selected_generation_ = insertions_.load();
        pending_answer_.clear();
        outgoing_chain_.clear();
        {
            const std::lock_guard lock(stats_mutex_);
            ++stats_.selections;
        }
        // Tg 1, SENS_RES 00 44 (double-size UID), SEL_RES 20 (ISO 14443-4), NFCID1 of 7 bytes, ATS.
        Bytes out{kInListPassiveTarget + 1, 0x01, 0x01, 0x00, 0x44, 0x20, 0x07};
        out.insert(out.end(), options_.uid.begin(), options_.uid.end());
        if ((parameters_ & kSetParametersAutoRats) != 0)
            out.insert(out.end(), std::begin(kAts), std::end(kAts));
        return out;
    }
    // Nothing of this type in the field. With infinite retries a real PN532 keeps searching and says nothing
    // until the host aborts with an ACK; with finite retries it reports zero targets.
    if (passive_activation_retries_ == 0xFF) return {};
    return {kInListPassiveTarget + 1, 0x00};
}

Bytes Pn532Emulator::data_exchange(ByteView params) {
    constexpr std::uint8_t reply = kInDataExchange + 1;
    {
        const std::lock_guard lock(stats_mutex_);
        ++stats_.data_exchanges;
    }
    if (params.empty()) return {reply, kStatusBadContext};
    const bool more_from_host = (params[0] & 0x40) != 0;
    const ByteView data = params.subspan(1);
    if (!target_selected_) return {reply, kStatusBadContext};
    if (selected_generation_ != insertions_.load() || !card_in_field()) {
        target_selected_ = false;
        return {reply, kStatusTimeout};
    }
    // An empty exchange after a chunk with MI fetches the rest of the answer.
    if (data.empty() && !more_from_host && pending_offset_ < pending_answer_.size()) return next_chunk();
    pending_answer_.clear();
    pending_offset_ = 0;
    outgoing_chain_.insert(outgoing_chain_.end(), data.begin(), data.end());
    if (more_from_host) return {reply, kStatusOk};  // the host chains the command: wait for the rest
    const Bytes command = std::move(outgoing_chain_);
    outgoing_chain_.clear();
    pending_answer_ = card_.process(command);
    // A card pulled away in the middle of the command never answers.
    if (!card_in_field()) {
        pending_answer_.clear();
        target_selected_ = false;
        return {reply, kStatusTimeout};
    }
    return next_chunk();
}

Bytes Pn532Emulator::next_chunk() {
    constexpr std::uint8_t reply = kInDataExchange + 1;
    const std::size_t left = pending_answer_.size() - pending_offset_;
    const std::size_t size = std::min(left, options_.max_data_per_answer);
    const bool more = size < left;
    // Built by push_back after reserve: g++ 12 at -O2 warns (falsely) about inserting into a vector made from
    // an initializer list.
    Bytes out;
    out.reserve(2 + size);
    out.push_back(reply);
    out.push_back(more ? kStatusMoreData : kStatusOk);
    const auto begin = pending_answer_.begin() + static_cast<std::ptrdiff_t>(pending_offset_);
    out.insert(out.end(), begin, begin + static_cast<std::ptrdiff_t>(size));
    pending_offset_ += size;
    if (!more) {
        pending_answer_.clear();
        pending_offset_ = 0;
    }
    const std::lock_guard lock(stats_mutex_);
    if (more) ++stats_.chained_answers;
    stats_.largest_answer = std::max(stats_.largest_answer, size);
    return out;
}

Bytes Pn532Emulator::communicate_thru(ByteView params) {
    constexpr std::uint8_t reply = kInCommunicateThru + 1;
    // libnfc's presence check for an ISO 14443-4 target: an R(NAK) block (B2/B3), which a present card
    // answers with R(ACK) of the same block number. Anything else (raw probes of other card types) finds
    // nothing.
    const bool present = target_selected_ && selected_generation_ == insertions_.load() && card_in_field();
    if (present && params.size() == 1 && (params[0] & 0xFE) == 0xB2)
        return {reply, kStatusOk, static_cast<std::uint8_t>(0xA2 | (params[0] & 0x01))};
    if (!present) target_selected_ = false;
    return {reply, kStatusTimeout};
}

void Pn532Emulator::write_all(ByteView bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(master_fd_, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            return;  // the pty is closing
        }
        done += static_cast<std::size_t>(n);
    }
}

}  // namespace hk::drivers::transports
