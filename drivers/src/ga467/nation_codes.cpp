#include "drivers/ga467/nation_codes.h"

#include <array>

namespace hk::drivers::ga467 {

namespace {

// Codes 01-56 are the 56 nationalities in GB 3304's order; 97 and 98 are the standard's two catch-alls.
constexpr std::array<std::string_view, 56> kNationalities{
    "汉",     "蒙古",   "回",       "藏",     "维吾尔", "苗",   "彝",     "壮",   "布依",     "朝鲜",
    "满",     "侗",     "瑶",       "白",     "土家",   "哈尼", "哈萨克", "傣",   "黎",       "傈僳",
    "佤",     "畲",     "高山",     "拉祜",   "水",     "东乡", "纳西",   "景颇", "柯尔克孜", "土",
    "达斡尔", "仫佬",   "羌",       "布朗",   "撒拉",   "毛南", "仡佬",   "锡伯", "阿昌",     "普米",
    "塔吉克", "怒",     "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安",   "裕固", "京",       "塔塔尔",
    "独龙",   "鄂伦春", "赫哲",     "门巴",   "珞巴",   "基诺"};

}  // namespace

std::optional<std::string_view> nation_name(std::string_view code) {
    if (code.size() != 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9')
        return std::nullopt;
    const int number = (code[0] - '0') * 10 + (code[1] - '0');
    if (number >= 1 && number <= static_cast<int>(kNationalities.size()))
        return kNationalities[static_cast<std::size_t>(number - 1)];
    if (number == 97) return "其他";
    if (number == 98) return "外国血统中国籍人士";
    return std::nullopt;
}

}  // namespace hk::drivers::ga467
