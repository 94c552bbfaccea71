// The heartbeat against a real mosquitto broker, read back with the real mosquitto_sub: what provincial IT
// sees when the kiosk runs, stops, crashes, loses its broker, or talks TLS.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "mosquitto_peer.h"
#include "ops/heartbeat/mqtt_heartbeat.h"

// Under AddressSanitizer: full stacks for allocations, so that a leak inside libmosquitto's TLS code is
// reported through libmosquitto (and matched by tests/lsan.supp) rather than cut short at OpenSSL's
// allocator, which has no frame pointers. The environment's ASAN_OPTIONS still win for any flag they set.
// Unused outside ASan builds.
extern "C" const char* __asan_default_options();
extern "C" const char* __asan_default_options() {
    return "fast_unwind_on_malloc=0";
}

namespace {

using namespace std::chrono_literals;
using hk::ops::MqttHeartbeat;
using hk::ops::MqttOptions;
using hk::ops::test::DevPki;
using hk::ops::test::eventually;
using hk::ops::test::MosquittoBroker;
using hk::ops::test::Subscriber;
using hk::ops::test::TempDir;

// What the kiosk would supply: its state as JSON, numbered so each heartbeat can be told apart.
class NumberedPayload {
  public:
    std::function<std::string()> function() {
        return [calls = calls_] { return R"({"state":"idle","n":)" + std::to_string(++*calls) + "}"; };
    }
    [[nodiscard]] int calls() const { return calls_->load(); }
    static std::string text(int n) { return R"({"state":"idle","n":)" + std::to_string(n) + "}"; }

  private:
    std::shared_ptr<std::atomic<int>> calls_ = std::make_shared<std::atomic<int>>(0);
};

MqttOptions options_for(int port, const std::string& kiosk_id) {
    MqttOptions options;
    options.port = port;
    options.kiosk_id = kiosk_id;
    options.interval = 1s;
    options.keepalive = 5s;
    options.reconnect_delay = 100ms;
    options.reconnect_delay_max = 500ms;
    return options;
}

std::unique_ptr<MqttHeartbeat> start_or_fail(MqttOptions options, NumberedPayload& payload) {
    auto started = MqttHeartbeat::start(std::move(options), payload.function());
    if (!started) ADD_FAILURE() << started.error();
    return started ? std::move(*started) : nullptr;
}

std::string retained_status(int port, const std::string& kiosk_id) {
    Subscriber status(port, "hukiosk/" + kiosk_id + "/status", 1);
    return status.next_line().value_or("<nothing within 10 s>");
}

}  // namespace

TEST(MqttHeartbeat, RefusesOptionsThatCanNeverWork) {
    NumberedPayload payload;
    const auto refused = [&](MqttOptions options) {
        return !MqttHeartbeat::start(std::move(options), payload.function()).has_value();
    };
    MqttOptions good = options_for(1883, "kiosk-1");
    auto with = [&](auto change) {
        MqttOptions options = good;
        change(options);
        return options;
    };
    EXPECT_TRUE(refused(with([](MqttOptions& o) { o.kiosk_id.clear(); })));
    EXPECT_TRUE(refused(with([](MqttOptions& o) { o.kiosk_id = "a/b"; })));
    EXPECT_TRUE(refused(with([](MqttOptions& o) { o.kiosk_id = "#"; })));
    EXPECT_TRUE(refused(with([](MqttOptions& o) { o.ca_file = "/nonexistent/ca.pem"; })));
    EXPECT_TRUE(refused(with([](MqttOptions& o) {
        o.ca_file = "/etc/hostname";
        o.cert_file = "/etc/hostname";  // a certificate without its key
    })));
    EXPECT_TRUE(refused(with([](MqttOptions& o) { o.qos = 3; })));
    EXPECT_TRUE(refused(with([](MqttOptions& o) { o.port = 0; })));
    EXPECT_TRUE(refused(with([](MqttOptions& o) { o.keepalive = 2s; })));
    EXPECT_TRUE(refused(with([](MqttOptions& o) { o.keepalive = 0s; })));
    EXPECT_TRUE(refused(with([](MqttOptions& o) { o.interval = 0s; })));
    EXPECT_FALSE(MqttHeartbeat::start(good, nullptr).has_value());
}

