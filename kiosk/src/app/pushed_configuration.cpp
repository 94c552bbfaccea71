#include "pushed_configuration.h"

#include <fstream>
#include <sstream>

#include "signed_document.h"
#include "update/durable_file.h"
#include "update/version_order.h"

namespace hk::kiosk {
namespace {

std::string read_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

std::expected<SiteConfig, std::string> read_site_config(const std::filesystem::path& document,
                                                        const std::filesystem::path& keyring) {
    auto content = open_signed_document(document, keyring);
    if (!content) return std::unexpected(content.error());
    return parse_site_config(*content);
}

}  // namespace

PushedConfiguration::PushedConfiguration(std::filesystem::path keyring, std::filesystem::path folder,
                                         std::chrono::milliseconds offer_timeout)
    : keyring_(std::move(keyring)), folder_(std::move(folder)), offer_timeout_(offer_timeout) {}

PushedConfiguration::Kept PushedConfiguration::load_in_force() {
    Kept kept;
    for (const char* name : {"in-force.p7m", "previous.p7m"}) {
        const std::filesystem::path file = folder_ / name;
        if (!std::filesystem::exists(file)) continue;
        auto config = read_site_config(file, keyring_);
        if (config) {
            std::lock_guard lock(mutex_);
            version_in_force_ = config->version;
            kept.config = std::move(*config);
            return kept;
        }
        if (kept.problem.empty()) kept.problem = std::string(name) + ": " + config.error();
    }
    return kept;
}

std::string PushedConfiguration::version_in_force() const {
    std::lock_guard lock(mutex_);
    return version_in_force_;
}

std::expected<SiteConfig, std::string> PushedConfiguration::read_newer(
    const std::filesystem::path& document) const {
    auto config = read_site_config(document, keyring_);
    if (!config) return std::unexpected(config.error());
    const std::string in_force = version_in_force();
    if (in_force.empty() || update::is_newer(config->version, in_force)) return config;
    // The same document again is what a restart between "applied" and "reported" looks like: it is in force.
    if (config->version == in_force && read_bytes(document) == read_bytes(in_force_file())) return config;
    return std::unexpected("version " + config->version + " is not newer than " + in_force + ", in force");
}

std::expected<std::string, std::string> PushedConfiguration::check(const std::filesystem::path& document) {
    auto config = read_newer(document);
    if (!config) return std::unexpected(config.error());
    return config->version;
}

std::expected<update::ApplyOutcome, std::string> PushedConfiguration::apply(
    const std::filesystem::path& document) {
    auto config = read_newer(document);
    if (!config) return std::unexpected(config.error());
    if (config->version == version_in_force()) return update::ApplyOutcome::Applied;
    const std::string version = config->version;
    {
        std::unique_lock lock(mutex_);
        offer_ = std::move(*config);
        answer_ = Answer::None;
        const bool answered =
            answered_.wait_for(lock, offer_timeout_, [this] { return answer_ != Answer::None; });
        if (!answered) offer_.reset();  // the main loop is stuck or stopping: withdrawn, tried again later
        if (answer_ != Answer::Taken) return update::ApplyOutcome::Busy;
    }
    // In force in memory; kept on disk now. A crash in between starts with the previous document, and the
    // agent, still holding this one, applies it again.
    if (auto kept = keep(document); !kept) return std::unexpected(kept.error());
    std::lock_guard lock(mutex_);
    version_in_force_ = version;
    return update::ApplyOutcome::Applied;
}

std::optional<SiteConfig> PushedConfiguration::take_offer(bool quiet) {
    std::optional<SiteConfig> taken;
    {
        std::lock_guard lock(mutex_);
        if (!offer_) return std::nullopt;
        answer_ = quiet ? Answer::Taken : Answer::Busy;
        if (quiet) taken = std::move(offer_);
        offer_.reset();
    }
    answered_.notify_all();
    return taken;
}

std::expected<void, std::string> PushedConfiguration::keep(const std::filesystem::path& document) {
    std::error_code error;
    std::filesystem::create_directories(folder_, error);
    const std::filesystem::path staged = folder_ / "in-force.p7m.tmp";
    std::filesystem::copy_file(document, staged, std::filesystem::copy_options::overwrite_existing, error);
    if (error || !update::sync_to_disk(staged)) {
        return std::unexpected("cannot keep the configuration in " + folder_.string() + ": " +
                               (error ? error.message() : "fsync failed"));
    }
    if (std::filesystem::exists(in_force_file())) {
        std::filesystem::rename(in_force_file(), folder_ / "previous.p7m", error);
    }
    if (!error) std::filesystem::rename(staged, in_force_file(), error);
    if (error) return std::unexpected("cannot keep the configuration: " + error.message());
    (void)update::sync_to_disk(folder_, /*folder=*/true);
    return {};
}

}  // namespace hk::kiosk
