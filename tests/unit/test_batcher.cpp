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
