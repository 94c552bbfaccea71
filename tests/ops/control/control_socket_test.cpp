// The control socket end to end: a real Unix socket in a temp dir, the server's threads, the client's errors.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <future>
#include <thread>

#include "ops/control/control_client.h"
#include "ops/control/control_server.h"

namespace hk::ops {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class ControlSocketTest : public ::testing::Test {
  protected:
    void SetUp() override {
        char pattern[] = "/tmp/hk-control-XXXXXX";
        ASSERT_NE(::mkdtemp(pattern), nullptr);
        dir_ = pattern;
        options_.socket = dir_ / "control.sock";
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::unique_ptr<ControlServer> start(ControlHandler handler) {
        auto server = ControlServer::start(options_, std::move(handler));
        EXPECT_TRUE(server.has_value()) << (server ? "" : server.error());
        return server ? std::move(*server) : nullptr;
    }

    static ControlReply echo(const ControlRequest& request) {
        if (request.command == "fail")
            return std::unexpected(ControlError{"busy", "a citizen is being served"});
        return json{{"command", request.command}, {"args", request.args}, {"uid", request.peer_uid}};
    }

    std::filesystem::path dir_;
    ControlServerOptions options_;
};

TEST_F(ControlSocketTest, AnswersRequestsWithResultsOrTheHandlersError) {
    auto server = start(echo);
    ASSERT_NE(server, nullptr);
    const auto reply = call_control(options_.socket, "devices", json{{"verbose", true}}, 5s);
    ASSERT_TRUE(reply.has_value()) << reply.error().message;
    EXPECT_EQ(reply->at("command"), "devices");
    EXPECT_EQ(reply->at("args").at("verbose"), true);
    EXPECT_EQ(reply->at("uid").get<int>(), static_cast<int>(::getuid())) << "SO_PEERCRED names the caller";

    const auto refused = call_control(options_.socket, "fail", json::object(), 5s);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, "busy");
    EXPECT_EQ(refused.error().message, "a citizen is being served");
}

TEST_F(ControlSocketTest, SocketIsOpenOnlyToOwnerAndGroup) {
    auto server = start(echo);
    ASSERT_NE(server, nullptr);
    struct stat info {};
    ASSERT_EQ(::stat(options_.socket.c_str(), &info), 0);
    EXPECT_TRUE(S_ISSOCK(info.st_mode));
    EXPECT_EQ(info.st_mode & 0777, 0660u);
}

TEST_F(ControlSocketTest, NoKioskRunningIsSaidPlainly) {
    const auto reply = call_control(options_.socket, "status", json::object(), 2s);
    ASSERT_FALSE(reply.has_value());
    EXPECT_EQ(reply.error().code, kErrorNoKiosk);
    EXPECT_NE(reply.error().message.find("no kiosk is running"), std::string::npos);

    // A socket file left by a crashed kiosk: still "no kiosk", and the next kiosk replaces it.
    {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::strcpy(address.sun_path, options_.socket.c_str());
        ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
        ::close(fd);
    }
    ASSERT_TRUE(std::filesystem::exists(options_.socket));
    EXPECT_EQ(call_control(options_.socket, "status", json::object(), 2s).error().code, kErrorNoKiosk);
    auto server = start(echo);
    ASSERT_NE(server, nullptr);
    EXPECT_TRUE(call_control(options_.socket, "status", json::object(), 2s).has_value());
}

TEST_F(ControlSocketTest, SecondKioskOnTheSameSocketIsRefused) {
    auto first = start(echo);
    ASSERT_NE(first, nullptr);
    auto second = ControlServer::start(options_, echo);
    ASSERT_FALSE(second.has_value());
    EXPECT_NE(second.error().find("another kiosk"), std::string::npos);
    EXPECT_TRUE(call_control(options_.socket, "status", json::object(), 2s).has_value())
        << "first still serves";
}

TEST_F(ControlSocketTest, StoppingRemovesTheSocketFile) {
    start(echo).reset();
    EXPECT_FALSE(std::filesystem::exists(options_.socket));
}

TEST_F(ControlSocketTest, PermissionDeniedNamesTheGroup) {
    auto server = start(echo);
    ASSERT_NE(server, nullptr);
    if (::geteuid() != 0) {
        ASSERT_EQ(::chmod(options_.socket.c_str(), 0), 0);
        const auto reply = call_control(options_.socket, "status", json::object(), 2s);
        ASSERT_FALSE(reply.has_value());
        EXPECT_EQ(reply.error().code, kErrorPermissionDenied);
        EXPECT_NE(reply.error().message.find("kiosk-tech"), std::string::npos);
        return;
    }
    // As root (CI): ask as "nobody" from a child process, which neither owns the socket nor is in its group.
    int pipe_fds[2];
    ASSERT_EQ(::pipe(pipe_fds), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::close(pipe_fds[0]);
        if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(3);
        const auto reply = call_control(options_.socket, "status", json::object(), 2s);
        const std::string code = reply ? "ok" : reply.error().code + "|" + reply.error().message;
        (void)::write(pipe_fds[1], code.data(), code.size());
        ::_exit(0);
    }
    ::close(pipe_fds[1]);
    std::string seen;
    char chunk[512];
    for (ssize_t n; (n = ::read(pipe_fds[0], chunk, sizeof chunk)) > 0;)
        seen.append(chunk, static_cast<std::size_t>(n));
    ::close(pipe_fds[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    EXPECT_TRUE(seen.starts_with(std::string{kErrorPermissionDenied} + "|")) << seen;
    EXPECT_NE(seen.find("kiosk-tech"), std::string::npos) << seen;
}

// Talks the protocol by hand, to send what kioskctl never would.
std::string raw_exchange(const std::filesystem::path& socket, const std::string& bytes) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strcpy(address.sun_path, socket.c_str());
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) return "connect failed";
    (void)::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    ::shutdown(fd, SHUT_WR);
    std::string answer;
    char chunk[4096];
    for (ssize_t n; (n = ::recv(fd, chunk, sizeof chunk, 0)) > 0;)
        answer.append(chunk, static_cast<std::size_t>(n));
    ::close(fd);
    return answer;
}

TEST_F(ControlSocketTest, MalformedRequestsGetBadRequestAndTheConnectionGoesOn) {
    auto server = start(echo);
    ASSERT_NE(server, nullptr);
    const std::string answer = raw_exchange(
        options_.socket, "not json\n{\"args\":{}}\n{\"command\":\"x\",\"args\":[1]}\n{\"command\":\"ok\"}\n");
    std::vector<std::string> lines;
    for (std::size_t start = 0, end; (end = answer.find('\n', start)) != std::string::npos; start = end + 1) {
        lines.push_back(answer.substr(start, end - start));
    }
    ASSERT_EQ(lines.size(), 4u) << answer;
    for (int i = 0; i < 3; ++i) {
        const auto reply = parse_reply_line(lines[static_cast<std::size_t>(i)]);
        ASSERT_FALSE(reply.has_value()) << lines[static_cast<std::size_t>(i)];
        EXPECT_EQ(reply.error().code, kErrorBadRequest);
    }
    EXPECT_TRUE(parse_reply_line(lines[3]).has_value());
}

TEST_F(ControlSocketTest, OverlongLineClosesTheConnectionWithoutAnAnswer) {
    options_.max_line = 1024;
    auto server = start(echo);
    ASSERT_NE(server, nullptr);
    EXPECT_EQ(raw_exchange(options_.socket, std::string(8192, 'x')), "");
    EXPECT_TRUE(call_control(options_.socket, "status", json::object(), 2s).has_value())
        << "server still serves";
}

TEST_F(ControlSocketTest, TooManyClientsAreToldSo) {
    options_.max_clients = 1;
    std::promise<void> entered;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<bool> first{true};
    auto server = start([&](const ControlRequest& request) -> ControlReply {
        if (first.exchange(false)) {
            entered.set_value();
            released.wait();
        }
        return json{{"command", request.command}};
    });
    ASSERT_NE(server, nullptr);
    auto slow =
        std::async(std::launch::async, [&] { return call_control(options_.socket, "selftest", {}, 10s); });
    entered.get_future().wait();
    const auto refused = call_control(options_.socket, "status", json::object(), 2s);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, kErrorTooManyClients);
    release.set_value();
    EXPECT_TRUE(slow.get().has_value());
}

TEST_F(ControlSocketTest, SlowKioskTimesOutOnTheClientSide) {
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    auto server = start([&](const ControlRequest&) -> ControlReply {
        released.wait();
        return json::object();
    });
    ASSERT_NE(server, nullptr);
    const auto reply = call_control(options_.socket, "selftest", json::object(), 300ms);
    release.set_value();
    ASSERT_FALSE(reply.has_value());
    EXPECT_EQ(reply.error().code, kErrorTimedOut);
}

}  // namespace
}  // namespace hk::ops
