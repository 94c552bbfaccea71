#include "fake_rauc_service.h"

#include <systemd/sd-bus.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <future>
#include <mutex>
#include <optional>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>

namespace hk::update::testing {
namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kService = "de.pengutronix.rauc";
constexpr const char* kObject = "/";
constexpr const char* kInterface = "de.pengutronix.rauc.Installer";
// RAUC answers refusals with G_IO_ERROR_FAILED_HANDLED, which GDBus puts on the wire under this name.
constexpr const char* kRaucErrorName = "org.gtk.GDBus.UnmappedGError.Quark._g_2dio_2derror_2dquark.Code30";
// How long the service thread sleeps in one wait: also how soon it sees a due progress step or a stop.
constexpr std::uint64_t kWaitUsec = 5000;

std::string errno_text(int r) {
    return std::error_code(-r, std::generic_category()).message();
}

}  // namespace

class FakeRaucService::Impl {
  public:
    Impl(std::string address, FakeRaucScript script)
        : address_(std::move(address)), script_(std::move(script)) {}

    ~Impl() {
        stop_ = true;
        if (thread_.joinable()) thread_.join();
    }

    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    std::expected<void, std::string> start() {
        std::promise<std::string> started;
        auto outcome = started.get_future();
        thread_ = std::thread([this, started = std::move(started)]() mutable { serve(started); });
        std::string error = outcome.get();
        if (!error.empty()) return std::unexpected(error);
        return {};
    }

    std::vector<std::string> install_requests() const {
        std::lock_guard lock(mutex_);
        return install_requests_;
    }
    std::vector<std::string> installed() const {
        std::lock_guard lock(mutex_);
        return installed_;
    }
    std::vector<MarkRequest> marks() const {
        std::lock_guard lock(mutex_);
        return marks_;
    }

  private:
    // One install in progress: the bundle and the next scripted step.
    struct Run {
        std::string source;
        std::size_t next_step = 0;
        Clock::time_point due;
    };

