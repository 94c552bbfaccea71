// The last check before a support bundle leaves the kiosk: ID numbers with a valid check character, MRZ lines
// and the names the kiosk knows to be personal are blanked; look-alikes that are not personal data stay.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ops/bundle/personal_data_redaction.h"

using hk::ops::redact_personal_data;

namespace {

// ISO 7064 MOD 11-2 written out from its definition, independently of the code under test: the check value
// c satisfies (sum of a_i * 2^(18-i) for i = 1..17, plus c) = 1 (mod 11), and c = 10 is written X.
char iso7064_check(const std::string& first17) {
    int sum = 0;
    for (int i = 0; i < 17; ++i) {
        int weight = 1;
        for (int k = 0; k < 17 - i; ++k) weight = weight * 2 % 11;
        sum += (first17[static_cast<std::size_t>(i)] - '0') * weight;
    }
    for (int c = 0; c <= 10; ++c) {
        if ((sum + c) % 11 == 1) return c == 10 ? 'X' : static_cast<char>('0' + c);
    }
    return '?';
}

std::string valid_id(const std::string& first17) {
    return first17 + iso7064_check(first17);
}

std::string wrong_check(const std::string& first17) {
    const char right = iso7064_check(first17);
    return first17 + (right == '0' ? '1' : '0');
}

std::size_t redact(std::string& text, const std::vector<std::string>& secrets = {}) {
    return redact_personal_data(text, secrets);
}

}  // namespace

TEST(Redaction, TheIndependentCheckAgreesWithAPublishedExample) {
    EXPECT_EQ(iso7064_check("11010519491231002"), 'X');  // the sample number of GB 11643
}

TEST(Redaction, ValidIdNumbersAreRedactedWherePrinted) {
    for (const std::string first17 : {"11010519491231002", "44030419851126321", "32058219900307456",
                                      "51010719771023889", "62010219640815007"}) {
        const std::string id = valid_id(first17);
        std::string text = "identified " + id + ", then id=" + id + "\n" + id;
        EXPECT_EQ(redact(text), 3u) << id;
        EXPECT_EQ(text, "identified [redacted], then id=[redacted]\n[redacted]") << id;
    }
}

TEST(Redaction, LowercaseXCheckCharacterCountsToo) {
    std::string text = "card 11010519491231002x read";
    EXPECT_EQ(redact(text), 1u);
    EXPECT_EQ(text, "card [redacted] read");
}

TEST(Redaction, EighteenDigitNumbersWithAWrongCheckStay) {
    for (const std::string first17 : {"11010519491231002", "44030419851126321", "32058219900307456"}) {
        const std::string other = wrong_check(first17);
        std::string text = "txn " + other + " done";
        const std::string before = text;
        EXPECT_EQ(redact(text), 0u) << other;
        EXPECT_EQ(text, before);
    }
}

TEST(Redaction, LongerAndShorterDigitRunsStay) {
    const std::string id = valid_id("11010519491231002");
    std::string text = "serial 9" + id + " and 1" + id.substr(0, 17) + "0 and " + id.substr(0, 17);
    const std::string before = text;
    EXPECT_EQ(redact(text), 0u);
    EXPECT_EQ(text, before);
}

TEST(Redaction, MrzLinesOfEachDocumentSizeAreRedacted) {
    std::string text =
        "TD3 read:\n"
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10\n"
        "TD1: I<UTOD231458907<<<<<<<<<<<<<<<\r\n"
        "TD2 I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\n"
        "end\n";
    EXPECT_EQ(redact(text), 4u);
    EXPECT_EQ(text, "TD3 read:\n[redacted]\n[redacted]\nTD1: [redacted]\r\nTD2 [redacted]\nend\n");
}

TEST(Redaction, CapitalRunsWithoutFillersOrOfOtherLengthsStay) {
    std::string text =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123\n"         // 30 characters, no filler
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<\n"  // 37 characters
        "E-SCN-04 PRINTER<READY\n";
    const std::string before = text;
    EXPECT_EQ(redact(text), 0u);
    EXPECT_EQ(text, before);
}

TEST(Redaction, SecretsAreRedactedEverywhereCaseSensitively) {
    std::string text = "citizen Zhang Wei asked; ZHANG WEI printed; zhang wei? Zhang Wei again";
    EXPECT_EQ(redact(text, {"Zhang Wei"}), 2u);
    EXPECT_EQ(text, "citizen [redacted] asked; ZHANG WEI printed; zhang wei? [redacted] again");
}

TEST(Redaction, OverlappingSecretsTakeTheLongestAndEmptyOnesAreIgnored) {
    std::string text = "Li Na and Li Nana";
    EXPECT_EQ(redact(text, {"", "Li Na", "Li Nana"}), 2u);
    EXPECT_EQ(text, "[redacted] and [redacted]");
}

TEST(Redaction, ASecretCannotEatIntoARedactionMark) {
    const std::string id = valid_id("44030419851126321");
    std::string text = "id " + id + " by act";
    EXPECT_EQ(redact(text, {"act"}), 2u);
    EXPECT_EQ(text, "id [redacted] by [redacted]");
}

TEST(Redaction, AllKindsTogetherAreCounted) {
    const std::string id = valid_id("32058219900307456");
    std::string text = "name=Wang Fang id=" + id + "\nP<CHNWANG<<FANG<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n";
    EXPECT_EQ(redact(text, {"Wang Fang", "WANG"}), 3u);
    EXPECT_EQ(text, "name=[redacted] id=[redacted]\n[redacted]\n");
}

TEST(Redaction, NothingPersonalMeansNothingChanged) {
    std::string text = "07:00 kiosk started; printer ready; 3 pages; error E-PRN-02\n";
    const std::string before = text;
    EXPECT_EQ(redact(text, {"Chen Jie"}), 0u);
    EXPECT_EQ(text, before);
}
