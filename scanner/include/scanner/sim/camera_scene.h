// What the kiosk's overhead document camera sees when a citizen lays a page under it, for the simulated
// camera and the clean-up tests: the page photographed in perspective on the darker counter, and the short
// sequence of frames a hand makes putting it down (run off the top, moving, then still).
#pragma once

#include <array>
#include <vector>

#include "scanner/image.h"
#include "scanner/page_cleanup/geometry.h"

namespace hk::scanner::sim {

struct CounterLook {
    int paper = 210;    // the page's white under the camera's light
    int surface = 50;   // the counter around it
    unsigned seed = 7;  // of the counter's sensor noise
};

// `page` (grey or RGB) warped into `quad` (top-left, top-right, bottom-right, bottom-left) in a frame of
// `width` x `height`, its edge anti-aliased as a lens would. RGB.
Image photograph(const Image& page, const page::Quad& quad, int width, int height,
                 const CounterLook& look = {});

// The frames of a page being laid under the camera, in order: two with the page running off the top of the
// frame, one blurred by the hand still moving it, then one still and in place (the camera repeats the last).
std::vector<Image> laying_down_frames(const Image& page, int width, int height);

// Where laying_down_frames leaves a page of `page_aspect` (height / width): centred, a little in perspective,
// as large as 80 % of the frame's width and height allow.
page::Quad resting_quad(int width, int height, double page_aspect);

}  // namespace hk::scanner::sim
