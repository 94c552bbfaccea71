#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "drivers/ga467/frame.h"
#include "drivers/ga467/sam_status.h"

namespace hk::drivers::ga467 {
namespace {

using Bytes = std::vector<std::uint8_t>;

// Worked by hand: CHK = XOR of LEN and body.
//   find card request  00 03 20 01          -> 00^03 = 03, ^20 = 23, ^01 = 22
//   SAM status request 00 03 11 FF          -> 03^11 = 12, ^FF = ED
//   read request       00 03 30 01          -> 03^30 = 33, ^01 = 32
//   card found answer  00 08 00 00 9F 00 00 00 00 -> 08^9F = 97
//   select ok answer   00 0C 00 00 90 + 8 x 00    -> 0C^90 = 9C
const Bytes kFindCard{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22};
const Bytes kSamStatus{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x11, 0xFF, 0xED};
const Bytes kReadCard{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x30, 0x01, 0x32};
const Bytes kCardFound{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x08, 0x00,
                       0x00, 0x9F, 0x00, 0x00, 0x00, 0x00, 0x97};
const Bytes kSelectOk{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x0C, 0x00, 0x00, 0x90,
                      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x9C};

Bytes concat(std::initializer_list<Bytes> parts) {
    Bytes all;
    for (const Bytes& part : parts) all.insert(all.end(), part.begin(), part.end());
    return all;
}

std::vector<FrameParser::Result> parse_all(FrameParser& parser) {
    std::vector<FrameParser::Result> results;
    while (auto result = parser.next()) results.push_back(std::move(*result));
    return results;
}

TEST(Ga467Frame, EncodesRequestsAsWorkedByHand) {
    EXPECT_EQ(encode_request({0x20, 0x01, {}}), kFindCard);
    EXPECT_EQ(encode_request({0x11, 0xFF, {}}), kSamStatus);
    EXPECT_EQ(encode_request({0x30, 0x01, {}}), kReadCard);
}

TEST(Ga467Frame, EncodesAnswersAsWorkedByHand) {
    EXPECT_EQ(encode_answer({0x00, 0x00, 0x9F, {0, 0, 0, 0}}), kCardFound);
    EXPECT_EQ(encode_answer({0x00, 0x00, 0x90, Bytes(8, 0)}), kSelectOk);
}

TEST(Ga467Frame, LengthIsBigEndianAndCoversBodyAndChecksum) {
    const Bytes frame = encode_answer({0x00, 0x00, 0x90, Bytes(1284, 0x11)});  // the size of a 30 01 answer
    ASSERT_EQ(frame.size(), 5u + 2 + 3 + 1284 + 1);
    EXPECT_EQ(frame[5], 0x05);  // 3 + 1284 + 1 = 1288 = 0x0508
    EXPECT_EQ(frame[6], 0x08);
}

TEST(Ga467Frame, RefusesToFrameABodyAboveTheMaximum) {
    EXPECT_TRUE(encode_frame(Bytes(kMaxLength, 0)).empty());
    EXPECT_FALSE(encode_frame(Bytes(kMaxLength - 1, 0)).empty());
}

TEST(Ga467Frame, DecodesAnswerAndRequestBodies) {
    const auto answer = decode_answer(Bytes{0x00, 0x00, 0x9F, 0x01, 0x02});
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->sw3, 0x9F);
    EXPECT_EQ(answer->data, (Bytes{0x01, 0x02}));
    EXPECT_EQ(decode_answer(Bytes{0x00, 0x00}).error(), FrameError::TooShort);
    const auto request = decode_request(Bytes{0x30, 0x10});
    ASSERT_TRUE(request);
    EXPECT_EQ(request->command, 0x30);
    EXPECT_EQ(request->parameter, 0x10);
    EXPECT_EQ(decode_request(Bytes{0x30}).error(), FrameError::TooShort);
}

TEST(Ga467FrameParser, ParsesAWholeAnswer) {
    FrameParser parser(FrameKind::Answer);
    parser.feed(kCardFound);
    const auto results = parse_all(parser);
    ASSERT_EQ(results.size(), 1u);
    ASSERT_TRUE(results[0]);
    EXPECT_EQ(*results[0], (Bytes{0x00, 0x00, 0x9F, 0, 0, 0, 0}));
    EXPECT_EQ(parser.pending_bytes(), 0u);
}

TEST(Ga467FrameParser, ParsesAFrameDeliveredOneByteAtATime) {
    FrameParser parser(FrameKind::Answer);
    for (std::size_t i = 0; i + 1 < kSelectOk.size(); ++i) {
        parser.feed(std::span(kSelectOk).subspan(i, 1));
        EXPECT_FALSE(parser.next()) << "a frame after " << i + 1 << " bytes";
    }
    parser.feed(std::span(kSelectOk).last(1));
    const auto result = parser.next();
    ASSERT_TRUE(result && *result);
    EXPECT_EQ((*result)->size(), 11u);
}

TEST(Ga467FrameParser, ParsesFramesSplitAtEveryPoint) {
    const Bytes both = concat({kCardFound, kSelectOk});
    for (std::size_t split = 0; split <= both.size(); ++split) {
        FrameParser parser(FrameKind::Answer);
        parser.feed(std::span(both).first(split));
        parser.feed(std::span(both).subspan(split));
        const auto results = parse_all(parser);
        ASSERT_EQ(results.size(), 2u) << "split at " << split;
        EXPECT_TRUE(results[0] && results[1]) << "split at " << split;
    }
}

TEST(Ga467FrameParser, SkipsGarbageBeforeAndBetweenFrames) {
    // Garbage includes preamble prefixes (AA AA, AA AA AA 96) that must not be taken for a frame start.
    const Bytes garbage{0x00, 0xAA, 0xAA, 0x13, 0xAA, 0xAA, 0xAA, 0x96, 0x00, 0xFF};
    FrameParser parser(FrameKind::Answer);
    parser.feed(concat({garbage, kCardFound, garbage, kSelectOk}));
    const auto results = parse_all(parser);
    ASSERT_EQ(results.size(), 2u);
    EXPECT_TRUE(results[0] && results[1]);
    EXPECT_EQ(parser.skipped_bytes(), 2 * garbage.size());
}

TEST(Ga467FrameParser, RejectsABadChecksumAndResynchronises) {
    Bytes broken = kCardFound;
    broken.back() ^= 0x01;
    FrameParser parser(FrameKind::Answer);
    parser.feed(concat({broken, kSelectOk}));
    const auto results = parse_all(parser);
    ASSERT_EQ(results.size(), 2u);
    ASSERT_FALSE(results[0]);
    EXPECT_EQ(results[0].error(), FrameError::BadChecksum);
    EXPECT_TRUE(results[1]);
}

TEST(Ga467FrameParser, RejectsImpossibleLengthsWithoutWaitingForThem) {
    const Bytes too_long{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0xFF, 0xFF, 0x00};
    const Bytes too_short{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x00, 0x00, 0x03};  // answers need 4
    for (const Bytes& bad : {too_long, too_short}) {
        FrameParser parser(FrameKind::Answer);
        parser.feed(concat({bad, kCardFound}));
        const auto results = parse_all(parser);
        ASSERT_EQ(results.size(), 2u);
        ASSERT_FALSE(results[0]);
        EXPECT_EQ(results[0].error(), FrameError::BadLength);
        EXPECT_TRUE(results[1]);
    }
}

TEST(Ga467FrameParser, RequestParserAcceptsTheShortestRequest) {
    FrameParser parser(FrameKind::Request);
    parser.feed(kFindCard);
    const auto result = parser.next();
    ASSERT_TRUE(result && *result);
    EXPECT_EQ(**result, (Bytes{0x20, 0x01}));
}

TEST(Ga467FrameParser, ParsesTheLargestFrameAndHoldsNoMoreThanOneFrame) {
    const Bytes big = encode_frame(Bytes(kMaxLength - 1, 0x5A));
    FrameParser parser(FrameKind::Answer);
    Bytes stream;
    for (int i = 0; i < 3; ++i) stream.insert(stream.end(), big.begin(), big.end());
    parser.feed(stream);
    const auto results = parse_all(parser);
    ASSERT_EQ(results.size(), 3u);
    for (const auto& result : results) EXPECT_TRUE(result && result->size() == kMaxLength - 1);
}

TEST(Ga467FrameParser, ResetForgetsAPartialFrame) {
    FrameParser parser(FrameKind::Answer);
    parser.feed(std::span(kCardFound).first(9));
    EXPECT_GT(parser.pending_bytes(), 0u);
    parser.reset();
    parser.feed(kSelectOk);
    const auto results = parse_all(parser);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_TRUE(results[0]);
}

TEST(Ga467SamStatus, EveryStatusRoundTripsAndHasItsOwnDescription) {
    std::set<std::string> descriptions;
    for (const SamStatus status : kAllSamStatuses) {
        EXPECT_EQ(sam_status_from_byte(static_cast<std::uint8_t>(status)), status);
        descriptions.insert(describe(status));
    }
    EXPECT_EQ(descriptions.size(), std::size(kAllSamStatuses));
    EXPECT_FALSE(sam_status_from_byte(0x77));
    EXPECT_EQ(sam_status_from_byte(0x9F), SamStatus::CardFound);
    EXPECT_EQ(sam_status_from_byte(0x80), SamStatus::FindFailed);
}

}  // namespace
}  // namespace hk::drivers::ga467
