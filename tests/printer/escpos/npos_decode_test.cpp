// Our bytes read back by someone else's parser: npos (run with node, tests/printer/escpos/npos/decode.js)
// splits the job into commands, iconv-lite decodes the GB18030 text. Text, styles, QR payload and the cut
// must come out as the receipt said; lines the printer font lacks come out as rasters instead of text.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "printer/escpos/encoder.h"
#include "printer/escpos/escpos_receipt_printer.h"
#include "printer_test_support.h"
#include "sink_process.h"

namespace hk::printer::escpos {
namespace {

using nlohmann::json;

const std::filesystem::path kDecoderDir =
    std::filesystem::path(HUKIOSK_SOURCE_DIR) / "tests/printer/escpos/npos";

// Runs decode.js on the bytes; fails the test (never skips it) when node or the npm packages are missing.
json decoded(const printer::testing::TempFolder& folder, const std::vector<std::uint8_t>& bytes) {
    if (!std::filesystem::exists(kDecoderDir / "node_modules/npos")) {
        ADD_FAILURE() << kDecoderDir << "/node_modules is missing: run tools/npm-deps.sh (make deps) first";
        return {};
    }
    const std::filesystem::path file = folder.path() / "job.bin";
    printer::testing::write_bytes(file, bytes);
    const auto output =
        printer::testing::run("node '" + (kDecoderDir / "decode.js").string() + "' '" + file.string() + "'");
    if (!output) {
        ADD_FAILURE() << "node decode.js failed on the job (is node installed?)";
        return {};
    }
    return json::parse(*output);
}

std::vector<json> non_empty_lines(const json& job) {
    std::vector<json> lines;
    for (const json& line : job.value("lines", json::array())) {
        if (!line["text"].get<std::string>().empty()) lines.push_back(line);
    }
    return lines;
}

TEST(EscPosNposDecode, TextStylesQrAndCutComeOutAsIntended) {
    const Receipt receipt{.lines = {{"户籍业务受理回执", ReceiptStyle::Large},
                                    {"受理编号 Tracking no.: A2026-004711", ReceiptStyle::Bold},
                                    {"请凭此回执查询办理进度。", ReceiptStyle::Normal},
                                    {"Kiosk 0042", ReceiptStyle::Centred}},
                          .qr_text = "https://hukou.example.cn/track/A2026-004711"};
    printer::testing::TempFolder folder;
    const json job =
        decoded(folder, encode_receipt(receipt, profile_by_name("generic-80").value()).value().bytes);
    const std::vector<json> lines = non_empty_lines(job);
    ASSERT_EQ(lines.size(), 4U) << job.dump();
    EXPECT_EQ(lines[0]["text"], "户籍业务受理回执");
    EXPECT_EQ(lines[0]["large"], true);
    EXPECT_EQ(lines[0]["align"], "centre");
    EXPECT_EQ(lines[1]["text"], "受理编号 Tracking no.: A2026-004711");
    EXPECT_EQ(lines[1]["bold"], true);
    EXPECT_EQ(lines[1]["align"], "left");
    EXPECT_EQ(lines[2]["text"], "请凭此回执查询办理进度。");
    EXPECT_EQ(lines[2]["bold"], false);
    EXPECT_EQ(lines[3]["align"], "centre");
    EXPECT_EQ(job["qr"], json::array({"https://hukou.example.cn/track/A2026-004711"}));
    EXPECT_EQ(job["cut"], true);
    EXPECT_EQ(job["rasters"], 0);
    EXPECT_EQ(job["paper_requests"], 1);
}

TEST(EscPosNposDecode, HangulLineIsARasterOfInkNotText) {
    const Receipt receipt{.lines = {{"접수증"}, {"受理"}}};
    printer::testing::TempFolder folder;
    const json job =
        decoded(folder, encode_receipt(receipt, profile_by_name("generic-80").value()).value().bytes);
    const std::vector<json> lines = non_empty_lines(job);
    ASSERT_EQ(lines.size(), 1U) << job.dump();
    EXPECT_EQ(lines[0]["text"], "受理");
    ASSERT_EQ(job["rasters"], 1);
    EXPECT_EQ(job["raster_sizes"][0]["width"], 576);
    EXPECT_GT(job["raster_sizes"][0]["dark"].get<int>(), 100) << "the raster has the glyphs' ink";
}

TEST(EscPosNposDecode, BasicProfileSendsQrAndChineseAsRastersAndBarcodeAsCode128) {
    const Receipt receipt{
        .lines = {{"户籍"}, {"ASCII only"}}, .qr_text = "A2026-004711", .barcode = "A2026-004711"};
    printer::testing::TempFolder folder;
    const json job =
        decoded(folder, encode_receipt(receipt, profile_by_name("basic-80").value()).value().bytes);
    EXPECT_EQ(job["qr"], json::array());
    EXPECT_EQ(job["rasters"], 2) << "the Chinese line and the QR code";
    ASSERT_EQ(job["barcodes"].size(), 1U);
    EXPECT_EQ(job["barcodes"][0]["type"], 73);
    EXPECT_EQ(job["barcodes"][0]["data"], "{BA2026-004711");
    const std::vector<json> lines = non_empty_lines(job);
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines[0]["text"], "ASCII only");
}

TEST(EscPosNposDecode, WhatTheSinkReceivedDecodesToo) {
    printer::testing::TempFolder folder;
    const std::filesystem::path out = folder.path() / "sink.bin";
    {
        testing::SinkProcess sink({"--out", out.string()});
        EscPosOptions options;
        options.port = sink.port();
        auto printer = make_escpos_receipt_printer(options).value();
        ASSERT_TRUE(printer->print(printer::testing::sample_receipt()).has_value());
    }
    const json job = decoded(folder, testing::read_file(out));
    EXPECT_EQ(job["qr"], json::array({printer::testing::sample_receipt().qr_text}));
    EXPECT_EQ(job["cut"], true);
    // DLE EOT 1..4 before the job; after it the answer to GS r 1 confirms the receipt, so no second round.
    EXPECT_EQ(job["status_requests"], 4);
    EXPECT_EQ(job["paper_requests"], 1);
    const std::vector<json> lines = non_empty_lines(job);
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines[0]["text"], "户籍业务受理回执");
}

}  // namespace
}  // namespace hk::printer::escpos
