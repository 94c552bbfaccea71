// The adaptive file reader against the ICAO card simulator's file system, access control switched off: what
// each chip quirk costs in APDUs, and that every byte arrives.
#include "drivers/icao9303/file_reader.h"

#include <gtest/gtest.h>

#include "drivers/icao9303/lds_files.h"
#include "drivers/iso7816/ber_tlv.h"
#include "drivers/sim/icao_card_simulator.h"

namespace hk::drivers::icao9303 {
namespace {

using sim::IcaoCardQuirks;
using sim::IcaoCardSimulator;

// A DG2-like file: tag 75, a long value of recognisable bytes.
Bytes face_file(std::size_t value_size) {
    Bytes value(value_size);
    for (std::size_t i = 0; i < value.size(); ++i)
        value[i] = static_cast<std::uint8_t>((i * 7 + i / 251) & 0xFF);
    return iso7816::encode_tlv(0x75, value);
}

struct Card {
    explicit Card(IcaoCardQuirks quirks, std::size_t face_size = 20000) : face(face_file(face_size)) {
        quirks.require_access_control = false;
        sim::IcaoCardContents contents;
        contents.application_files[fid::kCom] =
            iso7816::from_hex("60145F0104303130375F36063034303030305C026175").value();
        contents.application_files[fid::kDg2] = face;
        simulator = std::make_unique<IcaoCardSimulator>(std::move(contents), quirks);
        channel = std::make_unique<sim::InProcessCardChannel>(*simulator);
        EXPECT_TRUE(channel
                        ->transmit({.cla = 0,
                                    .ins = 0xA4,
                                    .p1 = 0x04,
                                    .p2 = 0x0C,
                                    .data = {0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01},
                                    .ne = {}})
                        ->ok());
    }
    Bytes face;
    std::unique_ptr<IcaoCardSimulator> simulator;
    std::unique_ptr<sim::InProcessCardChannel> channel;
};

std::size_t reads_needed(std::size_t bytes, std::size_t per_read) {
    return (bytes + per_read - 1) / per_read;
}

TEST(FileReader, ReadsAWholeFileInOneExtendedReadWhenTheChipTakesIt) {
    Card card(IcaoCardQuirks{});
    FileReader reader(*card.channel);
    const auto before = card.channel->counters().apdus;
    const auto face = reader.read_file(fid::kDg2);
    ASSERT_TRUE(face) << face.error().detail;
    EXPECT_EQ(*face, card.face);
    EXPECT_EQ(card.channel->counters().apdus - before, 2u);  // SELECT, one READ BINARY
    EXPECT_EQ(reader.length_fallbacks(), 0);
}

TEST(FileReader, LearnsTheLimitFromWrongLengthAndKeepsIt) {
    Card card(IcaoCardQuirks{.max_read = 1024});
    FileReader reader(*card.channel);
    const auto before = card.channel->counters().apdus;
    const auto face = reader.read_file(fid::kDg2);
    ASSERT_TRUE(face) << face.error().detail;
    EXPECT_EQ(*face, card.face);
    EXPECT_EQ(reader.read_size(), 1024u);
    const int refused = reader.length_fallbacks();  // 65536 down to 1024 through the ladder
    EXPECT_EQ(refused, 6);
    EXPECT_EQ(card.channel->counters().apdus - before, 1 + refused + reads_needed(card.face.size(), 1024));
    // The second file pays nothing for the lesson.
    const auto again_before = card.channel->counters().apdus;
    ASSERT_TRUE(reader.read_file(fid::kDg2));
    EXPECT_EQ(card.channel->counters().apdus - again_before, 1 + reads_needed(card.face.size(), 1024));
}

TEST(FileReader, TakesTheLengthTheChipHintsWith6Cxx) {
    Card card(IcaoCardQuirks{.max_read = 200, .hint_wrong_le = true});
    FileReader reader(*card.channel);
    const auto face = reader.read_file(fid::kDg2);
    ASSERT_TRUE(face) << face.error().detail;
    EXPECT_EQ(*face, card.face);
    EXPECT_EQ(reader.read_size(), 200u);
    EXPECT_EQ(reader.length_fallbacks(), 1);
}

TEST(FileReader, StaysShortWhenTheChipRefusesExtendedLength) {
    Card card(IcaoCardQuirks{.max_read = 231, .extended_length = false});
    FileReader reader(*card.channel);
    const auto face = reader.read_file(fid::kDg2);
    ASSERT_TRUE(face) << face.error().detail;
    EXPECT_EQ(*face, card.face);
    EXPECT_EQ(reader.read_size(), kShortSecureRead);
}

TEST(FileReader, AcceptsTheEndOfFileWarningOnAShortFile) {
    Card card(IcaoCardQuirks{.max_read = 4096, .warn_past_end = true});
    FileReader reader(*card.channel);
    const auto com = reader.read_file(fid::kCom);
    ASSERT_TRUE(com) << com.error().detail;
    EXPECT_EQ(com->size(), 22u);
}

TEST(FileReader, ReadsHeadersFirstFromAChipThatRefusesToReadPastTheEnd) {
    Card card(IcaoCardQuirks{.max_read = 4096, .warn_past_end = false});
    FileReader reader(*card.channel, 4096);
    const auto before = card.channel->counters().apdus;
    const auto com = reader.read_file(fid::kCom);
    ASSERT_TRUE(com) << com.error().detail;
    EXPECT_EQ(com->size(), 22u);
    // SELECT, the refused long read, the 4-byte header, the rest.
    EXPECT_EQ(card.channel->counters().apdus - before, 4u);
    const auto face_before = card.channel->counters().apdus;
    const auto face = reader.read_file(fid::kDg2);
    ASSERT_TRUE(face) << face.error().detail;
    EXPECT_EQ(*face, card.face);
    // The lesson holds for the next file: header first, no refused read.
    EXPECT_EQ(card.channel->counters().apdus - face_before, 2 + reads_needed(card.face.size() - 4, 4096));
}

TEST(FileReader, ReadsPast32KilobytesWithTheOddInstruction) {
    Card card(IcaoCardQuirks{.max_read = 8192}, 40000);
    FileReader reader(*card.channel, 8192);
    const auto face = reader.read_file(fid::kDg2);
    ASSERT_TRUE(face) << face.error().detail;
    EXPECT_EQ(*face, card.face);
}

TEST(FileReader, NamesAMissingFileAndAProtectedOne) {
    Card card(IcaoCardQuirks{});
    FileReader reader(*card.channel);
    const auto missing = reader.read_file(fid::kDg11);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().kind, FileReadError::Kind::NotFound);

