// Hostile inputs end in errors, never crashes: truncated and garbage SODs, random bytes to every parser.
#include <gtest/gtest.h>

#include <random>

#include "drivers/icao9303/dg15.h"
#include "drivers/icao9303/dg1_mrz.h"
#include "drivers/icao9303/dg2_face.h"
#include "drivers/icao9303/lds_files.h"
#include "drivers/icao9303/passive_authentication.h"
#include "drivers/icao9303/security_infos.h"
#include "drivers/icao9303/sod.h"
#include "drivers/icao9303/test_document.h"
#include "drivers/iso7816/ber_tlv.h"

namespace hk::drivers::icao9303 {
namespace {

const testdoc::TestDocument& document() {
    static const testdoc::TestDocument made = testdoc::make_test_document().value();
    return made;
}

TEST(HostileInput, TruncatedSodFailsAtEveryLength) {
    const Bytes& sod = *document().file(fid::kSod);
    const CscaStore store;
    for (std::size_t cut = 0; cut < sod.size(); cut += 7) {
        const auto result =
            verify_passive_authentication(ByteView(sod).first(cut), document().data_groups(), store);
        EXPECT_EQ(result.overall, CheckOutcome::Failed) << cut;
        EXPECT_FALSE(read_sod_unverified(ByteView(sod).first(cut))) << cut;
    }
}

TEST(HostileInput, SodWithGarbageCmsFails) {
    Bytes garbage(600);
    std::mt19937 random(77);
    for (auto& byte : garbage) byte = static_cast<std::uint8_t>(random());
    garbage[0] = 0x30;
    const Bytes sod = iso7816::encode_tlv(0x77, garbage);
    const auto result = verify_passive_authentication(sod, document().data_groups(), CscaStore{});
    EXPECT_EQ(result.overall, CheckOutcome::Failed);
    EXPECT_NE(result.reason().find("no readable CMS"), std::string::npos) << result.reason();
    // A well-formed CMS of the wrong content type: a master list given as an SOD.
    const auto authority = testdoc::csca();
    const Bytes list = iso7816::encode_tlv(0x77, testdoc::make_master_list({authority.certificate.get()}));
    EXPECT_EQ(verify_passive_authentication(list, document().data_groups(), CscaStore{}).overall,
              CheckOutcome::Failed);
    EXPECT_EQ(read_sod_unverified(list).error(), LdsError::WrongTag);
}

TEST(HostileInput, RandomBytesToEveryParser) {
    std::mt19937 random(9303);
    for (int i = 0; i < 3000; ++i) {
        Bytes input(static_cast<std::size_t>(random() % 300));
        for (auto& byte : input) byte = static_cast<std::uint8_t>(random());
        if (!input.empty() && i % 2 == 0) {  // give the parsers a right first tag half of the time
            static constexpr std::uint8_t kTags[] = {0x61, 0x75, 0x6E, 0x6F, 0x77,
                                                     0x60, 0x6B, 0x6C, 0x31, 0x30};
            input[0] = kTags[static_cast<std::size_t>(i / 2) % std::size(kTags)];
        }
        EXPECT_FALSE(parse_dg1(input) && parse_dg2(input));
        (void)parse_dg14(input);
        (void)parse_security_infos(input);
        (void)parse_dg15(input);
        (void)parse_lds_security_object(input);
        (void)read_sod_unverified(input);
        (void)parse_facial_record(input);
        EXPECT_NE(verify_passive_authentication(input, {}, CscaStore{}).overall, CheckOutcome::Passed);
    }
}

}  // namespace
}  // namespace hk::drivers::icao9303