TEST(MqttHeartbeat, HeartbeatsArriveEachIntervalWithTheKiosksPayload) {
    MosquittoBroker broker;
    Subscriber heartbeats(broker.port(), "hukiosk/kiosk-a/heartbeat", 2);
    NumberedPayload payload;
    auto heartbeat = start_or_fail(options_for(broker.port(), "kiosk-a"), payload);
    ASSERT_TRUE(heartbeat);

    const auto first = heartbeats.next_line();
    const auto second = heartbeats.next_line();
    ASSERT_TRUE(first && second);
    const std::string prefix = "hukiosk/kiosk-a/heartbeat ";
    ASSERT_EQ(first->rfind(prefix, 0), 0u) << *first;
    ASSERT_EQ(second->rfind(prefix, 0), 0u) << *second;
    const int n = std::stoi(first->substr(first->find("\"n\":") + 4));
    EXPECT_EQ(*first, prefix + NumberedPayload::text(n));
    EXPECT_EQ(*second, prefix + NumberedPayload::text(n + 1));
    EXPECT_TRUE(heartbeat->connected());
    EXPECT_TRUE(eventually([&] { return heartbeat->published() >= 2; }));
}

TEST(MqttHeartbeat, PublishNowSendsOnePromptlyAndCoalescesABurst) {
    MosquittoBroker broker;
    NumberedPayload payload;
    MqttOptions options = options_for(broker.port(), "kiosk-b");
    options.interval = 600s;  // anything arriving below was asked for
    auto heartbeat = start_or_fail(options, payload);
    ASSERT_TRUE(heartbeat);
    ASSERT_TRUE(eventually([&] { return heartbeat->published() == 1; }));  // the one sent on connecting

    Subscriber messages(broker.port(), "hukiosk/kiosk-b/#", 2);
    // The retained status comes first, and shows the subscription is in place before we ask.
    ASSERT_EQ(messages.next_line(), "hukiosk/kiosk-b/status online");
    heartbeat->publish_now();
    EXPECT_EQ(messages.next_line(), "hukiosk/kiosk-b/heartbeat " + NumberedPayload::text(2));
    ASSERT_TRUE(eventually([&] { return heartbeat->published() == 2; }));

    for (int i = 0; i < 100; ++i) heartbeat->publish_now();
    ASSERT_TRUE(eventually([&] { return heartbeat->published() >= 3; }));
    std::this_thread::sleep_for(300ms);
    EXPECT_LT(payload.calls(), 2 + 10) << "100 requests in a burst should make one or two heartbeats";
    EXPECT_EQ(heartbeat->published(), static_cast<std::uint64_t>(payload.calls()));
}

TEST(MqttHeartbeat, StatusIsRetainedOnlineWhileRunningAndOfflineAfterACleanStop) {
    MosquittoBroker broker;
    NumberedPayload payload;
    auto heartbeat = start_or_fail(options_for(broker.port(), "kiosk-c"), payload);
    ASSERT_TRUE(heartbeat);
    ASSERT_TRUE(eventually([&] { return heartbeat->connected() && heartbeat->published() >= 1; }));
    EXPECT_EQ(retained_status(broker.port(), "kiosk-c"), "hukiosk/kiosk-c/status online");

    heartbeat.reset();
    EXPECT_EQ(retained_status(broker.port(), "kiosk-c"), "hukiosk/kiosk-c/status offline");
}

TEST(MqttHeartbeat, LastWillShowsACrashedKioskOffline) {
    MosquittoBroker broker;
    int ready[2];
    ASSERT_EQ(pipe(ready), 0);
    const pid_t kiosk = fork();
    ASSERT_GE(kiosk, 0);
    if (kiosk == 0) {  // a kiosk process that will die without stopping its heartbeat
        close(ready[0]);
        NumberedPayload payload;
        auto started = MqttHeartbeat::start(options_for(broker.port(), "kiosk-d"), payload.function());
        if (!started || !eventually([&] { return (*started)->published() >= 1; })) _exit(1);
        const char byte = 'R';
        if (write(ready[1], &byte, 1) != 1) _exit(1);
        for (;;) pause();
    }
    close(ready[1]);
    char byte = 0;
    const bool child_ready = read(ready[0], &byte, 1) == 1;
    close(ready[0]);
    const std::string before_crash = child_ready ? retained_status(broker.port(), "kiosk-d") : "";

    kill(kiosk, SIGKILL);
    int status = 0;
    waitpid(kiosk, &status, 0);
    ASSERT_TRUE(child_ready) << "the child kiosk never connected";
    EXPECT_EQ(before_crash, "hukiosk/kiosk-d/status online");
    EXPECT_EQ(retained_status(broker.port(), "kiosk-d"), "hukiosk/kiosk-d/status offline");
}

