#include "scanner/sane/sane_session.h"

#include <sane/sane.h>

#include <condition_variable>
#include <mutex>

namespace hk::scanner::sane {

namespace {

std::mutex& session_mutex() {
    static std::mutex mutex;
    return mutex;
}

// Weak, so the session ends with its last user instead of living until process exit.
std::weak_ptr<SaneSession>& current_session() {
    static std::weak_ptr<SaneSession> session;
    return session;
}

// True from sane_init until sane_exit has returned. The weak pointer expires before the destructor runs,
// so a new session must also wait for the old one's sane_exit, or it would init a library about to exit.
bool library_initialised = false;
std::condition_variable& library_exited() {
    static std::condition_variable exited;
    return exited;
}

// SANE_VERSION_MAJOR and friends are C macros with old-style casts; the arithmetic is spelled out here.
std::string version_text(SANE_Int code) {
    const auto word = static_cast<unsigned>(code);
    return std::to_string((word >> 24U) & 0xffU) + "." + std::to_string((word >> 16U) & 0xffU) + "." +
           std::to_string(word & 0xffffU);
}

}  // namespace

SaneSession::~SaneSession() {
    const std::scoped_lock lock{session_mutex()};
    sane_exit();
    library_initialised = false;
    library_exited().notify_all();
}

std::expected<std::shared_ptr<SaneSession>, std::string> SaneSession::acquire() {
    std::unique_lock lock{session_mutex()};
    if (auto running = current_session().lock()) return running;
    library_exited().wait(lock, [] { return !library_initialised; });
    if (auto started_meanwhile = current_session().lock()) return started_meanwhile;
    SANE_Int version_code = 0;
    const SANE_Status status = sane_init(&version_code, nullptr);
    if (status != SANE_STATUS_GOOD) {
        return std::unexpected(std::string{"sane_init failed: "} + sane_strstatus(status));
    }
    library_initialised = true;
    std::shared_ptr<SaneSession> session{new SaneSession{version_text(version_code)}};
    current_session() = session;
    return session;
}

}  // namespace hk::scanner::sane
