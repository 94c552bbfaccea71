#include "sane_options.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace hk::scanner::sane::detail {

namespace {

// SANE_FIX / SANE_UNFIX are C macros with old-style casts; these are the same 16.16 fixed-point conversions.
constexpr double kFixedScale = 65536.0;
SANE_Word to_fixed(double value) {
    return static_cast<SANE_Word>(std::lround(value * kFixedScale));
}
double from_fixed(SANE_Word word) {
    return static_cast<double>(word) / kFixedScale;
}

bool is_active(SANE_Int cap) {
    return (cap & SANE_CAP_INACTIVE) == 0;
}
bool is_settable(SANE_Int cap) {
    return (cap & SANE_CAP_SOFT_SELECT) != 0;
}

std::string lower(std::string_view text) {
    std::string out{text};
    std::ranges::transform(out, out.begin(), [](char c) {
        return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
    return out;
}

struct FoundOption {
    SANE_Int number;
    const SANE_Option_Descriptor* descriptor;
};

std::expected<FoundOption, std::string> find_option(SANE_Handle handle, std::string_view name) {
    // Option 0 always exists and holds the number of options.
    SANE_Int count = 0;
    if (sane_control_option(handle, 0, SANE_ACTION_GET_VALUE, &count, nullptr) != SANE_STATUS_GOOD) {
        return std::unexpected(std::string{"cannot read the option count"});
    }
    for (SANE_Int number = 1; number < count; ++number) {
        const SANE_Option_Descriptor* descriptor = sane_get_option_descriptor(handle, number);
        if (descriptor == nullptr || descriptor->name == nullptr || name != descriptor->name) continue;
        if (!is_active(descriptor->cap))
            return std::unexpected("option '" + std::string{name} + "' is inactive");
        if (!is_settable(descriptor->cap)) {
            return std::unexpected("option '" + std::string{name} + "' is not settable");
        }
        return FoundOption{number, descriptor};
    }
    return std::unexpected("device has no option '" + std::string{name} + "'");
}

bool is_single_word(const SANE_Option_Descriptor& descriptor) {
    return descriptor.size == static_cast<SANE_Int>(sizeof(SANE_Word));
}

std::expected<void, std::string> control(SANE_Handle handle, const FoundOption& option, void* value) {
    SANE_Int info = 0;
    const SANE_Status status =
        sane_control_option(handle, option.number, SANE_ACTION_SET_VALUE, value, &info);
    if (status != SANE_STATUS_GOOD) {
        return std::unexpected("setting option '" + std::string{option.descriptor->name} +
                               "' failed: " + sane_strstatus(status));
    }
    return {};
}

double word_value(const SANE_Option_Descriptor& descriptor, SANE_Word word) {
    return descriptor.type == SANE_TYPE_FIXED ? from_fixed(word) : static_cast<double>(word);
}

// The allowed value nearest to `wanted` under the option's constraint, in the option's own units.
double nearest_allowed(const SANE_Option_Descriptor& descriptor, double wanted) {
    if (descriptor.constraint_type == SANE_CONSTRAINT_RANGE && descriptor.constraint.range != nullptr) {
        const SANE_Range& range = *descriptor.constraint.range;
        const double low = word_value(descriptor, range.min);
        const double high = word_value(descriptor, range.max);
        const double step = word_value(descriptor, range.quant);
        double value = std::clamp(wanted, low, high);
        if (step > 0) value = std::min(high, low + std::round((value - low) / step) * step);
        return value;
    }
    if (descriptor.constraint_type == SANE_CONSTRAINT_WORD_LIST &&
        descriptor.constraint.word_list != nullptr) {
        // word_list[0] is the number of entries that follow.
        const SANE_Word* list = descriptor.constraint.word_list;
        double best = wanted;
        double best_distance = std::numeric_limits<double>::infinity();
        for (SANE_Word i = 1; i <= list[0]; ++i) {
            const double candidate = word_value(descriptor, list[i]);
            if (std::abs(candidate - wanted) < best_distance) {
                best = candidate;
                best_distance = std::abs(candidate - wanted);
            }
        }
        return best;
    }
    return wanted;
}

std::expected<void, std::string> set_string(SANE_Handle handle, const FoundOption& option,
                                            std::string_view text) {
    // The backend reads up to descriptor->size bytes, NUL included.
    std::string buffer{text};
    buffer.resize(
        std::max<std::size_t>(buffer.size() + 1, static_cast<std::size_t>(option.descriptor->size)));
    return control(handle, option, buffer.data());
}

std::optional<std::string> matching_entry(const SANE_Option_Descriptor& descriptor,
                                          const std::vector<std::string_view>& wanted) {
    if (descriptor.constraint_type != SANE_CONSTRAINT_STRING_LIST ||
        descriptor.constraint.string_list == nullptr) {
        return std::nullopt;
    }
    for (const std::string_view want : wanted) {
        const std::string want_lower = lower(want);
        for (const SANE_String_Const* entry = descriptor.constraint.string_list; *entry != nullptr; ++entry) {
            if (lower(*entry) == want_lower) return std::string{*entry};
        }
    }
    for (const std::string_view want : wanted) {
        const std::string want_lower = lower(want);
        for (const SANE_String_Const* entry = descriptor.constraint.string_list; *entry != nullptr; ++entry) {
            if (lower(*entry).find(want_lower) != std::string::npos) return std::string{*entry};
        }
    }
    return std::nullopt;
}

std::optional<bool> parse_bool(std::string_view text) {
    const std::string value = lower(text);
    if (value == "yes" || value == "true" || value == "1" || value == "on") return true;
    if (value == "no" || value == "false" || value == "0" || value == "off") return false;
    return std::nullopt;
}

std::optional<double> parse_number(std::string_view text) {
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace

std::optional<SANE_Int> find_settable_option(SANE_Handle handle, std::string_view name) {
    auto found = find_option(handle, name);
    if (!found) return std::nullopt;
    return found->number;
}

std::expected<double, std::string> set_number_option(SANE_Handle handle, std::string_view name,
                                                     double wanted) {
    auto found = find_option(handle, name);
    if (!found) return std::unexpected(found.error());
    const SANE_Option_Descriptor& descriptor = *found->descriptor;
    if ((descriptor.type != SANE_TYPE_INT && descriptor.type != SANE_TYPE_FIXED) ||
        !is_single_word(descriptor)) {
        return std::unexpected("option '" + std::string{name} + "' is not a single number");
    }
    const double value = nearest_allowed(descriptor, wanted);
    SANE_Word word =
        descriptor.type == SANE_TYPE_FIXED ? to_fixed(value) : static_cast<SANE_Word>(std::lround(value));
    if (auto set = control(handle, *found, &word); !set) return std::unexpected(set.error());
    // The backend may have rounded further (SANE_INFO_INEXACT); report what is in effect.
    return get_number_option(handle, name).value_or(value);
}

std::optional<double> get_number_option(SANE_Handle handle, std::string_view name) {
    SANE_Int count = 0;
    if (sane_control_option(handle, 0, SANE_ACTION_GET_VALUE, &count, nullptr) != SANE_STATUS_GOOD) {
        return std::nullopt;
    }
    for (SANE_Int number = 1; number < count; ++number) {
        const SANE_Option_Descriptor* descriptor = sane_get_option_descriptor(handle, number);
        if (descriptor == nullptr || descriptor->name == nullptr || name != descriptor->name) continue;
        if (!is_active(descriptor->cap) || !is_single_word(*descriptor)) return std::nullopt;
        if (descriptor->type != SANE_TYPE_INT && descriptor->type != SANE_TYPE_FIXED) return std::nullopt;
        SANE_Word word = 0;
        if (sane_control_option(handle, number, SANE_ACTION_GET_VALUE, &word, nullptr) != SANE_STATUS_GOOD) {
            return std::nullopt;
        }
        return word_value(*descriptor, word);
    }
    return std::nullopt;
}

std::expected<std::string, std::string> set_choice_option(SANE_Handle handle, std::string_view name,
                                                          const std::vector<std::string_view>& wanted) {
    auto found = find_option(handle, name);
    if (!found) return std::unexpected(found.error());
    if (found->descriptor->type != SANE_TYPE_STRING) {
        return std::unexpected("option '" + std::string{name} + "' is not a string");
    }
    auto entry = matching_entry(*found->descriptor, wanted);
    if (!entry) return std::unexpected("option '" + std::string{name} + "' offers none of the wanted values");
    if (auto set = set_string(handle, *found, *entry); !set) return std::unexpected(set.error());
    return *entry;
}

std::expected<void, std::string> set_option_from_text(SANE_Handle handle, std::string_view name,
                                                      std::string_view value) {
    auto found = find_option(handle, name);
    if (!found) return std::unexpected(found.error());
    const SANE_Option_Descriptor& descriptor = *found->descriptor;
    const auto bad_value = [&] {
        return std::unexpected("option '" + std::string{name} + "' cannot take '" + std::string{value} + "'");
    };
    switch (descriptor.type) {
        case SANE_TYPE_BOOL: {
            const auto flag = parse_bool(value);
            if (!flag) return bad_value();
            SANE_Word word = *flag ? SANE_TRUE : SANE_FALSE;
            return control(handle, *found, &word);
        }
        case SANE_TYPE_INT:
        case SANE_TYPE_FIXED: {
            const auto number = parse_number(value);
            if (!number) return bad_value();
            auto set = set_number_option(handle, name, *number);
            if (!set) return std::unexpected(set.error());
            return {};
        }
        case SANE_TYPE_STRING: {
            const auto entry = matching_entry(descriptor, {value});
            return set_string(handle, *found, entry.value_or(std::string{value}));
        }
        case SANE_TYPE_BUTTON:
            return control(handle, *found, nullptr);
        case SANE_TYPE_GROUP:
            break;
    }
    return bad_value();
}

}  // namespace hk::scanner::sane::detail
