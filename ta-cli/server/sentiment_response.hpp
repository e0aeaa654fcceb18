// The service's answer to a sentiment request, from one ta::result per document: each
// generation's shape (v2 scores, the v3 documents, the Language API's "results" wrapper).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <ta/result.hpp>

#include "sentiment_request.hpp"

namespace ta::server {

/// The v2 score (0 negative .. 1 positive) of a labelled result: VADER's compound mapped onto
/// 0..1, (compound + 1) / 2, so 0.5 is no sentiment; without VADER scores, the positive
/// confidence plus half the neutral one.
double v2_score(const ta::result& result);

/// The 200 answer's body. `results` has one entry per request.documents, in order; a result
/// with an error becomes an entry of "errors". The ids are the request's.
std::string sentiment_response_body(const sentiment_request& request,
                                    const std::vector<ta::result>& results,
                                    std::string_view model_version);

} // namespace ta::server
