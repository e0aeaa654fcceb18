// The response parsers of one API generation, differentially: the parser as the client calls it
// (the one-pass reader of wire_reader.hpp, and the DOM path for what the reader leaves) against
// the DOM path alone. On every body both give the same results, to the last bit of every double,
// or refuse it with the same message; anything else thrown is a bug too (it escapes, and
// libFuzzer reports it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include <ta/error.hpp>

#include "describe_response.hpp"
#include "detail/wire.hpp"
#include "detail/wire_reader.hpp"
#include "fuzz_check.hpp"

namespace ta::fuzz {

using ta::test::describe;

// The results, or the refusal a user would read (status and excerpt included).
template <typename Parser> std::string outcome(Parser parse, std::string_view body) {
    try {
        return describe(parse(body));
    } catch (const ta::bad_response_error& error) {
        return "refused (" + std::to_string(error.status()) + "): " + error.what() + " | " +
               error.excerpt();
    }
}

template <typename Full, typename Dom>
void check_agreement(Full full, Dom dom, const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    const std::string fast = outcome(full, body);
    const std::string slow = outcome(dom, body);
    TA_FUZZ_CHECK(fast == slow, "the parser:\n%s\nthe DOM path alone:\n%s", fast.c_str(),
                  slow.c_str());
    // Error bodies and the excerpts of messages come from every answer, whatever its shape.
    (void)ta::detail::parse_service_error(body);
    (void)ta::detail::excerpt(body);
}

} // namespace ta::fuzz
