#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "drivers/ga467/sam_commands.h"
#include "drivers/ga467/sam_status.h"
#include "drivers/ga467/text_block.h"

namespace hk::drivers::ga467 {
namespace {

using Bytes = std::vector<std::uint8_t>;
using Outcome = StatusMeaning::Outcome;

// What each SW3 must mean: at find, at a card step (select and read alike), at the SAM status query.
struct Expected {
    std::uint8_t sw3;
    Outcome find;
    std::optional<FaultKind> find_fault;
    Outcome card;
    std::optional<FaultKind> card_fault;
    Outcome sam;
    std::optional<FaultKind> sam_fault;
};
constexpr auto S = Outcome::Success;
constexpr auto N = Outcome::NoCard;
constexpr auto F = Outcome::Fault;
const Expected kTable[] = {
    {0x90, F, FaultKind::IoError, S, {}, S, {}},
    {0x9F, S, {}, F, FaultKind::IoError, F, FaultKind::IoError},
    {0x80, N, {}, F, FaultKind::CardRemoved, F, FaultKind::IoError},
    {0x81, F, FaultKind::IoError, F, FaultKind::CardRemoved, F, FaultKind::IoError},
    {0x41, F, FaultKind::IoError, F, FaultKind::CardRemoved, F, FaultKind::IoError},
    {0x10, F, FaultKind::Unreadable, F, FaultKind::Unreadable, F, FaultKind::Unreadable},
    {0x11, F, FaultKind::Unreadable, F, FaultKind::Unreadable, F, FaultKind::Unreadable},
    {0x21, F, FaultKind::IoError, F, FaultKind::IoError, F, FaultKind::IoError},
    {0x31, F, FaultKind::AccessDenied, F, FaultKind::AccessDenied, F, FaultKind::IoError},
    {0x32, F, FaultKind::AccessDenied, F, FaultKind::AccessDenied, F, FaultKind::IoError},
    {0x33, F, FaultKind::AccessDenied, F, FaultKind::AccessDenied, F, FaultKind::IoError},
    {0x40, F, FaultKind::Unreadable, F, FaultKind::Unreadable, F, FaultKind::Unreadable},
    {0x60, F, FaultKind::IoError, F, FaultKind::IoError, F, FaultKind::IoError},
    {0x77, F, FaultKind::IoError, F, FaultKind::IoError, F, FaultKind::IoError},  // not in the protocol
};

void expect_meaning(Step step, std::uint8_t sw3, Outcome outcome, std::optional<FaultKind> fault) {
    const StatusMeaning meaning = interpret_status(step, sw3);
    EXPECT_EQ(meaning.outcome, outcome) << describe(step) << " sw3 " << int{sw3};
    if (outcome == Outcome::Fault) {
        EXPECT_EQ(meaning.fault, *fault) << describe(step) << " sw3 " << int{sw3};
        EXPECT_TRUE(meaning.detail.starts_with(describe(step))) << meaning.detail;
    }
}

TEST(Ga467StatusMeaning, EverySw3MeansTheRightThingAtEveryStep) {
    for (const Expected& row : kTable) {
        expect_meaning(Step::FindCard, row.sw3, row.find, row.find_fault);
        expect_meaning(Step::SelectCard, row.sw3, row.card, row.card_fault);
        expect_meaning(Step::ReadCard, row.sw3, row.card, row.card_fault);
        expect_meaning(Step::ReadNewestAddress, row.sw3, row.card, row.card_fault);
        expect_meaning(Step::SamStatus, row.sw3, row.sam, row.sam_fault);
        expect_meaning(Step::ResetSam, row.sw3, row.sam, row.sam_fault);
    }
}

TEST(Ga467StatusMeaning, TheTableCoversEveryDefinedStatus) {
    for (const SamStatus status : kAllSamStatuses) {
        bool covered = false;
        for (const Expected& row : kTable) covered = covered || row.sw3 == static_cast<std::uint8_t>(status);
        EXPECT_TRUE(covered) << describe(status);
    }
}

TEST(Ga467StatusMeaning, DetailsNameTheStatus) {
    EXPECT_EQ(interpret_status(Step::SelectCard, 0x81).detail, "select card: 0x81 select card failed");
    EXPECT_EQ(interpret_status(Step::ReadCard, 0x77).detail, "read card: unknown SAM status 0x77");
    EXPECT_NE(interpret_status(Step::ReadCard, 0x31).detail.find("not be genuine"), std::string::npos);
}

TEST(Ga467Commands, RequestsCarryTheirCodes) {
    EXPECT_EQ(encode_request(make_request(kFindCard)),
              (Bytes{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22}));
    // 00^03^20^02 = 21; 00^03^30^10 = 23; 00^03^30^03 = 30; 00^03^10^FF = EC
    EXPECT_EQ(encode_request(make_request(kSelectCard)).back(), 0x21);
    EXPECT_EQ(encode_request(make_request(kReadWithFingerprint)).back(), 0x23);
    EXPECT_EQ(encode_request(make_request(kReadNewestAddress)).back(), 0x30);
    EXPECT_EQ(encode_request(make_request(kResetSam)).back(), 0xEC);
}

Bytes text_block() {
    return Bytes(kTextBlockSize, 0x20);
}

TEST(Ga467CardRecord, DecodesTextAndPhoto) {
    const Bytes photo(kPhotoSize, 0x77);
    const Bytes data = encode_card_record(text_block(), photo, false, {});
    ASSERT_EQ(data.size(), 4 + 256 + 1024u);
    EXPECT_EQ(data[0], 0x01);  // 256 big-endian
    EXPECT_EQ(data[1], 0x00);
    EXPECT_EQ(data[2], 0x04);  // 1024
    EXPECT_EQ(data[3], 0x00);
    const auto record = decode_card_record(data, false);
    ASSERT_TRUE(record) << record.error();
    EXPECT_EQ(record->text, text_block());
    EXPECT_EQ(record->photo_wlt, photo);
    EXPECT_FALSE(record->fingerprints);
}

TEST(Ga467CardRecord, DecodesFingerprintsAndTheirAbsence) {
    const Bytes prints(kFingerprintSize, 0x46);
    const auto with =
        decode_card_record(encode_card_record(text_block(), Bytes(kPhotoSize), true, prints), true);
    ASSERT_TRUE(with) << with.error();
    ASSERT_TRUE(with->fingerprints);
    EXPECT_EQ(*with->fingerprints, prints);
    const auto without =
        decode_card_record(encode_card_record(text_block(), Bytes(kPhotoSize), true, {}), true);
    ASSERT_TRUE(without) << without.error();
    EXPECT_FALSE(without->fingerprints);
}

TEST(Ga467CardRecord, RejectsLengthsThatDoNotAddUp) {
    const Bytes good = encode_card_record(text_block(), Bytes(kPhotoSize), false, {});
    EXPECT_FALSE(decode_card_record(Bytes{0x01, 0x00}, false));
    EXPECT_FALSE(decode_card_record(std::span(good).first(good.size() - 1), false));
    Bytes longer = good;
    longer.push_back(0);
    EXPECT_FALSE(decode_card_record(longer, false));
    Bytes wrong_text = good;
    wrong_text[1] = 0x02;
    EXPECT_FALSE(decode_card_record(wrong_text, false));
    Bytes wrong_photo = good;
    wrong_photo[2] = 0x03;
    EXPECT_FALSE(decode_card_record(wrong_photo, false));
    // The 30 01 layout read as 30 10: the photo length lands where the fingerprint length should be.
    EXPECT_FALSE(decode_card_record(good, true));
    Bytes too_many_prints =
        encode_card_record(text_block(), Bytes(kPhotoSize), true, Bytes(kFingerprintSize + 2));
    EXPECT_FALSE(decode_card_record(too_many_prints, true));
}

TEST(Ga467CardRecord, WipeClearsEverything) {
    auto record =
        decode_card_record(encode_card_record(text_block(), Bytes(kPhotoSize, 1), true, Bytes(10, 2)), true);
    ASSERT_TRUE(record);
    record->wipe();
    EXPECT_TRUE(record->text.empty());
    EXPECT_TRUE(record->photo_wlt.empty());
    EXPECT_FALSE(record->fingerprints);
}

}  // namespace
}  // namespace hk::drivers::ga467
