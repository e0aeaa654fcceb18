#include "detail/assessments.hpp"

#include <cmath>
#include <string>

#include "detail/python_text.hpp"
#include "detail/vader_words.hpp"

namespace ta::detail {
namespace {

bool is_negation(std::string_view lower) {
    return find_vader_word(lower).negation || lower.find("n't") != std::string_view::npos;
}

double round4(double value) {
    return std::round(value * 10'000) / 10'000;
}

} // namespace

std::vector<word_assessment> find_assessments(std::string_view sentence) {
    struct word {
        std::size_t begin;
        std::size_t end;
        std::string lower;
    };
    std::vector<word> words;
    for (std::size_t position = 0;;) {
        const std::string_view piece = python_next_word(sentence, position);
        if (piece.empty()) {
            break;
        }
        // As VADER: stripped of punctuation unless that leaves two code points or fewer.
        std::string_view token = strip_ascii_punctuation(piece);
        if (code_point_count(token) <= 2) {
            token = piece;
        }
        word w{static_cast<std::size_t>(token.data() - sentence.data()), 0, {}};
        w.end = w.begin + token.size();
        python_lower(token, w.lower);
        words.push_back(std::move(w));
    }

    std::vector<word_assessment> found;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const vader_word& known = find_vader_word(words[i].lower);
        if (!known.in_lexicon || known.valence == 0 || known.booster != 0) {
            continue;
        }
        word_assessment a;
        a.begin = words[i].begin;
        a.end = words[i].end;
        for (std::size_t k = 1; k <= 3 && k <= i; ++k) {
            a.is_negated = a.is_negated || is_negation(words[i - k].lower);
        }
        const double valence = a.is_negated ? -known.valence : known.valence;
        a.sentiment = valence > 0 ? sentiment_label::positive : sentiment_label::negative;
        a.positive = round4((1 + valence / std::sqrt(valence * valence + 15)) / 2);
        a.negative = round4(1 - a.positive);
        found.push_back(a);
    }
    return found;
}

} // namespace ta::detail
