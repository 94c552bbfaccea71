#include "ops/events/log_event.h"

#include <atomic>
#include <cstdlib>
#include <mutex>

#include <spdlog/spdlog.h>

#include "ops/events/emitting_event.h"
#include "ops/events/event_sinks.h"

namespace hk::ops {
namespace {

thread_local const detail::EmittingEvent* t_emitting = nullptr;
std::atomic<bool> g_logging_installed{false};

spdlog::level::level_enum spdlog_level(EventLevel level) {
    switch (level) {
        case EventLevel::Debug:
            return spdlog::level::debug;
        case EventLevel::Info:
            return spdlog::level::info;
        case EventLevel::Warning:
            return spdlog::level::warn;
        case EventLevel::Error:
            return spdlog::level::err;
        case EventLevel::Critical:
            return spdlog::level::critical;
    }
    return spdlog::level::info;
}

Disposition fixed_disposition(DeclaredDisposition declared, std::optional<Disposition> said) {
    switch (declared) {
        case DeclaredDisposition::Success:
            return Disposition::Success;
        case DeclaredDisposition::Failure:
            return Disposition::Failure;
        case DeclaredDisposition::NA:
            return Disposition::NA;
        case DeclaredDisposition::Either:
            return said.value_or(Disposition::NA);
    }
    return Disposition::NA;
}

void install_default_logging() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (!g_logging_installed.load()) init_logging(default_log_target());
    });
}

}  // namespace

namespace detail {

const EmittingEvent* emitting_event() {
    return t_emitting;
}

void emit_event(EventId id, std::optional<Disposition> disposition, std::string message) {
    if (!g_logging_installed.load(std::memory_order_acquire)) install_default_logging();
    const EventInfo& info = event_info(id);
    const EmittingEvent event{info.id, fixed_disposition(info.disposition, disposition)};
    t_emitting = &event;
    spdlog::default_logger_raw()->log(spdlog_level(info.level), spdlog::string_view_t(message));
    t_emitting = nullptr;
}

}  // namespace detail

LogTarget default_log_target() {
    return std::getenv("JOURNAL_STREAM") != nullptr ? LogTarget::Journald : LogTarget::Stderr;
}

void init_logging(LogTarget target) {
    if (target == LogTarget::Journald) {
        init_logging(std::make_shared<JournaldEventSink>());
    } else {
        init_logging(stderr_event_sink());
    }
}

void init_logging(std::shared_ptr<spdlog::sinks::sink> output) {
    auto ring = std::make_shared<RingEventSink>(process_recent_log());
    auto logger =
        std::make_shared<spdlog::logger>("hukiosk", spdlog::sinks_init_list{std::move(output), ring});
    logger->set_level(spdlog::level::info);
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(std::move(logger));
    g_logging_installed.store(true, std::memory_order_release);
}

}  // namespace hk::ops
