#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "drivers/chip_reader.h"

namespace hk::drivers {
namespace {

ChipDocument sample_document() {
    ChipDocument document;
    document.document_type = PersonalString{"P"};
    document.issuing_state = PersonalString{"UTO"};
    document.surname = PersonalString{"ERIKSSON"};
    document.given_names = PersonalString{"ANNA MARIA"};
    document.document_number = PersonalString{"L898902C3"};
    document.nationality = PersonalString{"UTO"};
    document.birth_date = PersonalString{"740812"};
    document.sex = PersonalString{"F"};
    document.expiry_date = PersonalString{"120415"};
    document.personal_number = PersonalString{"ZE184226B"};
    document.face_image = std::vector<std::uint8_t>(4096, 0xFF);
    document.authentication.passive = CheckOutcome::Passed;
    return document;
}

TEST(ChipDocument, WipeEmptiesEveryPersonalField) {
    ChipDocument document = sample_document();
    document.wipe();
    for (const PersonalString* field :
         {&document.document_type, &document.issuing_state, &document.surname, &document.given_names,
          &document.document_number, &document.nationality, &document.birth_date, &document.sex,
          &document.expiry_date, &document.personal_number}) {
        EXPECT_TRUE(field->empty());
    }
}

TEST(ChipDocument, WipeDropsTheFaceImageAndResetsTheChecks) {
    ChipDocument document = sample_document();
    document.authentication.reason = "SOD signer not in trust list";
    document.wipe();
    EXPECT_TRUE(document.face_image.empty());
    EXPECT_EQ(document.authentication.passive, CheckOutcome::NotPossible);
    EXPECT_EQ(document.authentication.active_or_chip, CheckOutcome::NotPossible);
    EXPECT_TRUE(document.authentication.reason.empty());
}

TEST(ChipDocument, WipeOfAnEmptyDocumentIsHarmless) {
    ChipDocument document;
    document.wipe();
    EXPECT_TRUE(document.surname.empty());
    EXPECT_TRUE(document.face_image.empty());
}

}  // namespace
}  // namespace hk::drivers
