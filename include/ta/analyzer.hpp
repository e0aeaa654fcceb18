// One interface for every way of scoring: the remote service (ta::client) and the built-in
// engine (ta::builtin_analyzer). The same documents in, the same result model out.
#pragma once

#include <string>
#include <vector>

#include <ta/document.hpp>
#include <ta/result.hpp>

namespace ta {

class analyzer {
  public:
    virtual ~analyzer() = default;
    /// Exactly one result per document, in the order of `documents`. Per-document failures
    /// are results with `error` set; whole-call failures throw a ta::error.
    virtual std::vector<result> analyze(const std::vector<document>& documents) = 0;
    /// A short description for people: "Azure AI Language at https://…, API 2023-04-01".
    virtual std::string description() const = 0;
};

} // namespace ta
