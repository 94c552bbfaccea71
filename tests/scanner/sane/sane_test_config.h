// A private SANE configuration for one test process, and PNM pages to feed the pnm backend.
#pragma once

#include <filesystem>

#include "scanner/image.h"

namespace hk::scanner::sane::testing {

// Creates /tmp/hukiosk-sane-<pid>/sane.d with a dll.conf listing `test` and `pnm`, and points SANE_CONFIG_DIR
// at it. Call before the first SANE scanner is used: SANE reads the variable at sane_init. Idempotent.
const std::filesystem::path& private_sane_dir();

// The test backend reads test.conf from SANE_CONFIG_DIR at every sane_init: fewer devices "unplugs" the rest.
void set_test_backend_devices(int count);
void reset_test_backend_config();

// A deterministic page with every byte value present, so a lost or reordered byte changes the comparison.
Image patterned_page(int width, int height, int channels);

// Writes an 8-bit binary PGM (1 channel) or PPM (3 channels).
void write_pnm(const std::filesystem::path& file, const Image& image);

}  // namespace hk::scanner::sane::testing
