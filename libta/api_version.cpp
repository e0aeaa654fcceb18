#include <ta/api_version.hpp>

#include <algorithm>
#include <array>
#include <utility>

namespace ta {
namespace {

constexpr std::array<std::pair<api_version, std::string_view>, 9> names{{
    {api_version::automatic, "auto"},
    {api_version::language_2025_11_01, "2025-11-01"},
    {api_version::language_2024_11_01, "2024-11-01"},
    {api_version::language_2023_04_01, "2023-04-01"},
    {api_version::language_2022_05_01, "2022-05-01"},
    {api_version::v3_1, "v3.1"},
    {api_version::v3_0, "v3.0"},
    {api_version::v2_1, "v2.1"},
    {api_version::v2_0, "v2.0"},
}};

} // namespace

std::string_view to_string(api_version version) noexcept {
    for (const auto& [v, name] : names) {
        if (v == version) {
            return name;
        }
    }
    return "unknown";
}

std::optional<api_version> parse_api_version(std::string_view name) noexcept {
    // "3.1" is accepted for "v3.1": people write both.
    if (!name.empty() && (name.front() == 'V' || name.front() == 'v')) {
        name.remove_prefix(1);
        if (name.size() != 3 || name[1] != '.') {
            return std::nullopt;
        }
    }
    for (const auto& [version, canonical] : names) {
        std::string_view bare = canonical;
        if (bare.front() == 'v') {
            bare.remove_prefix(1);
        }
        if (name == bare || name == canonical) {
            return version;
        }
    }
    return std::nullopt;
}

api_generation generation_of(api_version version) noexcept {
    switch (version) {
    case api_version::v2_0:
    case api_version::v2_1:
        return api_generation::v2;
    case api_version::v3_0:
    case api_version::v3_1:
        return api_generation::v3;
    default:
        return api_generation::language;
    }
}

const std::vector<api_version>& all_api_versions() {
    static const std::vector<api_version> versions{
        api_version::language_2025_11_01,
        api_version::language_2024_11_01,
        api_version::language_2023_04_01,
        api_version::language_2022_05_01,
        api_version::v3_1,
        api_version::v3_0,
        api_version::v2_1,
        api_version::v2_0,
    };
    return versions;
}

const std::vector<api_version>& automatic_fallback_order() {
    static const std::vector<api_version> order{
        api_version::language_2023_04_01,
        api_version::v3_1,
        api_version::v3_0,
        api_version::v2_1,
        api_version::v2_0,
    };
    return order;
}

} // namespace ta
