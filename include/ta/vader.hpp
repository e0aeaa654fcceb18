// VADER 3.3.2 (Hutto & Gilbert, 2014), reproduced exactly: the scorer under the built-in engine.
#pragma once

#include <string_view>

namespace ta {

/// What vaderSentiment 3.3.2's SentimentIntensityAnalyzer.polarity_scores returns, rounded as
/// it rounds: compound to 4 places, pos, neu and neg to 3. Text with no words scores all 0.
struct vader_scores {
    double compound = 0;
    double pos = 0;
    double neu = 0;
    double neg = 0;
};

/// Scores `text` (UTF-8; an invalid byte is read as U+FFFD) as VADER 3.3.2 does, quirks
/// included. Thread-safe; needs no data files.
vader_scores vader_polarity_scores(std::string_view text);

} // namespace ta
