#include <ta/result.hpp>

#include <array>
#include <cstring>

#include "detail/strings.hpp"

namespace ta {
namespace {

constexpr std::array<std::string_view, 4> label_names{"positive", "neutral", "negative", "mixed"};

} // namespace

std::string_view to_string(sentiment_label label) noexcept {
    return label_names.at(static_cast<std::size_t>(label));
}

std::optional<sentiment_label> parse_sentiment_label(std::string_view text) noexcept {
    // The service's own spelling first: a compare of constant length each, which the compiler
    // makes a load or two, not a loop over the letters.
    const auto is = [text](const char(&name)[9]) { return std::memcmp(text.data(), name, 8) == 0; };
    switch (text.size()) {
    case 8:
        if (is("positive")) {
            return sentiment_label::positive;
        }
        if (is("negative")) {
            return sentiment_label::negative;
        }
        break;
    case 7:
        if (std::memcmp(text.data(), "neutral", 7) == 0) {
            return sentiment_label::neutral;
        }
        break;
    case 5:
        if (std::memcmp(text.data(), "mixed", 5) == 0) {
            return sentiment_label::mixed;
        }
        break;
    default:
        break;
    }
    for (std::size_t i = 0; i < label_names.size(); ++i) {
        if (detail::equals_ignoring_case(text, label_names[i])) {
            return static_cast<sentiment_label>(i);
        }
    }
    return std::nullopt;
}

} // namespace ta