TEST(MqttHeartbeat, ABrokerDownAtStartIsNoErrorAndIsReachedWhenItComesUp) {
    MosquittoBroker broker;
    broker.stop();
    NumberedPayload payload;
    auto heartbeat = start_or_fail(options_for(broker.port(), "kiosk-e"), payload);
    ASSERT_TRUE(heartbeat);
    std::this_thread::sleep_for(300ms);  // a few failed attempts
    EXPECT_FALSE(heartbeat->connected());
    EXPECT_EQ(heartbeat->published(), 0u);

    broker.start();
    EXPECT_TRUE(eventually([&] { return heartbeat->connected() && heartbeat->published() >= 1; }));
    EXPECT_EQ(retained_status(broker.port(), "kiosk-e"), "hukiosk/kiosk-e/status online");
}

TEST(MqttHeartbeat, ReconnectsAndPublishesAgainAfterTheBrokerRestarts) {
    MosquittoBroker broker;
    NumberedPayload payload;
    MqttOptions options = options_for(broker.port(), "kiosk-f");
    options.interval = 600s;  // so only (re)connections publish
    auto heartbeat = start_or_fail(options, payload);
    ASSERT_TRUE(heartbeat);
    ASSERT_TRUE(eventually([&] { return heartbeat->connected() && heartbeat->published() == 1; }));

    broker.stop();
    ASSERT_TRUE(eventually([&] { return !heartbeat->connected(); }));
    broker.start();  // same port, no persistence: the retained status is gone until the kiosk comes back

    EXPECT_TRUE(eventually([&] { return heartbeat->connected() && heartbeat->published() >= 2; }));
    EXPECT_EQ(retained_status(broker.port(), "kiosk-f"), "hukiosk/kiosk-f/status online");
}

class MqttHeartbeatTls : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        pki_dir_ = new TempDir;
        other_pki_dir_ = new TempDir;
        pki_ = new DevPki(hk::ops::test::make_dev_pki(pki_dir_->path(), "kiosk-tls"));
        other_pki_ = new DevPki(hk::ops::test::make_dev_pki(other_pki_dir_->path(), "kiosk-tls"));
    }
    static void TearDownTestSuite() {
        delete pki_;
        delete other_pki_;
        delete pki_dir_;
        delete other_pki_dir_;
    }
    static inline TempDir* pki_dir_ = nullptr;
    static inline TempDir* other_pki_dir_ = nullptr;
    static inline DevPki* pki_ = nullptr;
    static inline DevPki* other_pki_ = nullptr;
};

TEST_F(MqttHeartbeatTls, ConnectsWithTheProvincialCa) {
    MosquittoBroker broker(*pki_);
    NumberedPayload payload;
    MqttOptions options = options_for(broker.tls_port(), "kiosk-tls");
    options.ca_file = pki_->ca;
    auto heartbeat = start_or_fail(options, payload);
    ASSERT_TRUE(heartbeat);
    EXPECT_TRUE(eventually([&] { return heartbeat->connected() && heartbeat->published() >= 1; }));
    EXPECT_EQ(retained_status(broker.port(), "kiosk-tls"), "hukiosk/kiosk-tls/status online");
}

TEST_F(MqttHeartbeatTls, PresentsItsClientCertificateWhereTheBrokerRequiresOne) {
    MosquittoBroker broker(*pki_);
    NumberedPayload payload;
    MqttOptions options = options_for(broker.client_cert_port(), "kiosk-tls");
    options.ca_file = pki_->ca;
    options.cert_file = pki_->client_cert;
    options.key_file = pki_->client_key;
    auto heartbeat = start_or_fail(options, payload);
    ASSERT_TRUE(heartbeat);
    EXPECT_TRUE(eventually([&] { return heartbeat->connected() && heartbeat->published() >= 1; }));
}

TEST_F(MqttHeartbeatTls, NeverConnectsWithAnotherCaOrWithoutARequiredClientCertificate) {
    MosquittoBroker broker(*pki_);
    NumberedPayload payload;
    MqttOptions options = options_for(broker.tls_port(), "kiosk-tls");
    options.ca_file = other_pki_->ca;
    auto heartbeat = start_or_fail(options, payload);
    ASSERT_TRUE(heartbeat);  // a wrong CA is found only by talking to the broker: not a start() error

    // And, alongside, the right CA but no client certificate where the broker requires one.
    NumberedPayload anonymous_payload;
    MqttOptions anonymous = options_for(broker.client_cert_port(), "kiosk-anonymous");
    anonymous.ca_file = pki_->ca;
    auto anonymous_heartbeat = start_or_fail(anonymous, anonymous_payload);
    ASSERT_TRUE(anonymous_heartbeat);

    std::this_thread::sleep_for(1500ms);  // several handshakes, each refused
    EXPECT_FALSE(heartbeat->connected());
    EXPECT_EQ(heartbeat->published(), 0u);
    EXPECT_EQ(payload.calls(), 0);
    EXPECT_FALSE(anonymous_heartbeat->connected());
    EXPECT_EQ(anonymous_heartbeat->published(), 0u);
}
