// A private CUPS scheduler for one test suite: tools/private-cupsd.sh (the one implementation, shared with
// `make demo`) started in a fresh temp folder, with a watchdog that stops it and removes the folder when the
// peer is destroyed, and also when the test process dies without destroying it (a crash, ctest's timeout).
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

namespace hk::printer::cups::test {

class CupsPeer {
  public:
    // Starts cupsd with the PDF-to-file queue. With a non-empty `ipp_command` (the body of a /bin/sh script
    // that gets each job's file as $1 and may write `STATE: +media-empty-error` ... to stderr), also an
    // ippeveprinter running it behind the queue ipp_queue(). Throws std::runtime_error with the script's
    // messages on failure.
    explicit CupsPeer(const std::string& ipp_command = {});
    ~CupsPeer();
    CupsPeer(const CupsPeer&) = delete;
    CupsPeer& operator=(const CupsPeer&) = delete;

    [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }
    [[nodiscard]] const std::string& server() const { return server_; }  // localhost:PORT
    [[nodiscard]] const std::string& socket() const { return socket_; }
    [[nodiscard]] const std::string& queue() const { return queue_; }
    [[nodiscard]] const std::string& ipp_queue() const { return ipp_queue_; }
    [[nodiscard]] const std::filesystem::path& output_file() const { return output_file_; }

    // Runs a CUPS admin command against this scheduler: admin("cupsdisable", "kioskA4") runs
    // `cupsdisable -h SOCKET kioskA4`. The exit status.
    int admin(const std::string& tool, const std::string& arguments) const;
    // Stops the scheduler (and printer) now; the folder stays until destruction. Stopping again is harmless.
    void stop();

  private:
    std::filesystem::path dir_;
    std::string server_, socket_, queue_, ipp_queue_;
    std::filesystem::path output_file_;
    pid_t watchdog_ = -1;
    int watchdog_pipe_ = -1;
};

// A shell command's exit status (-1: could not run it) and standard output.
struct CommandResult {
    int status = -1;
    std::string output;
};
CommandResult run_command(const std::string& command);

}  // namespace hk::printer::cups::test
