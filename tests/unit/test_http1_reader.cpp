// The reader of ta's own HTTP/1.1 client: an answer however it is cut into pieces, its framing
// (Content-Length, chunked, until close), interim answers, and the answers it refuses.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <ostream>
#include <string>

#include "detail/http1.hpp"
#include "scoped_environment.hpp"

namespace ta::detail {
// For Boost.Test's messages.
inline std::ostream& operator<<(std::ostream& out, http1_reader::state s) {
    const char* names[] = {"incomplete", "complete", "failed"};
    return out << names[static_cast<int>(s)];
}
} // namespace ta::detail

BOOST_AUTO_TEST_SUITE(http1_reader)

using ta::detail::http1_reader;
using state = http1_reader::state;

namespace {

constexpr std::size_t no_limit = std::size_t{64} * 1024 * 1024;

struct outcome {
    state status = state::incomplete;
    std::size_t used = 0;
    bool keep_alive = false;
    bool too_large = false;
    std::string failure;
    ta::http_response response;
};

/// Feeds `bytes` in pieces of `piece` bytes (0: all at once), then the end of the stream when
/// `then_close`.
outcome read(const std::string& bytes, std::size_t piece = 0, bool then_close = false,
             bool head = false, std::size_t limit = no_limit) {
    http1_reader reader;
    reader.reset(head, limit);
    outcome out;
    const std::size_t step = piece == 0 ? bytes.size() : piece;
    for (std::size_t at = 0; at < bytes.size() && reader.status() == state::incomplete;
         at += step) {
        const std::size_t size = std::min(step, bytes.size() - at);
        out.used += reader.feed(bytes.data() + at, size);
    }
    if (then_close) {
        reader.end_of_stream();
    }
    out.status = reader.status();
    out.keep_alive = reader.keep_alive();
    out.too_large = reader.too_large();
    out.failure = reader.failure();
    if (out.status == state::complete) {
        out.response = reader.take();
    }
    return out;
}

const std::string simple = "HTTP/1.1 200 OK\r\n"
                           "Content-Type: application/json\r\n"
                           "apim-request-id: 42\r\n"
                           "Content-Length: 11\r\n"
                           "\r\n"
                           "{\"a\":\"bc\"}\n";

} // namespace

BOOST_AUTO_TEST_CASE(an_answer_with_a_length_is_read_whole_however_it_is_cut) {
    for (const std::size_t piece : {0, 1, 2, 3, 7, 17, 64}) {
        const outcome o = read(simple, piece);
        BOOST_TEST_CONTEXT("pieces of " << piece) {
            BOOST_TEST_REQUIRE(o.status == state::complete);
            BOOST_TEST(o.used == simple.size());
            BOOST_TEST(o.response.status == 200);
            BOOST_TEST(o.response.body == "{\"a\":\"bc\"}\n");
            BOOST_TEST(o.response.header("apim-request-id") == "42");
            BOOST_TEST(o.response.header("content-type") == "application/json");
            BOOST_TEST(o.keep_alive);
        }
    }
}

BOOST_AUTO_TEST_CASE(headers_keep_their_names_and_order_and_lose_surrounding_blanks) {
    const outcome o = read("HTTP/1.1 429 Too Many Requests\r\nRetry-After:   7  \r\n"
                           "x-ms-retry-after-ms:1500\r\nContent-Length: 0\r\n\r\n");
    BOOST_TEST_REQUIRE(o.status == state::complete);
    BOOST_TEST(o.response.status == 429);
    BOOST_TEST_REQUIRE(o.response.headers.size() == 3u);
    BOOST_TEST(o.response.headers[0].first == "Retry-After");
    BOOST_TEST(o.response.headers[0].second == "7");
    BOOST_TEST(o.response.headers[1].first == "x-ms-retry-after-ms");
    BOOST_TEST(o.response.headers[1].second == "1500");
    BOOST_TEST(o.response.body.empty());
}

BOOST_AUTO_TEST_CASE(a_folded_header_continues_the_value_before_it) {
    const outcome o =
        read("HTTP/1.1 200 OK\r\nX-Long: one\r\n two\r\n\tthree\r\nContent-Length: 0\r\n\r\n");
    BOOST_TEST_REQUIRE(o.status == state::complete);
    BOOST_TEST(o.response.header("X-Long") == "one two three");
}

BOOST_AUTO_TEST_CASE(bare_line_feeds_end_lines_too) {
    const outcome o = read("HTTP/1.1 200 OK\nContent-Length: 2\n\nok");
    BOOST_TEST_REQUIRE(o.status == state::complete);
    BOOST_TEST(o.response.body == "ok");
}

