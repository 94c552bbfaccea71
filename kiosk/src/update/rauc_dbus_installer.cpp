#include "rauc_dbus_installer.h"

#include <spdlog/spdlog.h>
#include <systemd/sd-bus.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>

namespace hk::update {
namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kService = "de.pengutronix.rauc";
constexpr const char* kObject = "/";
constexpr const char* kInterface = "de.pengutronix.rauc.Installer";
// Once Completed is in, LastError is one more round trip: it gets at least this long even when the install
// used up nearly all its time, so that a failed install is not reported as a timeout.
constexpr auto kLastErrorGrace = std::chrono::seconds(2);

// Closed without sd_bus_flush(): that waits for a half-made connection to finish authenticating, up to
// sd-bus's own 90 s, and every call here has had its answer (or given up on it) by the time the connection
// goes.
struct BusClose {
    void operator()(sd_bus* bus) const { sd_bus_close_unref(bus); }
};
using Bus = std::unique_ptr<sd_bus, BusClose>;

struct MessageUnref {
    void operator()(sd_bus_message* message) const { sd_bus_message_unref(message); }
};
using Message = std::unique_ptr<sd_bus_message, MessageUnref>;

std::string errno_text(int r) {
    return std::error_code(-r, std::generic_category()).message();
}

class BusError {
  public:
    BusError() = default;
    ~BusError() { sd_bus_error_free(&error_); }
    BusError(const BusError&) = delete;
    BusError& operator=(const BusError&) = delete;

    sd_bus_error* get() { return &error_; }
    [[nodiscard]] bool is(const char* name) const { return sd_bus_error_has_name(&error_, name) > 0; }
    // sd-bus reports its own failures (a broken connection, a timeout) as "System.Error.E...".
    [[nodiscard]] bool is_local() const {
        return error_.name != nullptr && std::string_view(error_.name).starts_with("System.Error.");
    }
    [[nodiscard]] std::string text(int r) const {
        if (error_.message != nullptr && *error_.message != '\0') return error_.message;
        if (error_.name != nullptr) return error_.name;
        return errno_text(r);
    }

