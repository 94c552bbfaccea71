// The trust store of passive authentication: the CSCA certificates (country signing CAs, 9303-12 §4) the
// kiosk accepts document signers from. Loaded from a directory the provincial IT fills: every *.pem, *.crt,
// *.cer and *.der certificate file, and CSCA master lists *.ml (9303-12 §8: a CMS SignedData whose content
// is CscaMasterList (2.23.136.1.1.2) ::= SEQUENCE { version INTEGER, certList SET OF Certificate }).
//
// What is trusted: the directory itself. Its files arrive through the signed configuration/update channel,
// so a certificate or master list there is trusted because it is there. A master list's own CMS signature
// is checked to be intact (its signer certificate is the one inside it), which catches a corrupted or
// truncated file, but the master list signer is not chained to a CSCA: that would need a CSCA first.
#pragma once

#include <cstddef>
#include <expected>
#include <filesystem>
#include <string>
#include <vector>

#include "drivers/icao9303/key_handles.h"
#include "drivers/icao9303/lds_error.h"
#include "drivers/iso7816/bytes.h"

namespace hk::drivers::icao9303 {

class CscaStore {
  public:
    // Reads every trust file of `directory` (not recursive). A file that does not read is skipped and named
    // in problems(); only a missing or unreadable directory is an error.
    static std::expected<CscaStore, std::string> load_directory(const std::filesystem::path& directory);

    // One certificate (DER or PEM); false if it does not parse.
    bool add_certificate(iso7816::ByteView der_or_pem);
    // The certificates of a master list whose CMS signature is intact; how many were added.
    std::expected<std::size_t, LdsError> add_master_list(iso7816::ByteView der);

    [[nodiscard]] std::size_t size() const { return certificates_.size(); }
    [[nodiscard]] bool empty() const { return certificates_.empty(); }
    [[nodiscard]] const std::vector<X509Ptr>& certificates() const { return certificates_; }
    // "name.pem: no certificate" ...: file names and reasons only.
    [[nodiscard]] const std::vector<std::string>& problems() const { return problems_; }

  private:
    std::vector<X509Ptr> certificates_;
    std::vector<std::string> problems_;
};

// The certificates inside a CSCA master list file, its CMS signature checked to be intact.
std::expected<std::vector<X509Ptr>, LdsError> read_master_list(iso7816::ByteView der);

}  // namespace hk::drivers::icao9303
