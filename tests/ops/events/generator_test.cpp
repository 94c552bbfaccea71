// tools/gen-events.py: refuses a bad catalogue with a message naming the mistake (so the build fails), and
// the checked-in docs/events.md is exactly what it writes from kiosk/events.toml today.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

const fs::path kSourceDir = HUKIOSK_SOURCE_DIR;

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

struct GeneratorRun {
    int exit_code = -1;
    std::string errors;
};

class Generator : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "hukiosk-gen-events-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
    }
    void TearDown() override { fs::remove_all(dir_); }

    // Runs the generator on `catalogue`, writing every output into the temp dir.
    GeneratorRun run(const std::string& catalogue) {
        const fs::path toml = dir_ / "events.toml";
        std::ofstream(toml) << catalogue;
        return run_on(toml);
    }

    GeneratorRun run_on(const fs::path& toml) {
        const std::string command =
            std::string(HUKIOSK_PYTHON3) + " '" + (kSourceDir / "tools" / "gen-events.py").string() +
            "' --catalogue '" + toml.string() + "' --header '" + (dir_ / "event_ids.h").string() +
            "' --source '" + (dir_ / "event_table.cpp").string() + "' --docs '" +
            (dir_ / "events.md").string() + "' 2> '" + (dir_ / "errors").string() + "'";
        const int status = std::system(command.c_str());
        return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(dir_ / "errors")};
    }

    fs::path dir_;
};

std::string event(int id, const std::string& name, const std::string& extra = "",
                  const std::string& kind = "device") {
    return "[[event]]\nid = " + std::to_string(id) + "\nname = \"" + name + "\"\nkind = \"" + kind +
           "\"\nlevel = \"info\"\ndisposition = \"na\"\ndoc = \"Something happened.\"\n" + extra + "\n";
}

TEST_F(Generator, WritesTheEnumFromAGoodCatalogue) {
    const GeneratorRun result =
        run(event(2000, "reader_opened") + event(2001, "reader_closed", "completes = \"reader_opened\""));
    ASSERT_EQ(result.exit_code, 0) << result.errors;
    const std::string header = read_file(dir_ / "event_ids.h");
    EXPECT_THAT(header, HasSubstr("ReaderOpened = 2000,"));
    EXPECT_THAT(header, HasSubstr("ReaderClosed = 2001,"));
    EXPECT_THAT(read_file(dir_ / "event_table.cpp"), HasSubstr("EventId::ReaderOpened}"));
    EXPECT_THAT(read_file(dir_ / "events.md"), HasSubstr("### reader_closed"));
}

TEST_F(Generator, RefusesADuplicateId) {
    const GeneratorRun result = run(event(2000, "reader_opened") + event(2000, "reader_closed"));
    EXPECT_NE(result.exit_code, 0);
    EXPECT_THAT(result.errors, HasSubstr("duplicate id 2000"));
    EXPECT_FALSE(fs::exists(dir_ / "event_ids.h"));
}

TEST_F(Generator, RefusesADuplicateName) {
    const GeneratorRun result = run(event(2000, "reader_opened") + event(2001, "reader_opened"));
    EXPECT_NE(result.exit_code, 0);
    EXPECT_THAT(result.errors, HasSubstr("duplicate name 'reader_opened'"));
}

TEST_F(Generator, RefusesAnUnknownKind) {
    const GeneratorRun result = run(event(2000, "reader_opened", "", "gadget"));
    EXPECT_NE(result.exit_code, 0);
    EXPECT_THAT(result.errors, HasSubstr("unknown kind 'gadget'"));
    EXPECT_THAT(result.errors, HasSubstr("reader_opened"));
}

TEST_F(Generator, RefusesACompletionOfAnEventThatDoesNotExist) {
    const GeneratorRun result = run(event(2001, "reader_closed", "completes = \"reader_opened\""));
    EXPECT_NE(result.exit_code, 0);
    EXPECT_THAT(result.errors, HasSubstr("'reader_opened', which is not in the catalogue"));
}

TEST_F(Generator, RefusesACompletionOfACompletion) {
    const GeneratorRun result =
        run(event(2000, "reader_opened") + event(2001, "reader_closed", "completes = \"reader_opened\"") +
            event(2002, "reader_reclosed", "completes = \"reader_closed\""));
    EXPECT_NE(result.exit_code, 0);
    EXPECT_THAT(result.errors, HasSubstr("itself a completion"));
}

TEST_F(Generator, RefusesUnknownLevelsDispositionsAndKeys) {
    std::string bad = event(2000, "reader_opened");
    bad.replace(bad.find("info"), 4, "loud");
    EXPECT_THAT(run(bad).errors, HasSubstr("unknown level 'loud'"));
    bad = event(2000, "reader_opened");
    bad.replace(bad.find("\"na\""), 4, "\"maybe\"");
    EXPECT_THAT(run(bad).errors, HasSubstr("unknown disposition 'maybe'"));
    EXPECT_THAT(run(event(2000, "reader_opened", "colour = \"red\"")).errors,
                HasSubstr("unknown key `colour`"));
    EXPECT_THAT(run(event(2000, "ReaderOpened")).errors, HasSubstr("snake_case"));
}

TEST_F(Generator, TheKioskCatalogueIsValid) {
    const GeneratorRun result = run_on(kSourceDir / "kiosk" / "events.toml");
    EXPECT_EQ(result.exit_code, 0) << result.errors;
}

TEST_F(Generator, CheckedInDocsAreCurrent) {
    const GeneratorRun result = run_on(kSourceDir / "kiosk" / "events.toml");
    ASSERT_EQ(result.exit_code, 0) << result.errors;
    EXPECT_TRUE(read_file(kSourceDir / "docs" / "events.md") == read_file(dir_ / "events.md"))
        << "docs/events.md is stale: it no longer matches kiosk/events.toml. Regenerate it from the source "
           "tree "
           "with\n  /usr/bin/python3 tools/gen-events.py --catalogue kiosk/events.toml --docs "
           "docs/events.md\n"
           "and check it in.";
}

}  // namespace
