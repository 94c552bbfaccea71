// The support bundle as a technician's tar sees it: real `tar -tzf` / `tar -xzf` on what write_support_bundle
// leaves, and nothing at all left when it fails.
#include <gtest/gtest.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ops/bundle/support_bundle.h"

namespace fs = std::filesystem;
using hk::ops::BundleEntry;
using hk::ops::write_support_bundle;

namespace {

class TempDir {
  public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "bundle-test-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
};

// 2026-03-04 05:06:07 UTC
std::chrono::system_clock::time_point fixed_time() {
    return std::chrono::system_clock::time_point(std::chrono::seconds(1772600767));
}

std::string run(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return out;
    char buffer[4096];
    std::size_t n = 0;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    const int status = pclose(pipe);
    if (status != 0) out += "\n<exit " + std::to_string(status) + ">";
    return out;
}

std::string slurp(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> files_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& item : fs::directory_iterator(dir)) names.push_back(item.path().filename().string());
    return names;
}

std::vector<BundleEntry> sample_entries() {
    std::string big(300000, 'x');
    for (std::size_t i = 0; i < big.size(); i += 97) big[i] = static_cast<char>('a' + i % 26);
    return {{"logs/recent.txt", "07:00 kiosk started\n07:01 printer ready\n"},
            {"devices.json", R"({"printer":"ready","scanner":"fault E-SCN-04"})"},
            {"counters/pages.txt", big},
            {"empty.txt", ""}};
}

}  // namespace

TEST(SupportBundle, IsNamedAfterKioskAndUtcTimeAndListsUnderOneTopFolder) {
    TempDir dir;
    auto written = write_support_bundle(dir.path(), "kiosk-042", sample_entries(), fixed_time());
    ASSERT_TRUE(written.has_value()) << written.error();
    EXPECT_EQ(*written, dir.path() / "hukiosk-support-kiosk-042-20260304T050607Z.tar.gz");
    EXPECT_EQ(files_in(dir.path()),
              std::vector<std::string>{"hukiosk-support-kiosk-042-20260304T050607Z.tar.gz"});

    const std::string listing = run("tar -tzf '" + written->string() + "'");
    const std::string top = "hukiosk-support-kiosk-042-20260304T050607Z/";
    EXPECT_EQ(listing, top + "\n" + top + "logs/recent.txt\n" + top + "devices.json\n" + top +
                           "counters/pages.txt\n" + top + "empty.txt\n");
}

TEST(SupportBundle, ExtractsWithTarToTheSameContents) {
    TempDir dir;
    const auto entries = sample_entries();
    auto written = write_support_bundle(dir.path(), "kiosk-042", entries, fixed_time());
    ASSERT_TRUE(written.has_value()) << written.error();
    const fs::path out = dir.path() / "out";
    fs::create_directory(out);
    ASSERT_EQ(run("tar -xzf '" + written->string() + "' -C '" + out.string() + "'"), "");
    const fs::path top = out / "hukiosk-support-kiosk-042-20260304T050607Z";
    for (const auto& entry : entries) {
        EXPECT_EQ(slurp(top / entry.name), entry.content) << entry.name;
    }
}

