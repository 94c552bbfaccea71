#include "printer/proof/proof_payload.h"

#include <gtest/gtest.h>

#include "encoding.h"
#include "proof_fixture.h"

namespace hk::printer::proof {
namespace {

using testing::SignedProofs;

// The encoder that makes the real codes (central-ref's), so the decoder is tested against what it will read.
std::string b64url(std::string_view bytes) {
    return central::base64url_encode(bytes);
}

std::string payload_with_claims(std::string_view json) {
    return "HK1." + b64url(json) + "." + b64url("not-a-signature");
}

TEST(ProofPayload, DecodesWhatTheCentralServiceSigns) {
    const SignedProofs proofs;
    const central::Proof issued = proofs.issue();
    const auto decoded = decode_proof_payload(issued.payload);
    ASSERT_TRUE(decoded) << decoded.error();
    EXPECT_EQ(decoded->claims.version, 1);
    EXPECT_EQ(decoded->claims.key_id, "test-2026-1");
    EXPECT_EQ(decoded->claims.serial, "HK2026000042");
    EXPECT_EQ(decoded->claims.type, "proof_of_family_relationship");
    EXPECT_EQ(decoded->claims.holder, "王小明");
    EXPECT_EQ(decoded->claims.id_number_masked, "110101********1235");
    EXPECT_EQ(decoded->claims.issued, "2026-11-22");
    EXPECT_EQ(decoded->claims.valid_until, "2027-02-19");
    EXPECT_EQ(verification_code_of(decoded->signature), issued.verification_code);
}

TEST(ProofPayload, ExpIsOptional) {
    const auto decoded = decode_proof_payload(payload_with_claims(
        R"({"v":1,"kid":"k","serial":"S","type":"t","holder":"h","id":"1","issued":"2026-01-31"})"));
    ASSERT_TRUE(decoded) << decoded.error();
    EXPECT_FALSE(decoded->claims.valid_until);
}

struct MalformedCase {
    const char* name;
    std::string text;
    const char* says;
};

TEST(ProofPayload, RefusesEveryMalformedShapeWithAReason) {
    const std::string good =
        R"({"v":1,"kid":"k","serial":"S","type":"t","holder":"h","id":"1","issued":"2026-01-31"})";
    const std::vector<MalformedCase> cases = {
        {"empty", "", "prefix"},
        {"other tag", "HK2." + b64url(good) + ".AAAA", "prefix"},
        {"a URL", "https://example.org/verify?x=1", "prefix"},
        {"two parts", "HK1." + b64url(good), "three parts"},
        {"four parts", "HK1." + b64url(good) + ".AAAA.AAAA", "three parts"},
        {"padding", "HK1." + b64url(good) + "==.AAAA", "base64url"},
        {"standard alphabet", "HK1.+/" + b64url(good) + ".AAAA", "base64url"},
        {"impossible length", "HK1.A.AAAA", "base64url"},
        {"empty signature", "HK1." + b64url(good) + ".", "signature"},
        {"claims not JSON", payload_with_claims("{v:1"), "JSON"},
        {"claims an array", payload_with_claims("[1,2]"), "JSON object"},
        {"unknown version", payload_with_claims(R"({"v":2})"), "version 2"},
        {"version a string", payload_with_claims(R"({"v":"1"})"), "claim v"},
        {"serial missing",
         payload_with_claims(R"({"v":1,"kid":"k","type":"t","holder":"h","id":"1","issued":"2026-01-31"})"),
         "serial"},
        {"holder a number",
         payload_with_claims(
             R"({"v":1,"kid":"k","serial":"S","type":"t","holder":7,"id":"1","issued":"2026-01-31"})"),
         "holder"},
        {"empty kid",
         payload_with_claims(
             R"({"v":1,"kid":"","serial":"S","type":"t","holder":"h","id":"1","issued":"2026-01-31"})"),
         "kid"},
        {"bad issue date",
         payload_with_claims(
             R"({"v":1,"kid":"k","serial":"S","type":"t","holder":"h","id":"1","issued":"2026-13-01"})"),
         "issued"},
        {"bad exp",
         payload_with_claims(
             R"({"v":1,"kid":"k","serial":"S","type":"t","holder":"h","id":"1","issued":"2026-01-31","exp":"soon"})"),
         "exp"},
        {"too long", "HK1." + std::string(kMaxPayloadBytes, 'A') + ".AAAA", "too long"},
    };
    for (const MalformedCase& c : cases) {
        const auto decoded = decode_proof_payload(c.text);
        ASSERT_FALSE(decoded) << c.name;
        EXPECT_NE(decoded.error().find(c.says), std::string::npos) << c.name << ": " << decoded.error();
    }
}

TEST(Base64url, DecodesEveryTailLengthAndRefusesForeignCharacters) {
    const std::vector<std::string> samples = {"",    "a",    "ab",
                                              "abc", "abcd", std::string("\xff\xfe\x00\x01", 4)};
    for (const std::string& bytes : samples) {
        EXPECT_EQ(base64url_decode(b64url(bytes)), bytes) << b64url(bytes);
    }
    // Only the canonical text of some bytes decodes: "QQ" is "A"; "QR" would decode to "A" as well.
    EXPECT_EQ(base64url_decode("QQ"), "A");
    EXPECT_FALSE(base64url_decode("QR"));
    EXPECT_EQ(base64url_decode("QUE"), "AA");
    EXPECT_FALSE(base64url_decode("QUF"));
    EXPECT_FALSE(base64url_decode("ab c"));
    EXPECT_FALSE(base64url_decode("ab+c"));
    EXPECT_FALSE(base64url_decode("abc="));
}

}  // namespace
}  // namespace hk::printer::proof
