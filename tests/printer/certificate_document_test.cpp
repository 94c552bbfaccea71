// A certificate document forgets everything it held when it is wiped at the end of a session.
#include <gtest/gtest.h>

#include "printer/certificate_document.h"
#include "printer_test_support.h"

namespace hk::printer {
namespace {

TEST(CertificateDocument, WipeEmptiesEveryFieldAndString) {
    CertificateDocument document = testing::sample_certificate();
    document.wipe();
    EXPECT_TRUE(document.fields.empty());
    EXPECT_TRUE(document.title.empty());
    EXPECT_TRUE(document.subtitle.empty());
    EXPECT_TRUE(document.serial.empty());
    EXPECT_TRUE(document.issued_on.empty());
    EXPECT_TRUE(document.issuer.empty());
    EXPECT_TRUE(document.statement.empty());
    EXPECT_TRUE(document.proof_payload.empty());
    EXPECT_TRUE(document.verification_code.empty());
}

TEST(CertificateDocument, WipeOverwritesTheStatementBuffer) {
    CertificateDocument document = testing::sample_certificate();
    const char* buffer = document.statement.data();
    const std::size_t length = document.statement.size();
    document.wipe();
    // clear() keeps the allocation, so the old bytes are still readable through the same buffer: all zero
    // now.
    ASSERT_EQ(document.statement.data(), buffer);
    std::size_t left = 0;
    for (std::size_t i = 0; i < length; ++i) left += buffer[i] != '\0' ? 1 : 0;
    EXPECT_EQ(left, 0U) << "bytes of the statement left in memory";
}

TEST(CertificateDocument, WipedDocumentCanBeWipedAgain) {
    CertificateDocument document = testing::sample_certificate();
    document.wipe();
    document.wipe();
    EXPECT_TRUE(document.fields.empty());
}

}  // namespace
}  // namespace hk::printer
