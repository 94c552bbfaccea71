#include "script.h"

#include <charconv>
#include <sstream>

namespace hk::kiosk {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kDefaultWait{10'000};

std::optional<long> number(const std::string& text) {
    long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
    return value;
}

std::string joined(const std::vector<std::string>& words) {
    std::string text;
    for (const std::string& word : words) {
        if (!text.empty()) text += ' ';
        text += word;
    }
    return text;
}

std::optional<CentralErrorKind> central_error_kind(std::string_view name) {
    if (name == "unreachable") return CentralErrorKind::Unreachable;
    if (name == "timeout") return CentralErrorKind::Timeout;
    if (name == "server_error") return CentralErrorKind::ServerError;
    if (name == "rejected") return CentralErrorKind::Rejected;
    if (name == "bad_answer") return CentralErrorKind::BadAnswer;
    if (name == "not_found") return CentralErrorKind::NotFound;
    return std::nullopt;
}

struct Arity {
    std::string_view verb;
    std::size_t min;
    std::size_t max;
};
constexpr Arity kVerbs[] = {
    {"expect", 1, 2}, {"expect_text", 1, 99}, {"tap", 1, 2},    {"present", 2, 2}, {"place", 2, 99},
    {"remove", 0, 0}, {"fail", 2, 2},         {"unplug", 1, 1}, {"replug", 1, 1},  {"central_fail", 1, 1},
    {"wait", 1, 1},   {"screenshot", 1, 1},   {"slow", 2, 2},   {"key", 1, 3},
};

}  // namespace

std::expected<std::vector<ScriptStep>, std::string> parse_script(std::string_view text) {
    std::vector<ScriptStep> steps;
    std::istringstream in{std::string(text)};
    std::string line;
    int number_of_line = 0;
    while (std::getline(in, line)) {
        ++number_of_line;
        if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
        std::istringstream words(line);
        ScriptStep step;
        step.line = number_of_line;
        if (!(words >> step.verb)) continue;
        for (std::string word; words >> word;) step.args.push_back(word);
        const Arity* arity = nullptr;
        for (const Arity& candidate : kVerbs) {
            if (candidate.verb == step.verb) arity = &candidate;
        }
        const std::string where = "line " + std::to_string(number_of_line) + ": ";
        if (arity == nullptr) return std::unexpected(where + "unknown step '" + step.verb + "'");
        if (step.args.size() < arity->min || step.args.size() > arity->max) {
            return std::unexpected(where + "wrong number of words for '" + step.verb + "'");
        }
        const bool last_is_number = step.verb == "wait" || step.verb == "slow" ||
                                    ((step.verb == "expect" || step.verb == "tap") && step.args.size() == 2);
        if (last_is_number && !number(step.args.back())) {
            return std::unexpected(where + "'" + step.args.back() + "' is not a number");
        }
        steps.push_back(std::move(step));
    }
    return steps;
}

ScriptRunner::ScriptRunner(std::vector<ScriptStep> steps, sim::Simulation* simulation, EventQueue& events)
    : steps_(std::move(steps)), simulation_(simulation), events_(events) {}

std::optional<std::string> ScriptRunner::take_screenshot_request() {
    auto request = std::move(screenshot_);
    screenshot_.reset();
    return request;
}

std::optional<std::string> ScriptRunner::take_key_request() {
    auto request = std::move(key_);
    key_.reset();
    return request;
}

ScriptRunner::Status ScriptRunner::advance(const ui::ViewModel& view, milliseconds now) {
    if (!failure_.empty()) return Status::Failed;
    // Several instant steps may run in one turn; a waiting step (or a screenshot) ends the turn.
    while (next_ < steps_.size() && !screenshot_ && !key_) {
        if (!step_started_) step_started_ = now;
        const StepResult result = run(steps_[next_], view, now);
        if (result == StepResult::Failed) return Status::Failed;
        if (result == StepResult::Waiting) return Status::Running;
        ++next_;
        step_started_.reset();
        // A tap changes the screen only once the main loop has handled it: let it, before the next step
        // looks.
        if (steps_[next_ - 1].verb == "tap") return Status::Running;
    }
    return next_ < steps_.size() || screenshot_ || key_ ? Status::Running : Status::Finished;
}

ScriptRunner::StepResult ScriptRunner::fail(const ScriptStep& step, const std::string& why) {
    failure_ = "script line " + std::to_string(step.line) + " (" + step.verb + "): " + why;
    return StepResult::Failed;
}

ScriptRunner::StepResult ScriptRunner::run(const ScriptStep& step, const ui::ViewModel& view,
                                           milliseconds now) {
    const milliseconds waited = now - *step_started_;
    if (step.verb == "expect") {
        if (view.screen == step.args[0]) return StepResult::Done;
        const milliseconds limit =
            step.args.size() == 2 ? milliseconds(*number(step.args[1]) * 1000) : kDefaultWait;
        if (waited >= limit)
            return fail(step, "expected screen " + step.args[0] + ", still on " + view.screen);
        return StepResult::Waiting;
    }
    if (step.verb == "expect_text") {
        const std::string wanted = joined(step.args);
        if (view.title.find(wanted) != std::string::npos) return StepResult::Done;
        for (const std::string& line : view.lines) {
            if (line.find(wanted) != std::string::npos) return StepResult::Done;
        }
        // An answer the screen waits for (a PIN check, a device) may still be on its way.
        if (waited >= kDefaultWait)
            return fail(step, "screen " + view.screen + " does not say '" + wanted + "'");
        return StepResult::Waiting;
    }
    if (step.verb == "tap") {
        for (const auto* buttons : {&view.buttons, &view.toolbar}) {
            for (const ui::Button& button : *buttons) {
                if (button.action == step.args[0] && button.enabled) {
                    events_.push(UserAction{button.action});
                    return StepResult::Done;
                }
            }
        }
        // A button may wait for something slow to finish first (confirm, for the pages being read).
        const milliseconds limit =
            step.args.size() == 2 ? milliseconds(*number(step.args[1]) * 1000) : kDefaultWait;
        if (waited >= limit) return fail(step, "no enabled button '" + step.args[0] + "' on " + view.screen);
        return StepResult::Waiting;
    }
    if (step.verb == "wait")
        return waited >= milliseconds(*number(step.args[0])) ? StepResult::Done : StepResult::Waiting;
    if (step.verb == "screenshot") {
        screenshot_ = step.args[0];
        return StepResult::Done;
    }
    if (step.verb == "key") {
        key_ = joined(step.args);  // SDL names may have spaces: "Keypad +"
        return StepResult::Done;
    }
    return simulate(step);
}

ScriptRunner::StepResult ScriptRunner::simulate(const ScriptStep& step) {
    if (simulation_ == nullptr) return fail(step, "needs --simulate");
    sim::Simulation& sim = *simulation_;
    const auto& a = step.args;
    bool ok = true;
    if (step.verb == "present" && a[0] == "technician_card") {
        if (!sim.present_technician_card(a[1])) return fail(step, "'" + a[1] + "' is not a card UID in hex");
    } else if (step.verb == "present") {
        const auto person = number(a[1]);
        if (!person) return fail(step, "person must be a number");
        const auto index = static_cast<std::size_t>(*person);
        if (a[0] == "id_card") {
            ok = sim.present_resident_id(index);
        } else if (a[0] == "passport") {
            ok = sim.present_passport(index);
        } else {
            return fail(step, "unknown document '" + a[0] + "'");
        }
        if (!ok) return fail(step, "person " + a[1] + " has no " + a[0]);
    } else if (step.verb == "place") {
        sim.place_document(joined({a.begin() + 1, a.end()}));
    } else if (step.verb == "remove") {
        sim.take_everything_away();
    } else if (step.verb == "fail") {
        ok = sim.fail_next(a[0], a[1]);
    } else if (step.verb == "slow") {
        auto* faults = sim.faults_of(a[0]);
        if (faults == nullptr) return fail(step, "unknown device '" + a[0] + "'");
        faults->set_delay(milliseconds(*number(a[1])));
    } else if (step.verb == "unplug" || step.verb == "replug") {
        ok = sim.set_unplugged(a[0], step.verb == "unplug");
    } else if (step.verb == "central_fail") {
        const auto kind = central_error_kind(a[0]);
        if (!kind) return fail(step, "unknown central error '" + a[0] + "'");
        sim.central.fail_next(*kind);
    }
    if (!ok) return fail(step, "unknown device or fault");
    return StepResult::Done;
}

}  // namespace hk::kiosk