  private:
    sd_bus_error error_{};
};

std::string seconds_text(std::chrono::milliseconds duration) {
    const auto tenths = duration.count() / 100;
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " s";
}

std::uint64_t usec_until(Clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::microseconds>(deadline - Clock::now()).count();
    return left > 0 ? static_cast<std::uint64_t>(left) : 0;
}

// Bounds the synchronous calls that follow (sd_bus_call_method, sd_bus_get_property_string, sd_bus_add_match)
// by what is left until the deadline: their default is sd-bus's own 25 s. False once the deadline has passed
// (a zero timeout would mean that default again).
bool bound_calls_by(sd_bus* bus, Clock::time_point deadline) {
    const std::uint64_t left = usec_until(deadline);
    return left > 0 && sd_bus_set_method_call_timeout(bus, left) >= 0;
}

std::string bus_name(const std::string& address) {
    return address.empty() ? std::string("the system bus") : "the bus at " + address;
}

// A client connection to the bus, authenticated and past Hello() before the deadline. sd_bus_start() only
// begins both; finishing them here keeps a socket that accepts but never speaks D-Bus from stalling the first
// call, which sd-bus would otherwise let wait for its own authentication timeout.
std::expected<Bus, std::string> connect(const std::string& address, Clock::time_point deadline) {
    const std::string where = bus_name(address);
    sd_bus* raw = nullptr;
    int r = address.empty() ? sd_bus_open_system(&raw) : sd_bus_new(&raw);
    Bus bus(raw);
    if (r >= 0 && !address.empty()) {
        if ((r = sd_bus_set_address(raw, address.c_str())) >= 0 && (r = sd_bus_set_bus_client(raw, 1)) >= 0) {
            r = sd_bus_start(raw);
        }
    }
    if (r < 0) return std::unexpected("cannot connect to " + where + ": " + errno_text(r));

    while ((r = sd_bus_is_ready(raw)) == 0) {
        r = sd_bus_process(raw, nullptr);
        if (r > 0) continue;
        if (r == 0) {
            const std::uint64_t left = usec_until(deadline);
            if (left == 0) return std::unexpected(where + " did not accept the connection in time");
            r = sd_bus_wait(raw, left);
        }
        if (r < 0) return std::unexpected("cannot connect to " + where + ": " + errno_text(r));
    }
    if (r < 0) return std::unexpected("cannot connect to " + where + ": " + errno_text(r));
    return bus;
}

// A failed call to RAUC in words for the log and the rollout server: not there, too slow, a broken
// connection, or RAUC's own refusal (its D-Bus error message, e.g. "Already processing a different method").
std::string call_failure(const BusError& error, int r, std::string_view call, const std::string& where) {
    const std::string what(call);
    if (error.is(SD_BUS_ERROR_SERVICE_UNKNOWN) || error.is(SD_BUS_ERROR_NAME_HAS_NO_OWNER)) {
        return std::string("RAUC (") + kService + ") is not on " + where + ": " + error.text(r);
    }
    if (r == -ETIMEDOUT || error.is(SD_BUS_ERROR_NO_REPLY) || error.is(SD_BUS_ERROR_TIMEOUT)) {
        return "RAUC did not answer " + what + " in time";
    }
    if (error.is_local()) return what + " failed on " + where + ": " + error.text(r);
    return "RAUC refused " + what + ": " + error.text(r);
}

// The messages an install waits for, subscribed to before InstallBundle so that none can slip past. The
// handlers leave the messages unhandled, so that sd_bus_process() hands them to the waiting loop.
int leave_to_caller(sd_bus_message*, void*, sd_bus_error*) {
    return 0;
}

int subscribe_install_signals(sd_bus* bus) {
    const std::string installer = std::string("path='/',interface='") + kInterface + "'";
    const std::string properties = std::string("path='/',interface='org.freedesktop.DBus.Properties',") +
                                   "member='PropertiesChanged',arg0='" + kInterface + "'";
    const std::string bus_driver = "sender='org.freedesktop.DBus',interface='org.freedesktop.DBus'";
    const std::string rules[] = {
        "type='signal'," + installer + ",member='Completed'",
        "type='signal'," + properties,
        "type='signal'," + bus_driver + ",member='NameOwnerChanged',arg0='" + kService + "'",
    };
    for (const std::string& rule : rules) {
        // A floating match: it lives as long as the connection.
        const int r = sd_bus_add_match(bus, nullptr, rule.c_str(), &leave_to_caller, nullptr);
        if (r < 0) return r;
    }
    return 0;
}

// The Progress value of a PropertiesChanged signal on RAUC's interface: (percentage, message, nesting depth).
// Nothing when the signal does not carry it; an error when it does but not as (isi).
std::expected<std::optional<InstallProgress>, std::string> progress_of(sd_bus_message* message) {
    const char* interface = nullptr;
    int r = sd_bus_message_read(message, "s", &interface);
    if (r < 0 || std::string_view(interface) != kInterface) return std::nullopt;
    if ((r = sd_bus_message_enter_container(message, 'a', "{sv}")) < 0) return std::nullopt;
    std::optional<InstallProgress> found;
    while ((r = sd_bus_message_enter_container(message, 'e', "sv")) > 0) {
        const char* name = nullptr;
        if ((r = sd_bus_message_read(message, "s", &name)) < 0) break;
        if (std::string_view(name) == "Progress") {
            if ((r = sd_bus_message_enter_container(message, 'v', "(isi)")) <= 0) {
                return std::unexpected("RAUC's Progress is not (isi)");
            }
            int percent = 0;
            const char* text = nullptr;
            int depth = 0;
            if ((r = sd_bus_message_read(message, "(isi)", &percent, &text, &depth)) < 0) break;
            found = InstallProgress{.percent = percent, .message = text};
            if ((r = sd_bus_message_exit_container(message)) < 0) break;
        } else if ((r = sd_bus_message_skip(message, "v")) < 0) {
            break;
        }
        if ((r = sd_bus_message_exit_container(message)) < 0) break;
    }
    if (r < 0) return std::unexpected("unreadable PropertiesChanged from RAUC: " + errno_text(r));
    return found;
}

// True when the signal says that `owner` (RAUC's unique name) no longer owns de.pengutronix.rauc: it exited,
// crashed or dropped its connection. With no known owner, any loss of the name counts.
bool lost_service(sd_bus_message* message, const std::string& owner) {
    const char* name = nullptr;
    const char* old_owner = nullptr;
    const char* new_owner = nullptr;
    if (sd_bus_message_read(message, "sss", &name, &old_owner, &new_owner) < 0) return false;
    if (std::string_view(name) != kService) return false;
    if (owner.empty()) return *new_owner == '\0';
    return owner == old_owner && owner != new_owner;
}

std::string last_error(sd_bus* bus, Clock::time_point deadline) {
    if (!bound_calls_by(bus, std::max(deadline, Clock::now() + kLastErrorGrace))) return {};
    BusError error;
    char* raw = nullptr;
    const int r =
        sd_bus_get_property_string(bus, kService, kObject, kInterface, "LastError", error.get(), &raw);
    const std::unique_ptr<char, decltype(&std::free)> text(raw, &std::free);
    if (r < 0) {
        spdlog::warn("RAUC: cannot read LastError: {}", error.text(r));
        return {};
    }
    return text.get();
}

// InstallBundle(source, {}), or the deprecated Install(source) of a RAUC that predates it. Returns the unique
// name of the connection that answered: RAUC's, whose signals the install then listens to.
std::expected<std::string, std::string> start_install(sd_bus* bus, const std::string& source,
                                                      Clock::time_point deadline, const std::string& where) {
    if (!bound_calls_by(bus, deadline)) return std::unexpected("no time left to call RAUC's InstallBundle");
    BusError error;
    sd_bus_message* raw = nullptr;
    int r = sd_bus_call_method(bus, kService, kObject, kInterface, "InstallBundle", error.get(), &raw,
                               "sa{sv}", source.c_str(), 0U);
    std::string_view call = "InstallBundle";
    if (r < 0 && error.is(SD_BUS_ERROR_UNKNOWN_METHOD)) {
        spdlog::info("RAUC has no InstallBundle: using the deprecated Install");
        BusError legacy_error;
        r = sd_bus_call_method(bus, kService, kObject, kInterface, "Install", legacy_error.get(), &raw, "s",
                               source.c_str());
        call = "Install";
        if (r < 0) return std::unexpected(call_failure(legacy_error, r, call, where));
    }
    const Message reply(raw);
    if (r < 0) return std::unexpected(call_failure(error, r, call, where));
    const char* sender = sd_bus_message_get_sender(reply.get());
    return std::string(sender != nullptr ? sender : "");
}

// One install being waited on: what each message from the bus means for it.
struct InstallWatch {
    sd_bus* bus = nullptr;
    std::string owner;  // RAUC's unique name: signals from anyone else are not about this install
    std::string source;
    std::string where;
    Clock::time_point deadline;

