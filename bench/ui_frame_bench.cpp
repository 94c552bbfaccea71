// Issue 7: how fast the SDL front end draws at the kiosk's 1080x1920 on the software renderer (what the
// appliance and headless mode use). The figures: frame time p50/p99 over the views of a whole certificate
// session, a new view every frame so every frame is a full repaint; the time from FrontEnd::open to the
// first frame; resident memory after the session. The baselines, in the same process: a full-screen
// SDL_FillRect plus SDL_RenderFlush per frame (the floor any frame costs) and the 60 fps budget of 16.7 ms.
#include <SDL.h>
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "kiosk/session/engine.h"
#include "kiosk/view.h"
#include "ratio_reporter.h"
#include "sim/simulation.h"
#include "ui/front_end.h"

namespace {

using namespace hk::kiosk;
using Clock = std::chrono::steady_clock;

constexpr int kWidth = 1080;
constexpr int kHeight = 1920;
constexpr double kFrameBudgetMs = 1000.0 / 60.0;

struct Figures {
    double frame_p50_ms = 0;
    double frame_p99_ms = 0;
    double floor_p50_ms = 0;
    std::string slowest_view;  // the view with the highest median frame time, and that median
    double slowest_view_p50_ms = 0;
    std::string slowest_first_draw_view;  // the view whose first (cold) frame took longest, and that time
    double slowest_first_draw_ms = 0;
    long rss_at_start_kib = 0;
    long rss_after_session_kib = 0;
};
Figures figures;

// VmRSS of this process in KiB, 0 when /proc is not there.
long resident_kib() {
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "VmRSS:") {
            long kib = 0;
            status >> kib;
            return kib;
        }
        status.ignore(4096, '\n');
    }
    return 0;
}

double percentile(std::vector<double> samples, double p) {
    if (samples.empty()) return 0;
    std::sort(samples.begin(), samples.end());
    const auto rank = static_cast<std::size_t>(p * static_cast<double>(samples.size() - 1) + 0.5);
    return samples[std::min(rank, samples.size() - 1)];
}

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Every view a citizen sees getting a proof of family relationship, attract to done, through the real engine.
std::vector<hk::ui::ViewModel> session_views() {
    const SessionEngine engine(default_catalogue(), {});
    State state;
    state.boot_id = "bench";
    std::vector<hk::ui::ViewModel> views{build_view(state, engine)};
    const auto step = [&](const Event& event) {
        state = engine.step(std::move(state), event).state;
        hk::ui::ViewModel view = build_view(state, engine);
        if (view != views.back()) views.push_back(std::move(view));  // an unchanged view is not repainted
    };
    for (const char* action : {"start", "lang:zh-CN", "service:proof_of_family_relationship", "continue",
                               "self", "method:id_card"}) {
        step(UserAction{action});
    }
    step(ResidentIdCardRead{state.pending_request, sim::resident_id_card(sim::demo_world().people.at(0))});
    step(EligibilityChecked{
        state.pending_request,
        {Verdict::Eligible, Station{"景山派出所", "景山东街12号", "9:00-17:00", "010"}, {}}});
    step(UserAction{"confirm"});
    IssuedCertificate certificate;
    certificate.serial = "HK2026000001";
    certificate.service_id = "proof_of_family_relationship";
    certificate.holder_name = PersonalString("王小明");
    step(CertificateIssued{state.pending_request, certificate});
    const std::uint64_t printing = state.pending_request;
    step(PrintFinished{printing, hk::drivers::DeviceKind::A4Printer});
    step(PrintFinished{printing, hk::drivers::DeviceKind::ReceiptPrinter});
    return views;
}

void BM_SessionFrame(benchmark::State& bench) {
    auto front_end = hk::ui::FrontEnd::open({.width = kWidth, .height = kHeight, .headless = true});
    if (!front_end) {
        bench.SkipWithError(front_end.error().c_str());
        return;
    }
    const std::vector<hk::ui::ViewModel> views = session_views();
    std::vector<double> frame_ms;
    std::vector<std::vector<double>> frame_ms_by_view(views.size());
    std::size_t next = 0;
    for (auto _ : bench) {
        const std::size_t shown = next++ % views.size();
        const auto start = Clock::now();
        (*front_end)->render(views[shown]);  // the next view always differs: a full repaint
        frame_ms.push_back(ms_since(start));
        frame_ms_by_view[shown].push_back(frame_ms.back());
    }
    figures.frame_p50_ms = percentile(frame_ms, 0.50);
    figures.frame_p99_ms = percentile(frame_ms, 0.99);
    for (std::size_t i = 0; i < views.size(); ++i) {
        // A view's first frame is its cold draw: nothing measured or rendered for it yet.
        if (!frame_ms_by_view[i].empty() && frame_ms_by_view[i].front() > figures.slowest_first_draw_ms) {
            figures.slowest_first_draw_ms = frame_ms_by_view[i].front();
            figures.slowest_first_draw_view = views[i].screen;
        }
        const double view_p50 = percentile(frame_ms_by_view[i], 0.50);
        if (view_p50 > figures.slowest_view_p50_ms) {
            figures.slowest_view_p50_ms = view_p50;
            figures.slowest_view = views[i].screen;
        }
    }
    figures.rss_after_session_kib = resident_kib();
    bench.counters["views"] = static_cast<double>(views.size());
    bench.counters["p50_ms"] = figures.frame_p50_ms;
    bench.counters["p99_ms"] = figures.frame_p99_ms;
    bench.counters["rss_MiB"] = static_cast<double>(figures.rss_after_session_kib) / 1024.0;
}
BENCHMARK(BM_SessionFrame)->Unit(benchmark::kMillisecond)->Iterations(300);