    IcaoCardQuirks locked;
    sim::IcaoCardContents contents;
    contents.application_files[fid::kCom] = Bytes{0x60, 0x01, 0x00};
    IcaoCardSimulator simulator(std::move(contents), locked);
    sim::InProcessCardChannel channel(simulator);
    ASSERT_TRUE(channel
                    .transmit({.cla = 0,
                               .ins = 0xA4,
                               .p1 = 0x04,
                               .p2 = 0x0C,
                               .data = {0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01},
                               .ne = {}})
                    ->ok());
    FileReader locked_reader(channel);
    const auto denied = locked_reader.read_file(fid::kCom);
    ASSERT_FALSE(denied);
    EXPECT_EQ(denied.error().kind, FileReadError::Kind::AccessDenied);
}

TEST(FileReader, ACardPulledAwayMidFileIsAChannelError) {
    Card card(IcaoCardQuirks{.max_read = 223, .removed_after_apdus = 20});
    FileReader reader(*card.channel);
    const auto face = reader.read_file(fid::kDg2);
    ASSERT_FALSE(face);
    EXPECT_EQ(face.error().kind, FileReadError::Kind::Channel);
    EXPECT_EQ(face.error().channel.kind, iso7816::ChannelErrorKind::CardRemoved);
}

TEST(FileReader, RefusesAFileWhoseHeaderLies) {
    Card card(IcaoCardQuirks{});
    // A file that claims 16 MB.
    sim::IcaoCardContents contents;
    contents.application_files[fid::kDg2] = iso7816::from_hex("758401000000AABB").value();
    contents.application_files[0x0103] = iso7816::from_hex("7582").value();
    IcaoCardSimulator simulator(std::move(contents), IcaoCardQuirks{.require_access_control = false});
    sim::InProcessCardChannel channel(simulator);
    ASSERT_TRUE(channel
                    .transmit({.cla = 0,
                               .ins = 0xA4,
                               .p1 = 0x04,
                               .p2 = 0x0C,
                               .data = {0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01},
                               .ne = {}})
                    ->ok());
    FileReader reader(channel);
    const auto huge = reader.read_file(fid::kDg2);
    ASSERT_FALSE(huge);
    EXPECT_EQ(huge.error().kind, FileReadError::Kind::Malformed);
    const auto cut = reader.read_file(0x0103);
    ASSERT_FALSE(cut);
    EXPECT_EQ(cut.error().kind, FileReadError::Kind::Malformed);
}

}  // namespace
}  // namespace hk::drivers::icao9303
