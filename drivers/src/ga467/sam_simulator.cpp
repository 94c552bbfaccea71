#include "drivers/ga467/sam_simulator.h"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "drivers/ga467/sam_status.h"
#include "drivers/ga467/ucs2.h"
#include "drivers/personal_string.h"

namespace hk::drivers::ga467 {

namespace {

std::uint16_t key(CommandCode code) {
    return static_cast<std::uint16_t>((code.command << 8) | code.parameter);
}

std::string system_error(const char* call) {
    return std::string(call) + ": " + std::strerror(errno);
}

Answer answer_with(SamStatus status, std::vector<std::uint8_t> data = {}) {
    return Answer{0x00, 0x00, static_cast<std::uint8_t>(status), std::move(data)};
}

}  // namespace

std::expected<std::unique_ptr<Ga467SamSimulator>, std::string> Ga467SamSimulator::start(Options options) {
    std::unique_ptr<Ga467SamSimulator> simulator(new Ga467SamSimulator(std::move(options)));
    if (auto opened = simulator->open_pty(); !opened) return std::unexpected(opened.error());
    return simulator;
}

Ga467SamSimulator::Ga467SamSimulator(Options options) : options_(std::move(options)) {}

Ga467SamSimulator::~Ga467SamSimulator() {
    close_pty();
}

std::expected<void, std::string> Ga467SamSimulator::open_pty() {
    const int master = ::posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (master < 0) return std::unexpected(system_error("posix_openpt"));
    char name[128];
    if (::grantpt(master) != 0 || ::unlockpt(master) != 0 || ::ptsname_r(master, name, sizeof name) != 0) {
        const std::string error = system_error("grantpt/unlockpt/ptsname_r");
        ::close(master);
        return std::unexpected(error);
    }
    const int slave = ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (slave < 0) {
        const std::string error = system_error("open pty slave");
        ::close(master);
        return std::unexpected(error);
    }
    // Raw before any client writes: with the default line discipline the slave would echo requests back.
    termios tty{};
    ::tcgetattr(slave, &tty);
    ::cfmakeraw(&tty);
    ::cfsetspeed(&tty, B115200);
    ::tcsetattr(slave, TCSANOW, &tty);
    int wake[2];
    if (::pipe2(wake, O_CLOEXEC | O_NONBLOCK) != 0) {
        const std::string error = system_error("pipe2");
        ::close(slave);
        ::close(master);
        return std::unexpected(error);
    }
    if (!options_.link.empty()) {
        // Replace the link atomically, so a client never finds it missing while the reader is plugged in.
        const std::filesystem::path temporary = options_.link.string() + ".new";
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        std::error_code error;
        std::filesystem::create_symlink(name, temporary, error);
        if (!error) std::filesystem::rename(temporary, options_.link, error);
        if (error) {
            ::close(wake[0]);
            ::close(wake[1]);
            ::close(slave);
            ::close(master);
            return std::unexpected("symlink " + options_.link.string() + ": " + error.message());
        }
    }
    {
        const std::lock_guard lock(mutex_);
        master_ = master;
        slave_ = slave;
        wake_[0] = wake[0];
        wake_[1] = wake[1];
        pty_path_ = name;
        stopping_ = false;
    }
    worker_ = std::thread([this] { run(); });
    return {};
}

void Ga467SamSimulator::close_pty() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    if (wake_[1] >= 0) {
        const char byte = 'x';
        (void)!::write(wake_[1], &byte, 1);
    }
    if (worker_.joinable()) worker_.join();
    const std::lock_guard lock(mutex_);
    for (int* fd : {&master_, &slave_, &wake_[0], &wake_[1]}) {
        if (*fd >= 0) ::close(*fd);
        *fd = -1;
    }
    if (!options_.link.empty()) {
        std::error_code ignored;
        std::filesystem::remove(options_.link, ignored);
    }
}

