// Running the real central-ref binary for integration tests: a private temp folder, a fresh PKI from
// tools/dev-pki.sh, the server on a free loopback port, and kiosk clients over real mutual TLS.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

// CPPHTTPLIB_OPENSSL_SUPPORT and friends come from the cpp-httplib pkg-config flags via hukiosk_central.
#include <httplib.h>

namespace hk::central::test {

class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

// A PKI folder laid out by tools/dev-pki.sh; throws if the script fails.
struct Pki {
    std::filesystem::path dir;
    [[nodiscard]] std::string ca() const { return (dir / "ca.pem").string(); }
    [[nodiscard]] std::string kiosk_cert(const std::string& id) const;
    [[nodiscard]] std::string kiosk_key(const std::string& id) const;
    [[nodiscard]] std::string signing_public_key() const;  // signing.pub.pem's text
    [[nodiscard]] std::string signing_kid() const;
};
Pki make_pki(const std::filesystem::path& dir,
             const std::vector<std::string>& kiosks = {"kiosk-a", "kiosk-b"});

class CentralProcess {
  public:
    // Starts central-ref with `--listen 127.0.0.1:0 --pki DIR --db FILE --issued-on 2026-11-22` plus `extra`,
    // and waits (at most 10 s) for its "listening on" line. Throws if it does not come.
    CentralProcess(const Pki& pki, const std::filesystem::path& db,
                   const std::vector<std::string>& extra = {});
    ~CentralProcess();  // SIGTERM if still running
    CentralProcess(const CentralProcess&) = delete;
    CentralProcess& operator=(const CentralProcess&) = delete;

    [[nodiscard]] int port() const { return port_; }
    [[nodiscard]] bool alive() const;
    // Sends SIGTERM and waits; the exit status, or 128 + signal if it died of one.
    int terminate();

  private:
    pid_t pid_ = -1;
    int port_ = 0;
    mutable int exit_status_ = -1;
};

// A kiosk's client: pins the PKI's CA and presents kiosks/ID.pem; empty `kiosk` presents no certificate.
std::unique_ptr<httplib::SSLClient> kiosk_client(const Pki& pki, int port,
                                                 const std::string& kiosk = "kiosk-a");
// A client with the certificate of kiosk `kiosk` in `foreign` (another CA), still trusting `server_pki`'s CA.
std::unique_ptr<httplib::SSLClient> foreign_client(const Pki& server_pki, const Pki& foreign, int port);

}  // namespace hk::central::test
