#include "server.h"

#include <httplib.h>
#include <openssl/ssl.h>

#include <cstdio>
#include <functional>

#include "json_codec.h"
#include "tls_peer.h"

namespace hk::central {
namespace {

using Endpoint = std::function<Answer(const httplib::Request&, const std::string& kiosk_id)>;

// Certificates are demanded and checked in the handshake: a kiosk without one from the CA never gets a
// request in.
void require_client_certificates(SSL_CTX* context) {
    SSL_CTX_set_verify(context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
    SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION);
    // Without a session id context OpenSSL fails resumed sessions when client certificates are verified.
    static constexpr unsigned char kSessionContext[] = "central-ref";
    SSL_CTX_set_session_id_context(context, kSessionContext, sizeof kSessionContext - 1);
}

std::optional<std::string> header(const httplib::Request& request, const char* name) {
    if (!request.has_header(name)) return std::nullopt;
    return request.get_header_value(name);
}

// Runs one endpoint with the rules every route shares: a kiosk identity, the size limit, and no exception
// ever escaping to httplib (which would answer 500 with the exception text in a header).
void serve(const httplib::Request& request, httplib::Response& response, std::size_t max_body,
           const Endpoint& endpoint) {
    Answer answer;
    try {
        const std::optional<std::string> kiosk_id = peer_common_name(request.ssl);
        if (!kiosk_id) {
            answer = error_answer(unauthorized("client certificate has no usable subject CN"));
        } else if (request.body.size() > max_body) {
            answer = error_answer(ApiError{413, "bad_request", "request body too large"});
        } else {
            answer = endpoint(request, *kiosk_id);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "central-ref: %s %s failed: %s\n", request.method.c_str(), request.path.c_str(),
                     e.what());
        answer = error_answer(internal_error("internal error"));
    }
    response.status = answer.status;
    response.set_content(answer.body, "application/json");
}

// Fills in an Error body for answers httplib makes itself (unknown route 404, oversized body 413, bad request
// line 400), so every non-2xx answer carries the protocol's Error.
httplib::Server::HandlerResponse fill_error(const httplib::Request&, httplib::Response& response) {
    if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const std::string code = error_code_for_status(response.status);
    const Answer answer = error_answer(
        ApiError{response.status, code, "request refused (HTTP " + std::to_string(response.status) + ")"});
    response.set_content(answer.body, "application/json");
    return httplib::Server::HandlerResponse::Handled;
}

}  // namespace

CentralServer::CentralServer(CentralService& service, const ServerTls& tls, bool log_requests)
    : service_(service),
      log_requests_(log_requests),
      server_(std::make_unique<httplib::SSLServer>(tls.certificate.c_str(), tls.private_key.c_str(),
                                                   tls.client_ca.c_str())) {}

CentralServer::~CentralServer() = default;

std::expected<int, std::string> CentralServer::bind(const std::string& host, int port) {
    if (!server_->is_valid()) return std::unexpected("cannot load the server certificate, key or client CA");
    require_client_certificates(server_->ssl_context());
    server_->set_payload_max_length(kMaxApplicationBodyBytes);
    // Small JSON answers must not wait for Nagle's algorithm behind their headers (about 40 ms each otherwise).
    server_->set_tcp_nodelay(true);
    server_->set_error_handler(httplib::Server::HandlerWithResponse(fill_error));
    server_->set_exception_handler(
        [](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
            response.status = 500;
            response.set_content(error_answer(internal_error("internal error")).body, "application/json");
        });
    if (log_requests_) {
        server_->set_logger([](const httplib::Request& request, const httplib::Response& response) {
            const std::string kiosk = peer_common_name(request.ssl).value_or("-");
            std::fprintf(stderr, "central-ref: %s %s %d %s\n", request.method.c_str(), request.path.c_str(),
                         response.status, kiosk.c_str());
        });
    }
    add_routes();
    const int bound =
        port == 0 ? server_->bind_to_any_port(host) : (server_->bind_to_port(host, port) ? port : -1);
    if (bound <= 0) return std::unexpected("cannot listen on " + host + ":" + std::to_string(port));
    return bound;
}

void CentralServer::add_routes() {
    auto route = [this](std::size_t max_body, Endpoint endpoint) {
        return [max_body, endpoint = std::move(endpoint)](const httplib::Request& request,
                                                          httplib::Response& response) {
            serve(request, response, max_body, endpoint);
        };
    };
    CentralService& service = service_;
    server_->Post("/v1/citizens/lookup", route(kMaxBodyBytes, [&service](const auto& request, const auto&) {
                      return service.lookup_citizen(request.body);
                  }));
    server_->Get("/v1/catalogue",
                 route(kMaxBodyBytes, [&service](const auto&, const auto&) { return service.catalogue(); }));
    server_->Post("/v1/eligibility", route(kMaxBodyBytes, [&service](const auto& request, const auto&) {
                      return service.check_eligibility(request.body);
                  }));
    server_->Post(
        "/v1/certificates", route(kMaxBodyBytes, [&service](const auto& request, const auto& kiosk) {
            return service.issue_certificate(kiosk, header(request, "Idempotency-Key"), request.body);
        }));
    server_->Post("/v1/applications",
                  route(kMaxApplicationBodyBytes, [&service](const auto& request, const auto& kiosk) {
                      return service.file_application(kiosk, header(request, "Idempotency-Key"),
                                                      request.body);
                  }));
    server_->Get(R"(/v1/applications/([^/]*))",
                 route(kMaxBodyBytes, [&service](const auto& request, const auto&) {
                     return service.application_status(request.matches[1].str());
                 }));
    server_->Get("/v1/handling-points", route(kMaxBodyBytes, [&service](const auto&, const auto&) {
                     return service.handling_points();
                 }));
    server_->Post("/v1/heartbeat", route(kMaxBodyBytes, [&service](const auto& request, const auto& kiosk) {
                      return service.heartbeat(kiosk, request.body);
                  }));
    server_->Get("/v1/keys", route(kMaxBodyBytes,
                                   [&service](const auto&, const auto&) { return service.signing_keys(); }));
}

bool CentralServer::run() {
    return server_->listen_after_bind();
}

void CentralServer::stop() {
    server_->stop();
}

bool CentralServer::running() const {
    return server_->is_running();
}

}  // namespace hk::central