std::string Ga467SamSimulator::device_path() const {
    if (!options_.link.empty()) return options_.link.string();
    return pty_path();
}

std::string Ga467SamSimulator::pty_path() const {
    const std::lock_guard lock(mutex_);
    return pty_path_;
}

bool Ga467SamSimulator::place_card(SimulatedIdCard card) {
    if (!card.raw_text && !encode_text_block(card.fields)) return false;
    const std::lock_guard lock(mutex_);
    card_ = std::move(card);
    return true;
}

void Ga467SamSimulator::remove_card() {
    const std::lock_guard lock(mutex_);
    card_.reset();
}

void Ga467SamSimulator::remove_card_after_next_find() {
    const std::lock_guard lock(mutex_);
    remove_after_find_ = true;
}

void Ga467SamSimulator::corrupt_next_checksum() {
    const std::lock_guard lock(mutex_);
    corrupt_next_ = true;
}

void Ga467SamSimulator::delay_next_answer(std::chrono::milliseconds delay) {
    const std::lock_guard lock(mutex_);
    delay_next_ = delay;
}

void Ga467SamSimulator::drop_bytes_from_next_answer(std::size_t count) {
    const std::lock_guard lock(mutex_);
    drop_next_ = count;
}

void Ga467SamSimulator::answer_next_with(CommandCode code, std::uint8_t sw3) {
    const std::lock_guard lock(mutex_);
    forced_status_[key(code)] = sw3;
}

void Ga467SamSimulator::unplug() {
    close_pty();
}

std::expected<void, std::string> Ga467SamSimulator::replug() {
    close_pty();
    return open_pty();
}

std::size_t Ga467SamSimulator::requests_seen(CommandCode code) const {
    const std::lock_guard lock(mutex_);
    const auto it = requests_.find(key(code));
    return it == requests_.end() ? 0 : it->second;
}

std::size_t Ga467SamSimulator::answers_written() const {
    const std::lock_guard lock(mutex_);
    return answers_;
}

bool Ga467SamSimulator::wait_for_answers(std::size_t count, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return answers_ >= count; });
}

