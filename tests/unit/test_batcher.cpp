#include <boost/test/unit_test.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "detail/batcher.hpp"

BOOST_AUTO_TEST_SUITE(batcher)

using ta::detail::wire_size;

BOOST_AUTO_TEST_CASE(wire_size_is_at_least_the_serialized_document) {
    const std::string texts[] = {"plain", "quote \" and \\ backslash", "tab\tnew\nline",
                                 "ctrl \x01\x02 bytes", "caf\xC3\xA9 \xF0\x9F\x98\x81"};
    for (const std::string& text : texts) {
        const nlohmann::json document = {{"id", "123"}, {"text", text}, {"language", "en"}};
        const std::size_t exact = document.dump().size() + 1; // and a comma
        BOOST_TEST(wire_size("123", text, "en") >= exact);
        BOOST_TEST(wire_size("123", text, "en") <= exact + 8);
    }
}

BOOST_AUTO_TEST_CASE(wire_size_counts_each_escape_wherever_it_stands) {
    // Texts of every length around a block or two (16 bytes, 8) with a byte to escape (or a
    // non-ASCII character, which is not escaped) at every place: the size is the JSON string's
    // exactly.
    const std::string specials[] = {"\"", "\\", "\n", "\x01", "\x1f", "\x7f", "\xC3\xA9", " "};
    const std::size_t empty = wire_size("1", "", "en");
    for (std::size_t length = 0; length <= 40; ++length) {
        for (std::size_t at = 0; at <= length; ++at) {
            for (const std::string& special : specials) {
                std::string text(length, 'a');
                text.insert(at, special);
                const std::size_t expected = nlohmann::json(text).dump().size() - 2;
                BOOST_TEST(wire_size("1", text, "en") - empty == expected, text);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(a_batch_closes_at_the_document_limit) {
    ta::detail::batcher batch(10, 1'000'000);
    for (int i = 0; i < 10; ++i) {
        BOOST_TEST(batch.fits(100));
        batch.add(100);
    }
    BOOST_TEST(!batch.fits(100));
}

BOOST_AUTO_TEST_CASE(a_batch_closes_at_the_byte_limit) {
    ta::detail::batcher batch(1000, 10'000);
    batch.add(9'000);
    BOOST_TEST(!batch.fits(600));
    BOOST_TEST(batch.fits(400));
    BOOST_TEST(batch.too_large(9'600));
    BOOST_TEST(!batch.too_large(9'400));
}

BOOST_AUTO_TEST_SUITE_END()
