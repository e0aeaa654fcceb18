// VADER 3.3.2's SentimentIntensityAnalyzer.polarity_scores (cjhutto/vaderSentiment, MIT), step
// for step: the same rules in the same order with the same floating-point operations, so that
// the rounded scores agree to the last digit. The quirks the reference has are kept on purpose
// (see ../shared/reference/vader-3.3.2.md, "Quirks"); each is marked "quirk" where it lives.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <ta/vader.hpp>

#include "detail/python_text.hpp"
#include "detail/vader_tables.hpp"
#include "detail/vader_words.hpp"

namespace ta {
namespace {

using detail::python_lower;

constexpr double c_incr = 0.733;
constexpr double n_scalar = -0.74;

/// One token of SentiText.words_and_emoticons, with what the rules ask of it.
struct token {
    std::string lower;
    bool upper = false;            ///< token.isupper()
    std::optional<double> valence; ///< in the lexicon (by its lower case)
    double booster = 0;            ///< BOOSTER_DICT's value, 0 when not a booster
    bool negation = false;         ///< negated([token])
};

/// _strip_punc_if_word: strip ASCII punctuation, unless that leaves two code points or fewer.
std::string_view strip_punctuation_if_word(std::string_view word) noexcept {
    const std::string_view stripped = detail::strip_ascii_punctuation(word);
    return detail::code_point_count(stripped) <= 2 ? word : stripped;
}

/// Each emoji of the lexicon replaced by its name, a space before it unless one is there.
std::string replace_emoji(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 16);
    bool previous_space = true;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = detail::next_code_point(text, i);
        if (const std::string_view name = c >= 0x80 ? detail::emoji_name(c) : std::string_view{};
            !name.empty()) {
            if (!previous_space) {
                out.push_back(' ');
            }
            out.append(name);
            previous_space = false;
        } else {
            detail::append_utf8(out, c);
            previous_space = c == ' ';
        }
    }
    return out;
}

class scorer {
  public:
    explicit scorer(std::string_view text) {
        for (const std::string_view word : detail::python_split(text)) {
            const std::string_view item = strip_punctuation_if_word(word);
            token t;
            t.lower = python_lower(item);
            t.upper = detail::python_is_upper(item);
            t.valence = detail::lexicon_valence(t.lower);
            t.booster = detail::booster_value(t.lower);
            t.negation = detail::is_negation(t.lower);
            tokens_.push_back(std::move(t));
        }
        std::size_t upper = 0;
        for (const token& t : tokens_) {
            upper += t.upper ? 1 : 0;
        }
        const std::size_t differential = tokens_.size() - upper;
        is_cap_diff_ = differential > 0 && differential < tokens_.size();
    }

    std::vector<double> sentiments() const {
        std::vector<double> values;
        values.reserve(tokens_.size());
        for (std::size_t i = 0; i < tokens_.size(); ++i) {
            if (tokens_[i].booster != 0) {
                values.push_back(0);
            } else if (i + 1 < tokens_.size() && tokens_[i].lower == "kind" &&
                       tokens_[i + 1].lower == "of") {
                values.push_back(0);
            } else {
                values.push_back(sentiment_valence(i));
            }
        }
        but_check(values);
        return values;
    }

  private:
    const std::string& lower(std::size_t i) const { return tokens_[i].lower; }
    bool in_lexicon(std::size_t i) const { return tokens_[i].valence.has_value(); }

    double sentiment_valence(std::size_t i) const {
        const token& item = tokens_[i];
        if (!item.valence) {
            return 0;
        }
        double valence = *item.valence;
        // "no" before a lexicon word is a negation, not a word of its own.
        if (item.lower == "no" && i + 1 != tokens_.size() && in_lexicon(i + 1)) {
            valence = 0.0;
        }
        if ((i > 0 && lower(i - 1) == "no") || (i > 1 && lower(i - 2) == "no") ||
            (i > 2 && lower(i - 3) == "no" && (lower(i - 1) == "or" || lower(i - 1) == "nor"))) {
            valence = *item.valence * n_scalar;
        }
        if (item.upper && is_cap_diff_) {
            valence = valence > 0 ? valence + c_incr : valence - c_incr;
        }
        for (std::size_t start = 0; start < 3; ++start) {
            if (i > start && !in_lexicon(i - (start + 1))) {
                double s = scalar_inc_dec(i - (start + 1), valence);
                if (start == 1 && s != 0) {
                    s = s * 0.95;
                }
                if (start == 2 && s != 0) {
                    s = s * 0.9;
                }
                valence = valence + s;
                valence = negation_check(valence, start, i);
                if (start == 2) {
                    valence = special_idioms_check(valence, i);
                }
            }
        }
        return least_check(valence, i);
    }

