#include "personal_data_redaction.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace hk::ops {
namespace {

constexpr std::string_view kRedacted = "[redacted]";

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_mrz_char(char c) {
    return (c >= 'A' && c <= 'Z') || is_digit(c) || c == '<';
}

// GB 11643: the 18th character is the ISO 7064 MOD 11-2 check of the first 17 digits.
bool has_valid_id_check(std::string_view id) {
    static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static constexpr std::string_view kCheck = "10X98765432";
    int sum = 0;
    for (std::size_t i = 0; i < kWeights.size(); ++i) sum += (id[i] - '0') * kWeights[i];
    const char expected = kCheck[static_cast<std::size_t>(sum % 11)];
    const char actual = id[17] == 'x' ? 'X' : id[17];
    return actual == expected;
}

// Lengths of one MRZ line (TD1 30, TD2 36, TD3 44) and of a whole zone printed without line breaks.
bool is_mrz_length(std::size_t length) {
    static constexpr std::array<std::size_t, 7> kLengths = {30, 36, 44, 60, 72, 88, 90};
    return std::find(kLengths.begin(), kLengths.end(), length) != kLengths.end();
}

std::size_t redact_mrz_runs(std::string& text) {
    std::string out;
    out.reserve(text.size());
    std::size_t count = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        if (!is_mrz_char(text[i])) {
            out += text[i++];
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && is_mrz_char(text[end])) ++end;
        const std::string_view run(text.data() + i, end - i);
        if (is_mrz_length(run.size()) && run.find('<') != std::string_view::npos) {
            out += kRedacted;
            ++count;
        } else {
            out += run;
        }
        i = end;
    }
    text = std::move(out);
    return count;
}

std::size_t redact_id_numbers(std::string& text) {
    std::string out;
    out.reserve(text.size());
    std::size_t count = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        if (!is_digit(text[i])) {
            out += text[i++];
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && is_digit(text[end])) ++end;
        std::size_t length = end - i;
        if (length == 17 && end < text.size() && (text[end] == 'X' || text[end] == 'x')) {
            const bool more_after = end + 1 < text.size() &&
                                    (is_digit(text[end + 1]) || text[end + 1] == 'X' || text[end + 1] == 'x');
            if (!more_after) length = 18;
        } else if (length == 18 && end < text.size() && (text[end] == 'X' || text[end] == 'x')) {
            length = 0;  // 19 characters: not an ID number
        }
        if (length == 18 && has_valid_id_check(std::string_view(text.data() + i, 18))) {
            out += kRedacted;
            ++count;
            i += 18;
        } else {
            out.append(text, i, end - i);
            i = end;
        }
    }
    text = std::move(out);
    return count;
}

std::size_t redact_secrets(std::string& text, const std::vector<std::string>& secrets) {
    std::vector<std::string_view> ordered;
    for (const auto& secret : secrets) {
        if (!secret.empty()) ordered.emplace_back(secret);
    }
    if (ordered.empty()) return 0;
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](std::string_view a, std::string_view b) { return a.size() > b.size(); });

    const std::string_view input(text);
    std::string out;
    out.reserve(text.size());
    std::size_t count = 0;
    std::size_t i = 0;
    while (i < input.size()) {
        const std::string_view rest = input.substr(i);
        // What is already redacted stays as it is: a secret like "act" must not eat into "[redacted]".
        if (rest.starts_with(kRedacted)) {
            out += kRedacted;
            i += kRedacted.size();
            continue;
        }
        const auto match = std::find_if(ordered.begin(), ordered.end(),
                                        [&](std::string_view secret) { return rest.starts_with(secret); });
        if (match != ordered.end()) {
            out += kRedacted;
            ++count;
            i += match->size();
        } else {
            out += input[i++];
        }
    }
    text = std::move(out);
    return count;
}

}  // namespace

std::size_t redact_personal_data(std::string& text, const std::vector<std::string>& secrets) {
    std::size_t count = redact_mrz_runs(text);
    count += redact_id_numbers(text);
    count += redact_secrets(text, secrets);
    return count;
}

}  // namespace hk::ops
