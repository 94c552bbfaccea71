// What a request gets back, independent of HTTP plumbing: a status and the exact body bytes. Kept as bytes so
// an idempotent retry can repeat the first answer unchanged.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace hk::central {

// A refusal in the protocol's Error schema. `code` is stable (kiosks branch on it); `message` is for
// technicians and never carries personal data.
struct ApiError {
    int status = 500;
    std::string code;
    std::string message;
};

ApiError bad_request(std::string message);     // 400: not JSON, bad header
ApiError unauthorized(std::string message);    // 401: no usable client identity
ApiError not_found(std::string message);       // 404
ApiError conflict(std::string message);        // 409: idempotency key reused with another body
ApiError unprocessable(std::string message);   // 422: JSON, but missing fields, wrong types or refused values
ApiError internal_error(std::string message);  // 500

// The Error code that goes with an HTTP status, for answers made by the HTTP layer itself (404 route, 413
// size).
std::string error_code_for_status(int status);

struct Answer {
    int status = 200;
    std::string body;
};

Answer error_answer(const ApiError& error);
Answer json_answer(int status, const nlohmann::ordered_json& body);

}  // namespace hk::central
