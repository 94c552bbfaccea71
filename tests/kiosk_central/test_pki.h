// Certificates for the central client's tests, made by make-test-pki.sh (tools/dev-pki.sh plus an unrelated
// CA and an expired kiosk certificate) in a temporary directory once per test run, shared by its test
// processes.
#pragma once

#include <string>

namespace hk::kiosk::central::test {

struct TestPki {
    std::string dir;
    std::string ca;  // the provincial CA: the client pins it, the server checks kiosk certificates with it
    std::string server_cert, server_key;
    std::string kiosk_cert, kiosk_key;
    std::string expired_kiosk_cert, expired_kiosk_key;  // from the provincial CA, expired in 2020
    std::string other_ca;                               // an unrelated CA
    std::string other_server_cert, other_server_key;    // a server certificate from the unrelated CA
};

const TestPki& test_pki();

}  // namespace hk::kiosk::central::test
