#include "drivers/icao9303/dg11_dg12.h"

#include <string_view>
#include <type_traits>
#include <utility>

#include "drivers/icao9303/lds_files.h"
#include "drivers/iso7816/ber_tlv.h"

namespace hk::drivers::icao9303 {

using iso7816::Bytes;
using iso7816::ByteView;
using iso7816::Tlv;

namespace {

std::string_view text(ByteView value) {
    return {reinterpret_cast<const char*>(value.data()), value.size()};
}

ByteView bytes(std::string_view value) {
    return {reinterpret_cast<const std::uint8_t*>(value.data()), value.size()};
}

// The children of file `tag`; the file must be one whole TLV.
std::expected<std::vector<Tlv>, LdsError> open(ByteView file, std::uint8_t tag) {
    const auto outer = iso7816::parse_tlv(file);
    if (!outer || outer->whole.size() != file.size()) return std::unexpected(LdsError::Malformed);
    if (outer->tag != tag) return std::unexpected(LdsError::WrongTag);
    auto fields = iso7816::parse_tlv_sequence(outer->value);
    if (!fields) return std::unexpected(LdsError::Malformed);
    return std::move(*fields);
}

// "Other names" / "other persons" (A0: 02 count, then repeated `tag`).
std::expected<std::vector<PersonalString>, LdsError> repeated(ByteView value, std::uint32_t tag) {
    const auto items = iso7816::parse_tlv_sequence(value);
    if (!items) return std::unexpected(LdsError::Malformed);
    std::vector<PersonalString> out;
    for (const Tlv& item : *items)
        if (item.tag == tag) out.emplace_back(text(item.value));
    return out;
}

class FileWriter {
  public:
    template <typename Text>
    void add(std::uint32_t tag, const std::optional<Text>& value) {
        if (!value) return;
        if constexpr (std::is_same_v<Text, PersonalString>) {
            put(tag, bytes(value->reveal()));
        } else {
            put(tag, bytes(*value));
        }
    }
    void put(std::uint32_t tag, ByteView value) {
        const Bytes tlv = iso7816::encode_tlv(tag, value);
        body_.insert(body_.end(), tlv.begin(), tlv.end());
        if (tag > 0xFF) tags_.push_back(static_cast<std::uint8_t>(tag >> 8));
        tags_.push_back(static_cast<std::uint8_t>(tag & 0xFF));
    }
    Bytes finish(std::uint8_t file_tag) const {
        Bytes value = iso7816::encode_tlv(0x5C, tags_);
        value.insert(value.end(), body_.begin(), body_.end());
        return iso7816::encode_tlv(file_tag, value);
    }

  private:
    Bytes tags_;
    Bytes body_;
};

}  // namespace

void AdditionalPersonalDetails::wipe() noexcept {
    for (auto* field :
         {&full_name, &personal_number, &full_birth_date, &place_of_birth, &address, &telephone, &profession,
          &title, &personal_summary, &other_travel_documents, &custody_information})
        if (*field) (*field)->wipe();
    for (PersonalString& name : other_names) name.wipe();
    other_names.clear();
}

std::expected<AdditionalPersonalDetails, LdsError> parse_dg11(ByteView file) {
    auto fields = open(file, lds_tag::kDg11);
    if (!fields) return std::unexpected(fields.error());
    AdditionalPersonalDetails out;
    for (const Tlv& field : *fields) {
        PersonalString value(text(field.value));
        switch (field.tag) {
            case 0x5F0E:
                out.full_name = std::move(value);
                break;
            case 0x5F10:
                out.personal_number = std::move(value);
                break;
            case 0x5F2B:
                out.full_birth_date = std::move(value);
                break;
            case 0x5F11:
                out.place_of_birth = std::move(value);
                break;
            case 0x5F42:
                out.address = std::move(value);
                break;
            case 0x5F12:
                out.telephone = std::move(value);
                break;
            case 0x5F13:
                out.profession = std::move(value);
                break;
            case 0x5F14:
                out.title = std::move(value);
                break;
            case 0x5F15:
                out.personal_summary = std::move(value);
                break;
            case 0x5F17:
                out.other_travel_documents = std::move(value);
                break;
            case 0x5F18:
                out.custody_information = std::move(value);
                break;
            case 0x5F0F:
                out.other_names.push_back(std::move(value));
                break;  // some issuers omit A0
            case 0xA0: {
                auto names = repeated(field.value, 0x5F0F);
                if (!names) return std::unexpected(names.error());
                for (PersonalString& name : *names) out.other_names.push_back(std::move(name));
                break;
            }
            default:
                break;  // 5C tag list, proof of citizenship image (5F16), newer tags
        }
    }
    return out;
}

std::expected<AdditionalDocumentDetails, LdsError> parse_dg12(ByteView file) {
    auto fields = open(file, lds_tag::kDg12);
    if (!fields) return std::unexpected(fields.error());
    AdditionalDocumentDetails out;
    for (const Tlv& field : *fields) {
        const std::string_view value = text(field.value);
        switch (field.tag) {
            case 0x5F19:
                out.issuing_authority = std::string(value);
                break;
            case 0x5F26:
                out.date_of_issue = std::string(value);
                break;
            case 0x5F1B:
                out.endorsements = PersonalString(value);
                break;
            case 0x5F1C:
                out.tax_exit_requirements = PersonalString(value);
                break;
            case 0x5F55:
                out.personalization_time = std::string(value);
                break;
            case 0x5F56:
                out.personalization_device = std::string(value);
                break;
            case 0xA0: {
                auto persons = repeated(field.value, 0x5F1A);
                if (!persons) return std::unexpected(persons.error());
                out.other_persons = std::move(*persons);
                break;
            }
            default:
                break;  // 5C tag list, document images 5F1D / 5F1E, newer tags
        }
    }
    return out;
}

Bytes encode_dg11(const AdditionalPersonalDetails& details) {
    FileWriter writer;
    writer.add(0x5F0E, details.full_name);
    writer.add(0x5F10, details.personal_number);
    writer.add(0x5F2B, details.full_birth_date);
    writer.add(0x5F11, details.place_of_birth);
    writer.add(0x5F42, details.address);
    writer.add(0x5F12, details.telephone);
    writer.add(0x5F13, details.profession);
    writer.add(0x5F14, details.title);
    writer.add(0x5F15, details.personal_summary);
    writer.add(0x5F17, details.other_travel_documents);
    writer.add(0x5F18, details.custody_information);
    return writer.finish(lds_tag::kDg11);
}

Bytes encode_dg12(const AdditionalDocumentDetails& details) {
    FileWriter writer;
    writer.add(0x5F19, details.issuing_authority);
    writer.add(0x5F26, details.date_of_issue);
    writer.add(0x5F1B, details.endorsements);
    writer.add(0x5F1C, details.tax_exit_requirements);
    writer.add(0x5F55, details.personalization_time);
    writer.add(0x5F56, details.personalization_device);
    return writer.finish(lds_tag::kDg12);
}

}  // namespace hk::drivers::icao9303
