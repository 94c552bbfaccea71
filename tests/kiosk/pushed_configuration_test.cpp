// PushedConfiguration with real signatures: two dev PKIs from tools/dev-pki.sh, documents signed by
// tools/make-site-config.sh (and, for shapes that script refuses, by the openssl CLI directly), checked by
// OpenSSL's CMS code against the keyring. The main loop's side (take_offer) runs on a thread of the test.
#include "app/pushed_configuration.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <thread>

#include "app/signed_document.h"

namespace hk::kiosk {
namespace {

namespace fs = std::filesystem;
using update::ApplyOutcome;

std::string quoted(const std::string& text) {
    std::string out = "'";
    for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

bool run(const std::string& command, const fs::path& log) {
    const int status = std::system(("{ " + command + "; } >>" + quoted(log.string()) + " 2>&1").c_str());
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string site(const std::string& version, const std::string& extra = "") {
    return R"({"format":"hukiosk-site-config/1","version":")" + version + "\"" + extra + "}";
}

// Made once per test process: the PKIs and every signed document the tests use.
struct Documents {
    fs::path dir;
    std::string failure;

    Documents() {
        dir = fs::temp_directory_path() / ("hk-pushed-config-" + std::to_string(::getpid()));
        fs::remove_all(dir);
        fs::create_directories(dir);
        const fs::path log = dir / "log";
        const std::string tools = std::string(HUKIOSK_SOURCE_DIR) + "/tools/";
        for (const char* pki : {"pki", "other-pki"}) {
            if (!run("bash " + quoted(tools + "dev-pki.sh") + " " + quoted((dir / pki).string()), log)) {
                failure = "dev-pki.sh failed: " + read_file(log);
                return;
            }
        }
        const auto sign = [&](const std::string& name, const std::string& json, const char* pki = "pki") {
            std::ofstream(dir / (name + ".json"), std::ios::binary) << json;
            if (!run("bash " + quoted(tools + "make-site-config.sh") + " --pki " +
                         quoted((dir / pki).string()) + " --in " + quoted((dir / (name + ".json")).string()) +
                         " --out " + quoted((dir / (name + ".p7m")).string()),
                     log)) {
                failure = "make-site-config.sh failed: " + read_file(log);
            }
        };
        sign("v2", site("2026.11.2", R"(,"opening_hours":{"mon":["08:00-20:00"]})"));
        sign("v3", site("2026.11.3"));
        sign("v1", site("2026.10.1"));
        sign("foreign", site("2026.12.1"), "other-pki");
        sign("bad-hours", site("2026.12.2", R"(,"opening_hours":{"mon":["20:00-08:00"]})"));
        // Signed properly, but not a site configuration at all (the script would refuse to sign it).
        std::ofstream(dir / "junk.json") << R"({"hello":"world"})";
        if (!run("openssl cms -sign -binary -nodetach -outform DER -in " +
                     quoted((dir / "junk.json").string()) + " -signer " +
                     quoted((dir / "pki/update-signing.pem").string()) + " -inkey " +
                     quoted((dir / "pki/update-signing.key").string()) + " -out " +
                     quoted((dir / "junk.p7m").string()),
                 log)) {
            failure = "openssl cms failed: " + read_file(log);
        }
        // A byte of the signed content changed after signing.
        std::string altered = read_file(dir / "v3.p7m");
        const auto at = altered.find("2026.11.3");
        if (at == std::string::npos) {
            failure = "the signed document does not carry its content";
            return;
        }
        altered[at + 8] = '9';
        std::ofstream(dir / "altered.p7m", std::ios::binary) << altered;
    }
    ~Documents() { fs::remove_all(dir); }
};

const Documents& documents() {
    static const Documents made;
    return made;
}

class PushedConfigurationTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(documents().failure, "");
        folder_ = documents().dir /
                  ("state-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::remove_all(folder_);
    }
    void TearDown() override { fs::remove_all(folder_); }

    static fs::path doc(const std::string& name) { return documents().dir / (name + ".p7m"); }
    static fs::path keyring() { return documents().dir / "pki/update-ca.pem"; }

    // The main loop: answers offers as `quiet` says until stopped; what it took, in order.
    std::expected<ApplyOutcome, std::string> apply_with_main_loop(PushedConfiguration& pushed,
                                                                  const fs::path& document, bool quiet) {
        std::atomic<bool> stop{false};
        std::thread main_loop([&] {
            while (!stop) {
                if (auto offered = pushed.take_offer(quiet)) taken_.push_back(offered->version);
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
        });
        auto outcome = pushed.apply(document);
        stop = true;
        main_loop.join();
        return outcome;
    }

    fs::path folder_;
    std::vector<std::string> taken_;
};

TEST_F(PushedConfigurationTest, AppliesBetweenCitizensKeepsItAndStartsWithIt) {
    PushedConfiguration pushed(keyring(), folder_);
    EXPECT_FALSE(pushed.load_in_force().config);
    EXPECT_EQ(pushed.check(doc("v2")).value_or("refused"), "2026.11.2");

    auto busy = apply_with_main_loop(pushed, doc("v2"), /*quiet=*/false);
    ASSERT_TRUE(busy) << busy.error();
    EXPECT_EQ(*busy, ApplyOutcome::Busy);
    EXPECT_TRUE(taken_.empty());
    EXPECT_FALSE(fs::exists(pushed.in_force_file())) << "nothing kept while a citizen is served";

    auto applied = apply_with_main_loop(pushed, doc("v2"), /*quiet=*/true);
    ASSERT_TRUE(applied) << applied.error();
    EXPECT_EQ(*applied, ApplyOutcome::Applied);
    EXPECT_EQ(taken_, std::vector<std::string>{"2026.11.2"});
    EXPECT_EQ(pushed.version_in_force(), "2026.11.2");
    EXPECT_EQ(read_file(pushed.in_force_file()), read_file(doc("v2")));

    // The same document again (a restart between "applied" and "reported") is in force: no second offer.
    auto again = apply_with_main_loop(pushed, doc("v2"), true);
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, ApplyOutcome::Applied);
    EXPECT_EQ(taken_.size(), 1U);

    PushedConfiguration restarted(keyring(), folder_);
    auto kept = restarted.load_in_force();
    ASSERT_TRUE(kept.config) << kept.problem;
    EXPECT_EQ(kept.config->version, "2026.11.2");
    EXPECT_TRUE(kept.config->opening_hours);
    EXPECT_EQ(restarted.version_in_force(), "2026.11.2");
}

TEST_F(PushedConfigurationTest, RefusesForgedAlteredWrongAndOlderDocumentsAndKeepsTheOneInForce) {
    PushedConfiguration pushed(keyring(), folder_);
    ASSERT_EQ(apply_with_main_loop(pushed, doc("v2"), true).value_or(ApplyOutcome::Busy),
              ApplyOutcome::Applied);
    const std::vector<std::pair<std::string, std::string>> refusals = {
        {"foreign", "signature refused"},
        {"altered", "signature refused"},
        {"junk", "format must be"},
        {"bad-hours", "not HH:MM-HH:MM"},
        {"v1", "version 2026.10.1 is not newer than 2026.11.2"},
    };
    for (const auto& [name, reason] : refusals) {
        auto checked = pushed.check(doc(name));
        ASSERT_FALSE(checked) << name;
        EXPECT_NE(checked.error().find(reason), std::string::npos) << name << ": " << checked.error();
        auto applied = apply_with_main_loop(pushed, doc(name), true);
        EXPECT_FALSE(applied) << name;
    }
    EXPECT_EQ(taken_.size(), 1U) << "no refused document reached the main loop";
    EXPECT_EQ(pushed.version_in_force(), "2026.11.2");
    EXPECT_EQ(read_file(pushed.in_force_file()), read_file(doc("v2")));

    // Not a file, empty, or absurdly large: refused unread.
    EXPECT_FALSE(pushed.check(folder_ / "missing.p7m"));
    std::ofstream(folder_ / "empty.p7m");
    EXPECT_FALSE(pushed.check(folder_ / "empty.p7m"));
    std::ofstream(folder_ / "huge.p7m") << std::string(kMaxSignedDocumentBytes + 1, 'x');
    EXPECT_FALSE(pushed.check(folder_ / "huge.p7m"));
}

TEST_F(PushedConfigurationTest, AnAlteredKeptDocumentFallsBackToTheOneBefore) {
    {
        PushedConfiguration pushed(keyring(), folder_);
        ASSERT_TRUE(apply_with_main_loop(pushed, doc("v2"), true));
        ASSERT_TRUE(apply_with_main_loop(pushed, doc("v3"), true));
        EXPECT_EQ(pushed.version_in_force(), "2026.11.3");
    }
    fs::copy_file(doc("altered"), folder_ / "in-force.p7m", fs::copy_options::overwrite_existing);
    PushedConfiguration restarted(keyring(), folder_);
    auto kept = restarted.load_in_force();
    ASSERT_TRUE(kept.config);
    EXPECT_EQ(kept.config->version, "2026.11.2");
    EXPECT_NE(kept.problem.find("in-force.p7m: signature refused"), std::string::npos) << kept.problem;
}

TEST_F(PushedConfigurationTest, AnOfferNobodyTakesIsWithdrawnAsBusy) {
    PushedConfiguration pushed(keyring(), folder_, std::chrono::milliseconds(100));
    auto outcome = pushed.apply(doc("v2"));
    ASSERT_TRUE(outcome) << outcome.error();
    EXPECT_EQ(*outcome, ApplyOutcome::Busy);
    EXPECT_FALSE(pushed.take_offer(true)) << "a withdrawn offer is not taken later";
    EXPECT_EQ(pushed.version_in_force(), "");
}

}  // namespace
}  // namespace hk::kiosk
