#include "rsa_9796.h"

#include <algorithm>

namespace hk::drivers::icao9303::rsa9796 {

namespace {

constexpr std::uint8_t kHeader = 0x6A;

struct Identifier {
    HashAlgorithm hash;
    std::uint8_t id;
};
constexpr Identifier kIdentifiers[] = {{HashAlgorithm::Sha1, 0x33},
                                       {HashAlgorithm::Sha256, 0x34},
                                       {HashAlgorithm::Sha512, 0x35},
                                       {HashAlgorithm::Sha384, 0x36},
                                       {HashAlgorithm::Sha224, 0x38}};

std::size_t hash_size(HashAlgorithm hash) {
    switch (hash) {
        case HashAlgorithm::Sha1:
            return 20;
        case HashAlgorithm::Sha224:
            return 28;
        case HashAlgorithm::Sha256:
            return 32;
        case HashAlgorithm::Sha384:
            return 48;
        case HashAlgorithm::Sha512:
            return 64;
    }
    return 0;
}

}  // namespace

std::optional<Trailer> read_trailer(ByteView f) {
    if (f.size() < 2) return std::nullopt;
    if (f.back() == 0xBC) return Trailer{HashAlgorithm::Sha1, 1};
    if (f.back() != 0xCC) return std::nullopt;
    for (const Identifier& identifier : kIdentifiers)
        if (identifier.id == f[f.size() - 2]) return Trailer{identifier.hash, 2};
    return std::nullopt;
}

Bytes trailer(HashAlgorithm hash) {
    if (hash == HashAlgorithm::Sha1) return {0xBC};
    for (const Identifier& identifier : kIdentifiers)
        if (identifier.hash == hash) return {identifier.id, 0xCC};
    return {};
}

bool verify_recovered(ByteView f, ByteView challenge) {
    const auto found = read_trailer(f);
    if (!found || f.empty() || f[0] != kHeader) return false;
    const std::size_t h = hash_size(found->hash);
    if (f.size() < 1 + h + found->length) return false;
    const std::size_t m1_size = f.size() - 1 - h - found->length;
    const ByteView m1 = f.subspan(1, m1_size);
    const ByteView recovered_digest = f.subspan(1 + m1_size, h);
    const Bytes computed = digest(found->hash, iso7816::concat(m1, challenge));
    return std::equal(computed.begin(), computed.end(), recovered_digest.begin(), recovered_digest.end());
}

Bytes representative(std::size_t modulus_size, HashAlgorithm hash, ByteView challenge, ByteView m1_source) {
    const Bytes tail = trailer(hash);
    const std::size_t h = hash_size(hash);
    if (modulus_size < 1 + h + tail.size() + 1) return {};
    const std::size_t m1_size = modulus_size - 1 - h - tail.size();
    if (m1_source.size() < m1_size) return {};
    const ByteView m1 = m1_source.first(m1_size);
    Bytes f{kHeader};
    f.insert(f.end(), m1.begin(), m1.end());
    const Bytes d = digest(hash, iso7816::concat(m1, challenge));
    f.insert(f.end(), d.begin(), d.end());
    f.insert(f.end(), tail.begin(), tail.end());
    return f;
}

}  // namespace hk::drivers::icao9303::rsa9796
