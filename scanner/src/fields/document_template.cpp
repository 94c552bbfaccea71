#include "scanner/fields/document_template.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

namespace hk::scanner::fields {

namespace {

using nlohmann::json;

// Thrown inside the parser only, turned into a TemplateError at its edge.
struct SchemaError {
    std::string key;
    std::string message;
};

const char* type_name(const json& value) {
    return value.type_name();
}

const json& member(const json& object, const std::string& pointer, const char* name) {
    const auto it = object.find(name);
    if (it == object.end()) throw SchemaError{pointer + "/" + name, "missing"};
    return *it;
}

std::string read_string(const json& value, const std::string& key, bool allow_empty = false) {
    if (!value.is_string())
        throw SchemaError{key, std::string("expected a string, found ") + type_name(value)};
    std::string text = value.get<std::string>();
    if (!allow_empty && text.empty()) throw SchemaError{key, "must not be empty"};
    return text;
}

bool read_bool(const json& value, const std::string& key) {
    if (!value.is_boolean())
        throw SchemaError{key, std::string("expected true or false, found ") + type_name(value)};
    return value.get<bool>();
}

double read_fraction(const json& value, const std::string& key) {
    if (!value.is_number())
        throw SchemaError{key, std::string("expected a number, found ") + type_name(value)};
    const double fraction = value.get<double>();
    if (!(fraction >= 0.0 && fraction <= 1.0))
        throw SchemaError{key, "must be a fraction of the page, 0 to 1"};
    return fraction;
}

std::vector<std::string> read_strings(const json& value, const std::string& key, bool allow_empty) {
    if (!value.is_array())
        throw SchemaError{key, std::string("expected an array, found ") + type_name(value)};
    if (!allow_empty && value.empty()) throw SchemaError{key, "must not be empty"};
    std::vector<std::string> out;
    for (std::size_t i = 0; i < value.size(); ++i)
        out.push_back(read_string(value[i], key + "/" + std::to_string(i)));
    return out;
}

void reject_unknown_keys(const json& object, const std::string& pointer,
                         std::initializer_list<const char*> known) {
    for (const auto& [name, unused] : object.items()) {
        if (std::none_of(known.begin(), known.end(), [&](const char* k) { return name == k; })) {
            throw SchemaError{pointer + "/" + name, "unknown key"};
        }
    }
}

void require_object(const json& value, const std::string& key) {
    if (!value.is_object())
        throw SchemaError{key, std::string("expected an object, found ") + type_name(value)};
}

ValueKind read_kind(const json& value, const std::string& key) {
    const std::string name = read_string(value, key);
    static const std::pair<const char*, ValueKind> kKinds[] = {
        {"text", ValueKind::Text},
        {"cjk_name", ValueKind::CjkName},
        {"id_number", ValueKind::IdNumber},
        {"date", ValueKind::Date},
        {"contract_period", ValueKind::ContractPeriod},
        {"document_number", ValueKind::DocumentNumber},
        {"sex", ValueKind::Sex},
    };
    for (const auto& [text, kind] : kKinds) {
        if (name == text) return kind;
    }
    throw SchemaError{key, "unknown kind \"" + name +
                               "\" (text, cjk_name, id_number, date, contract_period, document_number, sex)"};
}

ValuePlace read_place(const json& value, const std::string& key) {
    const std::string name = read_string(value, key);
    if (name == "after") return ValuePlace::After;
    if (name == "below") return ValuePlace::Below;
    if (name == "after_or_below") return ValuePlace::AfterOrBelow;
    if (name == "region") return ValuePlace::Region;
    throw SchemaError{key, "unknown place \"" + name + "\" (after, below, after_or_below, region)"};
}

PageRegion read_region(const json& value, const std::string& key) {
    require_object(value, key);
    reject_unknown_keys(value, key, {"left", "top", "right", "bottom"});
    PageRegion region;
    region.left = read_fraction(member(value, key, "left"), key + "/left");
    region.top = read_fraction(member(value, key, "top"), key + "/top");
    region.right = read_fraction(member(value, key, "right"), key + "/right");
    region.bottom = read_fraction(member(value, key, "bottom"), key + "/bottom");
    if (region.left >= region.right || region.top >= region.bottom) {
        throw SchemaError{key, "left must be less than right and top less than bottom"};
    }
    return region;
}

FieldSpec read_field(const json& value, const std::string& key) {
    require_object(value, key);
    reject_unknown_keys(value, key,
                        {"id", "labels", "place", "region", "kind", "required", "occurrence",
                         "future_allowed", "birth_date_of"});
    FieldSpec field;
    field.id = read_string(member(value, key, "id"), key + "/id");
    field.kind = read_kind(member(value, key, "kind"), key + "/kind");
    field.required = read_bool(member(value, key, "required"), key + "/required");
    if (value.contains("place")) field.place = read_place(value["place"], key + "/place");
    if (value.contains("region")) field.region = read_region(value["region"], key + "/region");
    if (field.place == ValuePlace::Region && !field.region) throw SchemaError{key + "/region", "missing"};
    field.labels =
        read_strings(member(value, key, "labels"), key + "/labels", field.place == ValuePlace::Region);
    if (value.contains("occurrence")) {
        const json& occurrence = value["occurrence"];
        if (!occurrence.is_number_integer() || occurrence.get<long long>() < 1 ||
            occurrence.get<long long>() > 99) {
            throw SchemaError{key + "/occurrence", "expected a whole number from 1 to 99"};
        }
        field.occurrence = occurrence.get<int>();
    }
    if (value.contains("future_allowed")) {
        field.future_allowed = read_bool(value["future_allowed"], key + "/future_allowed");
    }
    if (value.contains("birth_date_of")) {
        field.birth_date_of = read_string(value["birth_date_of"], key + "/birth_date_of");
        if (field.kind != ValueKind::Date)
            throw SchemaError{key + "/birth_date_of", "only a date field can have it"};
    }
    return field;
}

DocumentTemplate read_template(const json& root) {
    require_object(root, "");
    reject_unknown_keys(root, "", {"type", "display_name", "markers", "fields"});
    DocumentTemplate document;
    document.type = read_string(member(root, "", "type"), "/type");
    const json& names = member(root, "", "display_name");
    require_object(names, "/display_name");
    reject_unknown_keys(names, "/display_name", {"zh_CN", "en", "ko"});
    document.display_name.zh_CN = read_string(member(names, "/display_name", "zh_CN"), "/display_name/zh_CN");
    document.display_name.en = read_string(member(names, "/display_name", "en"), "/display_name/en");
    document.display_name.ko = read_string(member(names, "/display_name", "ko"), "/display_name/ko");
    document.markers = read_strings(member(root, "", "markers"), "/markers", false);

    const json& fields = member(root, "", "fields");
    if (!fields.is_array())
        throw SchemaError{"/fields", std::string("expected an array, found ") + type_name(fields)};
    if (fields.empty()) throw SchemaError{"/fields", "must not be empty"};
    std::set<std::string> ids;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const std::string key = "/fields/" + std::to_string(i);
        FieldSpec field = read_field(fields[i], key);
        if (!ids.insert(field.id).second)
            throw SchemaError{key + "/id", "duplicate field id \"" + field.id + "\""};
        document.fields.push_back(std::move(field));
    }
    for (std::size_t i = 0; i < document.fields.size(); ++i) {
        const FieldSpec& field = document.fields[i];
        if (field.birth_date_of.empty()) continue;
        const FieldSpec* id_field = document.field(field.birth_date_of);
        if (id_field == nullptr || id_field->kind != ValueKind::IdNumber) {
            throw SchemaError{"/fields/" + std::to_string(i) + "/birth_date_of",
                              "\"" + field.birth_date_of + "\" is not an id_number field of this template"};
        }
    }
    return document;
}

}  // namespace

