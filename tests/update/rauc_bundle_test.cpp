// RaucBundleInspector against Debian's real rauc: bundles made by tools/dev-pki.sh and tools/make-bundle.sh
// from a tiny tree in a private temp dir, then damaged in the ways a download or an attacker could. Without
// the rauc binary these tests fail rather than skip: the CI machine installs it (tools/debian-packages.txt).
#include "update/rauc_bundle_inspector.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace hk::update {
namespace {

namespace fs = std::filesystem;

constexpr const char* kCompatible = "hukiosk-test-x86_64";
constexpr const char* kVersion = "1.2.3-test";

std::string quoted(const std::string& text) {
    std::string out = "'";
    for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// Runs a shell command with its output in `log`; returns the exit status (-1 if it did not exit).
int shell(const std::string& command, const fs::path& log) {
    const int status = std::system(("{ " + command + "; } >" + quoted(log.string()) + " 2>&1").c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string tool(const std::string& name) {
    return quoted(std::string(HUKIOSK_SOURCE_DIR) + "/tools/" + name);
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

// The size of the CMS signature, from the last 8 bytes of the bundle (big-endian).
std::uint64_t signature_size(const std::string& bundle) {
    std::uint64_t size = 0;
    for (std::size_t i = bundle.size() - 8; i < bundle.size(); ++i) {
        size = (size << 8U) | static_cast<unsigned char>(bundle[i]);
    }
    return size;
}

// Made once per test process (ctest runs each test in its own): two dev PKIs, two signed bundles, and
// damaged copies of the good one.
struct Bundles {
    fs::path dir = fs::temp_directory_path() / ("hukiosk-rauc-test-" + std::to_string(::getpid()));
    fs::path keyring = dir / "pki/update-ca.pem";
    fs::path good = dir / "good.raucb";
    fs::path other_signer = dir / "other-signer.raucb";
    fs::path flipped_payload = dir / "flipped-payload.raucb";
    fs::path changed_manifest = dir / "changed-manifest.raucb";
    fs::path signature_cut_off = dir / "signature-cut-off.raucb";
    fs::path half = dir / "half.raucb";
    fs::path short_by_100 = dir / "short-by-100.raucb";
    fs::path text = dir / "text.raucb";
    fs::path empty = dir / "empty.raucb";
    std::string error;  // why they could not be made

    Bundles() { error = make(); }
    ~Bundles() {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
    Bundles(const Bundles&) = delete;
    Bundles& operator=(const Bundles&) = delete;

  private:
    std::string make() {
        fs::remove_all(dir);
        fs::create_directories(dir / "tree/bin");
        fs::create_directories(dir / "tree/share/hukiosk");
        write_file(dir / "tree/bin/kiosk", "#!/bin/sh\necho kiosk\n");
        write_file(dir / "tree/share/hukiosk/README", "a tiny install tree\n");
        const fs::path log = dir / "log";
        if (shell("command -v rauc && command -v mksquashfs", log) != 0) {
            return "rauc or mksquashfs is not installed (Debian packages rauc, squashfs-tools)";
        }
        for (const char* pki : {"pki", "other-pki"}) {
            if (shell("bash " + tool("dev-pki.sh") + " " + quoted((dir / pki).string()), log) != 0) {
                return "dev-pki.sh failed: " + read_file(log);
            }
        }
        const auto make_bundle = [&](const char* pki, const fs::path& out) {
            return shell("bash " + tool("make-bundle.sh") + " --pki " + quoted((dir / pki).string()) +
                             " --tree " + quoted((dir / "tree").string()) + " --version " + kVersion +
                             " --compatible " + kCompatible + " --out " + quoted(out.string()),
                         log);
        };
        if (make_bundle("pki", good) != 0) return "make-bundle.sh failed: " + read_file(log);
        if (make_bundle("other-pki", other_signer) != 0) return "make-bundle.sh failed: " + read_file(log);

        const std::string bytes = read_file(good);
        const std::uint64_t signature = signature_size(bytes);
        if (bytes.size() < 8192 || signature == 0 || signature > bytes.size() - 8) return "odd bundle layout";
        const std::size_t payload_end = bytes.size() - 8 - signature;

        std::string damaged = bytes;
        damaged[1000] = static_cast<char>(damaged[1000] ^ 0x01);  // in the squashfs: the slot image's data
        write_file(flipped_payload, damaged);

        // The manifest is signed content inside the CMS: its version becomes "1.2.3-tesu" there.
        const std::size_t at = bytes.rfind(std::string("version=") + kVersion);
        if (at == std::string::npos || at < payload_end) return "no manifest in the signature part";
        damaged = bytes;
        const std::size_t last = at + std::string("version=").size() + std::string(kVersion).size() - 1;
        damaged[last] = static_cast<char>(damaged[last] ^ 0x01);
        write_file(changed_manifest, damaged);

        write_file(signature_cut_off, bytes.substr(0, payload_end));
        write_file(half, bytes.substr(0, bytes.size() / 2));
        write_file(short_by_100, bytes.substr(0, bytes.size() - 100));
        write_file(text, "This is not a RAUC bundle, just some text.\n");
        write_file(empty, "");
        return {};
    }
};

const Bundles& bundles() {
    static const Bundles made;
    return made;
}

#define REQUIRE_BUNDLES() ASSERT_TRUE(bundles().error.empty()) << bundles().error

RaucBundleInspector inspector() {
    return RaucBundleInspector(bundles().keyring);
}

void expect_refused(const fs::path& bundle, BundleProblem problem, const std::string& rauc_says) {
    const auto result = inspector().inspect(bundle);
    ASSERT_FALSE(result.has_value()) << bundle;
    EXPECT_EQ(result.error().problem, problem) << bundle << ": " << result.error().detail;
    EXPECT_NE(result.error().detail.find(rauc_says), std::string::npos) << result.error().detail;
    EXPECT_LE(result.error().detail.size(), 303U);
}

TEST(RaucBundleInspector, ReadsCompatibleAndVersionOfAGoodBundle) {
    REQUIRE_BUNDLES();
    const auto facts = inspector().inspect(bundles().good);
    ASSERT_TRUE(facts.has_value()) << facts.error().detail;
    EXPECT_EQ(facts->compatible, kCompatible);
    EXPECT_EQ(facts->version, kVersion);
}

TEST(RaucBundleInspector, ABundleSignedByAnotherUpdateCaHasAnUnknownSigner) {
    REQUIRE_BUNDLES();
    expect_refused(bundles().other_signer, BundleProblem::UnknownSigner,
                   "unable to get local issuer certificate");
}

TEST(RaucBundleInspector, AChangedManifestInTheSignatureIsTampered) {
    REQUIRE_BUNDLES();
    expect_refused(bundles().changed_manifest, BundleProblem::Tampered, "signature verification failed");
}

// `rauc info` checks only the signature of a verity bundle, which covers the manifest and the payload's
// dm-verity root hash; it never reads the payload. So a flipped payload byte passes the inspector, and RAUC
// refuses the bundle only when it reads the payload: on install through dm-verity, or here on extract.
TEST(RaucBundleInspector, AFlippedPayloadBytePassesInfoButNotExtract) {
    REQUIRE_BUNDLES();
    const auto facts = inspector().inspect(bundles().flipped_payload);
    ASSERT_TRUE(facts.has_value()) << facts.error().detail;
    EXPECT_EQ(facts->version, kVersion);

    const fs::path log = bundles().dir / "extract.log";
    const int status = shell("rauc extract --keyring=" + quoted(bundles().keyring.string()) + " " +
                                 quoted(bundles().flipped_payload.string()) + " " +
                                 quoted((bundles().dir / "extracted").string()),
                             log);
    EXPECT_NE(status, 0);
    EXPECT_NE(read_file(log).find("bundle payload is corrupted"), std::string::npos) << read_file(log);
}

// `rauc bundle` cannot make an unsigned bundle ("Cert and key files must be provided"), so this is a good
// bundle with its signature part cut off: rauc then reads a signature size of 0.
TEST(RaucBundleInspector, ABundleWithoutItsSignatureIsUnsigned) {
    REQUIRE_BUNDLES();
    expect_refused(bundles().signature_cut_off, BundleProblem::Unsigned, "Signature size is 0");
}

TEST(RaucBundleInspector, TruncatedBundlesAreUnreadable) {
    REQUIRE_BUNDLES();
    // Cut in the squashfs's zero padding, rauc also reads a signature size of 0, but the squashfs is not
    // whole.
    expect_refused(bundles().half, BundleProblem::Unreadable, "Invalid bundle format");
    expect_refused(bundles().short_by_100, BundleProblem::Unreadable, "Invalid bundle format");
}

TEST(RaucBundleInspector, FilesThatAreNoBundleAreUnreadable) {
    REQUIRE_BUNDLES();
    expect_refused(bundles().text, BundleProblem::Unreadable, "Invalid bundle format");
    expect_refused(bundles().empty, BundleProblem::Unreadable, "Invalid bundle format");
    expect_refused(bundles().dir / "missing.raucb", BundleProblem::Unreadable, "No such file");
    expect_refused(bundles().dir, BundleProblem::Unreadable, "Is a directory");
}

TEST(RaucBundleInspector, AMissingRaucIsUnreadable) {
    REQUIRE_BUNDLES();
    RaucBundleInspector no_rauc(bundles().keyring, "/nonexistent/rauc");
    const auto result = no_rauc.inspect(bundles().good);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().problem, BundleProblem::Unreadable);
    EXPECT_NE(result.error().detail.find("/nonexistent/rauc"), std::string::npos) << result.error().detail;
}

TEST(RaucBundleInspector, AMissingKeyringIsUnreadable) {
    REQUIRE_BUNDLES();
    RaucBundleInspector no_keyring(bundles().dir / "missing-ca.pem");
    const auto result = no_keyring.inspect(bundles().good);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().problem, BundleProblem::Unreadable);
    EXPECT_NE(result.error().detail.find("failed to load CA file"), std::string::npos)
        << result.error().detail;
}

TEST(RaucBundleInspector, ARaucThatHangsIsKilledAtTheTimeLimit) {
    REQUIRE_BUNDLES();
    const fs::path hanging = bundles().dir / "hanging-rauc";
    write_file(hanging, "#!/bin/sh\nexec sleep 30\n");
    fs::permissions(hanging, fs::perms::owner_all);
    RaucBundleInspector slow(bundles().keyring, hanging, std::chrono::milliseconds(300));
    const auto started = std::chrono::steady_clock::now();
    const auto result = slow.inspect(bundles().good);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().problem, BundleProblem::Unreadable);
    EXPECT_NE(result.error().detail.find("killed"), std::string::npos) << result.error().detail;
}

TEST(MakeBundle, RefusesAMissingTree) {
    REQUIRE_BUNDLES();
    const fs::path out = bundles().dir / "no-tree.raucb";
    const fs::path log = bundles().dir / "no-tree.log";
    const int status =
        shell("bash " + tool("make-bundle.sh") + " --pki " + quoted((bundles().dir / "pki").string()) +
                  " --tree " + quoted((bundles().dir / "no-such-tree").string()) + " --version 1.0 --out " +
                  quoted(out.string()),
              log);
    EXPECT_NE(status, 0);
    EXPECT_FALSE(fs::exists(out));
    EXPECT_NE(read_file(log).find("is not a directory"), std::string::npos) << read_file(log);
}

}  // namespace
}  // namespace hk::update
