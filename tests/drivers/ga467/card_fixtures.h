// Synthetic cards for the GA 467 tests: consistent by construction, so a test breaks one rule at a time.
#pragma once

#include <string>

#include "drivers/ga467/text_block.h"
#include "drivers/resident_id_reader.h"

namespace hk::drivers::ga467::test {

// A number for a birth date and a sequence (odd: male), with its check character computed by the code
// under test's sibling, resident_id_check_character (itself tested against the standard in drivers_test).
inline std::string id_number(const std::string& birth, const std::string& sequence) {
    const std::string first17 = "110105" + birth + sequence;
    return first17 + resident_id_check_character(first17);
}

inline TextBlockFields valid_fields() {
    TextBlockFields fields;
    fields.name = "张示例";
    fields.sex_code = "1";
    fields.nation_code = "01";
    fields.birth_date = "19800101";
    fields.address = "北京市东城区示例路1号";
    fields.id_number = id_number("19800101", "001");
    fields.issuing_authority = "北京市公安局东城分局";
    fields.valid_from = "20100101";
    fields.valid_until = "20300101";
    return fields;
}

}  // namespace hk::drivers::ga467::test
