// Issue 6: certificate render + proof code + hand-off to CUPS, in ms per certificate; proof verification in
// ms; the QR's size in modules. Each figure is printed with its ratio to a baseline measured in this process:
//   render + hand-off to a private cupsd   vs  rendering alone         (what the CUPS hand-off adds)
//   verify_proof on the payload text       vs  one bare ES256 verify   (decoding and parsing overhead)
//   read the code off the PDF and verify   vs  rasterising the PDF     (the QR decoder's share)
// The proof is a real one, signed by the central service's own signer with a key made here, so the QR
// carries exactly the bytes a printed certificate carries.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <qrencode.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <expected>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "printer/certificate_document.h"
#include "printer/cups/cups_a4_printer.h"
#include "printer/proof/code_finder.h"
#include "printer/proof/proof_payload.h"
#include "printer/proof/proof_verifier.h"
#include "printer/proof/trust_list.h"
#include "proof.h"
#include "ratio_reporter.h"
#include "signer.h"

namespace {

using namespace std::chrono_literals;

// Inside the proof's validity, so every verification below takes the full path to a valid verdict.
constexpr const char* kToday = "2026-03-01";
constexpr double kTargetMs = 3000.0;  // DESIGN: card presented -> print job accepted <= 3 s
// Rendering and reading paper take tens of ms each: fixed counts keep the whole run short.
constexpr int kRenderIterations = 20;
constexpr int kCupsIterations = 12;
constexpr int kPageIterations = 10;
const std::string kCupsScript = HUKIOSK_SOURCE_DIR "/tools/private-cupsd.sh";

// --- fixture ---------------------------------------------------------------------------------------------

struct PkeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct BioFree {
    void operator()(BIO* bio) const { BIO_free(bio); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Bio = std::unique_ptr<BIO, BioFree>;

std::string new_p256_private_key_pem() {
    const Pkey key(EVP_EC_gen("P-256"));
    const Bio bio(BIO_new(BIO_s_mem()));
    if (!key || !bio ||
        PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        throw std::runtime_error("P-256 key generation failed");
    }
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return {data, static_cast<std::size_t>(size)};
}

Pkey public_key_from_pem(const std::string& pem) {
    const Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    Pkey key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key) throw std::runtime_error("cannot read the signer's public key");
    return key;
}

// The field shapes of a family-relationship certificate as the kiosk prints it: Chinese and Latin labels,
// a Korean name, a long address, a bilingual statement.
hk::printer::CertificateDocument certificate_with(const hk::central::Proof& proof) {
    hk::printer::CertificateDocument document;
    document.title = "亲属关系证明";
    document.subtitle = "Proof of Family Relationship";
    document.serial = "C2026-000123";
    document.issued_on = kToday;
    document.issuer = "北京市公安局东城分局";
    const std::pair<const char*, const char*> fields[] = {
        {"姓名 Name", "张伟"},
        {"公民身份号码 ID number", "110101199003071234"},
        {"亲属姓名 Relative", "김민준 (KIM MINJUN)"},
        {"关系 Relationship", "父子 Father and son"},
        {"户籍地址 Registered address", "北京市东城区东华门街道南池子大街 12 号院 3 号楼 2 单元 501 室"},
    };
    for (const auto& [label, value] : fields)
        document.fields.push_back({label, hk::drivers::PersonalString(value)});
    document.statement =
        "兹证明张伟（公民身份号码 110101199003071234）与김민준系父子关系，经核对户籍登记信息属实。特此证明。"
        " This is to certify that, according to the household registration records, the persons named above "
        "are father and son.";
    document.proof_payload = proof.payload;
    document.verification_code = proof.verification_code;
    return document;
}

struct QrSize {
    int modules = 0;
    int version = 0;
};

// Encoded the way printer/src/qr_symbol.cpp encodes it (mode hint 8-bit, ECC level M, smallest version), so
// the size reported is the size on paper.
QrSize qr_size_of(const std::string& payload) {
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString(payload.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
    if (!code) throw std::runtime_error("libqrencode cannot encode the payload");
    return {code->width, (code->width - 17) / 4};
}

// Everything the benchmarks share, made once: signing and rendering are measured, not repeated as setup.
struct Certificate {
    std::string key_id = "bench-2026-1";
    std::unique_ptr<hk::central::ProofSigner> signer;
    hk::central::Proof proof;
    hk::printer::CertificateDocument document;
    std::vector<std::uint8_t> pdf;
    hk::printer::proof::TrustList trust;
    Pkey public_key;
    std::string claims_text;  // the signed bytes
    std::string signature;    // DER
    QrSize qr;

    Certificate() {
        auto made = hk::central::make_es256_signer(new_p256_private_key_pem(), key_id);
        if (!made) throw std::runtime_error("make_es256_signer: " + made.error());
        signer = std::move(*made);
        proof = hk::central::make_proof(*signer, {"C2026-000123", "proof_of_family_relationship", "张伟",
                                                  "110101199003071234", kToday, "2026-05-29"});
        document = certificate_with(proof);
        auto rendered = hk::printer::render_certificate_pdf(document);
        if (!rendered) throw std::runtime_error("render_certificate_pdf: " + rendered.error());
        pdf = std::move(*rendered);
        if (auto added = trust.add_pem(key_id, signer->public_key_pem()); !added)
            throw std::runtime_error("trust list: " + added.error());
        public_key = public_key_from_pem(signer->public_key_pem());

        // "HK1.<claims>.<signature>", split here so the bare-verify baseline does no decoding at all.
        const std::string_view payload = proof.payload;
        const std::size_t first = payload.find('.');
        const std::size_t last = payload.rfind('.');
        if (first == std::string_view::npos || last == first) throw std::runtime_error("payload shape");
        claims_text = payload.substr(first + 1, last - first - 1);
        auto der = hk::printer::proof::base64url_decode(payload.substr(last + 1));
        if (!der) throw std::runtime_error("payload signature is not base64url");
        signature = std::move(*der);
        qr = qr_size_of(proof.payload);
    }
};

// --- a private cupsd -------------------------------------------------------------------------------------

std::string quoted(const std::string& text) {
    std::string out = "'";
    for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

struct CommandResult {
    int status = -1;
    std::string output;
};

CommandResult run_command(const std::string& command) {
    CommandResult result;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return result;
    std::array<char, 4096> buffer{};
    for (std::size_t got; (got = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;)
        result.output.append(buffer.data(), got);
    const int status = pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    return result;
}

// Started on first use, so a run filtered to other benchmarks costs no cupsd. A watchdog child stops it and
// removes its folder when this process ends, however it ends (a crash, Ctrl-C, SkipWithError), so no cupsd
// outlives the benchmark.
class PrivateCupsd {
  public:
    PrivateCupsd() = default;
    PrivateCupsd(const PrivateCupsd&) = delete;
    PrivateCupsd& operator=(const PrivateCupsd&) = delete;
    ~PrivateCupsd() { stop(); }

    // The printer's options, or why no scheduler could be started.
    const std::expected<hk::printer::cups::CupsOptions, std::string>& options() {
        if (!started_) started_ = start();
        return *started_;
    }

    void stop() {
        if (watchdog_ <= 0) return;
        close(watchdog_pipe_);
        waitpid(watchdog_, nullptr, 0);
        watchdog_ = -1;
    }

  private:
    std::expected<hk::printer::cups::CupsOptions, std::string> start() {
        // Directly under /tmp: the script only opens DIR itself to the lp user, so its parent must be
        // traversable, and DIR must not hold spaces.
        std::string pattern = "/tmp/hk-printing-bench-XXXXXX";
        if (mkdtemp(pattern.data()) == nullptr) return std::unexpected("mkdtemp failed");
        const std::string dir = pattern;
        if (!start_watchdog(dir)) {
            std::filesystem::remove_all(dir);
            return std::unexpected("cannot start the cleanup watchdog");
        }
        const CommandResult started =
            run_command("bash " + quoted(kCupsScript) + " start " + quoted(dir) + " 2>&1");
        std::map<std::string, std::string> values;
        std::istringstream lines(started.output);
        for (std::string line; std::getline(lines, line);) {
            const std::size_t equals = line.find('=');
            if (equals != std::string::npos) values[line.substr(0, equals)] = line.substr(equals + 1);
        }
        if (started.status != 0 || values["CUPS_SERVER"].empty() || values["HUKIOSK_CUPS_QUEUE"].empty()) {
            stop();
            std::string why = started.output;
            std::replace(why.begin(), why.end(), '\n', ' ');
            while (!why.empty() && why.back() == ' ') why.pop_back();
            return std::unexpected("private-cupsd.sh start failed (exit " + std::to_string(started.status) +
                                   "): " + why);
        }
        hk::printer::cups::CupsOptions options;
        options.queue = values["HUKIOSK_CUPS_QUEUE"];
        options.server = values["CUPS_SERVER"];
        options.poll_interval = 20ms;
        return options;
    }

    // The child waits for the write end of a pipe to close (this process closes it, or ends). It ignores the
    // signals a terminal sends the whole process group, so it outlives us long enough to clean up.
    bool start_watchdog(const std::string& dir) {
        const std::string cleanup = "bash " + quoted(kCupsScript) + " stop " + quoted(dir) +
                                    " >/dev/null 2>&1; rm -rf " + quoted(dir);
        const char* const argv[] = {"/bin/sh", "-c", cleanup.c_str(), nullptr};
        int fds[2];
        if (pipe2(fds, O_CLOEXEC) != 0) return false;
        const pid_t child = fork();
        if (child == 0) {
            // Only async-signal-safe calls until exec.
            struct sigaction ignore {};
            ignore.sa_handler = SIG_IGN;
            sigaction(SIGINT, &ignore, nullptr);
            sigaction(SIGTERM, &ignore, nullptr);
            sigaction(SIGHUP, &ignore, nullptr);
            close(fds[1]);
            char byte = 0;
            while (read(fds[0], &byte, 1) != 0) {
            }
            execv(argv[0], const_cast<char* const*>(argv));
            _exit(127);
        }
        close(fds[0]);
        if (child < 0) {
            close(fds[1]);
            return false;
        }
        watchdog_ = child;
        watchdog_pipe_ = fds[1];
        return true;
    }

    std::optional<std::expected<hk::printer::cups::CupsOptions, std::string>> started_;
    pid_t watchdog_ = -1;
    int watchdog_pipe_ = -1;
};

// --- benchmarks ------------------------------------------------------------------------------------------

void render_certificate(benchmark::State& state, const Certificate& certificate) {
    for (auto _ : state) {
        auto pdf = hk::printer::render_certificate_pdf(certificate.document);
        if (!pdf) {
            state.SkipWithError(pdf.error().c_str());
            break;
        }
        benchmark::DoNotOptimize(pdf);
    }
    state.counters["payload_bytes"] = static_cast<double>(certificate.proof.payload.size());
    state.counters["qr_modules"] = certificate.qr.modules;
    state.counters["qr_version"] = certificate.qr.version;
}

void render_and_hand_to_cups(benchmark::State& state, const Certificate& certificate, PrivateCupsd& cupsd) {
    const auto& options = cupsd.options();
    if (!options) {
        state.SkipWithError(("no private cupsd: " + options.error()).c_str());
        return;
    }
    hk::printer::cups::CupsA4Printer printer(*options);
    const std::string job_name = "certificate " + certificate.document.serial;
    for (auto _ : state) {
        auto pdf = hk::printer::render_certificate_pdf(certificate.document);
        if (!pdf) {
            state.SkipWithError(pdf.error().c_str());
            break;
        }
        auto printed = printer.print({job_name, *pdf, 1});
        if (!printed) {
            state.SkipWithError(
                ("print: " + hk::drivers::fault_code(printed.error()) + " " + printed.error().detail)
                    .c_str());
            break;
        }
    }
}

void verify_payload(benchmark::State& state, const Certificate& certificate) {
    for (auto _ : state) {
        auto verdict = hk::printer::proof::verify_proof(certificate.proof.payload, certificate.trust, kToday);
        if (!verdict.valid()) {
            state.SkipWithError(("verify_proof: " + verdict.reason).c_str());
            break;
        }
        benchmark::DoNotOptimize(verdict);
    }
}

// What verify_proof must do at the least: one ES256 verification of the same signature over the same bytes.
void bare_ecdsa_verify(benchmark::State& state, const Certificate& certificate) {
    const auto* message = reinterpret_cast<const unsigned char*>(certificate.claims_text.data());
    const auto* signature = reinterpret_cast<const unsigned char*>(certificate.signature.data());
    for (auto _ : state) {
        const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                              &EVP_MD_CTX_free);
        const bool good = context &&
                          EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr,
                                               certificate.public_key.get()) == 1 &&
                          EVP_DigestVerify(context.get(), signature, certificate.signature.size(), message,
                                           certificate.claims_text.size()) == 1;
        if (!good) {
            state.SkipWithError("EVP_DigestVerify rejected the signature");
            break;
        }
    }
}

void verify_from_pdf(benchmark::State& state, const std::filesystem::path& pdf_file,
                     const Certificate& certificate) {
    std::size_t codes_found = 0;
    for (auto _ : state) {
        auto codes = hk::printer::proof::proof_codes_in_file(pdf_file);
        if (!codes || codes->empty()) {
            state.SkipWithError(codes ? "no QR code found on the rendered page"
                                      : ("proof_codes_in_file: " + codes.error()).c_str());
            break;
        }
        codes_found = codes->size();
        auto verdict = hk::printer::proof::verify_proof(codes->front(), certificate.trust, kToday);
        if (!verdict.valid()) {
            state.SkipWithError(("verify_proof on the page's code: " + verdict.reason).c_str());
            break;
        }
    }
    state.counters["codes_found"] = static_cast<double>(codes_found);
}

void rasterise_pdf_only(benchmark::State& state, const Certificate& certificate) {
    for (auto _ : state) {
        auto pages = hk::printer::proof::rasterise_pdf(certificate.pdf, 150);
        if (!pages) {
            state.SkipWithError(("rasterise_pdf: " + pages.error()).c_str());
            break;
        }
        benchmark::DoNotOptimize(pages);
    }
}

// A folder for the rendered PDF that verify_from_pdf reads back; removed at exit.
struct TempFolder {
    std::filesystem::path path;
    TempFolder() {
        std::string pattern = (std::filesystem::temp_directory_path() / "hk-printing-pdf-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
        path = pattern;
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    ~TempFolder() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
};

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

    std::optional<Certificate> made;
    try {
        made.emplace();
    } catch (const std::exception& error) {
        std::fprintf(stderr, "printing_bench: cannot build the certificate: %s\n", error.what());
        return 1;
    }
    const Certificate& certificate = *made;
    TempFolder folder;
    const std::filesystem::path pdf_file = folder.path / "certificate.pdf";
    {
        std::ofstream out(pdf_file, std::ios::binary);
        out.write(reinterpret_cast<const char*>(certificate.pdf.data()),
                  static_cast<std::streamsize>(certificate.pdf.size()));
    }
    PrivateCupsd cupsd;

    // Registered here, in this order, so each baseline runs next to its figure and all share one fixture.
    const auto fixed = [](const char* name, int iterations) {
        return std::string(name) + "/iterations:" + std::to_string(iterations);
    };
    benchmark::RegisterBenchmark("BM_RenderCertificate",
                                 [&](benchmark::State& state) { render_certificate(state, certificate); })
        ->Unit(benchmark::kMillisecond)
        ->Iterations(kRenderIterations);
    benchmark::RegisterBenchmark(
        "BM_RenderAndHandToCups",
        [&](benchmark::State& state) { render_and_hand_to_cups(state, certificate, cupsd); })
        ->Unit(benchmark::kMillisecond)
        ->Iterations(kCupsIterations);
    benchmark::RegisterBenchmark("BM_BareEcdsaVerify", [&](benchmark::State& state) {
        bare_ecdsa_verify(state, certificate);
    })->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_VerifyPayload", [&](benchmark::State& state) {
        verify_payload(state, certificate);
    })->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_RasterisePdfOnly",
                                 [&](benchmark::State& state) { rasterise_pdf_only(state, certificate); })
        ->Unit(benchmark::kMillisecond)
        ->Iterations(kPageIterations);
    benchmark::RegisterBenchmark(
        "BM_VerifyFromPdf", [&](benchmark::State& state) { verify_from_pdf(state, pdf_file, certificate); })
        ->Unit(benchmark::kMillisecond)
        ->Iterations(kPageIterations);

