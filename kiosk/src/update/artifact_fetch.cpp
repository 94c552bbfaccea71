#include "update/artifact_fetch.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <memory>
#include <system_error>

#include "drivers/iso7816/bytes.h"

namespace hk::update {

std::chrono::milliseconds retry_pause(int retry, std::chrono::milliseconds first,
                                      std::chrono::milliseconds cap, std::mt19937& random, bool jitter) {
    const int doublings = std::clamp(retry, 0, 20);
    const std::chrono::milliseconds grown =
        std::min(cap, std::chrono::milliseconds(first.count() << doublings));
    if (!jitter) return grown;
    std::uniform_real_distribution<double> scale(0.5, 1.0);
    return std::chrono::milliseconds(
        static_cast<long long>(static_cast<double>(grown.count()) * scale(random)));
}

std::string file_sha256(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!in || !context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1) return {};
    std::array<char, 64 * 1024> block{};
    while (in) {
        in.read(block.data(), block.size());
        if (in.gcount() > 0)
            EVP_DigestUpdate(context.get(), block.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) return {};
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(context.get(), digest.data(), &length) != 1) return {};
    return drivers::iso7816::to_lower_hex({digest.data(), length});
}

namespace {

constexpr int kDropsPerFailure = 4;

std::uint64_t length_of(const std::filesystem::path& file) {
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    return error ? 0 : size;
}

}  // namespace

FetchOutcome fetch_artifact(RolloutServer& server, const Artifact& artifact,
                            const std::filesystem::path& file, const FetchPolicy& policy,
                            std::mt19937& random,
                            const std::function<void(std::chrono::milliseconds)>& pause) {
    FetchOutcome outcome;
    int failures = 0;
    int drops = 0;
    while (true) {
        if (length_of(file) > artifact.size) std::filesystem::remove(file);  // not ours: start over
        if (length_of(file) == artifact.size) {
            if (file_sha256(file) == artifact.sha256) {
                outcome.end = FetchEnd::Complete;
                return outcome;
            }
            std::filesystem::remove(file);
            outcome.end = FetchEnd::HashMismatch;
            outcome.detail = "the downloaded bundle does not match the deployment's SHA-256";
            return outcome;
        }
        if (failures >= policy.max_attempts) {
            outcome.end = FetchEnd::GaveUp;
            return outcome;
        }
        const DownloadAttempt attempt = server.download(artifact.url, file, artifact.size, policy.slice);
        ++outcome.requests;
        outcome.bytes_received += attempt.bytes_received;
        if (attempt.status == 416) {
            // The server says our partial file does not fit its artifact: drop it and fetch the whole again.
            std::filesystem::remove(file);
            ++failures;
            continue;
        }
        if (attempt.status >= 400 && attempt.status < 500) {
            outcome.end = FetchEnd::Refused;
            outcome.detail =
                "the server answered " + std::to_string(attempt.status) + " for " + artifact.filename;
            return outcome;
        }
        if (attempt.slice_ended) {
            outcome.end = FetchEnd::Paused;
            return outcome;
        }
        const bool whole_answer =
            attempt.transport_error.empty() && (attempt.status == 200 || attempt.status == 206);
        if (whole_answer) continue;  // checked at the top
        outcome.detail = attempt.transport_error.empty()
                             ? "the server answered " + std::to_string(attempt.status)
                             : attempt.transport_error;
        // A link that drops now and then but moves forward is not a failing one: only attempts that brought
        // nothing count against max_attempts; those that did are bounded too, more loosely.
        if (attempt.bytes_received == 0) {
            ++failures;
        } else if (++drops > kDropsPerFailure * policy.max_attempts) {
            failures = policy.max_attempts;
        }
        if (failures < policy.max_attempts)
            pause(retry_pause(failures, policy.first_pause, policy.max_pause, random));
    }
}

}  // namespace hk::update