    // The install's outcome if `message` ends it; otherwise nothing, after passing a Progress change on.
    std::optional<std::expected<void, std::string>> outcome_of(
        sd_bus_message* message, const std::function<void(const InstallProgress&)>& progress) const {
        if (sd_bus_message_is_signal(message, "org.freedesktop.DBus", "NameOwnerChanged") > 0) {
            if (!lost_service(message, owner)) return std::nullopt;
            return std::unexpected("RAUC left " + where + " during the install of " + source);
        }
        const char* sender = sd_bus_message_get_sender(message);
        if (sender == nullptr || (!owner.empty() && owner != sender)) return std::nullopt;
        if (sd_bus_message_is_signal(message, kInterface, "Completed") > 0) return completed(message);
        if (sd_bus_message_is_signal(message, "org.freedesktop.DBus.Properties", "PropertiesChanged") > 0) {
            const auto changed = progress_of(message);
            if (!changed) return std::unexpected(changed.error());
            if (*changed && progress) progress(**changed);
        }
        return std::nullopt;
    }

    std::expected<void, std::string> completed(sd_bus_message* message) const {
        std::int32_t result = 0;
        if (const int r = sd_bus_message_read(message, "i", &result); r < 0) {
            return std::unexpected("unreadable Completed from RAUC: " + errno_text(r));
        }
        if (result == 0) {
            spdlog::info("RAUC installed {}", source);
            return {};
        }
        const std::string text = last_error(bus, deadline);
        spdlog::warn("RAUC failed to install {} (result {}): {}", source, result, text);
        if (text.empty()) return std::unexpected("RAUC install failed with result " + std::to_string(result));
        return std::unexpected("RAUC install failed: " + text);
    }
};

}  // namespace