    double scalar_inc_dec(std::size_t j, double valence) const {
        double scalar = tokens_[j].booster;
        if (scalar != 0) {
            if (valence < 0) {
                scalar *= -1;
            }
            if (tokens_[j].upper && is_cap_diff_) {
                scalar = valence > 0 ? scalar + c_incr : scalar - c_incr;
            }
        }
        return scalar;
    }

    double negation_check(double valence, std::size_t start, std::size_t i) const {
        const auto is = [this](std::size_t j, std::string_view word) { return lower(j) == word; };
        if (start == 0) {
            if (tokens_[i - 1].negation) {
                valence = valence * n_scalar;
            }
        } else if (start == 1) {
            if (is(i - 2, "never") && (is(i - 1, "so") || is(i - 1, "this"))) {
                valence = valence * 1.25;
            } else if (is(i - 2, "without") && is(i - 1, "doubt")) {
            } else if (tokens_[i - 2].negation) {
                valence = valence * n_scalar;
            }
        } else {
            // Quirk: `A and B or C` in the reference, so "so"/"this" right before the word is
            // enough for the x1.25.
            if ((is(i - 3, "never") && (is(i - 2, "so") || is(i - 2, "this"))) ||
                (is(i - 1, "so") || is(i - 1, "this"))) {
                valence = valence * 1.25;
            } else if (is(i - 3, "without") && (is(i - 2, "doubt") || is(i - 1, "doubt"))) {
            } else if (tokens_[i - 3].negation) {
                valence = valence * n_scalar;
            }
        }
        return valence;
    }

    /// The SPECIAL_CASES value of tokens [first, last], if they are one.
    std::optional<double> special_case(std::size_t first, std::size_t last) const {
        for (const detail::special_case& idiom : detail::special_cases()) {
            if (idiom.words.size() != last - first + 1) {
                continue;
            }
            bool equal = true;
            for (std::size_t k = 0; k < idiom.words.size() && equal; ++k) {
                equal = lower(first + k) == idiom.words[k];
            }
            if (equal) {
                return idiom.valence;
            }
        }
        return std::nullopt;
    }

    /// The BOOSTER_DICT value of the two-word tokens [first, first + 1] ("kind of"), or 0.
    double booster_phrase(std::size_t first) const {
        for (const detail::booster_phrase& phrase : detail::booster_phrases()) {
            if (lower(first) == phrase.first && lower(first + 1) == phrase.second) {
                return phrase.value;
            }
        }
        return 0;
    }

    // Runs with i >= 3 only (start == 2 needs i > 2).
    double special_idioms_check(double valence, std::size_t i) const {
        // onezero, twoonezero, twoone, threetwoone, threetwo: the first that is an idiom wins.
        const std::array<std::pair<std::size_t, std::size_t>, 5> sequences{
            {{i - 1, i}, {i - 2, i}, {i - 2, i - 1}, {i - 3, i - 1}, {i - 3, i - 2}}};
        for (const auto& [first, last] : sequences) {
            if (const auto value = special_case(first, last)) {
                valence = *value;
                break;
            }
        }
        if (tokens_.size() - 1 > i) {
            if (const auto value = special_case(i, i + 1)) {
                valence = *value;
            }
        }
        if (tokens_.size() - 1 > i + 1) {
            if (const auto value = special_case(i, i + 2)) {
                valence = *value;
            }
        }
        // Quirk: "kind of" and the like add their (negative) value whatever the word's sign.
        // Of threetwoone, threetwo and twoone only the two-word ones can be such a phrase.
        valence = valence + booster_phrase(i - 3);
        valence = valence + booster_phrase(i - 2);
        return valence;
    }

    double least_check(double valence, std::size_t i) const {
        if (i > 1 && !in_lexicon(i - 1) && lower(i - 1) == "least") {
            if (lower(i - 2) != "at" && lower(i - 2) != "very") {
                valence = valence * n_scalar;
            }
        } else if (i > 0 && !in_lexicon(i - 1) && lower(i - 1) == "least") {
            valence = valence * n_scalar;
        }
        return valence;
    }

