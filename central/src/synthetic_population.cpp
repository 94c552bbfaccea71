// Synthetic households: plausible enough for demos and load (names, ethnicities, ages that fit the relations,
// valid ID numbers for the household's district) and fully determined by the seed.
#include <algorithm>
#include <array>
#include <cstdio>
#include <set>
#include <string_view>

#include "id_numbers.h"
#include "population.h"

namespace hk::central {
namespace {

// SplitMix64: tiny, and its output is fixed by the algorithm, unlike std:: distributions whose results differ
// between standard libraries. The modulo bias is irrelevant for picking names.
class SeededRandom {
  public:
    explicit SeededRandom(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
    int between(int low, int high) { return low + below(high - low + 1); }  // inclusive
    bool chance(int percent) { return below(100) < percent; }
    template <typename T, std::size_t N>
    const T& pick(const std::array<T, N>& items) {
        return items[static_cast<std::size_t>(below(static_cast<int>(N)))];
    }

  private:
    std::uint64_t state_;
};

struct Region {
    std::string_view code;  // GB/T 2260 county code: the first 6 digits of the ID number
    std::string_view prefix;
    std::array<std::string_view, 3> streets;
    std::string_view station_id;
    bool korean;  // Yanbian: many Korean (朝鲜族) households
};

constexpr std::array kRegions = {
    Region{"110101", "北京市东城区", {"东四北大街", "南锣鼓巷", "王府井大街"}, "bj-dc-jingshan", false},
    Region{
        "110102", "北京市西城区", {"新街口外大街", "西四北大街", "德胜门内大街"}, "bj-xc-xinjiekou", false},
    Region{"110105", "北京市朝阳区", {"建国门外大街", "朝阳门外大街", "光华路"}, "bj-cy-jianwai", false},
    Region{"310101", "上海市黄浦区", {"南京东路", "九江路", "福州路"}, "sh-hp-nanjing", false},
    Region{"310104", "上海市徐汇区", {"天平路", "衡山路", "漕溪北路"}, "sh-xh-tianping", false},
    Region{"222401", "吉林省延吉市", {"建设街", "光明街", "河南街"}, "yb-yj-jianshe", true},
    Region{"440106", "广东省广州市天河区", {"石牌西路", "天河北路", "体育东路"}, "gz-th-shipai", false},
    Region{"510107", "四川省成都市武侯区", {"浆洗街", "武侯祠大街", "科华北路"}, "cd-wh-jiangxi", false},
};

// Stations for the regions the demo world does not already cover.
const std::array kExtraStations = {
    Station{"bj-xc-xinjiekou", "北京市公安局西城分局新街口派出所", "北京市西城区新街口外大街20号",
            "周一至周五 9:00-12:00, 13:30-17:00", "010-6618 0000"},
    Station{"bj-cy-jianwai", "北京市公安局朝阳分局建外派出所", "北京市朝阳区建国门外大街8号",
            "周一至周五 9:00-17:00", "010-6508 0000"},
    Station{"sh-xh-tianping", "上海市公安局徐汇分局天平路派出所", "上海市徐汇区天平路88号",
            "周一至周六 9:00-17:00", "021-6431 0000"},
    Station{"gz-th-shipai", "广州市公安局天河区分局石牌派出所", "广东省广州市天河区石牌西路60号",
            "周一至周五 9:00-17:30", "020-8551 0000"},
    Station{"cd-wh-jiangxi", "成都市公安局武侯区分局浆洗街派出所", "四川省成都市武侯区浆洗街5号",
            "周一至周五 9:00-17:00", "028-8555 0000"},
};

constexpr std::array<std::string_view, 30> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"};
constexpr std::array<std::string_view, 6> kKoreanSurnames = {"金", "李", "朴", "崔", "郑", "姜"};
constexpr std::array<std::string_view, 25> kMaleGiven = {"伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明",
                                                         "超", "刚", "平", "辉", "鹏", "华", "飞", "鑫", "波",
                                                         "宇", "浩", "建", "国", "志", "文", "斌"};
constexpr std::array<std::string_view, 25> kFemaleGiven = {
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀", "玲", "桂", "英", "华",
    "慧", "婷", "雪", "琳", "晶", "颖", "倩", "洁", "梅", "兰", "萍", "燕"};
constexpr std::array<std::string_view, 4> kMinorities = {"回", "满", "蒙古", "壮"};
constexpr std::array<std::string_view, 7> kApplicationServices = {
    "household_book",       "relocation_job_transfer", "relocation_university_admission",
    "relocation_graduates", "relocation_spouse",       "relocation_parents_joining_children",
    "newborn_entry"};
constexpr std::array<std::string_view, 5> kStates = {"received", "under_review", "approved", "rejected",
                                                     "ready_for_collection"};
// Sizes 1-6, weighted towards the small households of Chinese cities.
constexpr std::array kSizes = {1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 5, 5, 6};
constexpr int kLatestBirthYear = 2025;

std::string two(int value) {
    char text[8];
    std::snprintf(text, sizeof text, "%02d", value % 100);
    return text;
}

class HouseholdMaker {
  public:
    HouseholdMaker(Population& population, std::uint64_t seed) : population_(population), random_(seed) {
        for (const Person& person : population_.people) {
            id_numbers_.insert(person.id_number);
            if (!person.passport_number.empty()) passports_.insert(person.passport_number);
        }
        for (const Application& application : population_.applications) {
            tracking_numbers_.insert(application.tracking_number);
        }
    }

