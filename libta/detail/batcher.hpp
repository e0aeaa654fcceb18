// Splits documents into requests within a generation's limits (documents and bytes per request).
#pragma once

#include <cstddef>
#include <string_view>

namespace ta::detail {

/// The bytes a document adds to a request body: its text, id and language as JSON strings, and
/// the object around them.
std::size_t wire_size(std::string_view id, std::string_view text, std::string_view language);

/// The bytes of a request body around its documents (kind, parameters, brackets): a bound.
inline constexpr std::size_t request_overhead_bytes = 512;

class batcher {
  public:
    batcher(std::size_t max_documents, std::size_t max_bytes)
        : max_documents_(max_documents), max_bytes_(max_bytes) {}

    /// True when a document of `bytes` can never be sent, not even alone.
    bool too_large(std::size_t bytes) const noexcept {
        return bytes + request_overhead_bytes > max_bytes_;
    }
    /// True when a document of `bytes` fits in the batch being filled.
    bool fits(std::size_t bytes) const noexcept {
        return count_ < max_documents_ && bytes_ + bytes + request_overhead_bytes <= max_bytes_;
    }
    void add(std::size_t bytes) noexcept {
        ++count_;
        bytes_ += bytes;
    }
    std::size_t count() const noexcept { return count_; }

  private:
    std::size_t max_documents_;
    std::size_t max_bytes_;
    std::size_t count_ = 0;
    std::size_t bytes_ = 0;
};

} // namespace ta::detail
