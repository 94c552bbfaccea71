#include "ipp_queries.h"

#include <algorithm>
#include <array>
#include <optional>

#include "cups_handles.h"

namespace hk::printer::cups::detail {

namespace {

IppError last_error() {
    return IppError{cupsLastError(), cupsLastErrorString()};
}

// A request about the queue, sent as the kiosk's own user: CUPS shows job names only to their owner.
IppPtr new_request(ipp_op_t operation, const std::string& printer_uri) {
    IppPtr request(ippNewRequest(operation));
    ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, printer_uri.c_str());
    ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
    return request;
}

template <std::size_t N>
void request_attributes(ipp_t* request, const std::array<const char*, N>& names) {
    ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", static_cast<int>(N),
                  nullptr, names.data());
}

// Sends the request (cupsDoRequest frees it) and checks the IPP status; libcups reports transport failures
// and IPP errors alike through cupsLastError().
std::expected<IppPtr, IppError> send(http_t* http, IppPtr request) {
    IppPtr response(cupsDoRequest(http, request.release(), "/"));
    if (!response || cupsLastError() > IPP_STATUS_OK_CONFLICTING) return std::unexpected(last_error());
    return response;
}

std::vector<std::string> strings_of(ipp_attribute_t* attribute) {
    std::vector<std::string> values;
    if (attribute == nullptr) return values;
    const int count = ippGetCount(attribute);
    for (int i = 0; i < count; ++i) {
        if (const char* value = ippGetString(attribute, i, nullptr)) values.emplace_back(value);
    }
    return values;
}

std::vector<int> integers_of(ipp_attribute_t* attribute) {
    std::vector<int> values;
    if (attribute == nullptr) return values;
    const int count = ippGetCount(attribute);
    for (int i = 0; i < count; ++i) values.push_back(ippGetInteger(attribute, i));
    return values;
}

std::string string_of(ipp_t* response, const char* name) {
    ipp_attribute_t* attribute = ippFindAttribute(response, name, IPP_TAG_ZERO);
    const char* value = attribute != nullptr ? ippGetString(attribute, 0, nullptr) : nullptr;
    return value != nullptr ? value : "";
}

std::vector<Marker> markers_of(ipp_t* response) {
    const std::vector<std::string> names =
        strings_of(ippFindAttribute(response, "marker-names", IPP_TAG_ZERO));
    const std::vector<std::string> types =
        strings_of(ippFindAttribute(response, "marker-types", IPP_TAG_ZERO));
    const std::vector<int> levels = integers_of(ippFindAttribute(response, "marker-levels", IPP_TAG_INTEGER));
    std::vector<Marker> markers;
    for (std::size_t i = 0; i < levels.size(); ++i) {
        markers.push_back(Marker{i < names.size() ? names[i] : "marker " + std::to_string(i + 1),
                                 i < types.size() ? types[i] : "", levels[i]});
    }
    return markers;
}

}  // namespace

std::expected<PrinterSnapshot, IppError> get_printer(http_t* http, const std::string& printer_uri) {
    IppPtr request = new_request(IPP_OP_GET_PRINTER_ATTRIBUTES, printer_uri);
    static constexpr std::array kAttributes = {
        "printer-state", "printer-state-reasons", "printer-state-message", "printer-is-accepting-jobs",
        "marker-names",  "marker-types",          "marker-levels"};
    request_attributes(request.get(), kAttributes);
    auto response = send(http, std::move(request));
    if (!response) return std::unexpected(response.error());

    PrinterSnapshot printer;
    ipp_t* ipp = response->get();
    if (ipp_attribute_t* state = ippFindAttribute(ipp, "printer-state", IPP_TAG_ENUM))
        printer.state = static_cast<PrinterState>(std::clamp(ippGetInteger(state, 0), 3, 5));
    printer.reasons = strings_of(ippFindAttribute(ipp, "printer-state-reasons", IPP_TAG_KEYWORD));
    printer.message = string_of(ipp, "printer-state-message");
    if (ipp_attribute_t* accepting = ippFindAttribute(ipp, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN))
        printer.accepting_jobs = ippGetBoolean(accepting, 0) != 0;
    printer.markers = markers_of(ipp);
    return printer;
}

std::expected<JobSnapshot, IppError> get_job(http_t* http, const std::string& printer_uri, int job_id) {
    IppPtr request = new_request(IPP_OP_GET_JOB_ATTRIBUTES, printer_uri);
    ippAddInteger(request.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
    static constexpr std::array kAttributes = {"job-state", "job-state-reasons", "job-printer-state-message"};
    request_attributes(request.get(), kAttributes);
    auto response = send(http, std::move(request));
    if (!response) return std::unexpected(response.error());

    JobSnapshot job;
    ipp_t* ipp = response->get();
    if (ipp_attribute_t* state = ippFindAttribute(ipp, "job-state", IPP_TAG_ENUM))
        job.state = static_cast<JobState>(std::clamp(ippGetInteger(state, 0), 3, 9));
    job.reasons = strings_of(ippFindAttribute(ipp, "job-state-reasons", IPP_TAG_KEYWORD));
    job.printer_message = string_of(ipp, "job-printer-state-message");
    return job;
}

std::expected<std::vector<std::string>, IppError> completed_job_names(http_t* http,
                                                                      const std::string& printer_uri) {
    IppPtr request = new_request(IPP_OP_GET_JOBS, printer_uri);
    ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "which-jobs", nullptr, "completed");
    ippAddBoolean(request.get(), IPP_TAG_OPERATION, "my-jobs", 0);
    static constexpr std::array kAttributes = {"job-name", "job-state"};
    request_attributes(request.get(), kAttributes);
    auto response = send(http, std::move(request));
    if (!response) return std::unexpected(response.error());

    // Each job is one group of attributes; groups are separated by an attribute without a name.
    std::vector<std::string> names;
    std::optional<std::string> name;
    int state = 0;
    const auto end_of_job = [&] {
        if (name && state == static_cast<int>(JobState::Completed)) names.push_back(std::move(*name));
        name.reset();
        state = 0;
    };
    for (ipp_attribute_t* attribute = ippFirstAttribute(response->get()); attribute != nullptr;
         attribute = ippNextAttribute(response->get())) {
        const char* attribute_name = ippGetName(attribute);
        if (attribute_name == nullptr) {
            end_of_job();
            continue;
        }
        if (ippGetGroupTag(attribute) != IPP_TAG_JOB) continue;
        const std::string_view key = attribute_name;
        if (key == "job-name") {
            if (const char* value = ippGetString(attribute, 0, nullptr)) name = value;
        } else if (key == "job-state") {
            state = ippGetInteger(attribute, 0);
        }
    }
    end_of_job();
    return names;
}

}  // namespace hk::printer::cups::detail
