#include <ta/result.hpp>

#include <array>

#include "detail/strings.hpp"

namespace ta {
namespace {

constexpr std::array<std::string_view, 4> label_names{"positive", "neutral", "negative", "mixed"};

} // namespace

std::string_view to_string(sentiment_label label) noexcept {
    return label_names.at(static_cast<std::size_t>(label));
}

std::optional<sentiment_label> parse_sentiment_label(std::string_view text) noexcept {
    for (std::size_t i = 0; i < label_names.size(); ++i) {
        if (detail::equals_ignoring_case(text, label_names[i])) {
            return static_cast<sentiment_label>(i);
        }
    }
    return std::nullopt;
}

} // namespace ta
