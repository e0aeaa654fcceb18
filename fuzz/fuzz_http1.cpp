// ta's own HTTP/1.1 reader: an answer read in one piece and read in small pieces ends the same
// way (the same answer, or the same failure, after the same bytes); a body never passes the
// limit. The first two bytes choose the piece size, HEAD or not, the limit and whether the
// connection ends after the input; the rest is what the server sent.
#include <cstddef>
#include <cstdint>
#include <string>

#include "detail/http1.hpp"
#include "fuzz_check.hpp"

namespace {

using ta::detail::http1_reader;

struct outcome {
    http1_reader::state status;
    std::size_t used = 0;
    bool keep_alive = false;
    bool too_large = false;
    std::string failure;
    ta::http_response response;
};

outcome read(const char* data, std::size_t size, std::size_t piece, bool head, std::size_t limit,
             bool close) {
    http1_reader reader;
    reader.reset(head, limit);
    outcome out{};
    for (std::size_t at = 0; at < size && reader.status() == http1_reader::state::incomplete;
         at += piece) {
        const std::size_t n = piece < size - at ? piece : size - at;
        const std::size_t used = reader.feed(data + at, n);
        TA_FUZZ_CHECK(used <= n, "feed used %zu of %zu bytes", used, n);
        TA_FUZZ_CHECK(used == n || reader.status() != http1_reader::state::incomplete,
                      "an incomplete answer left %zu bytes unread", n - used);
        out.used += used;
    }
    if (close) {
        reader.end_of_stream();
    }
    out.status = reader.status();
    out.keep_alive = reader.keep_alive();
    out.too_large = reader.too_large();
    out.failure = reader.failure();
    if (out.status == http1_reader::state::complete) {
        out.response = reader.take();
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) {
        return 0;
    }
    const std::size_t piece = data[0] % 16 + 1;
    const bool head = (data[1] & 1) != 0;
    const std::size_t limit = (data[1] & 2) != 0 ? 64 : std::size_t{1} << 20;
    const bool close = (data[1] & 4) != 0;
    const char* const text = reinterpret_cast<const char*>(data + 2);
    const std::size_t length = size - 2;

    const outcome whole = read(text, length, length == 0 ? 1 : length, head, limit, close);
    const outcome cut = read(text, length, piece, head, limit, close);

    TA_FUZZ_CHECK(whole.status == cut.status, "status %d whole, %d in pieces of %zu",
                  static_cast<int>(whole.status), static_cast<int>(cut.status), piece);
    TA_FUZZ_CHECK(whole.failure == cut.failure, "failure \"%s\" whole, \"%s\" in pieces",
                  whole.failure.c_str(), cut.failure.c_str());
    TA_FUZZ_CHECK(whole.too_large == cut.too_large, "too_large differs");
    if (whole.status == http1_reader::state::complete) {
        TA_FUZZ_CHECK(whole.used == cut.used, "used %zu whole, %zu in pieces", whole.used,
                      cut.used);
        TA_FUZZ_CHECK(whole.keep_alive == cut.keep_alive, "keep_alive differs");
        TA_FUZZ_CHECK(whole.response.status == cut.response.status, "status code differs");
        TA_FUZZ_CHECK(whole.response.status >= 200 && whole.response.status <= 999,
                      "final status %d", whole.response.status);
        TA_FUZZ_CHECK(whole.response.headers == cut.response.headers, "headers differ");
        TA_FUZZ_CHECK(whole.response.body == cut.response.body, "body differs");
        TA_FUZZ_CHECK(whole.response.body.size() <= limit, "body of %zu bytes past %zu",
                      whole.response.body.size(), limit);
        TA_FUZZ_CHECK(!head || whole.response.body.empty(), "a HEAD answer with a body");
    }
    return 0;
}