RaucDbusInstaller::RaucDbusInstaller(std::string bus_address, std::chrono::milliseconds install_timeout,
                                     std::chrono::milliseconds call_timeout)
    : bus_address_(std::move(bus_address)), install_timeout_(install_timeout), call_timeout_(call_timeout) {}

std::expected<void, std::string> RaucDbusInstaller::install(
    const std::filesystem::path& bundle, const std::function<void(const InstallProgress&)>& progress) {
    const auto deadline = Clock::now() + install_timeout_;
    const std::string where = bus_name(bus_address_);
    // RAUC resolves a relative path against its own working directory, not ours.
    std::error_code path_error;
    const std::string source = std::filesystem::absolute(bundle, path_error).string();
    if (path_error) {
        return std::unexpected("bad bundle path " + bundle.string() + ": " + path_error.message());
    }

    auto connected = connect(bus_address_, deadline);
    if (!connected) return std::unexpected(connected.error());
    sd_bus* bus = connected->get();
    if (!bound_calls_by(bus, deadline)) return std::unexpected(where + " took the whole install timeout");
    if (const int r = subscribe_install_signals(bus); r < 0) {
        return std::unexpected("cannot subscribe to RAUC's signals on " + where + ": " + errno_text(r));
    }
    const auto owner = start_install(bus, source, deadline, where);
    if (!owner) return std::unexpected(owner.error());
    spdlog::info("RAUC is installing {}", source);

    const InstallWatch watch{
        .bus = bus, .owner = *owner, .source = source, .where = where, .deadline = deadline};
    for (;;) {
        sd_bus_message* raw = nullptr;
        int r = sd_bus_process(bus, &raw);
        const Message message(raw);
        if (r < 0) {
            return std::unexpected("lost the connection to " + where + " mid-install: " + errno_text(r));
        }
        if (message != nullptr) {
            if (auto outcome = watch.outcome_of(message.get(), progress)) return *outcome;
        }
        if (r > 0) continue;
        const std::uint64_t left = usec_until(deadline);
        if (left == 0) {
            return std::unexpected("RAUC did not complete the install of " + source + " within " +
                                   seconds_text(install_timeout_));
        }
        if ((r = sd_bus_wait(bus, left)) < 0) {
            return std::unexpected("lost the connection to " + where + " mid-install: " + errno_text(r));
        }
    }
}

std::expected<void, std::string> RaucDbusInstaller::mark_booted(SlotHealth health) {
    const auto deadline = Clock::now() + call_timeout_;
    const char* state = health == SlotHealth::Good ? "good" : "bad";
    const std::string call = std::string("Mark(\"") + state + "\", \"booted\")";
    auto connected = connect(bus_address_, deadline);
    if (!connected) return std::unexpected(connected.error());
    sd_bus* bus = connected->get();
    if (!bound_calls_by(bus, deadline)) return std::unexpected("no time left to call RAUC's " + call);

    BusError error;
    sd_bus_message* raw = nullptr;
    int r = sd_bus_call_method(bus, kService, kObject, kInterface, "Mark", error.get(), &raw, "ss", state,
                               "booted");
    const Message reply(raw);
    if (r < 0) return std::unexpected(call_failure(error, r, call, bus_name(bus_address_)));
    const char* slot = nullptr;
    const char* message = nullptr;
    if ((r = sd_bus_message_read(reply.get(), "ss", &slot, &message)) < 0) {
        return std::unexpected("unreadable answer from RAUC to " + call + ": " + errno_text(r));
    }
    spdlog::info("RAUC marked slot {} {}: {}", slot, state, message);
    return {};
}

