// clang 14 (Debian 12's clang) cannot use libstdc++ 12's <expected>: the header needs conditionally trivial
// special members (P0848, __cpp_concepts >= 202002L), which clang implements from version 16, so it defines
// nothing there. The clang-only fuzzer build force-includes this stand-in (-include), which provides the
// subset of std::expected that the central client's answer readers use. g++ builds never see it, and with a
// clang that has std::expected it is empty.
#pragma once

#include <version>

#if !defined(__cpp_lib_expected)

#include <cstdlib>
#include <type_traits>
#include <utility>
#include <variant>

namespace std {

template <class E>
class unexpected {
  public:
    template <class Err = E>
    constexpr explicit unexpected(Err&& error) : error_(std::forward<Err>(error)) {}
    constexpr const E& error() const& noexcept { return error_; }
    constexpr E& error() & noexcept { return error_; }
    constexpr E&& error() && noexcept { return std::move(error_); }

  private:
    E error_;
};

template <class E>
unexpected(E) -> unexpected<E>;

template <class T, class E>
class expected {
    template <class U>
    static constexpr bool is_unexpected = false;
    template <class G>
    static constexpr bool is_unexpected<unexpected<G>> = true;

  public:
    using value_type = T;
    using error_type = E;

    constexpr expected() : state_(in_place_index<0>) {}
    template <class U = T>
    requires(!is_same_v<remove_cvref_t<U>, expected> && !is_unexpected<remove_cvref_t<U>> &&
             is_constructible_v<T, U>) constexpr expected(U&& value)
        : state_(in_place_index<0>, std::forward<U>(value)) {}
    template <class G>
    constexpr expected(const unexpected<G>& error) : state_(in_place_index<1>, error.error()) {}
    template <class G>
    constexpr expected(unexpected<G>&& error) : state_(in_place_index<1>, std::move(error).error()) {}

    template <class G>
    constexpr expected& operator=(unexpected<G>&& error) {
        state_.template emplace<1>(std::move(error).error());
        return *this;
    }

    [[nodiscard]] constexpr bool has_value() const noexcept { return state_.index() == 0; }
    constexpr explicit operator bool() const noexcept { return has_value(); }

    constexpr T& operator*() & { return *std::get_if<0>(&state_); }
    constexpr const T& operator*() const& { return *std::get_if<0>(&state_); }
    constexpr T&& operator*() && { return std::move(*std::get_if<0>(&state_)); }
    constexpr T* operator->() { return std::get_if<0>(&state_); }
    constexpr const T* operator->() const { return std::get_if<0>(&state_); }
    constexpr T& value() & {
        if (!has_value()) std::abort();  // the real one throws bad_expected_access; a fuzzer wants a crash
        return **this;
    }
    constexpr const T& value() const& {
        if (!has_value()) std::abort();
        return **this;
    }

    constexpr E& error() & { return *std::get_if<1>(&state_); }
    constexpr const E& error() const& { return *std::get_if<1>(&state_); }
    constexpr E&& error() && { return std::move(*std::get_if<1>(&state_)); }

  private:
    variant<T, E> state_;
};

}  // namespace std

#endif