    static const sd_bus_vtable* vtable(bool with_install_bundle) {
        static const sd_bus_vtable full[] = {
            SD_BUS_VTABLE_START(0),
            SD_BUS_METHOD("InstallBundle", "sa{sv}", "", &Impl::on_install_bundle,
                          SD_BUS_VTABLE_UNPRIVILEGED),
            SD_BUS_METHOD("Install", "s", "", &Impl::on_install, SD_BUS_VTABLE_UNPRIVILEGED),
            SD_BUS_METHOD("Mark", "ss", "ss", &Impl::on_mark, SD_BUS_VTABLE_UNPRIVILEGED),
            SD_BUS_METHOD("GetSlotStatus", "", "a(sa{sv})", &Impl::on_get_slot_status,
                          SD_BUS_VTABLE_UNPRIVILEGED),
            SD_BUS_PROPERTY("Operation", "s", &Impl::get_property, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
            SD_BUS_PROPERTY("LastError", "s", &Impl::get_property, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
            SD_BUS_PROPERTY("Progress", "(isi)", &Impl::get_property, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
            SD_BUS_PROPERTY("Compatible", "s", &Impl::get_property, 0, SD_BUS_VTABLE_PROPERTY_CONST),
            SD_BUS_PROPERTY("Variant", "s", &Impl::get_property, 0, SD_BUS_VTABLE_PROPERTY_CONST),
            SD_BUS_PROPERTY("BootSlot", "s", &Impl::get_property, 0, SD_BUS_VTABLE_PROPERTY_CONST),
            SD_BUS_SIGNAL("Completed", "i", 0),
            SD_BUS_VTABLE_END,
        };
        static const sd_bus_vtable legacy[] = {
            SD_BUS_VTABLE_START(0),
            SD_BUS_METHOD("Install", "s", "", &Impl::on_install, SD_BUS_VTABLE_UNPRIVILEGED),
            SD_BUS_METHOD("Mark", "ss", "ss", &Impl::on_mark, SD_BUS_VTABLE_UNPRIVILEGED),
            SD_BUS_METHOD("GetSlotStatus", "", "a(sa{sv})", &Impl::on_get_slot_status,
                          SD_BUS_VTABLE_UNPRIVILEGED),
            SD_BUS_PROPERTY("Operation", "s", &Impl::get_property, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
            SD_BUS_PROPERTY("LastError", "s", &Impl::get_property, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
            SD_BUS_PROPERTY("Progress", "(isi)", &Impl::get_property, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
            SD_BUS_PROPERTY("Compatible", "s", &Impl::get_property, 0, SD_BUS_VTABLE_PROPERTY_CONST),
            SD_BUS_PROPERTY("Variant", "s", &Impl::get_property, 0, SD_BUS_VTABLE_PROPERTY_CONST),
            SD_BUS_PROPERTY("BootSlot", "s", &Impl::get_property, 0, SD_BUS_VTABLE_PROPERTY_CONST),
            SD_BUS_SIGNAL("Completed", "i", 0),
            SD_BUS_VTABLE_END,
        };
        return with_install_bundle ? full : legacy;
    }

    // The service thread: connect, own the name, then serve calls and step the install script until stopped.
    void serve(std::promise<std::string>& started) {
        if (std::string error = connect(); !error.empty()) {
            close();
            started.set_value(error);
            return;
        }
        started.set_value({});
        while (!stop_) {
            if (bus_ != nullptr) {
                int r = 0;
                while ((r = sd_bus_process(bus_, nullptr)) > 0) {
                }
                if (r < 0) close();  // the bus went away under us
            }
            step();
            if (bus_ == nullptr || sd_bus_wait(bus_, kWaitUsec) < 0) {
                std::this_thread::sleep_for(std::chrono::microseconds(kWaitUsec));
            }
        }
        close();
    }

    std::string connect() {
        int r = sd_bus_new(&bus_);
        if (r >= 0) r = sd_bus_set_address(bus_, address_.c_str());
        if (r >= 0) r = sd_bus_set_bus_client(bus_, 1);
        if (r >= 0) r = sd_bus_start(bus_);
        if (r < 0) return "fake RAUC cannot connect to " + address_ + ": " + errno_text(r);
        r = sd_bus_add_object_vtable(bus_, nullptr, kObject, kInterface,
                                     vtable(!script_.without_install_bundle), this);
        if (r < 0) return "fake RAUC cannot export its interface: " + errno_text(r);
        r = sd_bus_request_name(bus_, kService, 0);
        if (r < 0) return std::string("fake RAUC cannot own ") + kService + ": " + errno_text(r);
        return {};
    }

    // Without a flush: sd_bus_flush() would wait out sd-bus's authentication timeout on a half-made
    // connection.
    void close() {
        if (bus_ != nullptr) bus_ = sd_bus_close_unref(bus_);
    }

    void changed(const char* property, const char* other = nullptr) {
        if (bus_ == nullptr) return;
        sd_bus_emit_properties_changed(bus_, kObject, kInterface, property, other, nullptr);
    }

    void completed(int result) {
        if (bus_ != nullptr) sd_bus_emit_signal(bus_, kObject, kInterface, "Completed", "i", result);
    }

    // The next due step of the install script, outside sd_bus_process so that it may close the connection.
    void step() {
        if (!run_ || Clock::now() < run_->due) return;
        if (run_->next_step == 0 && !std::filesystem::exists(run_->source)) {
            finish_failed("Failed to check bundle: failed to open bundle " + run_->source +
                          ": No such file or directory");
            return;
        }
        if (run_->next_step < script_.progress.size()) {
            progress_ = script_.progress[run_->next_step++];
            changed("Progress");
            run_->due = Clock::now() + script_.step;
            if (script_.ending == InstallEnding::Vanish) {
                sd_bus_flush(bus_);
                close();
                run_.reset();
            }
            return;
        }
        switch (script_.ending) {
            case InstallEnding::Succeed:
                finish_succeeded();
                return;
            case InstallEnding::Fail:
                finish_failed(script_.last_error);
                return;
            case InstallEnding::Hang:
            case InstallEnding::Vanish:
                run_->due = Clock::time_point::max();
                return;
        }
    }

    void finish_succeeded() {
        {
            std::lock_guard lock(mutex_);
            installed_.push_back(run_->source);
        }
        run_.reset();
        completed(0);
        operation_ = "idle";
        changed("Operation");
    }

    // In RAUC's order: LastError holds the message before Completed goes out, but its PropertiesChanged
    // follows.
    void finish_failed(const std::string& message) {
        run_.reset();
        last_error_ = message;
        completed(1);
        operation_ = "idle";
        changed("Operation", "LastError");
    }

    int begin_install(sd_bus_message* m, sd_bus_error* error, bool with_args) {
        const char* source = nullptr;
        int r = sd_bus_message_read(m, "s", &source);
        if (r < 0) return r;
        {
            std::lock_guard lock(mutex_);
            install_requests_.emplace_back(source);
        }
        if (with_args) {
            // RAUC refuses a key it does not know rather than ignore it.
            static constexpr std::string_view kKnown[] = {"ignore-compatible",
                                                          "ignore-version-limit",
                                                          "transaction-id",
                                                          "require-manifest-hash",
                                                          "tls-cert",
                                                          "tls-key",
                                                          "tls-ca",
                                                          "http-headers",
                                                          "tls-no-verify"};
            if ((r = sd_bus_message_enter_container(m, 'a', "{sv}")) < 0) return r;
            while ((r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
                const char* key = nullptr;
                if ((r = sd_bus_message_read(m, "s", &key)) < 0) return r;
                if (std::ranges::find(kKnown, std::string_view(key)) == std::end(kKnown)) {
                    return sd_bus_error_setf(error, kRaucErrorName, "Unsupported key: %s", key);
                }
                if ((r = sd_bus_message_skip(m, "v")) < 0) return r;
                if ((r = sd_bus_message_exit_container(m)) < 0) return r;
            }
            if (r < 0 || (r = sd_bus_message_exit_container(m)) < 0) return r;
        }
        if (operation_ != "idle") {
            return sd_bus_error_set(error, kRaucErrorName, "Already processing a different method");
        }
        operation_ = "installing";
        changed("Operation");
        run_ = Run{.source = source, .next_step = 0, .due = Clock::now() + script_.step};
        return sd_bus_reply_method_return(m, "");
    }

    static int on_install_bundle(sd_bus_message* m, void* self, sd_bus_error* error) {
        return static_cast<Impl*>(self)->begin_install(m, error, true);
    }

    static int on_install(sd_bus_message* m, void* self, sd_bus_error* error) {
        return static_cast<Impl*>(self)->begin_install(m, error, false);
    }

    int mark(sd_bus_message* m, sd_bus_error* error) {
        const char* state = nullptr;
        const char* identifier = nullptr;
        if (const int r = sd_bus_message_read(m, "ss", &state, &identifier); r < 0) return r;
        {
            std::lock_guard lock(mutex_);
            marks_.push_back({state, identifier});
        }
        if (operation_ != "idle") {
            return sd_bus_error_set(error, kRaucErrorName, "already processing a different method");
        }
        const std::string_view wanted(state);
        if (wanted != "good" && wanted != "bad" && wanted != "active") {
            return sd_bus_error_setf(error, kRaucErrorName, "unknown subcommand %s", state);
        }
        std::string slot;
        for (const FakeSlot& candidate : script_.slots) {
            const bool booted = candidate.state == "booted";
            if ((std::string_view(identifier) == "booted" && booted) ||
                (std::string_view(identifier) == "other" && !booted) || candidate.name == identifier) {
                slot = candidate.name;
                break;
            }
        }
        if (slot.empty()) {
            return sd_bus_error_setf(error, kRaucErrorName, "No slot with name %s found", identifier);
        }
        if (!script_.refuse_mark.empty()) {
            return sd_bus_error_set(error, kRaucErrorName, script_.refuse_mark.c_str());
        }
        const std::string message = wanted == "active" ? "activated slot " + slot
                                                       : "marked slot " + slot + " as " + std::string(wanted);
        return sd_bus_reply_method_return(m, "ss", slot.c_str(), message.c_str());
    }

    static int on_mark(sd_bus_message* m, void* self, sd_bus_error* error) {
        return static_cast<Impl*>(self)->mark(m, error);
    }

    int slot_status(sd_bus_message* m, sd_bus_error* error) {
        if (script_.refuse_slot_status || operation_ != "idle") {
            return sd_bus_error_set(error, kRaucErrorName, "already processing a different method");
        }
        sd_bus_message* reply = nullptr;
        int r = sd_bus_message_new_method_return(m, &reply);
        if (r < 0) return r;
        r = sd_bus_message_open_container(reply, 'a', "(sa{sv})");
        for (std::size_t i = 0; r >= 0 && i < script_.slots.size(); ++i) {
            const FakeSlot& slot = script_.slots[i];
            const std::string slot_class = slot.name.substr(0, slot.name.find('.'));
            const std::string device = "/dev/vda" + std::to_string(i + 2);
            if ((r = sd_bus_message_open_container(reply, 'r', "sa{sv}")) < 0) break;
            r = sd_bus_message_append(reply, "sa{sv}", slot.name.c_str(), 5, "class", "s", slot_class.c_str(),
                                      "device", "s", device.c_str(), "type", "s", "ext4", "state", "s",
                                      slot.state.c_str(), "boot-status", "s", "good");
            if (r >= 0) r = sd_bus_message_close_container(reply);
        }
        if (r >= 0) r = sd_bus_message_close_container(reply);
        if (r >= 0) r = sd_bus_send(nullptr, reply, nullptr);
        sd_bus_message_unref(reply);
        return r < 0 ? r : 1;
    }

    static int on_get_slot_status(sd_bus_message* m, void* self, sd_bus_error* error) {
        return static_cast<Impl*>(self)->slot_status(m, error);
    }

    static int get_property(sd_bus*, const char*, const char*, const char* property, sd_bus_message* reply,
                            void* self, sd_bus_error*) {
        const Impl& impl = *static_cast<Impl*>(self);
        const std::string_view name(property);
        if (name == "Progress") {
            return sd_bus_message_append(reply, "(isi)", impl.progress_.percent,
                                         impl.progress_.message.c_str(), impl.progress_.depth);
        }
        const std::string& value = name == "Operation"    ? impl.operation_
                                   : name == "LastError"  ? impl.last_error_
                                   : name == "Compatible" ? impl.script_.compatible
                                   : name == "Variant"    ? impl.script_.variant
                                                          : impl.script_.boot_slot;
        return sd_bus_message_append(reply, "s", value.c_str());
    }

    const std::string address_;
    const FakeRaucScript script_;
    std::atomic<bool> stop_{false};
    std::thread thread_;

    // The service thread's own.
    sd_bus* bus_ = nullptr;
    std::string operation_ = "idle";
    std::string last_error_;
    FakeProgress progress_{.percent = 0, .message = "", .depth = 1};
    std::optional<Run> run_;

    // Shared with the test.
    mutable std::mutex mutex_;
    std::vector<std::string> install_requests_;
    std::vector<std::string> installed_;
    std::vector<MarkRequest> marks_;
};

std::expected<std::unique_ptr<FakeRaucService>, std::string> FakeRaucService::start(
    const std::string& bus_address, FakeRaucScript script) {
    auto impl = std::make_unique<Impl>(bus_address, std::move(script));
    if (auto started = impl->start(); !started) return std::unexpected(started.error());
    return std::unique_ptr<FakeRaucService>(new FakeRaucService(std::move(impl)));
}

FakeRaucService::FakeRaucService(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FakeRaucService::~FakeRaucService() = default;

std::vector<std::string> FakeRaucService::install_requests() const {
    return impl_->install_requests();
}
std::vector<std::string> FakeRaucService::installed() const {
    return impl_->installed();
}
std::vector<MarkRequest> FakeRaucService::marks() const {
    return impl_->marks();
}

}  // namespace hk::update::testing
