#include "startup_fault.h"

#include <systemd/sd-daemon.h>

#include <thread>
#include <variant>

#include "kiosk/view.h"
#include "ops/events/log_event.h"

namespace hk::kiosk {

namespace {
using Clock = std::chrono::steady_clock;
// Often enough that a touch or a stop is answered at once; the screen itself does not change.
constexpr auto kPollEvery = std::chrono::milliseconds(100);
}  // namespace

ui::ViewModel startup_fault_view(ops::EventId event, const std::string& reason) {
    ui::ViewModel view;
    view.screen = "out_of_service";
    view.language = std::string(tag(Language::Chinese));
    view.tone = ui::Tone::Error;
    view.title = std::string(text(Language::Chinese, "out_of_service.title"));
    for (Language language : kAllLanguages)
        view.lines.emplace_back(text(language, "out_of_service.not_started"));
    for (Language language : kAllLanguages) view.lines.emplace_back(text(language, "out_of_service.note"));
    // For the technician, wrapped like the rest rather than cut short in the footer.
    view.lines.push_back(ops::event_label(event) + ": " + reason);
    view.help = std::string(text(Language::Chinese, "help.out_of_service"));
    return view;
}

StartupFault::StartupFault(StartupFaultOptions options) : options_(std::move(options)) {}

int StartupFault::fail_without_screen(ops::EventId event, const std::string& reason) {
    ops::log_event(event, "{}", reason);
    return 2;
}

int StartupFault::fail(ops::EventId event, const std::string& reason) {
    ops::log_event(event, "{}", reason);
    // systemd's status line (systemctl status kiosk) says why the kiosk is not up; READY is never sent.
    (void)sd_notifyf(
        0, "STATUS=out of service, starting again in %lld s: %s",
        static_cast<long long>(std::chrono::duration_cast<std::chrono::seconds>(options_.hold).count()),
        ops::event_label(event).c_str());
    if (options_.hold <= std::chrono::milliseconds::zero()) return 2;
    const ui::ViewModel view = startup_fault_view(event, reason);
    if (screen_ != nullptr) {
        hold(*screen_, view);
        return 2;
    }
    auto screen = ui::FrontEnd::open(options_.screen);
    if (!screen) {
        ops::log_event(ops::EventId::StartupFailed, "screen: {}", screen.error());
        return 2;
    }
    hold(**screen, view);
    return 2;
}

void StartupFault::hold(ui::FrontEnd& screen, const ui::ViewModel& view) {
    screen.render(view);
    if (options_.screenshot) {
        std::error_code ignored;
        std::filesystem::create_directories(options_.screenshot->parent_path(), ignored);
        if (auto saved = screen.save_screenshot(*options_.screenshot); !saved) {
            ops::log_event(ops::EventId::ScreenshotFailed, "start-up fault screen not saved: {}",
                           saved.error());
        }
    }
    const Clock::time_point until = Clock::now() + options_.hold;
    while (Clock::now() < until) {
        if (options_.stop != nullptr && options_.stop->load()) return;
        for (const ui::Input& input : screen.poll_input()) {
            if (std::holds_alternative<ui::QuitRequested>(input)) return;
        }
        screen.render(view);  // presents again: a panel that was off or a help overlay closed shows it
        std::this_thread::sleep_for(kPollEvery);
    }
}

}  // namespace hk::kiosk