BOOST_AUTO_TEST_CASE(bytes_after_the_answer_are_not_taken) {
    const outcome o = read(simple + "HTTP/1.1 200 OK\r\n");
    BOOST_TEST_REQUIRE(o.status == state::complete);
    BOOST_TEST(o.used == simple.size());
}

BOOST_AUTO_TEST_CASE(a_chunked_answer_is_joined_with_extensions_and_trailers_passed_over) {
    const std::string bytes = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "5;name=value\r\nhello\r\n"
                              "1\r\n \r\n"
                              "A\r\n0123456789\r\n"
                              "0\r\nX-Trailer: yes\r\n\r\n";
    for (const std::size_t piece : {0, 1, 5, 13}) {
        const outcome o = read(bytes, piece);
        BOOST_TEST_CONTEXT("pieces of " << piece) {
            BOOST_TEST_REQUIRE(o.status == state::complete);
            BOOST_TEST(o.response.body == "hello 0123456789");
            BOOST_TEST(o.used == bytes.size());
            BOOST_TEST(o.keep_alive);
        }
    }
}

BOOST_AUTO_TEST_CASE(interim_answers_are_skipped) {
    const outcome o = read(
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: x\r\n\r\n" + simple, 3);
    BOOST_TEST_REQUIRE(o.status == state::complete);
    BOOST_TEST(o.response.status == 200);
    BOOST_TEST(o.response.header("Link") == "");
    BOOST_TEST(o.response.header("apim-request-id") == "42");
}

BOOST_AUTO_TEST_CASE(an_answer_without_length_runs_until_the_connection_closes) {
    const std::string bytes = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nall of this";
    const outcome open = read(bytes);
    BOOST_TEST(open.status == state::incomplete);
    const outcome closed = read(bytes, 4, true);
    BOOST_TEST_REQUIRE(closed.status == state::complete);
    BOOST_TEST(closed.response.body == "all of this");
    BOOST_TEST(!closed.keep_alive);
}

BOOST_AUTO_TEST_CASE(connection_close_and_http_1_0_end_the_connection_after_the_answer) {
    BOOST_TEST(
        !read("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n").keep_alive);
    BOOST_TEST(
        !read("HTTP/1.1 200 OK\r\nConnection: foo, Close\r\nContent-Length: 0\r\n\r\n").keep_alive);
    BOOST_TEST(!read("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n").keep_alive);
    BOOST_TEST(
        read("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n").keep_alive);
}

BOOST_AUTO_TEST_CASE(head_204_and_304_answers_have_no_body_whatever_their_length_says) {
    const outcome head = read("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n", 0, false, true);
    BOOST_TEST(head.status == state::complete);
    BOOST_TEST(head.response.body.empty());
    BOOST_TEST(read("HTTP/1.1 204 No Content\r\n\r\n").status == state::complete);
    BOOST_TEST(read("HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n").status ==
               state::complete);
}

BOOST_AUTO_TEST_CASE(an_answer_cut_short_says_how_much_was_missing) {
    const outcome o = read("HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n0123456789", 0, true);
    BOOST_TEST(o.status == state::failed);
    BOOST_TEST(o.failure == "transfer closed with 10 bytes remaining to read");

    const outcome chunked =
        read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel", 0, true);
    BOOST_TEST(chunked.status == state::failed);
    BOOST_TEST(chunked.failure == "transfer closed with outstanding read data remaining");

    const outcome headers = read("HTTP/1.1 200 OK\r\nContent-", 0, true);
    BOOST_TEST(headers.status == state::failed);
    BOOST_TEST(headers.failure == "the connection closed in the middle of the answer's headers");
}

BOOST_AUTO_TEST_CASE(what_is_not_http_fails_saying_how_it_begins) {
    const outcome o = read("SSH-2.0-OpenSSH_9.2\r\n\r\n");
    BOOST_TEST(o.status == state::failed);
    BOOST_TEST(o.failure == "the answer is not HTTP/1.x (it begins \"SSH-2.0-OpenSSH_9.2\")");
    BOOST_TEST(read("HTTP/2 200\r\n\r\n").status == state::failed);
    BOOST_TEST(read("HTTP/1.1 20 OK\r\n\r\n").status == state::failed);
    BOOST_TEST(read("HTTP/1.1 099 Odd\r\n\r\n").status == state::failed);
}

BOOST_AUTO_TEST_CASE(lengths_that_are_not_one_number_fail) {
    for (const char* length : {"abc", "-1", "1 2", "", "99999999999999999999999"}) {
        BOOST_TEST_CONTEXT(length) {
            const outcome o =
                read(std::string("HTTP/1.1 200 OK\r\nContent-Length: ") + length + "\r\n\r\nxx");
            BOOST_TEST(o.status == state::failed);
            BOOST_TEST(o.failure == "the answer's Content-Length is not one number");
        }
    }
    const outcome twice =
        read("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nxxx");
    BOOST_TEST(twice.status == state::failed);
    const outcome same =
        read("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nxx");
    BOOST_TEST(same.status == state::complete);
}

BOOST_AUTO_TEST_CASE(bad_chunks_fail) {
    const std::string head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    BOOST_TEST(read(head + "zz\r\n").failure ==
               "a chunk size of the answer is not a hexadecimal number");
    BOOST_TEST(read(head + "2\r\nabc\r\n").failure ==
               "a chunk of the answer is longer than its size");
    BOOST_TEST(read(head + "fffffffffffffffffff\r\n").failure ==
               "a chunk of the answer is too large");
    BOOST_TEST(read(head + std::string(5000, '1')).failure ==
               "a line of the chunked answer is longer than 4 KiB");
}

BOOST_AUTO_TEST_CASE(codings_ta_did_not_ask_for_fail) {
    const outcome gzip =
        read("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\n\r\nxx");
    BOOST_TEST(gzip.status == state::failed);
    BOOST_TEST(gzip.failure == "the answer is encoded as \"gzip\", which ta did not ask for");
    BOOST_TEST(read("HTTP/1.1 200 OK\r\nContent-Encoding: identity\r\nContent-Length: 2\r\n\r\nxx")
                   .status == state::complete);
    const outcome te = read("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n");
    BOOST_TEST(te.status == state::failed);
    BOOST_TEST(te.failure == "the answer's transfer coding \"gzip, chunked\" is not supported");
    BOOST_TEST(read("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n").status ==
               state::failed);
}

BOOST_AUTO_TEST_CASE(an_answer_past_the_limit_fails_as_too_large_in_every_framing) {
    const outcome length =
        read("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n", 0, false, false, 10);
    BOOST_TEST(length.status == state::failed);
    BOOST_TEST(length.too_large);
    const outcome chunked = read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                 "6\r\nabcdef\r\n6\r\nabcdef\r\n0\r\n\r\n",
                                 0, false, false, 10);
    BOOST_TEST(chunked.status == state::failed);
    BOOST_TEST(chunked.too_large);
    const outcome until_close =
        read("HTTP/1.1 200 OK\r\n\r\n" + std::string(11, 'x'), 3, true, false, 10);
    BOOST_TEST(until_close.status == state::failed);
    BOOST_TEST(until_close.too_large);
    const outcome exactly =
        read("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789", 0, false, false, 10);
    BOOST_TEST(exactly.status == state::complete);
}