TEST(SupportBundle, IsReadableByOwnerAndGroupOnly) {
    TempDir dir;
    auto written = write_support_bundle(dir.path(), "kiosk-042", sample_entries(), fixed_time());
    ASSERT_TRUE(written.has_value()) << written.error();
    struct stat info {};
    ASSERT_EQ(stat(written->c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 07777, 0640u);
}

TEST(SupportBundle, MissingFolderIsAnErrorAndCreatesNothing) {
    TempDir dir;
    auto written =
        write_support_bundle(dir.path() / "no-such-stick", "kiosk-042", sample_entries(), fixed_time());
    ASSERT_FALSE(written.has_value());
    EXPECT_NE(written.error().find("does not exist"), std::string::npos) << written.error();
    EXPECT_TRUE(files_in(dir.path()).empty());
}

TEST(SupportBundle, FileInsteadOfFolderIsAnError) {
    TempDir dir;
    std::ofstream(dir.path() / "plain-file") << "x";
    auto written =
        write_support_bundle(dir.path() / "plain-file", "kiosk-042", sample_entries(), fixed_time());
    ASSERT_FALSE(written.has_value());
    EXPECT_NE(written.error().find("not a folder"), std::string::npos) << written.error();
}

TEST(SupportBundle, UnwritableFolderIsAnError) {
    // /proc refuses new files even to root; a mode 0500 folder does so only to other users.
    auto in_proc = write_support_bundle("/proc", "kiosk-042", sample_entries(), fixed_time());
    ASSERT_FALSE(in_proc.has_value());
    EXPECT_NE(in_proc.error().find("cannot write in /proc"), std::string::npos) << in_proc.error();

    if (geteuid() != 0) {
        TempDir dir;
        const fs::path locked = dir.path() / "locked";
        fs::create_directory(locked);
        fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
        auto written = write_support_bundle(locked, "kiosk-042", sample_entries(), fixed_time());
        fs::permissions(locked, fs::perms::owner_all);
        ASSERT_FALSE(written.has_value());
        EXPECT_TRUE(files_in(locked).empty());
    }
}

TEST(SupportBundle, WriteFailingHalfwayLeavesNoPartialFile) {
    // A file size limit makes write() fail part way through, as a full stick would; in a child so the limit
    // and the ignored SIGXFSZ stay there.
    TempDir dir;
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        signal(SIGXFSZ, SIG_IGN);
        rlimit limit{8192, 8192};
        setrlimit(RLIMIT_FSIZE, &limit);
        std::vector<BundleEntry> entries;
        std::string noise(200000, '\0');
        unsigned state = 12345;
        for (auto& c : noise) {  // incompressible, so the gzip output outgrows the limit
            state = state * 1103515245u + 12345u;
            c = static_cast<char>(state >> 16);
        }
        entries.push_back({"noise.bin", noise});
        auto written = write_support_bundle(dir.path(), "kiosk-042", entries, fixed_time());
        _exit(written.has_value() ? 1 : (written.error().find("could not be") != std::string::npos ? 0 : 2));
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "1: the write succeeded; 2: unclear message";
    EXPECT_TRUE(files_in(dir.path()).empty());
}

TEST(SupportBundle, RefusesEntryNamesThatLeaveTheTopFolder) {
    TempDir dir;
    for (const std::string name :
         {"../etc/passwd", "logs/../../x", "..", "/etc/shadow", "", "logs//a", "./a", "logs/"}) {
        auto written =
            write_support_bundle(dir.path(), "kiosk-042", {{"ok.txt", "fine"}, {name, "bad"}}, fixed_time());
        EXPECT_FALSE(written.has_value()) << "accepted '" << name << "'";
    }
    EXPECT_TRUE(files_in(dir.path()).empty());
}

TEST(SupportBundle, RefusesDuplicateNamesAndOddKioskIds) {
    TempDir dir;
    EXPECT_FALSE(
        write_support_bundle(dir.path(), "kiosk-042", {{"a.txt", "1"}, {"a.txt", "2"}}, fixed_time()));
    EXPECT_FALSE(write_support_bundle(dir.path(), "../kiosk", {{"a.txt", "1"}}, fixed_time()));
    EXPECT_FALSE(write_support_bundle(dir.path(), "", {{"a.txt", "1"}}, fixed_time()));
    EXPECT_TRUE(files_in(dir.path()).empty());
}

TEST(SupportBundle, AnEmptyBundleStillHoldsItsTopFolder) {
    TempDir dir;
    auto written = write_support_bundle(dir.path(), "k1", {}, fixed_time());
    ASSERT_TRUE(written.has_value()) << written.error();
    EXPECT_EQ(run("tar -tzf '" + written->string() + "'"), "hukiosk-support-k1-20260304T050607Z/\n");
}
