// The service's documented limits (reference B).
#pragma once

#include <cstddef>

#include <ta/api_version.hpp>

namespace ta::detail {

inline constexpr std::size_t max_text_elements = 5'120;
inline constexpr std::size_t max_request_bytes = 1'048'576; // 1 MB
inline constexpr std::size_t max_documents_v2 = 1'000;
inline constexpr std::size_t max_documents_v3 = 10; // v3 and the Language API

inline constexpr std::size_t max_documents(api_generation generation) noexcept {
    return generation == api_generation::v2 ? max_documents_v2 : max_documents_v3;
}

} // namespace ta::detail
