// Setting SANE options by name, whatever their type, snapped to the values the backend allows.
// Private to the SANE scanner: option numbers differ between backends (and can change when another option is
// set), so every access looks the option up by its well-known name.
#pragma once

#include <sane/sane.h>

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hk::scanner::sane::detail {

// The option's number when the backend has it, it is active and software-settable.
std::optional<SANE_Int> find_settable_option(SANE_Handle handle, std::string_view name);

// Sets a numeric option (int or fixed-point) to the allowed value nearest to `wanted`; returns the value the
// backend reports afterwards.
std::expected<double, std::string> set_number_option(SANE_Handle handle, std::string_view name,
                                                     double wanted);

// The option's current numeric value (int or fixed-point).
std::optional<double> get_number_option(SANE_Handle handle, std::string_view name);

// Sets a string-list option to the first entry matching any of `wanted` (case-insensitive: exact, then as a
// part of the entry, so "adf" finds "Automatic Document Feeder" only if the list spells it; callers pass
// every spelling they know). Returns the entry chosen.
std::expected<std::string, std::string> set_choice_option(SANE_Handle handle, std::string_view name,
                                                          const std::vector<std::string_view>& wanted);

// Sets any option from text, as a technician writes it in config: bool yes/no/true/false/1/0, numbers,
// strings (matched against the option's list when it has one), or nothing for a button.
std::expected<void, std::string> set_option_from_text(SANE_Handle handle, std::string_view name,
                                                      std::string_view value);

}  // namespace hk::scanner::sane::detail