void Ga467SamSimulator::run() {
    FrameParser parser(FrameKind::Request);
    std::array<std::uint8_t, 512> piece{};
    for (;;) {
        pollfd fds[2] = {{master_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0 && errno != EINTR) return;
        if ((fds[1].revents & POLLIN) != 0) return;
        if ((fds[0].revents & POLLIN) == 0) {
            // POLLHUP without data: no slave open, which our own slave descriptor prevents; do not spin.
            if ((fds[0].revents & (POLLHUP | POLLERR)) != 0) ::poll(fds + 1, 1, 10);
            continue;
        }
        const ssize_t got = ::read(master_, piece.data(), piece.size());
        if (got <= 0) continue;
        parser.feed(std::span(piece).first(static_cast<std::size_t>(got)));
        while (auto frame = parser.next()) {
            if (!*frame) {
                answer_garbled(frame->error());
                continue;
            }
            if (auto request = decode_request(**frame)) {
                answer(*request);
            } else {
                answer_garbled(request.error());
            }
        }
    }
}

void Ga467SamSimulator::answer_garbled(FrameError error) {
    write_answer(
        answer_with(error == FrameError::BadChecksum ? SamStatus::ChecksumError : SamStatus::LengthError));
}

std::vector<std::uint8_t> Ga467SamSimulator::card_record(bool fingerprint_layout) {
    // Under mutex_, card_ set.
    std::array<std::uint8_t, kTextBlockSize> text{};
    if (card_->raw_text) {
        text = *card_->raw_text;
    } else {
        text = *encode_text_block(card_->fields);  // checked by place_card
    }
    std::vector<std::uint8_t> record =
        encode_card_record(text, card_->photo_wlt, fingerprint_layout,
                           fingerprint_layout ? card_->fingerprints : std::vector<std::uint8_t>{});
    wipe_bytes(text.data(), text.size());
    return record;
}

void Ga467SamSimulator::answer(const Request& request) {
    const CommandCode code{request.command, request.parameter};
    Answer reply;
    {
        const std::lock_guard lock(mutex_);
        ++requests_[key(code)];
        if (const auto forced = forced_status_.find(key(code)); forced != forced_status_.end()) {
            reply = Answer{0x00, 0x00, forced->second, {}};
            forced_status_.erase(forced);
        } else if (code == kFindCard) {
            reply =
                card_ ? answer_with(SamStatus::CardFound, {0, 0, 0, 0}) : answer_with(SamStatus::FindFailed);
            if (card_ && remove_after_find_) {
                card_.reset();
                remove_after_find_ = false;
            }
        } else if (code == kSelectCard) {
            reply = card_ ? answer_with(SamStatus::Ok, std::vector<std::uint8_t>(8, 0))
                          : answer_with(SamStatus::SelectFailed);
        } else if (code == kReadTextAndPhoto || code == kReadWithFingerprint) {
            reply = card_ ? answer_with(SamStatus::Ok, card_record(code == kReadWithFingerprint))
                          : answer_with(SamStatus::ReadFailed);
        } else if (code == kReadNewestAddress) {
            if (card_) {
                std::vector<std::uint8_t> address(70, 0);
                for (std::size_t i = 0; i < address.size(); i += 2) address[i] = 0x20;
                const auto units = utf8_to_card_text(card_->newest_address);
                if (units)
                    std::copy_n(units->begin(), std::min(units->size(), address.size()), address.begin());
                reply = answer_with(SamStatus::Ok, std::move(address));
            } else {
                reply = answer_with(SamStatus::ReadFailed);
            }
        } else if (code == kResetSam || code == kSamStatus) {
            reply = answer_with(SamStatus::Ok);
        } else {
            reply = answer_with(SamStatus::BadCommand);
        }
    }
    write_answer(reply);
    wipe_bytes(reply.data.data(), reply.data.size());
}

void Ga467SamSimulator::write_answer(const Answer& reply) {
    bool corrupt = false;
    std::chrono::milliseconds delay{0};
    std::size_t drop = 0;
    {
        std::unique_lock lock(mutex_);
        std::swap(corrupt, corrupt_next_);
        std::swap(delay, delay_next_);
        std::swap(drop, drop_next_);
        if (delay.count() > 0 && changed_.wait_for(lock, delay, [&] { return stopping_; })) return;
    }
    std::vector<std::uint8_t> bytes = encode_answer(reply);
    if (corrupt) bytes.back() = static_cast<std::uint8_t>(bytes.back() ^ 0x5A);
    if (drop > 0) {
        // From the middle of the body: the frame stays well-formed at both ends but comes up short.
        const std::size_t from = std::min(kHeaderSize + 1, bytes.size());
        const std::size_t count = std::min(drop, bytes.size() - from);
        bytes.erase(bytes.begin() + static_cast<std::ptrdiff_t>(from),
                    bytes.begin() + static_cast<std::ptrdiff_t>(from + count));
    }
    std::span<const std::uint8_t> left(bytes);
    while (!left.empty()) {
        const ssize_t wrote = ::write(master_, left.data(), left.size());
        if (wrote > 0) {
            left = left.subspan(static_cast<std::size_t>(wrote));
            continue;
        }
        if (wrote < 0 && errno != EAGAIN && errno != EINTR) break;
        pollfd fds[2] = {{master_, POLLOUT, 0}, {wake_[0], POLLIN, 0}};
        ::poll(fds, 2, 100);
        if ((fds[1].revents & POLLIN) != 0) break;  // stopping
    }
    wipe_bytes(bytes.data(), bytes.size());
    {
        const std::lock_guard lock(mutex_);
        ++answers_;
    }
    changed_.notify_all();
}

}  // namespace hk::drivers::ga467
