#include "sane_test_config.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

namespace hk::scanner::sane::testing {

namespace {

struct PrivateDir {
    std::filesystem::path root;
    PrivateDir() {
        root = std::filesystem::temp_directory_path() / ("hukiosk-sane-" + std::to_string(getpid()));
        std::filesystem::create_directories(root / "sane.d");
        std::ofstream{root / "sane.d" / "dll.conf"} << "test\npnm\n";
        if (setenv("SANE_CONFIG_DIR", (root / "sane.d").c_str(), 1) != 0) {
            throw std::runtime_error("setenv SANE_CONFIG_DIR failed");
        }
        // SANE's dll backend unloads a backend at sane_exit, and the scanner drops its SANE session after
        // each fault. Held here for the life of the process, the backends stay mapped, so LeakSanitizer can
        // name what Debian's test backend keeps of each scan (its 64 KiB read buffer, suppressed in
        // tests/lsan.supp) instead of reporting an unknown module.
        for (const char* backend : {"libsane-test.so.1", "libsane-pnm.so.1"}) {
            const std::string path = std::string{"/usr/lib/x86_64-linux-gnu/sane/"} + backend;
            (void)dlopen(path.c_str(), RTLD_NOW | RTLD_NODELETE);
        }
    }
    ~PrivateDir() {
        std::error_code ignored;
        std::filesystem::remove_all(root, ignored);
    }
    PrivateDir(const PrivateDir&) = delete;
    PrivateDir& operator=(const PrivateDir&) = delete;
};

}  // namespace

const std::filesystem::path& private_sane_dir() {
    static const PrivateDir dir;
    return dir.root;
}

void set_test_backend_devices(int count) {
    std::ofstream{private_sane_dir() / "sane.d" / "test.conf"} << "number_of_devices " << count << "\n";
}

void reset_test_backend_config() {
    std::filesystem::remove(private_sane_dir() / "sane.d" / "test.conf");
}

Image patterned_page(int width, int height, int channels) {
    Image image;
    image.width = width;
    image.height = height;
    image.channels = channels;
    image.pixels.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) *
                        static_cast<std::size_t>(channels));
    for (std::size_t i = 0; i < image.pixels.size(); ++i) {
        image.pixels[i] = static_cast<std::uint8_t>((i * 7U + i / 251U) & 0xffU);
    }
    return image;
}

void write_pnm(const std::filesystem::path& file, const Image& image) {
    std::ofstream out{file, std::ios::binary};
    out << (image.channels == 3 ? "P6" : "P5") << "\n" << image.width << " " << image.height << "\n255\n";
    out.write(reinterpret_cast<const char*>(image.pixels.data()),
              static_cast<std::streamsize>(image.pixels.size()));
}

}  // namespace hk::scanner::sane::testing
