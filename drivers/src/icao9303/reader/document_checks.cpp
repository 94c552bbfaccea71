#include "document_checks.h"

#include "drivers/icao9303/active_authentication.h"
#include "drivers/icao9303/chip_authentication.h"
#include "drivers/icao9303/csca_store.h"
#include "drivers/icao9303/dg15.h"
#include "drivers/icao9303/lds_files.h"
#include "drivers/icao9303/passive_authentication.h"
#include "drivers/icao9303/security_infos.h"

namespace hk::drivers::icao9303 {
namespace {

PassiveAuthenticationResult passive_authentication(const ReadFiles& files,
                                                   const DocumentReadOptions& options) {
    PassiveAuthenticationResult result;
    if (!options.trust_store) {
        result.reasons.emplace_back("no CSCA trust store configured");
        return result;
    }
    auto store = CscaStore::load_directory(*options.trust_store);
    if (!store) {
        result.reasons.push_back("trust store: " + store.error());
        return result;
    }
    std::map<int, Bytes> groups;
    for (const auto& [id, content] : files.by_id) {
        if (auto group = data_group_from_fid(id)) groups[*group] = content;
    }
    result = verify_passive_authentication(files.by_id.at(fid::kSod), groups, *store, options.now);
    for (auto& [group, content] : groups) iso7816::wipe(content);
    return result;
}

// 9303-11 §6.2.3: without a ChipAuthenticationInfo, an ECDH key means id-CA-ECDH-3DES-CBC-CBC and a DH key
// id-CA-DH-3DES-CBC-CBC.
std::optional<ChipAuthenticationKey> chip_authentication_key(const SecurityInfos& infos) {
    if (infos.chip_authentication_keys.empty()) return std::nullopt;
    const ChipAuthenticationPublicKeyInfo& key = infos.chip_authentication_keys.front();
    ChipAuthenticationKey chosen{
        .protocol_oid = {}, .subject_public_key_info = key.subject_public_key_info, .key_id = key.key_id};
    const bool ecdh = key.protocol == oid::kIdPkEcdh;
    for (const ChipAuthenticationInfo& info : infos.chip_authentication) {
        const bool same_key = !info.key_id || !key.key_id || *info.key_id == *key.key_id;
        if (same_key && oid_under(info.protocol, ecdh ? oid::kIdCaEcdh : oid::kIdCaDh)) {
            chosen.protocol_oid = info.protocol;
            break;
        }
    }
    if (chosen.protocol_oid.empty())
        chosen.protocol_oid = std::string{ecdh ? oid::kIdCaEcdh : oid::kIdCaDh} + ".1";
    return chosen;
}

// After chip authentication only the genuine chip can answer under the new keys: one small secured read
// proves it (a clone's answer fails the MAC check).
CheckOutcome prove_new_keys(SecureMessagingChannel& channel, std::string& reason) {
    const iso7816::CommandApdu select{
        .cla = 0x00,
        .ins = 0xA4,
        .p1 = 0x02,
        .p2 = 0x0C,
        .data = {static_cast<std::uint8_t>(fid::kCom >> 8), static_cast<std::uint8_t>(fid::kCom & 0xFF)},
        .ne = {}};
    auto answer = channel.transmit(select);
    if (!answer) {
        reason = "chip authentication: the chip could not answer under the agreed keys (" +
                 answer.error().detail + ")";
        return CheckOutcome::Failed;
    }
    if (!answer->ok()) {
        reason = "chip authentication: " + iso7816::describe_status(answer->sw);
        return CheckOutcome::Failed;
    }
    return CheckOutcome::Passed;
}

CheckOutcome clone_detection(SecureMessagingChannel& channel, const ReadFiles& files, const PaceResult* pace,
                             RandomSource& random, std::string& reason, std::string& method) {
    std::optional<SecurityInfos> dg14;
    if (const auto found = files.by_id.find(fid::kDg14); found != files.by_id.end()) {
        auto parsed = parse_dg14(found->second);
        if (!parsed) {
            reason = "DG14 does not parse: " + std::string{to_string(parsed.error())};
            return CheckOutcome::Failed;
        }
        dg14 = std::move(*parsed);
    }
    const std::optional<ChipAuthenticationKey> ca_key = dg14 ? chip_authentication_key(*dg14) : std::nullopt;

    if (pace != nullptr && pace->chip_authentication_data) {
        method = "PACE-CAM";
        if (!ca_key) {
            reason = "PACE-CAM: no chip authentication key in DG14";
            return CheckOutcome::NotPossible;
        }
        if (auto verified = verify_cam(*pace, ca_key->subject_public_key_info); !verified) {
            reason = "PACE-CAM: " + describe(verified.error());
            return CheckOutcome::Failed;
        }
        return CheckOutcome::Passed;
    }
    if (ca_key) {
        method = "chip authentication";
        if (auto agreed = perform_chip_authentication(channel, *ca_key, random); !agreed) {
            reason = "chip authentication: " + describe(agreed.error());
            return CheckOutcome::Failed;
        }
        return prove_new_keys(channel, reason);
    }
    if (const auto dg15 = files.by_id.find(fid::kDg15); dg15 != files.by_id.end()) {
        method = "active authentication";
        auto key = parse_dg15(dg15->second);
        if (!key) {
            reason = "DG15 does not parse: " + std::string{to_string(key.error())};
            return CheckOutcome::Failed;
        }
        const Bytes challenge = make_active_authentication_challenge(random);
        const iso7816::CommandApdu internal_authenticate{
            .cla = 0x00, .ins = 0x88, .p1 = 0x00, .p2 = 0x00, .data = challenge, .ne = iso7816::kShortMaxNe};
        auto answer = channel.transmit(internal_authenticate);
        if (!answer) {
            reason = "active authentication: " + answer.error().detail;
            return CheckOutcome::Failed;
        }
        if (!answer->ok()) {
            reason = "active authentication: INTERNAL AUTHENTICATE " + iso7816::describe_status(answer->sw);
            return CheckOutcome::Failed;
        }
        std::optional<HashAlgorithm> hash;
        if (dg14 && dg14->active_authentication) hash = dg14->active_authentication->hash();
        const ActiveAuthenticationResult result =
            verify_active_authentication(key->get(), challenge, answer->data, hash);
        reason = result.reason;
        return result.outcome;
    }
    reason = "the chip has neither DG14 nor DG15: clone detection not possible";
    return CheckOutcome::NotPossible;
}

}  // namespace

ChipAuthentication check_document(SecureMessagingChannel& channel, const ReadFiles& files,
                                  const PaceResult* pace, const DocumentReadOptions& options,
                                  RandomSource& random, DocumentReadReport& report) {
    ChipAuthentication authentication;
    const PassiveAuthenticationResult passive = passive_authentication(files, options);
    passive.apply_to(authentication);
    report.checks.push_back("passive authentication: " + std::string{to_string(passive.overall)} +
                            (passive.reasons.empty() ? "" : " (" + passive.reason() + ")"));

    std::string reason;
    std::string method = "clone detection";
    authentication.active_or_chip = clone_detection(channel, files, pace, random, reason, method);
    report.checks.push_back(method + ": " + std::string{to_string(authentication.active_or_chip)} +
                            (reason.empty() ? "" : " (" + reason + ")"));
    if (!reason.empty() && authentication.active_or_chip != CheckOutcome::Passed) {
        authentication.reason += (authentication.reason.empty() ? "" : "; ") + reason;
    }
    return authentication;
}

}  // namespace hk::drivers::icao9303
