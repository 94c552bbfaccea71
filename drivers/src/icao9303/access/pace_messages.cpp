#include "pace_messages.h"

#include "drivers/iso7816/ber_tlv.h"
#include "session_crypto.h"

namespace hk::drivers::icao9303::detail {

std::optional<Bytes> pace_set_at_data(const PaceInfo& info, std::uint8_t password_reference) {
    const auto oid = encode_oid(info.protocol_oid);
    if (!oid) return std::nullopt;
    Bytes data = iso7816::encode_tlv(0x80, *oid);
    const Bytes reference = iso7816::encode_tlv(0x83, Bytes{password_reference});
    data.insert(data.end(), reference.begin(), reference.end());
    // 84 is required only when the chip offers several parameter sets; sending it always is allowed and
    // removes the ambiguity.
    if (info.parameter_id) {
        const Bytes parameter =
            iso7816::encode_tlv(0x84, Bytes{static_cast<std::uint8_t>(*info.parameter_id)});
        data.insert(data.end(), parameter.begin(), parameter.end());
    }
    return data;
}

Bytes dynamic_authentication_data(std::uint32_t tag, ByteView value) {
    return iso7816::encode_tlv(0x7C, iso7816::encode_tlv(tag, value));
}

Bytes dynamic_authentication_data(std::uint32_t tag, ByteView value, std::uint32_t tag2, ByteView value2) {
    Bytes inner = iso7816::encode_tlv(tag, value);
    const Bytes second = iso7816::encode_tlv(tag2, value2);
    inner.insert(inner.end(), second.begin(), second.end());
    return iso7816::encode_tlv(0x7C, inner);
}

std::optional<Bytes> dynamic_object(ByteView data, std::uint32_t tag) {
    const auto outer = iso7816::parse_tlv(data);
    if (!outer || outer->tag != 0x7C || outer->whole.size() != data.size()) return std::nullopt;
    const auto children = iso7816::parse_tlv_sequence(outer->value);
    if (!children) return std::nullopt;
    for (const iso7816::Tlv& child : *children) {
        if (child.tag == tag) return Bytes(child.value.begin(), child.value.end());
    }
    return std::nullopt;
}

Bytes encrypt_nonce(CipherSuite suite, ByteView k_pi, ByteView nonce) {
    return suite == CipherSuite::Des3 ? des3_cbc_encrypt(k_pi, nonce) : aes_cbc_encrypt(k_pi, nonce);
}

Bytes decrypt_nonce(CipherSuite suite, ByteView k_pi, ByteView encrypted) {
    return suite == CipherSuite::Des3 ? des3_cbc_decrypt(k_pi, encrypted) : aes_cbc_decrypt(k_pi, encrypted);
}

SessionKeys session_keys_from_secret(CipherSuite suite, ByteView shared_secret) {
    return SessionKeys{.suite = suite,
                       .k_enc = derive_key(shared_secret, KeyPurpose::Encryption, suite),
                       .k_mac = derive_key(shared_secret, KeyPurpose::Mac, suite),
                       .ssc = zero_ssc(suite)};
}

Bytes authentication_token(const PaceInfo& info, bool ec, ByteView k_mac, ByteView public_key) {
    const auto oid = encode_oid(info.protocol_oid);
    if (!oid) return {};
    Bytes body = iso7816::encode_tlv(0x06, *oid);
    const Bytes key = iso7816::encode_tlv(ec ? 0x86 : 0x84, public_key);
    body.insert(body.end(), key.begin(), key.end());
    const Bytes input = iso7816::encode_tlv(0x7F49, body);
    // Unlike secure messaging, the AES token is CMAC over the data as it is (CMAC pads by itself); the
    // worked example of Appendix G.1 shows it. 3DES needs whole blocks, so method 2 padding there.
    if (info.protocol.suite == CipherSuite::Des3) return session_mac(CipherSuite::Des3, k_mac, input);
    Bytes mac = aes_cmac(k_mac, input);
    mac.resize(8);
    return mac;
}

namespace {
Bytes cam_iv(const SessionKeys& keys) {
    return aes_ecb_encrypt_block(keys.k_enc, Bytes(16, 0xFF));
}
}  // namespace

Bytes encrypt_chip_authentication_data(const SessionKeys& keys, ByteView data) {
    const Bytes padded = pad_iso9797_m2(data, 16);
    return aes_cbc_encrypt(keys.k_enc, padded, cam_iv(keys));
}

std::optional<Bytes> decrypt_chip_authentication_data(const SessionKeys& keys, ByteView cryptogram) {
    if (cryptogram.empty() || cryptogram.size() % 16 != 0) return std::nullopt;
    Bytes padded = aes_cbc_decrypt(keys.k_enc, cryptogram, cam_iv(keys));
    auto data = unpad_iso9797_m2(padded);
    iso7816::wipe(padded);
    return data;
}

}  // namespace hk::drivers::icao9303::detail
