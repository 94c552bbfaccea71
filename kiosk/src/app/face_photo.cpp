#include "face_photo.h"

#include "drivers/icao9303/dg2_face.h"

namespace hk::kiosk {

std::shared_ptr<const ui::Photo> face_photo(const drivers::ChipDocument& document) {
    if (document.face_image.empty()) return nullptr;
    drivers::icao9303::FaceImage image;
    image.data = document.face_image;
    auto decoded = drivers::icao9303::decode_face(image);
    image.wipe();
    if (!decoded) return nullptr;
    const int w = decoded->width;
    const int h = decoded->height;
    const int channels = decoded->channels;
    const std::size_t pixels = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
    if ((channels != 1 && channels != 3 && channels != 4) || decoded->pixels.size() != pixels * channels) {
        decoded->wipe();
        return nullptr;
    }
    std::vector<std::uint8_t> rgb(pixels * 3);
    for (std::size_t i = 0; i < pixels; ++i) {
        const std::uint8_t* in = &decoded->pixels[i * channels];
        // OpenCV decodes colour as BGR(A).
        rgb[i * 3 + 0] = channels == 1 ? in[0] : in[2];
        rgb[i * 3 + 1] = channels == 1 ? in[0] : in[1];
        rgb[i * 3 + 2] = in[0];
    }
    decoded->wipe();
    return std::make_shared<const ui::Photo>(w, h, std::move(rgb));
}

}  // namespace hk::kiosk
