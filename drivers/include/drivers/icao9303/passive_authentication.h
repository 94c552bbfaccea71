// Passive authentication (9303-11 §5.1): proves the data groups read are the ones the issuing state signed.
//  1. EF.SOD's CMS SignedData verifies with the document signer (DS) certificate it carries (the signed
//     attributes' messageDigest over the LDSSecurityObject, then the signature over the attributes).
//  2. The DS certificate chains to a CSCA of the trust store. Validity is checked at the signing time
//     (the signingTime signed attribute) when there is one, else at the check time. 9303-12 §5.3 sizes a DS
//     certificate to outlive the documents it signed, but issuers do let DS certificates expire while their
//     documents are still valid, and readers (JMRTD, BSI TR-03135 "shell model at signing time") accept
//     those; a signing time later than the check time (plus a day of clock slack) fails.
//  3. Each data group read hashes (with the SOD's algorithm, over the whole file) to the SOD's value. A DG
//     read but not listed, or with another hash, fails naming the DG; DGs listed but not read are fine.
// Reasons name steps, DG numbers and library error texts, never personal data.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "drivers/chip_reader.h"
#include "drivers/icao9303/crypto.h"
#include "drivers/icao9303/csca_store.h"
#include "drivers/iso7816/bytes.h"

namespace hk::drivers::icao9303 {

struct DataGroupHashCheck {
    int data_group = 0;
    CheckOutcome outcome = CheckOutcome::NotPossible;
};

enum class ValidationTime : std::uint8_t { SigningTime, CheckTime };

struct PassiveAuthenticationResult {
    CheckOutcome signature = CheckOutcome::NotPossible;    // CMS signature with the DS certificate
    CheckOutcome chain = CheckOutcome::NotPossible;        // DS certificate -> CSCA in the trust store
    CheckOutcome data_groups = CheckOutcome::NotPossible;  // every DG read against the SOD
    std::vector<DataGroupHashCheck> data_group_checks;     // one per DG read, in DG order
    CheckOutcome overall = CheckOutcome::NotPossible;  // Failed if any step failed, else NotPossible if any
                                                       // was not possible, else Passed
    std::optional<HashAlgorithm> hash_algorithm;
    ValidationTime validation_time = ValidationTime::CheckTime;
    std::vector<std::string> reasons;  // why a step failed or was not possible

    [[nodiscard]] std::string reason() const;  // reasons joined with "; "
    // Writes the outcome into the kiosk's ChipAuthentication (passive, and the reason if not passed).
    void apply_to(ChipAuthentication& authentication) const;
};

// `ef_sod`: the whole file (77 ...); `data_groups`: DG number -> the whole file as read.
PassiveAuthenticationResult verify_passive_authentication(
    iso7816::ByteView ef_sod, const std::map<int, iso7816::Bytes>& data_groups, const CscaStore& trust,
    std::chrono::system_clock::time_point check_time = std::chrono::system_clock::now());

}  // namespace hk::drivers::icao9303
