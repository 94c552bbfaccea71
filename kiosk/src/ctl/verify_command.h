// `kioskctl verify FILE...`: reads the proof code off a certificate (PDF, photo or scan, or the raw payload)
// and checks it offline with the provincial public keys. printer/PROOF.md describes the code and the reasons.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

namespace hk::kiosk::ctl {

struct VerifyOptions {
    std::vector<std::string> inputs;  // files, or a payload given directly ("HK1....")
    std::filesystem::path keys_file;  // keys JSON (GET /v1/keys) or a PEM public key
    std::string key_id;               // the id of a PEM key
    std::string today;                // YYYY-MM-DD; empty: the local date
    bool json = false;                // one JSON object a line
};

// 0: every code found is valid; 1: a code is not valid or a file holds none; 2: the keys cannot be read.
int run_verify(const VerifyOptions& options, std::ostream& out, std::ostream& err);

}  // namespace hk::kiosk::ctl
