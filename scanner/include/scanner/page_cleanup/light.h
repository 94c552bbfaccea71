// Evening out the light on a page and turning it into black ink on white paper for OCR.
#pragma once

#include "scanner/image.h"

namespace hk::scanner::page {

// Grey page divided by its own paper brightness, estimated by a closing large enough to erase the ink and
// then smoothed: shadows, lamp fall-off and tinted paper become flat white while the ink keeps its contrast.
Image normalise_light(const Image& page);

struct BinariseOptions {
    int window = 0;  // Sauvola window in pixels, odd; 0: about twice the text height guessed from the size
    double k = 0.2;  // Sauvola sensitivity: higher keeps fewer faint strokes
};

// Ink 0, paper 255. Works on any page but is meant for the output of normalise_light.
Image binarise(const Image& page, const BinariseOptions& options = {});

}  // namespace hk::scanner::page
