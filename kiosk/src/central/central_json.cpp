#include "central_json.h"

#include <climits>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <utility>

#include <nlohmann/json.hpp>

#include "json_wipe.h"

namespace hk::kiosk::central {

namespace {

using nlohmann::json;

CentralError bad_answer(std::string detail) {
    return CentralError{CentralErrorKind::BadAnswer, std::move(detail)};
}

enum class Need : std::uint8_t { Optional, Required, NonEmpty };

// Reads the members of one JSON object and keeps the first problem found; reads after a problem return empty
// values, so a parser can read every field in a row and check once at the end.
class ObjectReader {
  public:
    ObjectReader(const json& object, std::string where) : object_(object), where_(std::move(where)) {
        if (!object_.is_object()) problem_ = where_ + ": is not an object";
    }

    [[nodiscard]] bool ok() const { return problem_.empty(); }
    [[nodiscard]] CentralError error() const { return bad_answer(problem_); }

    // A string member, viewed in place (so personal values are copied once, into their PersonalString).
    std::string_view view(const char* key, Need need) {
        const json* value = find(key, need);
        if (value == nullptr) return {};
        if (!value->is_string()) return fail<std::string_view>(key, "is not a string");
        const std::string& text = value->get_ref<const std::string&>();
        if (need == Need::NonEmpty && text.empty()) return fail<std::string_view>(key, "is empty");
        return text;
    }
    std::string text(const char* key, Need need) { return std::string(view(key, need)); }
    PersonalString personal(const char* key, Need need) { return PersonalString(view(key, need)); }

    std::string one_of(const char* key, Need need, std::initializer_list<std::string_view> allowed) {
        if (need == Need::Optional && !object_.contains(key)) return {};
        const std::string_view value = view(key, need);
        if (!ok()) return {};
        for (std::string_view candidate : allowed) {
            if (value == candidate) return std::string(value);
        }
        return fail<std::string>(key, "has a value outside its enum");
    }

    // YYYY-MM-DD, as the protocol writes every date.
    std::string date(const char* key) {
        std::string value = text(key, Need::Required);
        if (!ok()) return {};
        if (!is_date(value)) fail(key, "is not a YYYY-MM-DD date");
        return value;
    }

    // An integer member in [minimum, INT_MAX]. A JSON float is refused even when whole (3.0): the schema says
    // integer, and a server that sends floats there is not following it.
    int integer(const char* key, int minimum) {
        const json* value = find(key, Need::Required);
        if (value == nullptr) return 0;
        if (!value->is_number_integer()) return fail<int>(key, "is not an integer");
        if (value->is_number_unsigned()) {
            const auto number = value->get<std::uint64_t>();
            if (number > static_cast<std::uint64_t>(INT_MAX)) return fail<int>(key, "is out of range");
            return static_cast<int>(number);
        }
        const auto number = value->get<std::int64_t>();
        if (number < minimum || number > INT_MAX) return fail<int>(key, "is out of range");
        return static_cast<int>(number);
    }

    double number(const char* key, double minimum) {
        const json* value = find(key, Need::Required);
        if (value == nullptr) return 0;
        if (!value->is_number()) return fail<double>(key, "is not a number");
        const auto number = value->get<double>();
        if (!std::isfinite(number) || number < minimum) return fail<double>(key, "is out of range");
        return number;
    }

    const json* object(const char* key, Need need) {
        const json* value = find(key, need);
        if (value != nullptr && !value->is_object()) return fail<const json*>(key, "is not an object");
        return value;
    }

    const json* array(const char* key) {
        const json* value = find(key, Need::Required);
        if (value != nullptr && !value->is_array()) return fail<const json*>(key, "is not an array");
        return value;
    }

    // Takes over the problem of a nested reader, so the detail names the innermost place.
    void adopt(const ObjectReader& inner) {
        if (ok() && !inner.ok()) problem_ = inner.problem_;
    }

