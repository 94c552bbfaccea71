// Scanned pages of the current session, held outside the session engine (which only sees their ids) until
// they are attached to an application or wiped at the end of the session.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include "scanner/image.h"

namespace hk::kiosk {

class PageStore {
  public:
    int add(scanner::Image page) {
        std::lock_guard lock(mutex_);
        const int id = next_id_++;
        pages_.emplace(id, std::move(page));
        return id;
    }

    [[nodiscard]] std::size_t count() const {
        std::lock_guard lock(mutex_);
        return pages_.size();
    }

    [[nodiscard]] std::size_t total_bytes(const std::vector<int>& ids) const {
        std::lock_guard lock(mutex_);
        std::size_t bytes = 0;
        for (int id : ids) {
            if (auto it = pages_.find(id); it != pages_.end()) bytes += it->second.pixels.size();
        }
        return bytes;
    }

    // A copy of the page; nullopt when there is no page of that id (wiped with its session).
    [[nodiscard]] std::optional<scanner::Image> copy(int id) const {
        std::lock_guard lock(mutex_);
        if (auto it = pages_.find(id); it != pages_.end()) return it->second;
        return std::nullopt;
    }

    void wipe() {
        std::lock_guard lock(mutex_);
        for (auto& [id, page] : pages_) page.wipe();
        pages_.clear();
    }

  private:
    mutable std::mutex mutex_;
    std::map<int, scanner::Image> pages_;
    int next_id_ = 1;
};

}  // namespace hk::kiosk