const FieldSpec* DocumentTemplate::field(std::string_view id) const {
    for (const FieldSpec& spec : fields) {
        if (spec.id == id) return &spec;
    }
    return nullptr;
}

std::string TemplateError::describe() const {
    std::string text = file;
    if (!key.empty()) text += ": " + key;
    return text + ": " + message;
}

std::expected<DocumentTemplate, TemplateError> parse_template(std::string_view json_text,
                                                              std::string_view source_name) {
    json root;
    try {
        root = json::parse(json_text);
    } catch (const json::exception& e) {
        return std::unexpected(
            TemplateError{std::string(source_name), "", std::string("not valid JSON: ") + e.what()});
    }
    try {
        return read_template(root);
    } catch (const SchemaError& e) {
        return std::unexpected(
            TemplateError{std::string(source_name), e.key.empty() ? "/" : e.key, e.message});
    } catch (const json::exception& e) {
        return std::unexpected(TemplateError{std::string(source_name), "", e.what()});
    }
}

std::expected<DocumentTemplate, TemplateError> load_template(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::unexpected(TemplateError{file.string(), "", "cannot be opened"});
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return std::unexpected(TemplateError{file.string(), "", "cannot be read"});
    return parse_template(text.str(), file.string());
}

std::expected<std::vector<DocumentTemplate>, TemplateError> load_templates(
    const std::filesystem::path& directory) {
    std::error_code error;
    std::vector<std::filesystem::path> files;
    for (std::filesystem::directory_iterator it(directory, error), end; !error && it != end;
         it.increment(error)) {
        if (it->path().extension() == ".json") files.push_back(it->path());
    }
    if (error)
        return std::unexpected(TemplateError{directory.string(), "", "cannot be listed: " + error.message()});
    std::sort(files.begin(), files.end());
    std::vector<DocumentTemplate> templates;
    std::set<std::string> types;
    for (const auto& file : files) {
        auto document = load_template(file);
        if (!document) return std::unexpected(document.error());
        if (!types.insert(document->type).second) {
            return std::unexpected(
                TemplateError{file.string(), "/type", "another template already has this type"});
        }
        templates.push_back(std::move(*document));
    }
    return templates;
}

}  // namespace hk::scanner::fields
