// The fuzz entry under GoogleTest, so every build (g++ included) exercises it: the seed corpus as is, then
// 20,000 deterministic mutations of it. The libFuzzer target (clang) explores further from the same corpus.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "answer_mutator.h"
#include "central/central_json.h"
#include "central_answer_entry.h"

namespace hk::kiosk::central::fuzz {
namespace {

struct CorpusFile {
    std::string name;
    std::string bytes;
};

std::vector<CorpusFile> corpus() {
    std::vector<CorpusFile> files;
    const std::filesystem::path dir =
        std::filesystem::path(HUKIOSK_SOURCE_DIR) / "tests/fuzz/corpus/central_answer";
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        files.push_back({entry.path().filename().string(), bytes.str()});
    }
    // Directory order is the file system's; the mutations must not depend on it.
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return files;
}

TEST(CentralAnswerFuzz, CorpusHoldsValidAnswersOfEveryKind) {
    int read = 0;
    for (const CorpusFile& file : corpus()) {
        if (file.name.starts_with("certificate")) read += parse_certificate(file.bytes).has_value();
        if (file.name.starts_with("eligibility")) read += parse_eligibility(file.bytes).has_value();
        if (file.name.starts_with("receipt")) read += parse_application_receipt(file.bytes).has_value();
        if (file.name.starts_with("status")) read += parse_application_status(file.bytes).has_value();
        if (file.name.starts_with("handling_points")) read += parse_handling_points(file.bytes).has_value();
        if (file.name.starts_with("error")) read += parse_error_body(file.bytes).has_value();
    }
    EXPECT_EQ(read, 7);
}

TEST(CentralAnswerFuzz, CorpusKeepsEveryPromise) {
    for (const CorpusFile& file : corpus()) EXPECT_EQ(check_central_answer(file.bytes), "") << file.name;
}

TEST(CentralAnswerFuzz, TwentyThousandMutationsKeepEveryPromise) {
    const std::vector<CorpusFile> files = corpus();
    ASSERT_FALSE(files.empty());
    std::mt19937 random(20261122);
    int broken = 0;
    for (int i = 0; i < 20000; ++i) {
        const std::string input =
            mutate_answer(files[static_cast<std::size_t>(i) % files.size()].bytes, random);
        const std::string problem = check_central_answer(input);
        if (!problem.empty() && ++broken <= 5) ADD_FAILURE() << "mutation " << i << ": " << problem;
    }
    EXPECT_EQ(broken, 0);
}

}  // namespace
}  // namespace hk::kiosk::central::fuzz
