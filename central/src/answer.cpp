#include "answer.h"

#include "json_codec.h"

namespace hk::central {

ApiError bad_request(std::string message) {
    return {400, "bad_request", std::move(message)};
}
ApiError unauthorized(std::string message) {
    return {401, "unauthorized", std::move(message)};
}
ApiError not_found(std::string message) {
    return {404, "not_found", std::move(message)};
}
ApiError conflict(std::string message) {
    return {409, "conflict", std::move(message)};
}
ApiError unprocessable(std::string message) {
    return {422, "unprocessable", std::move(message)};
}
ApiError internal_error(std::string message) {
    return {500, "internal", std::move(message)};
}

std::string error_code_for_status(int status) {
    switch (status) {
        case 401:
        case 403:
            return "unauthorized";
        case 404:
        case 405:
            return "not_found";
        case 409:
            return "conflict";
        case 422:
            return "unprocessable";
        case 429:
            return "too_many_requests";
        default:
            return status >= 500 ? "internal" : "bad_request";
    }
}

Answer error_answer(const ApiError& error) {
    nlohmann::ordered_json body;
    body["code"] = error.code;
    body["message"] = error.message;
    return json_answer(error.status, body);
}

Answer json_answer(int status, const nlohmann::ordered_json& body) {
    return Answer{status, encode_json(body)};
}

}  // namespace hk::central
