// Dates and counts as each language writes them, by ICU through Boost.Locale, rather than by hand:
// "2026年11月23日", "23 November 2026", "2026년 11월 23일"; digit groups where the language puts them.
#include <boost/locale/formatting.hpp>
#include <charconv>
#include <ctime>
#include <sstream>

#include "kiosk/view.h"
#include "view/language_locales.h"

namespace hk::kiosk {

std::string format_date(Language language, int year, int month, int day) {
    // A calendar date, not an instant: noon UTC written in UTC is that day in every time zone.
    std::tm calendar{};
    calendar.tm_year = year - 1900;
    calendar.tm_mon = month - 1;
    calendar.tm_mday = day;
    calendar.tm_hour = 12;
    const std::time_t noon = timegm(&calendar);
    std::ostringstream out;
    out.imbue(language_locale(language));
    out << boost::locale::as::date << boost::locale::as::date_long << boost::locale::as::time_zone("UTC")
        << noon;
    return out.str();
}

std::string format_date(Language language, std::string_view iso_date) {
    const auto field = [iso_date](std::size_t from, std::size_t length) {
        int value = 0;
        const char* end = iso_date.data() + from + length;
        const auto [stop, error] = std::from_chars(iso_date.data() + from, end, value);
        return error == std::errc{} && stop == end ? value : 0;
    };
    if (iso_date.size() != 10 || iso_date[4] != '-' || iso_date[7] != '-') return std::string(iso_date);
    const int year = field(0, 4);
    const int month = field(5, 2);
    const int day = field(8, 2);
    if (year == 0 || month < 1 || month > 12 || day < 1 || day > 31) return std::string(iso_date);
    return format_date(language, year, month, day);
}

std::string format_count(Language language, long n) {
    std::ostringstream out;
    out.imbue(language_locale(language));
    out << boost::locale::as::number << n;
    return out.str();
}

}  // namespace hk::kiosk
