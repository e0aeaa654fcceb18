// The generations and versions of the sentiment API.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace ta {

enum class api_version {
    automatic, ///< Language API 2023-04-01, then v3.1, v3.0, v2.1, v2.0 on 404
    language_2025_11_01,
    language_2024_11_01,
    language_2023_04_01,
    language_2022_05_01,
    v3_1,
    v3_0,
    v2_1,
    v2_0,
};

/// The three wire shapes.
enum class api_generation { v2, v3, language };

/// "auto", "2025-11-01", ..., "v3.1", "v2.0".
std::string_view to_string(api_version version) noexcept;
/// Parses the names to_string gives (also "2023-04-01" style without the "language_" prefix).
std::optional<api_version> parse_api_version(std::string_view name) noexcept;
/// The wire shape of a concrete version (automatic has none: precondition).
api_generation generation_of(api_version version) noexcept;
/// Every concrete version, newest first.
const std::vector<api_version>& all_api_versions();
/// The order `automatic` tries.
const std::vector<api_version>& automatic_fallback_order();

} // namespace ta
