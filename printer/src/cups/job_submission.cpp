#include "job_submission.h"

#include <algorithm>
#include <string>

#include "cups_server.h"

namespace hk::printer::cups::detail {

namespace {

using drivers::FaultKind;

// Options are built per job into libcups' own array; this frees it on every path.
class JobOptions {
  public:
    explicit JobOptions(const CupsOptions& options) {
        add(CUPS_MEDIA, options.media);
        add(CUPS_SIDES, options.sides);
        add(CUPS_COPIES, std::to_string(std::max(options.copies, 1)));
    }
    ~JobOptions() { cupsFreeOptions(count_, options_); }
    JobOptions(const JobOptions&) = delete;
    JobOptions& operator=(const JobOptions&) = delete;

    [[nodiscard]] int count() const { return count_; }
    [[nodiscard]] cups_option_t* get() const { return options_; }

  private:
    void add(const char* name, const std::string& value) {
        count_ = cupsAddOption(name, value.c_str(), count_, &options_);
    }
    int count_ = 0;
    cups_option_t* options_ = nullptr;
};

std::string last_error_text() {
    return cupsLastErrorString();
}

// A refused job. A queue that vanished, or a scheduler gone between the look-up and the job, reads as
// unplugged like in find_destination; a queue rejecting jobs (how a technician takes the printer out of
// service) and anything else are the scheduler's errors.
drivers::DeviceFault create_fault(ipp_status_t status, const CupsOptions& options) {
    const std::string why = "queue " + options.queue + " refused the job: " + last_error_text();
    if (status == IPP_STATUS_ERROR_NOT_FOUND || status == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE)
        return a4_fault(FaultKind::Unplugged, why);
    return a4_fault(FaultKind::IoError, why);
}

}  // namespace

std::expected<Destination, drivers::DeviceFault> find_destination(http_t* http, const CupsOptions& options) {
    DestPtr dest(cupsGetNamedDest(http, options.queue.c_str(), nullptr));
    if (!dest) {
        if (cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND || cupsLastError() == IPP_STATUS_OK) {
            return std::unexpected(a4_fault(
                FaultKind::Unplugged,
                "CUPS server " + describe_server(options) + " has no queue '" + options.queue + "'"));
        }
        return std::unexpected(a4_fault(FaultKind::Unplugged, "cannot look up queue '" + options.queue +
                                                                  "' on " + describe_server(options) + ": " +
                                                                  last_error_text()));
    }
    DestInfoPtr info(cupsCopyDestInfo(http, dest.get()));
    if (!info) {
        return std::unexpected(a4_fault(FaultKind::IoError, "cannot read the capabilities of queue '" +
                                                                options.queue + "': " + last_error_text()));
    }
    return Destination{std::move(dest), std::move(info)};
}

std::expected<int, drivers::DeviceFault> submit(http_t* http, const Destination& destination,
                                                const CupsOptions& options, const PrintJob& job) {
    const JobOptions job_options(options);
    int job_id = 0;
    const ipp_status_t created =
        cupsCreateDestJob(http, destination.dest.get(), destination.info.get(), &job_id, job.name.c_str(),
                          job_options.count(), job_options.get());
    if (created > IPP_STATUS_OK_CONFLICTING || job_id <= 0)
        return std::unexpected(create_fault(created, options));

    // The document carries no options of its own: the job's apply to it. One document, so it is the last.
    const auto failed_sending = [&](const std::string& step) {
        const std::string why = last_error_text();
        const bool cancelled = cancel(http, destination, job_id);
        return std::unexpected(a4_fault(FaultKind::IoError, "job " + std::to_string(job_id) + ": " + step +
                                                                " failed: " + why +
                                                                (cancelled ? "; job cancelled" : "")));
    };
    if (cupsStartDestDocument(http, destination.dest.get(), destination.info.get(), job_id, job.name.c_str(),
                              CUPS_FORMAT_PDF, 0, nullptr, 1) != HTTP_STATUS_CONTINUE)
        return failed_sending("starting the document");
    constexpr std::size_t kChunk = 64 * 1024;
    for (std::size_t offset = 0; offset < job.pdf.size(); offset += kChunk) {
        const std::size_t length = std::min(kChunk, job.pdf.size() - offset);
        // libcups takes bytes as char; the PDF is the same bytes.
        if (cupsWriteRequestData(http, reinterpret_cast<const char*>(job.pdf.data() + offset), length) !=
            HTTP_STATUS_CONTINUE)
            return failed_sending("sending the document");
    }
    if (cupsFinishDestDocument(http, destination.dest.get(), destination.info.get()) >
        IPP_STATUS_OK_CONFLICTING)
        return failed_sending("finishing the document");
    return job_id;
}

bool cancel(http_t* http, const Destination& destination, int job_id) {
    const ipp_status_t status = cupsCancelDestJob(http, destination.dest.get(), job_id);
    // "not possible": the job already ended, which is what the caller wanted.
    return status <= IPP_STATUS_OK_CONFLICTING || status == IPP_STATUS_ERROR_NOT_POSSIBLE;
}

}  // namespace hk::printer::cups::detail
