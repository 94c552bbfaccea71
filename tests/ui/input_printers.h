// Readable test failures: what came out of the front end, by name, rather than as bytes.
#pragma once

#include <ostream>

#include "ui/front_end.h"

namespace hk::ui {

inline void PrintTo(const Tap& tap, std::ostream* os) {
    *os << "Tap{" << tap.action << "}";
}
inline void PrintTo(const KeyPress& key, std::ostream* os) {
    *os << "KeyPress{" << key.key << "}";
}
inline void PrintTo(const FocusMoved& focus, std::ostream* os) {
    *os << "FocusMoved{" << focus.index << (focus.in_toolbar ? ", toolbar, " : ", screen, ") << focus.label
        << "}";
}
inline void PrintTo(const QuitRequested&, std::ostream* os) {
    *os << "QuitRequested";
}
inline void PrintTo(const HelpOpened&, std::ostream* os) {
    *os << "HelpOpened";
}
inline void PrintTo(const RepeatRequested&, std::ostream* os) {
    *os << "RepeatRequested";
}
inline void PrintTo(const HeadsetPlugged&, std::ostream* os) {
    *os << "HeadsetPlugged";
}

}  // namespace hk::ui