    hk::bench::RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    cupsd.stop();

    const std::string handed_to_cups = fixed("BM_RenderAndHandToCups", kCupsIterations);
    reporter.print_ratio(handed_to_cups, fixed("BM_RenderCertificate", kRenderIterations),
                         "render + hand-off to CUPS vs render alone: the hand-off adds the excess over 1");
    const double certificate_ms = reporter.ns(handed_to_cups) / 1e6;
    if (certificate_ms > 0) {
        std::printf("target: render + hand-off to CUPS %.1f ms of the %.0f ms budget = %.3f of the budget\n",
                    certificate_ms, kTargetMs, certificate_ms / kTargetMs);
    }
    reporter.print_ratio("BM_VerifyPayload", "BM_BareEcdsaVerify",
                         "verify_proof vs one bare ES256 verify: payload decoding and parsing overhead");
    reporter.print_ratio(fixed("BM_VerifyFromPdf", kPageIterations),
                         fixed("BM_RasterisePdfOnly", kPageIterations),
                         "reading the code off the page vs rasterising it alone: the QR decoder's share");
    std::printf("qr: payload %zu bytes -> %d x %d modules, version %d, ECC level M\n",
                certificate.proof.payload.size(), certificate.qr.modules, certificate.qr.modules,
                certificate.qr.version);
    benchmark::Shutdown();
    return 0;
}