void BM_FillRectFloor(benchmark::State& bench) {
    SDL_Surface* frame = SDL_CreateRGBSurfaceWithFormat(0, kWidth, kHeight, 32, SDL_PIXELFORMAT_RGB888);
    SDL_Renderer* renderer = frame ? SDL_CreateSoftwareRenderer(frame) : nullptr;
    if (renderer == nullptr) {
        bench.SkipWithError(SDL_GetError());
        if (frame) SDL_FreeSurface(frame);
        return;
    }
    std::vector<double> frame_ms;
    Uint32 shade = 0;
    for (auto _ : bench) {
        const auto start = Clock::now();
        shade ^= 0x00F0F0F0;  // alternate so no frame repeats the last
        SDL_FillRect(frame, nullptr, shade);
        SDL_RenderFlush(renderer);
        frame_ms.push_back(ms_since(start));
    }
    figures.floor_p50_ms = percentile(frame_ms, 0.50);
    bench.counters["p50_ms"] = figures.floor_p50_ms;
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(frame);
}
BENCHMARK(BM_FillRectFloor)->Unit(benchmark::kMillisecond)->Iterations(300);

// Opening is where SDL, the font and the renderer start: what a kiosk restart costs before the first screen.
void BM_OpenToFirstFrame(benchmark::State& bench) {
    const std::vector<hk::ui::ViewModel> views = session_views();
    for (auto _ : bench) {
        const auto start = Clock::now();
        auto front_end = hk::ui::FrontEnd::open({.width = kWidth, .height = kHeight, .headless = true});
        if (!front_end) {
            bench.SkipWithError(front_end.error().c_str());
            return;
        }
        (*front_end)->render(views.front());
        bench.SetIterationTime(std::chrono::duration<double>(Clock::now() - start).count());
    }
}
BENCHMARK(BM_OpenToFirstFrame)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(5);

}  // namespace

int main(int argc, char** argv) {
    figures.rss_at_start_kib = resident_kib();
    benchmark::Initialize(&argc, argv);
    hk::bench::RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    reporter.print_ratio("BM_SessionFrame/iterations:300", "BM_FillRectFloor/iterations:300",
                         "mean session frame vs a full-screen fill and flush");
    if (figures.floor_p50_ms > 0 && figures.frame_p50_ms > 0) {
        std::printf(
            "frame p50 %.2f ms = %.1f x the fill-and-flush floor (%.3f ms), %.3f of the 60 fps budget\n",
            figures.frame_p50_ms, figures.frame_p50_ms / figures.floor_p50_ms, figures.floor_p50_ms,
            figures.frame_p50_ms / kFrameBudgetMs);
        std::printf("frame p99 %.2f ms = %.1f x the floor, %.3f of the 60 fps budget (%.1f ms)\n",
                    figures.frame_p99_ms, figures.frame_p99_ms / figures.floor_p50_ms,
                    figures.frame_p99_ms / kFrameBudgetMs, kFrameBudgetMs);
    }
    if (!figures.slowest_first_draw_view.empty())
        std::printf("slowest first draw: %s, %.2f ms = %.3f of the 60 fps budget\n",
                    figures.slowest_first_draw_view.c_str(), figures.slowest_first_draw_ms,
                    figures.slowest_first_draw_ms / kFrameBudgetMs);
    if (!figures.slowest_view.empty())
        std::printf("slowest view: %s, p50 %.2f ms = %.3f of the 60 fps budget\n",
                    figures.slowest_view.c_str(), figures.slowest_view_p50_ms,
                    figures.slowest_view_p50_ms / kFrameBudgetMs);
    const double open_ms = reporter.ns("BM_OpenToFirstFrame/iterations:5/manual_time") / 1e6;
    if (open_ms > 0)
        std::printf("open to first frame %.1f ms = %.1f frames of the 60 fps budget\n", open_ms,
                    open_ms / kFrameBudgetMs);
    if (figures.rss_after_session_kib > 0)
        std::printf("resident memory after the session %.1f MiB (%.1f MiB at start, +%.1f MiB)\n",
                    static_cast<double>(figures.rss_after_session_kib) / 1024.0,
                    static_cast<double>(figures.rss_at_start_kib) / 1024.0,
                    static_cast<double>(figures.rss_after_session_kib - figures.rss_at_start_kib) / 1024.0);
    benchmark::Shutdown();
    return 0;
}
