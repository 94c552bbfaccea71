#include "printer/proof/proof_payload.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <array>
#include <nlohmann/json.hpp>
#include <regex>

namespace hk::printer::proof {
namespace {

bool is_date(const std::string& text) {
    static const std::regex kDate(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
    return std::regex_match(text, kDate);
}

// A required string member; the claims are what a reader is told, so an empty or oversized one is refused.
std::expected<std::string, std::string> text_member(const nlohmann::json& claims, const char* name) {
    const auto found = claims.find(name);
    if (found == claims.end() || !found->is_string())
        return std::unexpected(std::string("claim ") + name + " missing");
    std::string value = found->get<std::string>();
    if (value.empty() || value.size() > 256)
        return std::unexpected(std::string("claim ") + name + " malformed");
    return value;
}

std::expected<ProofClaims, std::string> parse_claims(const std::string& json_text) {
    const nlohmann::json claims = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
    if (claims.is_discarded() || !claims.is_object()) return std::unexpected("claims are not a JSON object");
    const auto version = claims.find("v");
    if (version == claims.end() || !version->is_number_integer()) return std::unexpected("claim v missing");
    ProofClaims out;
    out.version = version->get<int>();
    if (out.version != 1)
        return std::unexpected("proof version " + std::to_string(out.version) + " is unknown");
    struct Member {
        const char* name;
        std::string* into;
    };
    for (const Member& member : {Member{"kid", &out.key_id}, Member{"serial", &out.serial},
                                 Member{"type", &out.type}, Member{"holder", &out.holder},
                                 Member{"id", &out.id_number_masked}, Member{"issued", &out.issued}}) {
        auto value = text_member(claims, member.name);
        if (!value) return std::unexpected(value.error());
        *member.into = std::move(*value);
    }
    if (!is_date(out.issued)) return std::unexpected("claim issued is not a date");
    if (claims.contains("exp")) {
        auto until = text_member(claims, "exp");
        if (!until || !is_date(*until)) return std::unexpected("claim exp is not a date");
        out.valid_until = std::move(*until);
    }
    return out;
}

}  // namespace

std::optional<std::string> base64url_decode(std::string_view text) {
    if (text.size() % 4 == 1) return std::nullopt;  // no whole byte ends there
    std::string standard(text);
    for (char& c : standard) {
        if (c == '-') {
            c = '+';
        } else if (c == '_') {
            c = '/';
        } else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            return std::nullopt;  // '+', '/', '=', whitespace: not base64url as we print it
        }
    }
    // The unused low bits of the last character must be zero: otherwise several texts decode to the same
    // bytes, and a changed character in a printed code would still verify.
    if (!standard.empty() && standard.size() % 4 != 0) {
        static constexpr std::string_view kAlphabet =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        const std::size_t last = kAlphabet.find(standard.back());
        const std::size_t unused_bits_mask = standard.size() % 4 == 2 ? 0x0F : 0x03;
        if ((last & unused_bits_mask) != 0) return std::nullopt;
    }
    const std::size_t padding = (4 - standard.size() % 4) % 4;
    standard.append(padding, '=');
    std::string bytes(standard.size() / 4 * 3, '\0');
    const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()),
                                        reinterpret_cast<const unsigned char*>(standard.data()),
                                        static_cast<int>(standard.size()));
    if (written < 0) return std::nullopt;
    // EVP_DecodeBlock counts the padding as zero bytes.
    bytes.resize(static_cast<std::size_t>(written) - padding);
    return bytes;
}

std::string verification_code_of(std::string_view signature) {
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
    SHA256(reinterpret_cast<const unsigned char*>(signature.data()), signature.size(), digest.data());
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    std::uint64_t bits = 0;
    for (int i = 0; i < 5; ++i) bits = (bits << 8) | digest[static_cast<std::size_t>(i)];
    std::string code;
    for (int shift = 35; shift >= 0; shift -= 5) code += kAlphabet[(bits >> shift) & 0x1Fu];
    return code;
}

std::expected<ProofPayload, std::string> decode_proof_payload(std::string_view text) {
    if (text.size() > kMaxPayloadBytes) return std::unexpected("too long to be a proof code");
    if (!text.starts_with(kPayloadPrefix))
        return std::unexpected("not a HuKiosk proof code (no HK1. prefix)");
    const std::string_view body = text.substr(kPayloadPrefix.size());
    const std::size_t dot = body.find('.');
    if (dot == std::string_view::npos || body.find('.', dot + 1) != std::string_view::npos) {
        return std::unexpected("proof code does not have exactly three parts");
    }
    ProofPayload payload;
    payload.claims_text = std::string(body.substr(0, dot));
    const auto claims_json = base64url_decode(payload.claims_text);
    if (!claims_json || claims_json->empty()) return std::unexpected("claims are not base64url");
    const auto signature = base64url_decode(body.substr(dot + 1));
    if (!signature || signature->empty()) return std::unexpected("signature is not base64url");
    payload.signature = *signature;
    auto claims = parse_claims(*claims_json);
    if (!claims) return std::unexpected(claims.error());
    payload.claims = std::move(*claims);
    return payload;
}

}  // namespace hk::printer::proof
