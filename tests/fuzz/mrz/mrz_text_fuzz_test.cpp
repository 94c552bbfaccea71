// The MRZ parser's fuzz entry under GoogleTest, so every build exercises it: the ICAO specimens of every
// format and the checked-in corpus, then 20,000 deterministic mutations of the kinds OCR produces (a
// character misread, dropped or doubled, a line lost, split or repeated, stray blanks) and of the kinds it
// should never produce.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "mrz_text_entry.h"
#include "scanner/mrz.h"

namespace hk::scanner::fuzz {
namespace {

const std::vector<std::string> kSpecimens = {
    // 9303-4 (TD3), -6 (TD2), -5 (TD1), -7 (MRV-A, MRV-B).
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
    "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6",
    "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    "VNUTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8988901C4XXX4009078F96121096ZE184226B<<<<<<",
    "VNUTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nL8988901C4XXX4009078F9612109<<<<<<<<",
    // TD1 with a twelve-character document number overflowing into the optional data (9303-5 note j).
    "I<UTOD23145890<AB118<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<",
};

std::vector<std::string> seeds() {
    std::vector<std::string> inputs = kSpecimens;
    const std::filesystem::path corpus = std::filesystem::path(HUKIOSK_SOURCE_DIR) / "tests/fuzz/mrz/corpus";
    if (std::filesystem::is_directory(corpus)) {
        for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
            std::ifstream file(entry.path(), std::ios::binary);
            inputs.emplace_back(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
        }
    }
    return inputs;
}

std::size_t below(std::mt19937& random, std::size_t n) {
    return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(random);
}

// One to three mutations of `text`, chosen by `random`.
std::string mutate(std::string text, std::mt19937& random) {
    static const std::string kMrzCharacters = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<";
    const std::size_t count = 1 + below(random, 3);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t at = below(random, text.size() + 1);
        switch (below(random, 9)) {
            case 0:
            case 1:
            case 2:  // a misread: the commonest OCR error, and the one check digits are for
                if (at < text.size()) text[at] = kMrzCharacters[below(random, kMrzCharacters.size())];
                break;
            case 3:  // a byte no MRZ holds
                if (at < text.size()) text[at] = static_cast<char>(below(random, 256));
                break;
            case 4:  // a character lost
                if (at < text.size()) text.erase(at, 1);
                break;
            case 5:  // a character doubled or a stray blank
                text.insert(
                    at, 1,
                    below(random, 2) == 0 ? ' ' : kMrzCharacters[below(random, kMrzCharacters.size())]);
                break;
            case 6: {  // a line repeated or lost
                const std::size_t end = text.find('\n');
                if (end == std::string::npos) break;
                if (below(random, 2) == 0)
                    text = text.substr(0, end + 1) + text;
                else
                    text.erase(0, end + 1);
                break;
            }
            case 7:  // another document code
                if (!text.empty()) text[0] = "PVIAC"[below(random, 5)];
                break;
            default:  // cut short, or blanks and line ends around
                if (below(random, 2) == 0)
                    text.resize(at);
                else
                    text = "\r\n " + text + " \r\n\n";
                break;
        }
    }
    return text;
}

TEST(MrzTextFuzz, SpecimensParseAndKeepEveryPromise) {
    for (const std::string& specimen : kSpecimens) {
        std::vector<std::string> lines;
        for (std::size_t start = 0; start <= specimen.size();) {
            const std::size_t end = std::min(specimen.find('\n', start), specimen.size());
            lines.push_back(specimen.substr(start, end - start));
            start = end + 1;
        }
        EXPECT_TRUE(parse_mrz(lines).has_value()) << specimen;
        EXPECT_EQ(check_mrz_text(specimen), "") << specimen;
    }
}

TEST(MrzTextFuzz, TwentyThousandMutationsKeepEveryPromise) {
    const std::vector<std::string> inputs = seeds();
    std::mt19937 random(20261123);
    std::size_t accepted = 0;
    for (int i = 0; i < 20000; ++i) {
        const std::string input = mutate(inputs[below(random, inputs.size())], random);
        const std::string problem = check_mrz_text(input);
        ASSERT_EQ(problem, "") << "mutation " << i << ":\n" << input;
        // Counted separately so the promises above are known to have been tested on accepted MRZs too.
        std::vector<std::string> lines;
        for (std::size_t start = 0; start <= input.size();) {
            const std::size_t end = std::min(input.find('\n', start), input.size());
            lines.push_back(input.substr(start, end - start));
            start = end + 1;
        }
        accepted += parse_mrz(lines).has_value();
    }
    // A misread in a name or in fillers is invisible to check digits, so a share of mutants still parse.
    EXPECT_GT(accepted, 1000U);
    EXPECT_LT(accepted, 15000U);
}

}  // namespace
}  // namespace hk::scanner::fuzz
