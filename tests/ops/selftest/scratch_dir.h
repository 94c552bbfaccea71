// A private directory per test under the system temp dir, removed with everything in it when the test ends.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <system_error>

namespace hk::ops::test {

class SelfTestScratchDir {
  public:
    SelfTestScratchDir() {
        static std::atomic<int> serial{0};
        path_ = std::filesystem::temp_directory_path() /
                ("hukiosk-selftest-" + std::to_string(::getpid()) + "-" + std::to_string(serial++));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~SelfTestScratchDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    SelfTestScratchDir(const SelfTestScratchDir&) = delete;
    SelfTestScratchDir& operator=(const SelfTestScratchDir&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

}  // namespace hk::ops::test