  private:
    static bool is_date(std::string_view text) {
        if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
        for (std::size_t i : {0U, 1U, 2U, 3U, 5U, 6U, 8U, 9U}) {
            if (text[i] < '0' || text[i] > '9') return false;
        }
        const int month = (text[5] - '0') * 10 + (text[6] - '0');
        const int day = (text[8] - '0') * 10 + (text[9] - '0');
        return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    const json* find(const char* key, Need need) {
        if (!ok()) return nullptr;
        const auto it = object_.find(key);
        if (it == object_.end()) {
            if (need != Need::Optional) fail(key, "is missing");
            return nullptr;
        }
        return &*it;
    }

    // Records the problem (the first one found wins) and gives the empty value the reader returns with it.
    template <class T = std::nullptr_t>
    T fail(const char* key, const char* what) {
        if (ok()) problem_ = where_ + ": field '" + key + "' " + what;
        return T{};
    }

    const json& object_;
    std::string where_;
    std::string problem_;
};

// Parses the body and hands the document to `read`; the document's strings are wiped afterwards whatever
// happens.
template <class T, class Read>
std::expected<T, CentralError> parse_answer(std::string_view body, const char* what, Read read) noexcept {
    try {
        json document;
        JsonWipeGuard wipe(document);
        try {
            document = json::parse(body.data(), body.data() + body.size());
        } catch (const json::parse_error& error) {
            // The byte offset helps a technician compare with a capture; it is not content.
            if (error.byte > body.size())
                return std::unexpected(bad_answer(std::string(what) + ": JSON ends early"));
            return std::unexpected(
                bad_answer(std::string(what) + ": not JSON (byte " + std::to_string(error.byte) + ")"));
        }
        return read(document);
    } catch (...) {
        // nlohmann throws on nothing we call after parsing; this is for allocation failure on absurd input.
        return std::unexpected(bad_answer(std::string(what) + ": could not be read"));
    }
}

std::expected<Station, CentralError> read_station(const json& value) {
    ObjectReader station(value, "eligibility.station");
    Station out;
    out.name = station.text("name", Need::Required);
    out.address = station.text("address", Need::Required);
    out.hours = station.text("hours", Need::Optional);
    out.phone = station.text("phone", Need::Optional);
    if (!station.ok()) return std::unexpected(station.error());
    return out;
}

std::expected<EligibilityAnswer, CentralError> read_eligibility(const json& document) {
    ObjectReader answer(document, "eligibility");
    EligibilityAnswer out;
    const std::string verdict = answer.one_of(
        "verdict", Need::Required, {"eligible", "paper_records_only", "no_record", "not_eligible"});
    if (verdict == "eligible") out.verdict = Verdict::Eligible;
    if (verdict == "paper_records_only") out.verdict = Verdict::PaperRecordsOnly;
    if (verdict == "no_record") out.verdict = Verdict::NoRecord;
    if (verdict == "not_eligible") out.verdict = Verdict::NotEligible;
    out.reason = answer.text("reason", Need::Optional);
    if (const json* station = answer.object("station", Need::Optional)) {
        auto read = read_station(*station);
        if (!read) return std::unexpected(read.error());
        out.station = std::move(*read);
    }
    if (!answer.ok()) return std::unexpected(answer.error());
    return out;
}

std::expected<IssuedCertificate, CentralError> read_certificate(const json& document) {
    ObjectReader certificate(document, "certificate");
    IssuedCertificate out;
    out.serial = certificate.text("serial", Need::NonEmpty);
    out.service_id = certificate.text("service_id", Need::NonEmpty);
    out.issued_on = certificate.date("issued_on");
    out.issuer = certificate.text("issuer", Need::Required);
    out.title_zh = certificate.text("title_zh", Need::Required);
    out.title_en = certificate.text("title_en", Need::Required);
    out.holder_name = certificate.personal("holder_name", Need::Required);
    out.statement = certificate.text("statement", Need::Optional);
    if (const json* fields = certificate.array("fields")) {
        for (std::size_t i = 0; i < fields->size() && certificate.ok(); ++i) {
            ObjectReader field((*fields)[i], "certificate.fields[" + std::to_string(i) + "]");
            CertificateField read{field.text("label", Need::Required),
                                  field.personal("value", Need::Required)};
            certificate.adopt(field);
            out.fields.push_back(std::move(read));
        }
    }
    if (const json* proof_value = certificate.object("proof", Need::Required)) {
        ObjectReader proof(*proof_value, "certificate.proof");
        out.proof_payload = proof.text("payload", Need::NonEmpty);
        out.verification_code = proof.text("verification_code", Need::NonEmpty);
        (void)proof.view("key_id", Need::NonEmpty);  // checked, not kept: the payload names its key itself
        (void)proof.one_of("alg", Need::Required, {"ES256"});
        certificate.adopt(proof);
    }
    if (!certificate.ok()) {
        out.wipe();
        return std::unexpected(certificate.error());
    }
    return out;
}

std::expected<ApplicationReceipt, CentralError> read_receipt(const json& document) {
    ObjectReader receipt(document, "application receipt");
    ApplicationReceipt out;
    out.tracking_number = receipt.text("tracking_number", Need::Required);
    out.expected_working_days = receipt.integer("expected_working_days", 0);
    if (!receipt.ok()) return std::unexpected(receipt.error());
    if (!is_tracking_number(out.tracking_number)) {
        return std::unexpected(bad_answer("application receipt: field 'tracking_number' is not 12 digits"));
    }
    return out;
}

std::expected<ApplicationStatus, CentralError> read_status(const json& document) {
    ObjectReader status(document, "application status");
    ApplicationStatus out;
    out.tracking_number = status.text("tracking_number", Need::NonEmpty);
    out.state = status.one_of("state", Need::Required,
                              {"received", "under_review", "approved", "rejected", "ready_for_collection"});
    out.updated_on = status.date("updated_on");
    if (!status.ok()) return std::unexpected(status.error());
    return out;
}

std::expected<std::vector<HandlingPoint>, CentralError> read_points(const json& document) {
    ObjectReader answer(document, "handling points");
    std::vector<HandlingPoint> out;
    if (const json* points = answer.array("points")) {
        for (std::size_t i = 0; i < points->size() && answer.ok(); ++i) {
            ObjectReader point((*points)[i], "handling points.points[" + std::to_string(i) + "]");
            HandlingPoint read;
            read.name = point.text("name", Need::Required);
            read.address = point.text("address", Need::Required);
            read.distance_km = point.number("distance_km", 0.0);
            read.queue_length = point.integer("queue_length", 0);
            answer.adopt(point);
            out.push_back(std::move(read));
        }
    }
    if (!answer.ok()) return std::unexpected(answer.error());
    return out;
}

std::expected<ErrorBody, CentralError> read_error(const json& document) {
    ObjectReader error(document, "error");
    ErrorBody out;
    out.code = error.one_of("code", Need::Required,
                            {"bad_request", "unauthorized", "not_found", "conflict", "unprocessable",
                             "too_many_requests", "internal"});
    (void)error.view("message", Need::Required);
    if (!error.ok()) return std::unexpected(error.error());
    return out;
}

}  // namespace

std::expected<EligibilityAnswer, CentralError> parse_eligibility(std::string_view body) noexcept {
    return parse_answer<EligibilityAnswer>(body, "eligibility", read_eligibility);
}

std::expected<IssuedCertificate, CentralError> parse_certificate(std::string_view body) noexcept {
    return parse_answer<IssuedCertificate>(body, "certificate", read_certificate);
}

std::expected<ApplicationReceipt, CentralError> parse_application_receipt(std::string_view body) noexcept {
    return parse_answer<ApplicationReceipt>(body, "application receipt", read_receipt);
}

std::expected<ApplicationStatus, CentralError> parse_application_status(std::string_view body) noexcept {
    return parse_answer<ApplicationStatus>(body, "application status", read_status);
}

std::expected<std::vector<HandlingPoint>, CentralError> parse_handling_points(
    std::string_view body) noexcept {
    return parse_answer<std::vector<HandlingPoint>>(body, "handling points", read_points);
}

std::expected<ErrorBody, CentralError> parse_error_body(std::string_view body) noexcept {
    return parse_answer<ErrorBody>(body, "error", read_error);
}

bool is_tracking_number(std::string_view text) {
    if (text.size() != 12) return false;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

}  // namespace hk::kiosk::central
