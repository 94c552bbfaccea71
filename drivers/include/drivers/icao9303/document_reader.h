// Reads an e-passport or travel-permit chip from first APDU to last (ICAO Doc 9303 parts 10-11): PACE when
// the chip offers it (EF.CardAccess), else or on an unsupported PACE BAC; the eMRTD application under secure
// messaging; EF.COM, EF.SOD, DG1, DG2 and the optional DG11, DG12, DG14, DG15; then passive authentication
// against a CSCA trust store and clone detection (chip authentication with DG14, or active authentication
// with DG15). Works over any CardChannel: PC/SC, libnfc, or the in-process simulator.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "drivers/chip_reader.h"
#include "drivers/icao9303/crypto.h"
#include "drivers/iso7816/card_channel.h"

namespace hk::drivers::icao9303 {

// What opens the chip: the MRZ key (from the scanned data page) or, for PACE, the card access number printed
// on the document.
struct ChipCredentials {
    std::optional<ChipAccessKey> mrz;
    std::optional<PersonalString> can;
};

struct DocumentReadOptions {
    // CSCA certificates and master lists; none: passive authentication is "not possible".
    std::optional<std::filesystem::path> trust_store;
    bool read_face = true;  // DG2 is the largest file by far; technicians' quick reads may skip it
    bool try_pace = true;   // false: BAC only (to test a chip's BAC)
    // The first READ BINARY size tried; the reader only goes down from it (file_reader.h).
    std::optional<std::size_t> start_read;
    // When the document's validity and the certificates are checked.
    std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
};

// How the read went, for technicians (kioskctl chip read) and the benchmark. No personal data.
struct DocumentReadReport {
    std::string access;                // "PACE ECDH-GM AES-128 brainpoolP256r1", "BAC", ...
    std::string pace_fallback_reason;  // why PACE was not used although offered
    std::size_t read_size = 0;         // the largest READ BINARY that worked
    int length_fallbacks = 0;          // reads refused for their length
    std::vector<std::string> files;    // "DG2 20112 bytes", in reading order
    std::vector<std::string> checks;   // one line per check: "passive: passed", "chip authentication: ..."
    iso7816::CardChannel::Counters exchanged;  // APDUs and bytes on the wire
};

struct DocumentReadError {
    enum class Kind : std::uint8_t {
        AccessDenied,  // the chip refused the MRZ key / CAN
        CardRemoved,
        ReaderGone,
        Timeout,
        Unreadable,  // the chip answered outside the protocol, or its files do not parse
    };
    Kind kind = Kind::Unreadable;
    std::string detail;  // status words and step names, never data
};

std::expected<ChipDocument, DocumentReadError> read_chip_document(iso7816::CardChannel& channel,
                                                                  const ChipCredentials& credentials,
                                                                  const DocumentReadOptions& options,
                                                                  RandomSource& random,
                                                                  DocumentReadReport* report = nullptr);

}  // namespace hk::drivers::icao9303
