// Field-aware decoding of recognised cells: each position may only take the classes its field allows (digits
// in dates, letters in names...), and a field whose check digit fails is repaired with the least costly
// alternatives of its least certain characters (bounded search).
#pragma once

#include <string>
#include <vector>

#include "glyph_models.h"
#include "scanner/mrz.h"
#include "scanner/mrz_ocr/mrz_ocr.h"

namespace hk::scanner::mrz_ocr {

struct Decoded {
    std::vector<std::string> lines;
    std::vector<MrzFieldConfidence> fields;
    double score = 0.0;  // sum of the chosen characters' scores, to compare decodings of one band
};

// `cells[line][position]`: the class scores of each cell; line counts and lengths must match `format`.
Decoded decode(MrzFormat format, const std::vector<std::vector<Scores>>& cells);

// Line count and length of a format.
int format_lines(MrzFormat format);
int format_length(MrzFormat format);

}  // namespace hk::scanner::mrz_ocr