BOOST_AUTO_TEST_CASE(headers_over_100_kib_fail) {
    const outcome o = read("HTTP/1.1 200 OK\r\nX: " + std::string(110 * 1024, 'a'), 1000);
    BOOST_TEST(o.status == state::failed);
    BOOST_TEST(o.failure == "the answer's headers are longer than 100 KiB");
}

BOOST_AUTO_TEST_CASE(a_reader_reset_reads_the_next_answer_afresh) {
    http1_reader reader;
    reader.reset(false, no_limit);
    reader.feed(simple.data(), simple.size());
    BOOST_TEST_REQUIRE(reader.status() == state::complete);
    BOOST_TEST(reader.take().body == "{\"a\":\"bc\"}\n");
    reader.reset(false, no_limit);
    BOOST_TEST(!reader.started());
    const std::string second = "HTTP/1.1 503 Busy\r\nContent-Length: 1\r\n\r\nx";
    reader.feed(second.data(), second.size());
    BOOST_TEST_REQUIRE(reader.status() == state::complete);
    const auto response = reader.take();
    BOOST_TEST(response.status == 503);
    BOOST_TEST(response.body == "x");
    BOOST_TEST(response.header("apim-request-id") == "");
}

// ---------------------------------------------------------------------------------------------
// Which URLs the native client takes

namespace {

using ta::test::scoped_environment;

struct no_proxies {
    scoped_environment a{"http_proxy", nullptr};
    scoped_environment b{"all_proxy", nullptr};
    scoped_environment c{"ALL_PROXY", nullptr};
    scoped_environment d{"no_proxy", nullptr};
    scoped_environment e{"NO_PROXY", nullptr};
};

} // namespace

