// The language answer parser: the fast reader and the DOM path agree (response_differential.hpp).
#include "response_differential.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    ta::fuzz::check_agreement(ta::detail::parse_response_language,
                              ta::detail::parse_response_language_dom, data, size);
    return 0;
}