namespace {

// The name of the slot whose "state" is "booted" in GetSlotStatus's a(sa{sv}); empty when none is.
std::expected<std::string, std::string> booted_in(sd_bus_message* reply) {
    std::string booted;
    int r = sd_bus_message_enter_container(reply, 'a', "(sa{sv})");
    while (r >= 0 && (r = sd_bus_message_enter_container(reply, 'r', "sa{sv}")) > 0) {
        const char* slot = nullptr;
        if ((r = sd_bus_message_read(reply, "s", &slot)) < 0) break;
        if ((r = sd_bus_message_enter_container(reply, 'a', "{sv}")) < 0) break;
        while ((r = sd_bus_message_enter_container(reply, 'e', "sv")) > 0) {
            const char* key = nullptr;
            if ((r = sd_bus_message_read(reply, "s", &key)) < 0) break;
            if (std::string_view(key) == "state" && sd_bus_message_enter_container(reply, 'v', "s") > 0) {
                const char* state = nullptr;
                if ((r = sd_bus_message_read(reply, "s", &state)) < 0) break;
                if (std::string_view(state) == "booted" && booted.empty()) booted = slot;
                r = sd_bus_message_exit_container(reply);
            } else {
                r = sd_bus_message_skip(reply, "v");
            }
            if (r < 0 || (r = sd_bus_message_exit_container(reply)) < 0) break;
        }
        if (r < 0 || (r = sd_bus_message_exit_container(reply)) < 0) break;
        if ((r = sd_bus_message_exit_container(reply)) < 0) break;
    }
    if (r < 0) return std::unexpected("unreadable GetSlotStatus answer from RAUC: " + errno_text(r));
    return booted;
}

}  // namespace

std::expected<std::string, std::string> RaucDbusInstaller::booted_slot() {
    const auto deadline = Clock::now() + call_timeout_;
    const std::string where = bus_name(bus_address_);
    auto connected = connect(bus_address_, deadline);
    if (!connected) return std::unexpected(connected.error());
    sd_bus* bus = connected->get();
    if (!bound_calls_by(bus, deadline)) return std::unexpected("no time left to call RAUC's GetSlotStatus");

    BusError error;
    sd_bus_message* raw = nullptr;
    const int r =
        sd_bus_call_method(bus, kService, kObject, kInterface, "GetSlotStatus", error.get(), &raw, "");
    const Message reply(raw);
    std::string why;
    if (r >= 0) {
        const auto booted = booted_in(reply.get());
        if (booted && !booted->empty()) return *booted;
        why = booted ? std::string("GetSlotStatus lists no booted slot") : booted.error();
    } else if (error.is(SD_BUS_ERROR_SERVICE_UNKNOWN) || error.is(SD_BUS_ERROR_NAME_HAS_NO_OWNER)) {
        return std::unexpected(call_failure(error, r, "GetSlotStatus", where));
    } else {
        why = call_failure(error, r, "GetSlotStatus", where);
    }

    // RAUC answers GetSlotStatus only when idle; BootSlot it always has.
    if (!bound_calls_by(bus, deadline)) return std::unexpected(why);
    BusError property_error;
    char* slot = nullptr;
    const int pr = sd_bus_get_property_string(bus, kService, kObject, kInterface, "BootSlot",
                                              property_error.get(), &slot);
    const std::unique_ptr<char, decltype(&std::free)> boot_slot(slot, &std::free);
    if (pr < 0) return std::unexpected(why + "; " + call_failure(property_error, pr, "BootSlot", where));
    if (*boot_slot == '\0') return std::unexpected(why + "; RAUC's BootSlot is empty");
    spdlog::info("RAUC: {}; BootSlot says {}", why, boot_slot.get());
    return std::string(boot_slot.get());
}

}  // namespace hk::update
