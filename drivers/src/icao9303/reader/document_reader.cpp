#include "drivers/icao9303/document_reader.h"

#include <algorithm>

#include "document_checks.h"
#include "drivers/icao9303/bac.h"
#include "drivers/icao9303/card_access.h"
#include "drivers/icao9303/dg11_dg12.h"
#include "drivers/icao9303/dg1_mrz.h"
#include "drivers/icao9303/dg2_face.h"
#include "drivers/icao9303/ef_com.h"
#include "drivers/icao9303/file_reader.h"
#include "drivers/icao9303/lds_files.h"
#include "drivers/icao9303/pace.h"
#include "drivers/icao9303/secure_messaging.h"
#include "drivers/iso7816/ber_tlv.h"

namespace hk::drivers::icao9303 {
namespace {

using iso7816::ChannelError;
using iso7816::ChannelErrorKind;
using iso7816::CommandApdu;
using Kind = DocumentReadError::Kind;

DocumentReadError channel_error(const ChannelError& error, std::string_view step) {
    Kind kind = Kind::Unreadable;
    switch (error.kind) {
        case ChannelErrorKind::CardRemoved:
            kind = Kind::CardRemoved;
            break;
        case ChannelErrorKind::ReaderGone:
            kind = Kind::ReaderGone;
            break;
        case ChannelErrorKind::Timeout:
            kind = Kind::Timeout;
            break;
        case ChannelErrorKind::Transport:
        case ChannelErrorKind::Malformed:
            kind = Kind::Unreadable;
            break;
    }
    return DocumentReadError{kind, std::string{step} + ": " + error.detail};
}

DocumentReadError access_error(const AccessError& error) {
    if (error.kind == AccessError::Channel) return channel_error(error.channel, "access control");
    if (error.kind == AccessError::Refused) return DocumentReadError{Kind::AccessDenied, describe(error)};
    return DocumentReadError{Kind::Unreadable, describe(error)};
}

DocumentReadError file_error(const FileReadError& error, std::string_view file) {
    if (error.kind == FileReadError::Kind::Channel) return channel_error(error.channel, file);
    return DocumentReadError{Kind::Unreadable, std::string{file} + ": " + error.detail};
}

std::string file_name(std::uint16_t file) {
    if (file == fid::kCom) return "EF.COM";
    if (file == fid::kSod) return "EF.SOD";
    if (file == fid::kCardAccess) return "EF.CardAccess";
    if (auto group = data_group_from_fid(file)) return "DG" + std::to_string(*group);
    return "EF";
}

std::expected<void, DocumentReadError> select_application(iso7816::CardChannel& channel) {
    const CommandApdu select{.cla = 0x00,
                             .ins = 0xA4,
                             .p1 = 0x04,
                             .p2 = 0x0C,
                             .data = {0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01},
                             .ne = {}};
    auto answer = channel.transmit(select);
    if (!answer) return std::unexpected(channel_error(answer.error(), "SELECT eMRTD application"));
    if (!answer->ok()) {
        return std::unexpected(DocumentReadError{
            Kind::Unreadable, "SELECT eMRTD application: " + iso7816::describe_status(answer->sw)});
    }
    return {};
}

// EF.ATR/INFO (9303-10 §3.11.1, ISO/IEC 7816-4 §12.7.1): a chip that takes extended length says there how
// long its answers may be (7F66: max Nc, max Ne). Read by short EF identifier in one APDU, before any
// session.
std::optional<std::size_t> advertised_read_size(iso7816::CardChannel& channel) {
    const CommandApdu read{.cla = 0x00, .ins = 0xB0, .p1 = 0x81, .p2 = 0x00, .data = {}, .ne = 256};
    auto answer = channel.transmit(read);
    if (!answer || (!answer->ok() && answer->sw != iso7816::sw::kEndOfFileBeforeNe)) return std::nullopt;
    const auto limits = iso7816::parse_tlv(answer->data);
    if (!limits || limits->tag != 0x7F66) return std::nullopt;
    const auto integers = iso7816::parse_tlv_sequence(limits->value);
    if (!integers || integers->size() != 2) return std::nullopt;
    std::size_t max_ne = 0;
    for (const std::uint8_t b : (*integers)[1].value) max_ne = (max_ne << 8) | b;
    if ((*integers)[1].value.size() > 3 || max_ne <= kSecureMessagingOverhead + iso7816::kShortMaxNe) {
        return std::nullopt;
    }
    return std::min(max_ne, iso7816::kExtendedMaxNe) - kSecureMessagingOverhead;
}

struct OpenSession {
    std::unique_ptr<SecureMessagingChannel> channel;
    std::optional<PaceResult> pace;
};

std::string pace_name(const PaceInfo& info) {
    const char* agreement = info.protocol.agreement == PaceKeyAgreement::Dh ? "DH" : "ECDH";
    const char* mapping = info.protocol.mapping == PaceMapping::ChipAuthentication ? "CAM" : "GM";
    const char* cipher = info.protocol.suite == CipherSuite::Des3     ? "3DES"
                         : info.protocol.suite == CipherSuite::Aes128 ? "AES-128"
                         : info.protocol.suite == CipherSuite::Aes192 ? "AES-192"
                                                                      : "AES-256";
    std::string name = std::string{"PACE "} + agreement + "-" + mapping + " " + cipher;
    if (info.parameter_id) name += " " + std::string{domain_parameter_name(*info.parameter_id)};
    return name;
}

// PACE first when the chip offers it (9303-11 §4.2: a terminal that supports PACE must use it), BAC when the
// chip has no EF.CardAccess or offers nothing this reader supports. A refused password is final: the same key
// would fail BAC too, and a chip counts failures.
std::expected<OpenSession, DocumentReadError> open_session(iso7816::CardChannel& raw,
                                                           const ChipCredentials& credentials,
                                                           const DocumentReadOptions& options,
                                                           RandomSource& random, DocumentReadReport& report) {
    if (options.try_pace && (credentials.can || credentials.mrz)) {
        FileReader plain(raw, kShortSecureRead);
        auto card_access = plain.read_file(fid::kCardAccess);
        if (!card_access && card_access.error().kind == FileReadError::Kind::Channel) {
            return std::unexpected(file_error(card_access.error(), "EF.CardAccess"));
        }
        std::optional<PaceInfo> chosen;
        if (!card_access) {
            report.pace_fallback_reason = "no EF.CardAccess (" + card_access.error().detail + ")";
        } else if (auto infos = parse_card_access(*card_access); !infos) {
            report.pace_fallback_reason = "EF.CardAccess holds no usable PACEInfo";
        } else if (chosen = choose_pace_info(*infos); !chosen) {
            report.pace_fallback_reason = "no PACE protocol this reader supports";
        }
        if (chosen) {
            std::optional<PacePassword> password;
            if (credentials.can) {
                password = PacePassword::from_can(credentials.can->reveal());
            } else {
                password = PacePassword::from_mrz(*credentials.mrz);
            }
            if (!password)
                return std::unexpected(DocumentReadError{Kind::AccessDenied, "MRZ key is not valid"});
            auto pace = perform_pace(raw, *password, *chosen, random);
            if (pace) {
                report.access = pace_name(*chosen);
                OpenSession session;
                session.channel = std::make_unique<SecureMessagingChannel>(raw, pace->keys);
                session.pace = std::move(*pace);
                if (auto selected = select_application(*session.channel); !selected) {
                    return std::unexpected(selected.error());
                }
                return session;
            }
            if (pace.error().kind == AccessError::Refused || pace.error().kind == AccessError::Channel) {
                return std::unexpected(access_error(pace.error()));
            }
            report.pace_fallback_reason = describe(pace.error());
        }
    }
    if (!credentials.mrz) {
        return std::unexpected(DocumentReadError{Kind::AccessDenied, "BAC needs the MRZ and none was given"});
    }
    if (auto selected = select_application(raw); !selected) return std::unexpected(selected.error());
    auto keys = perform_bac(raw, *credentials.mrz, random);
    if (!keys) return std::unexpected(access_error(keys.error()));
    report.access = "BAC";
    OpenSession session;
    session.channel = std::make_unique<SecureMessagingChannel>(raw, std::move(*keys));
    return session;
}

// The optional groups this reader reads when EF.COM lists them: DG11/DG12 (more personal and document
// details), DG14 (chip authentication) and DG15 (active authentication). DG3/DG4 (fingerprints, iris) need
// terminal authentication and are not for the kiosk.
constexpr int kOptionalGroups[] = {11, 12, 14, 15};

bool listed(const EfCom& com, int group) {
    const auto groups = com.data_groups();
    return std::find(groups.begin(), groups.end(), group) != groups.end();
}

}  // namespace

std::expected<ChipDocument, DocumentReadError> read_chip_document(iso7816::CardChannel& channel,
                                                                  const ChipCredentials& credentials,
                                                                  const DocumentReadOptions& options,
                                                                  RandomSource& random,
                                                                  DocumentReadReport* report_out) {
    DocumentReadReport local_report;
    DocumentReadReport& report = report_out != nullptr ? *report_out : local_report;
    const auto before = channel.counters();
    const auto finish = [&](auto result) {
        report.exchanged.apdus = channel.counters().apdus - before.apdus;
        report.exchanged.bytes_sent = channel.counters().bytes_sent - before.bytes_sent;
        report.exchanged.bytes_received = channel.counters().bytes_received - before.bytes_received;
        return result;
    };

    std::size_t start_read = options.start_read.value_or(kReadSizeLadder.front());
    if (!options.start_read) {
        // No EF.ATR/INFO: a chip without one rarely takes extended length, so start where every chip works.
        start_read = channel.supports_extended_length()
                         ? advertised_read_size(channel).value_or(kShortSecureRead)
                         : kShortSecureRead;
    }
    auto session = open_session(channel, credentials, options, random, report);
    if (!session)
        return finish(std::expected<ChipDocument, DocumentReadError>(std::unexpected(session.error())));
    SecureMessagingChannel& secure = *session->channel;

    FileReader reader(secure, start_read);
    ReadFiles files;
    const auto read = [&](std::uint16_t file, bool optional) -> std::expected<bool, DocumentReadError> {
        auto content = reader.read_file(file);
        if (!content) {
            if (optional && (content.error().kind == FileReadError::Kind::NotFound ||
                             content.error().kind == FileReadError::Kind::AccessDenied)) {
                report.files.push_back(file_name(file) + " not readable: " + content.error().detail);
                return false;
            }
            return std::unexpected(file_error(content.error(), file_name(file)));
        }
        report.files.push_back(file_name(file) + " " + std::to_string(content->size()) + " bytes");
        files.by_id[file] = std::move(*content);
        return true;
    };
    const auto fail = [&](DocumentReadError error) {
        files.wipe();
        return finish(std::expected<ChipDocument, DocumentReadError>(std::unexpected(std::move(error))));
    };

    for (const std::uint16_t file : {fid::kCom, fid::kSod, fid::kDg1}) {
        if (auto done = read(file, false); !done) return fail(done.error());
    }
    const auto com = parse_ef_com(files.by_id[fid::kCom]);
    if (!com)
        return fail(DocumentReadError{Kind::Unreadable, "EF.COM: " + std::string{to_string(com.error())}});
    if (options.read_face && listed(*com, 2)) {
        if (auto done = read(fid::kDg2, true); !done) return fail(done.error());
    }
    for (const int group : kOptionalGroups) {
        if (!listed(*com, group)) continue;
        if (auto done = read(*data_group_fid(group), true); !done) return fail(done.error());
    }
    report.read_size = reader.read_size();
    report.length_fallbacks = reader.length_fallbacks();

    ChipDocument document;
    auto mrz = parse_dg1(files.by_id[fid::kDg1]);
    if (!mrz) return fail(DocumentReadError{Kind::Unreadable, "DG1: " + std::string{to_string(mrz.error())}});
    mrz->fill(document);
    mrz->wipe();
    if (const auto dg2 = files.by_id.find(fid::kDg2); dg2 != files.by_id.end()) {
        auto faces = parse_dg2(dg2->second);
        if (!faces || faces->empty()) {
            return fail(DocumentReadError{Kind::Unreadable, "DG2: no face image that parses"});
        }
        document.face_image = std::move(faces->front().data);
        for (FaceImage& face : *faces) face.wipe();
    }
    if (const auto dg11 = files.by_id.find(fid::kDg11);
        dg11 != files.by_id.end() && document.personal_number.empty()) {
        if (auto details = parse_dg11(dg11->second); details && details->personal_number) {
            document.personal_number = *details->personal_number;
        }
    }

    document.authentication =
        check_document(secure, files, session->pace ? &*session->pace : nullptr, options, random, report);
    if (session->pace) session->pace->wipe();
    files.wipe();
    return finish(std::expected<ChipDocument, DocumentReadError>(std::move(document)));
}

}  // namespace hk::drivers::icao9303
