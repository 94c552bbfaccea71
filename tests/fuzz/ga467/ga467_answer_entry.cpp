#include "ga467_answer_entry.h"

#include <cstdint>
#include <span>
#include <vector>

#include "drivers/ga467/frame.h"
#include "drivers/ga467/sam_commands.h"
#include "drivers/ga467/text_block.h"
#include "drivers/ga467/ucs2.h"

namespace hk::drivers::ga467::fuzz {

namespace {

using Bytes = std::vector<std::uint8_t>;
using Results = std::vector<FrameParser::Result>;

bool same(const Results& a, const Results& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].has_value() != b[i].has_value()) return false;
        if (a[i].has_value() ? *a[i] != *b[i] : a[i].error() != b[i].error()) return false;
    }
    return true;
}

// Feeds `input` in pieces of `piece` bytes (all at once when 0) and collects every result.
std::string parse(std::span<const std::uint8_t> input, std::size_t piece, Results& results) {
    FrameParser parser(FrameKind::Answer);
    while (!input.empty()) {
        const std::size_t take = piece == 0 ? input.size() : std::min(piece, input.size());
        parser.feed(input.first(take));
        input = input.subspan(take);
        if (parser.pending_bytes() > kHeaderSize + kMaxLength) return "parser holds more than one frame";
        while (auto result = parser.next()) results.push_back(std::move(*result));
    }
    return "";
}

std::string check_utf8(std::span<const std::uint8_t> units) {
    const auto text = card_text_to_utf8(units);
    if (text && !utf8_to_card_text(*text)) return "card text decoded to invalid UTF-8";
    return "";
}

std::string check_card(const ResidentIdCard& card) {
    const std::string_view id = card.id_number.reveal();
    if (!is_valid_resident_id_number(id)) return "accepted an invalid ID number";
    if (id.substr(6, 8) != card.birth_date.reveal())
        return "accepted a birth date differing from the ID number";
    if (!is_real_date(card.birth_date.reveal())) return "accepted an impossible birth date";
    const std::string_view sex = card.sex.reveal();
    const bool odd = (id[16] - '0') % 2 == 1;
    if ((sex == "男" && !odd) || (sex == "女" && odd)) return "accepted a sex contradicting the ID number";
    if (sex != "男" && sex != "女" && sex != "未知" && sex != "未说明") return "sex not as printed";
    if (!is_real_date(card.valid_from.reveal())) return "accepted an impossible valid-from date";
    const std::string_view until = card.valid_until.reveal();
    if (until != "长期" && (!is_real_date(until) || until < card.valid_from.reveal()))
        return "accepted an impossible validity";
    if (card.name.empty() || card.ethnicity.empty()) return "accepted an empty name or nationality";
    return "";
}

std::string check_answer_data(std::span<const std::uint8_t> data) {
    for (const bool fingerprints : {false, true}) {
        auto record = decode_card_record(data, fingerprints);
        if (!record) continue;
        if (record->text.size() != kTextBlockSize || record->photo_wlt.size() != kPhotoSize)
            return "card record parts of the wrong size";
        if (record->fingerprints &&
            (record->fingerprints->empty() || record->fingerprints->size() > kFingerprintSize))
            return "fingerprint block of the wrong size";
        if (auto card = decode_text_block(record->text)) {
            if (std::string problem = check_card(*card); !problem.empty()) return problem;
        }
    }
    if (data.size() >= kTextBlockSize) {
        if (auto card = decode_text_block(data.first(kTextBlockSize))) {
            if (std::string problem = check_card(*card); !problem.empty()) return problem;
        }
    }
    return check_utf8(data.first(data.size() - data.size() % 2));
}

}  // namespace

std::string check_ga467_answer(std::string_view text) {
    const std::span<const std::uint8_t> input(reinterpret_cast<const std::uint8_t*>(text.data()),
                                              text.size());

    Results whole;
    if (std::string problem = parse(input, 0, whole); !problem.empty()) return problem;
    // Split points derived from the input, so the fuzzer steers them too.
    const std::size_t piece = input.empty() ? 1 : 1 + input[0] % 13;
    for (const std::size_t size : {std::size_t{1}, piece}) {
        Results split;
        if (std::string problem = parse(input, size, split); !problem.empty()) return problem;
        if (!same(whole, split)) return "frames depend on how the bytes were split";
    }

    for (const FrameParser::Result& result : whole) {
        if (!result) continue;
        const Bytes& body = *result;
        if (body.size() + 1 < minimum_length(FrameKind::Answer) || body.size() + 1 > kMaxLength)
            return "accepted a frame with an impossible length";
        Results again;
        (void)parse(encode_frame(body), 0, again);
        if (again.size() != 1 || !again[0] || *again[0] != body)
            return "a re-encoded frame does not parse back";
        const auto answer = decode_answer(body);
        if (!answer) return "an accepted frame is too short for an answer";
        (void)interpret_status(Step::ReadCard, answer->sw3);
        if (std::string problem = check_answer_data(answer->data); !problem.empty()) return problem;
    }
    // The input as an answer's data, so the record and text readers see bytes no checksum filtered.
    return check_answer_data(input);
}

}  // namespace hk::drivers::ga467::fuzz
