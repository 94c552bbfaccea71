// The GA 467 fuzz entry under GoogleTest, so every build exercises it: answers a reader really sends (a card,
// fingerprints, statuses, requests and noise around them), then 20,000 deterministic mutations. Half are
// re-sealed (LEN and CHK recomputed), so they get past the checksum and reach the record and text readers.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#include "answer_mutator.h"
#include "drivers/ga467/frame.h"
#include "drivers/ga467/sam_commands.h"
#include "drivers/ga467/text_block.h"
#include "ga467_answer_entry.h"

namespace hk::drivers::ga467::fuzz {
namespace {

using Bytes = std::vector<std::uint8_t>;

std::string as_text(const Bytes& bytes) {
    return {bytes.begin(), bytes.end()};
}

Bytes card_answer(bool fingerprints) {
    TextBlockFields fields;
    fields.name = "张示例";
    fields.sex_code = "2";
    fields.birth_date = "19491231";
    fields.address = "北京市东城区示例路1号";
    fields.id_number = "11010519491231002X";
    fields.issuing_authority = "北京市公安局东城分局";
    fields.valid_from = "20200101";
    fields.valid_until = "长期";
    const auto text = *encode_text_block(fields);
    const Bytes photo(kPhotoSize, 0x57);
    const Bytes prints = fingerprints ? Bytes(kFingerprintSize, 0x46) : Bytes{};
    return encode_answer({0, 0, 0x90, encode_card_record(text, photo, fingerprints, prints)});
}

std::vector<std::string> seeds() {
    std::vector<std::string> inputs{
        as_text(card_answer(false)),
        as_text(card_answer(true)),
        as_text(encode_answer({0, 0, 0x9F, {0, 0, 0, 0}})),
        as_text(encode_answer({0, 0, 0x80, {}})),
        as_text(encode_answer({0, 0, 0x90, Bytes(8)})),
        as_text(encode_request(make_request(kFindCard))),
        "\x00\xAA\xAA\xAA\x96" + as_text(encode_answer({0, 0, 0x41, {}})) + "\xAA\xAA",
    };
    // The checked-in corpus of the libFuzzer target, when the sources are at hand.
    const std::filesystem::path corpus =
        std::filesystem::path(HUKIOSK_SOURCE_DIR) / "tests/fuzz/ga467/corpus";
    if (std::filesystem::is_directory(corpus)) {
        for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
            std::ifstream file(entry.path(), std::ios::binary);
            inputs.emplace_back(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
        }
    }
    return inputs;
}

// Recomputes LEN and CHK of a frame at the start of `input`, keeping its body as mutated.
std::string reseal(const std::string& input) {
    if (input.size() < kHeaderSize + 1) return input;
    const Bytes body(input.begin() + kHeaderSize, input.end() - 1);
    const Bytes frame = encode_frame(body);
    return frame.empty() ? input : as_text(frame);
}

std::size_t cards_decoded(const std::string& input) {
    FrameParser parser(FrameKind::Answer);
    parser.feed(Bytes(input.begin(), input.end()));
    std::size_t cards = 0;
    while (auto frame = parser.next()) {
        if (!*frame) continue;
        const auto answer = decode_answer(**frame);
        if (!answer) continue;
        for (const bool prints : {false, true}) {
            const auto record = decode_card_record(answer->data, prints);
            cards += record && decode_text_block(record->text).has_value();
        }
    }
    return cards;
}

TEST(Ga467AnswerFuzz, SeedsKeepEveryPromiseAndTheCardsDecode) {
    for (const std::string& seed : seeds()) EXPECT_EQ(check_ga467_answer(seed), "");
    EXPECT_EQ(cards_decoded(as_text(card_answer(false))), 1u);
    EXPECT_EQ(cards_decoded(as_text(card_answer(true))), 1u);
}

TEST(Ga467AnswerFuzz, TwentyThousandMutationsKeepEveryPromise) {
    const std::vector<std::string> inputs = seeds();
    std::mt19937 random(20261122);
    int broken = 0;
    std::size_t decoded = 0;
    for (int i = 0; i < 20000; ++i) {
        const std::string& seed = inputs[static_cast<std::size_t>(i) % inputs.size()];
        std::string input = kiosk::central::fuzz::mutate_answer(seed, random);
        if (i % 2 == 0) input = reseal(input);
        decoded += cards_decoded(input);
        const std::string problem = check_ga467_answer(input);
        if (!problem.empty() && ++broken <= 5) ADD_FAILURE() << "mutation " << i << ": " << problem;
    }
    EXPECT_EQ(broken, 0);
    EXPECT_GT(decoded, 100u) << "the mutations should still reach a whole card sometimes";
}

TEST(Ga467AnswerFuzz, ExtremeInputsKeepEveryPromise) {
    EXPECT_EQ(check_ga467_answer(""), "");
    EXPECT_EQ(check_ga467_answer(std::string(5000, '\xAA')), "");
    EXPECT_EQ(check_ga467_answer(as_text(encode_frame(Bytes(kMaxLength - 1, 0x90)))), "");
    std::string longest_claimed = "\xAA\xAA\xAA\x96\x69";
    longest_claimed += static_cast<char>(kMaxLength >> 8);
    longest_claimed += static_cast<char>(kMaxLength & 0xFF);
    EXPECT_EQ(check_ga467_answer(longest_claimed + std::string(100, '\x00')), "");  // cut short
}

}  // namespace
}  // namespace hk::drivers::ga467::fuzz