    void make(int index) {
        const Region& region = random_.pick(kRegions);
        char household[16];
        std::snprintf(household, sizeof household, "S%04d", index + 1);
        const std::string address = std::string(region.prefix) + std::string(random_.pick(region.streets)) +
                                    std::to_string(random_.between(1, 240)) + "号";
        const bool paper = random_.chance(5);
        const bool korean = region.korean && random_.chance(60);
        const std::string ethnicity =
            korean ? "朝鲜"
                   : (random_.chance(5) ? std::string(random_.pick(kMinorities)) : std::string("汉"));
        Member base{region, household, address, ethnicity, paper, korean};

        const int size = random_.pick(kSizes);
        const bool head_male = random_.chance(65);
        const int head_year = random_.between(1950, 2000);
        const std::string head_surname = surname(korean);
        std::string family_surname = head_surname;
        add(base, "户主", head_male, head_year, head_surname);
        int remaining = size - 1;
        if (remaining > 0 && random_.chance(85)) {
            const std::string spouse_surname = surname(korean);
            if (!head_male) family_surname = spouse_surname;
            add(base, "配偶", !head_male, std::clamp(head_year + random_.between(-5, 5), 1945, 2002),
                spouse_surname);
            --remaining;
        }
        if (remaining > 0 && head_year >= 1965 && random_.chance(30)) {
            const int parents = std::min(remaining, random_.between(1, 2));
            const int parent_year = head_year - random_.between(22, 35);
            add(base, "父", true, parent_year, head_surname);
            if (parents == 2) add(base, "母", false, parent_year + random_.between(-3, 3), surname(korean));
            remaining -= parents;
        }
        for (; remaining > 0; --remaining) {
            const bool son = random_.chance(50);
            const int year = std::min(head_year + random_.between(22, 40), kLatestBirthYear);
            add(base, son ? "子" : "女", son, year, family_surname);
        }
        if (random_.chance(10)) add_application(household);
    }

  private:
    struct Member {
        const Region& region;
        std::string household;
        std::string address;
        std::string ethnicity;
        bool paper;
        bool korean;
    };

    std::string surname(bool korean) {
        return std::string(korean ? random_.pick(kKoreanSurnames) : random_.pick(kSurnames));
    }

    std::string given_name(bool male) {
        const auto& chars = male ? kMaleGiven : kFemaleGiven;
        std::string name(random_.pick(chars));
        if (random_.chance(60)) name += random_.pick(chars);
        return name;
    }

    void add(const Member& base, std::string relation, bool male, int year, const std::string& family_name) {
        Person person;
        person.birth = std::to_string(year) + two(random_.between(1, 12)) + two(random_.between(1, 28));
        // The sequence's last digit is odd for men and even for women (GB 11643).
        do {
            const int sequence = random_.below(500) * 2 + (male ? 1 : 0);
            person.id_number = make_id_number(base.region.code, person.birth, sequence);
        } while (!id_numbers_.insert(person.id_number).second);
        person.name = family_name + given_name(male);
        person.sex = male ? "男" : "女";
        person.ethnicity = base.ethnicity;
        person.address = base.address;
        person.household = base.household;
        person.relation = std::move(relation);
        person.paper_records = base.paper;
        person.station = std::string(base.region.station_id);
        if (year <= 2007 && random_.chance(12)) {
            do {
                person.passport_number = "E" + std::to_string(random_.between(10000000, 99999999));
            } while (!passports_.insert(person.passport_number).second);
        }
        population_.people.push_back(std::move(person));
    }

    void add_application(const std::string& household) {
        std::vector<const Person*> adults;
        for (const Person& person : population_.people) {
            if (person.household == household && person.birth < "2010") adults.push_back(&person);
        }
        if (adults.empty()) return;
        const Person& applicant =
            *adults[static_cast<std::size_t>(random_.below(static_cast<int>(adults.size())))];
        Application application;
        const std::string month = two(random_.between(9, 11));
        // Counters from 100000 up: below the 500000+ range the service gives applications filed at kiosks.
        do {
            application.tracking_number = "2026" + month + std::to_string(100000 + random_.below(400000));
        } while (!tracking_numbers_.insert(application.tracking_number).second);
        application.id_number = applicant.id_number;
        application.service_id = std::string(random_.pick(kApplicationServices));
        application.state = std::string(random_.pick(kStates));
        application.updated_on = "2026-" + month + "-" + two(random_.between(1, 28));
        population_.applications.push_back(std::move(application));
    }

    Population& population_;
    SeededRandom random_;
    std::set<std::string> id_numbers_;
    std::set<std::string> passports_;
    std::set<std::string> tracking_numbers_;
};

}  // namespace

void add_synthetic_population(Population& population, std::uint64_t seed, int households) {
    for (const Station& extra : kExtraStations) {
        bool known = false;
        for (const Station& station : population.stations) known = known || station.id == extra.id;
        if (!known) population.stations.push_back(extra);
    }
    HouseholdMaker maker(population, seed);
    for (int i = 0; i < households; ++i) maker.make(i);
}

}  // namespace hk::central
