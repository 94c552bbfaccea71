#include "reader_threads.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <charconv>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <thread>

namespace hk::scanner::sane::detail {

namespace {

constexpr std::chrono::milliseconds kPollInterval{2};

// The scheduler state of one of our threads ('R' running or runnable, 'S'/'D' asleep in the kernel, 'Z'
// ended ...), or 'X' when the thread is gone. The state follows the command name, which is in parentheses and
// may itself hold spaces or parentheses, so it is found after the last ')'. Plain read(2): a thread that ends
// while its file is open makes the read fail with ESRCH, which iostreams would throw.
char thread_state(pid_t thread) {
    const std::string path = "/proc/self/task/" + std::to_string(thread) + "/stat";
    const int file = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (file < 0) return 'X';
    std::array<char, 512> buffer{};
    const ssize_t length = ::read(file, buffer.data(), buffer.size());
    ::close(file);
    if (length <= 0) return 'X';
    const std::string_view line{buffer.data(), static_cast<std::size_t>(length)};
    const auto name_end = line.rfind(')');
    if (name_end == std::string_view::npos || name_end + 2 >= line.size()) return 'X';
    return line[name_end + 2];
}

// A thread that is running may be inside the allocator; every other state is safe to cancel.
bool may_be_running(pid_t thread) {
    return thread_state(thread) == 'R';
}

}  // namespace

std::set<pid_t> threads_of_this_process() {
    std::set<pid_t> threads;
    // Threads come and go while the directory is read: errors end the listing instead of throwing.
    std::error_code error;
    for (std::filesystem::directory_iterator entry{"/proc/self/task", error};
         !error && entry != std::filesystem::directory_iterator{}; entry.increment(error)) {
        const std::string name = entry->path().filename().string();
        pid_t thread = 0;
        const auto [end, parsed] = std::from_chars(name.data(), name.data() + name.size(), thread);
        if (parsed == std::errc{} && end == name.data() + name.size()) threads.insert(thread);
    }
    return threads;
}

ReaderThreads::ReaderThreads() : before_{threads_of_this_process()} {}

bool ReaderThreads::wait_until_settled(std::chrono::milliseconds limit) const {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
        bool settled = true;
        for (const pid_t thread : threads_of_this_process()) {
            if (!before_.contains(thread) && may_be_running(thread)) {
                settled = false;
                break;
            }
        }
        if (settled) return true;
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(kPollInterval);
    }
}

}  // namespace hk::scanner::sane::detail
