// A scratch folder per test process for the capture tests' images and videos.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace hk::scanner::capture::testing {

class ScratchDir {
  public:
    explicit ScratchDir(const std::string& test_name)
        : path_(std::filesystem::temp_directory_path() /
                ("hukiosk-capture-" + std::to_string(getpid()) + "-" + test_name)) {
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~ScratchDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

inline std::string current_test_name() {
    return ::testing::UnitTest::GetInstance()->current_test_info()->name();
}

}  // namespace hk::scanner::capture::testing
