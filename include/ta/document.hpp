// A document to score: the unit of input for every analyzer.
#pragma once

#include <string>

namespace ta {

/// One text to score. `id` is echoed in the result; `language` is an ISO 639-1 code
/// ("en"); an empty language means the analyzer's default.
struct document {
    std::string id;
    std::string text;
    std::string language;
};

} // namespace ta