BOOST_FIXTURE_TEST_CASE(plain_http_to_an_address_or_localhost_is_native, no_proxies) {
    const auto v4 = ta::detail::http1_target_for(
        "http://127.0.0.1:5000/language/:analyze-text?api-version=2023-04-01");
    BOOST_TEST_REQUIRE(v4.has_value());
    BOOST_TEST(v4->host == "127.0.0.1");
    BOOST_TEST(v4->port == 5000);
    BOOST_TEST(v4->host_header == "127.0.0.1:5000");
    BOOST_TEST(v4->shown == "127.0.0.1:5000");
    BOOST_TEST(v4->path == "/language/:analyze-text?api-version=2023-04-01");

    const auto v6 = ta::detail::http1_target_for("http://[::1]:8080/text/analytics/v3.1/sentiment");
    BOOST_TEST_REQUIRE(v6.has_value());
    BOOST_TEST(v6->host == "[::1]");
    BOOST_TEST(v6->host_header == "[::1]:8080");

    const auto local = ta::detail::http1_target_for("http://localhost");
    BOOST_TEST_REQUIRE(local.has_value());
    BOOST_TEST(local->port == 80);
    BOOST_TEST(local->host_header == "localhost");
    BOOST_TEST(local->path == "/");
}

BOOST_FIXTURE_TEST_CASE(everything_else_goes_through_libcurl, no_proxies) {
    for (const char* url :
         {"https://127.0.0.1:5000/", "http://example.com/", "http://user:pw@127.0.0.1/",
          "ftp://127.0.0.1/", "http://[fe80::1%25eth0]/", "not a url at all"}) {
        BOOST_TEST_CONTEXT(url) {
            BOOST_TEST(!ta::detail::http1_target_for(url).has_value());
        }
    }
}

BOOST_FIXTURE_TEST_CASE(the_request_target_is_the_path_and_query_without_the_fragment, no_proxies) {
    const auto query_only = ta::detail::http1_target_for("http://127.0.0.1:5000?a=1#part");
    BOOST_TEST_REQUIRE(query_only.has_value());
    BOOST_TEST(query_only->path == "/?a=1");
    const auto fragment = ta::detail::http1_target_for("HTTP://127.0.0.1/x/y#z");
    BOOST_TEST_REQUIRE(fragment.has_value());
    BOOST_TEST(fragment->path == "/x/y");
    BOOST_TEST(fragment->host_header == "127.0.0.1");
    BOOST_TEST(fragment->shown == "127.0.0.1:80");
    const auto explicit_80 = ta::detail::http1_target_for("http://localhost:80/");
    BOOST_TEST_REQUIRE(explicit_80.has_value());
    BOOST_TEST(explicit_80->host_header == "localhost");
}

BOOST_FIXTURE_TEST_CASE(urls_libcurl_would_rewrite_or_refuse_are_left_to_it, no_proxies) {
    for (const char* url :
         {"http://127.0.0.1:/x", "http://127.0.0.1:0/", "http://127.0.0.1:65536/", "http://127.1/",
          "http://[::1/", "http://[::1]x/", "http://127.0.0.1/a b", "http://127.0.0.1/caf\xc3\xa9",
          "http://127.0.0.1/a/../b", "http://127.0.0.1/./b", "http://127.0.0.1/a/.",
          "http://:5000/", "http:/127.0.0.1/"}) {
        BOOST_TEST_CONTEXT(url) {
            BOOST_TEST(!ta::detail::http1_target_for(url).has_value());
        }
    }
    // Dots that are not whole segments are plain.
    BOOST_TEST(ta::detail::http1_target_for("http://127.0.0.1/a.b/..c/.d").has_value());
}

BOOST_FIXTURE_TEST_CASE(a_proxy_in_the_environment_sends_it_through_libcurl, no_proxies) {
    const std::string url = "http://127.0.0.1:5000/";
    {
        scoped_environment proxy("http_proxy", "http://proxy.example:3128");
        BOOST_TEST(!ta::detail::http1_target_for(url).has_value());
        scoped_environment bypass("no_proxy", "example.org, 127.0.0.1");
        BOOST_TEST(ta::detail::http1_target_for(url).has_value());
    }
    {
        scoped_environment proxy("ALL_PROXY", "http://proxy.example:3128");
        BOOST_TEST(!ta::detail::http1_target_for(url).has_value());
        scoped_environment every("NO_PROXY", "*");
        BOOST_TEST(ta::detail::http1_target_for(url).has_value());
    }
    {
        // A network libcurl would match: libcurl decides, not a guess.
        scoped_environment proxy("all_proxy", "http://proxy.example:3128");
        scoped_environment network("no_proxy", "127.0.0.0/8");
        BOOST_TEST(!ta::detail::http1_target_for(url).has_value());
    }
    {
        // HTTP_PROXY in capitals is not read for http:// (libcurl's rule, against httpoxy).
        scoped_environment proxy("HTTP_PROXY", "http://proxy.example:3128");
        BOOST_TEST(ta::detail::http1_target_for(url).has_value());
    }
}

BOOST_AUTO_TEST_SUITE_END()