    /// Values before the first "but" x0.5, after it x1.5. Quirk: the reference finds the value
    /// to scale with list.index(value), the first equal one, which need not be the one it is
    /// looking at; this does the same, with an index of equal values so that it stays
    /// O(n log n) on long texts.
    void but_check(std::vector<double>& values) const {
        const auto but = std::find_if(tokens_.begin(), tokens_.end(),
                                      [](const token& t) { return t.lower == "but"; });
        if (but == tokens_.end()) {
            return;
        }
        const auto bi = static_cast<std::size_t>(but - tokens_.begin());
        // 0.0 and -0.0 are equal in Python, so they share a key.
        const auto key = [](double v) { return v + 0.0; };
        std::unordered_map<double, std::set<std::size_t>> positions;
        for (std::size_t p = 0; p < values.size(); ++p) {
            positions[key(values[p])].insert(p);
        }
        for (std::size_t p = 0; p < values.size(); ++p) {
            const double value = values[p];
            auto& equal = positions[key(value)];
            const std::size_t si = *equal.begin();
            if (si == bi) {
                continue;
            }
            const double scaled = si < bi ? value * 0.5 : value * 1.5;
            values[si] = scaled;
            if (key(scaled) != key(value)) {
                equal.erase(equal.begin());
                positions[key(scaled)].insert(si);
            }
        }
    }

    std::vector<token> tokens_;
    bool is_cap_diff_ = false;
};

double punctuation_emphasis(std::string_view text) {
    const auto exclamations =
        std::min<std::ptrdiff_t>(std::count(text.begin(), text.end(), '!'), 4);
    const auto questions = std::count(text.begin(), text.end(), '?');
    const double ep_amplifier = static_cast<double>(exclamations) * 0.292;
    double qm_amplifier = 0;
    if (questions > 1) {
        qm_amplifier = questions <= 3 ? static_cast<double>(questions) * 0.18 : 0.96;
    }
    return ep_amplifier + qm_amplifier;
}

double normalize(double score) {
    const double alpha = 15;
    const double norm_score = score / std::sqrt((score * score) + alpha);
    return std::clamp(norm_score, -1.0, 1.0);
}

/// round(value, places) as Python does it: correctly rounded from the binary value, ties to
/// even, which is what glibc's printf does too.
double round_to(double value, int places) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", places, value);
    return std::strtod(buffer, nullptr);
}

vader_scores score_valence(const std::vector<double>& sentiments, std::string_view text) {
    if (sentiments.empty()) {
        return {};
    }
    double sum_s = 0;
    for (const double s : sentiments) {
        sum_s += s;
    }
    const double punct_emph_amplifier = punctuation_emphasis(text);
    if (sum_s > 0) {
        sum_s += punct_emph_amplifier;
    } else if (sum_s < 0) {
        sum_s -= punct_emph_amplifier;
    }
    const double compound = normalize(sum_s);

    double pos_sum = 0;
    double neg_sum = 0;
    std::size_t neu_count = 0;
    for (const double s : sentiments) {
        if (s > 0) {
            pos_sum += s + 1;
        }
        if (s < 0) {
            neg_sum += s - 1;
        }
        if (s == 0) {
            ++neu_count;
        }
    }
    if (pos_sum > std::fabs(neg_sum)) {
        pos_sum += punct_emph_amplifier;
    } else if (pos_sum < std::fabs(neg_sum)) {
        neg_sum -= punct_emph_amplifier;
    }
    const double total = pos_sum + std::fabs(neg_sum) + static_cast<double>(neu_count);
    vader_scores scores;
    scores.compound = round_to(compound, 4);
    scores.pos = round_to(std::fabs(pos_sum / total), 3);
    scores.neu = round_to(std::fabs(static_cast<double>(neu_count) / total), 3);
    scores.neg = round_to(std::fabs(neg_sum / total), 3);
    return scores;
}

bool is_ascii(std::string_view text) noexcept {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

} // namespace

vader_scores vader_polarity_scores(std::string_view text) {
    // Every emoji of the lexicon is outside ASCII: ASCII text needs no copy.
    std::string replaced;
    if (!is_ascii(text)) {
        replaced = replace_emoji(text);
        text = replaced;
    }
    text = detail::python_strip(text);
    const scorer s(text);
    return score_valence(s.sentiments(), text);
}

} // namespace ta
