// ta's input reader (ta-cli/input.cpp) on any bytes as standard input, as plain lines
// (fuzz_input_text) or JSON lines (fuzz_input_jsonl, TA_FUZZ_JSONL): it never crashes or throws,
// gives one record for each line (each non-blank line for JSON lines) in order, numbered from 1
// where a line has no id of its own, and a plain line's text is the line as it was.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "input.hpp"

namespace {

#ifdef TA_FUZZ_JSONL
constexpr ta::cli::input_format format = ta::cli::input_format::jsonl;
#else
constexpr ta::cli::input_format format = ta::cli::input_format::text;
#endif

// The lines as the reader should see them: split at '\n', a last line without one included,
// '\r' before the '\n' dropped, a byte order mark at the start dropped.
std::vector<std::string> expected_lines(std::string_view input) {
    std::vector<std::string> lines;
    std::size_t begin = 0;
    while (begin < input.size()) {
        std::size_t end = input.find('\n', begin);
        if (end == std::string_view::npos) {
            end = input.size();
        }
        std::string line(input.substr(begin, end - begin));
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        lines.push_back(std::move(line));
        begin = end + 1;
    }
    if (!lines.empty() && lines.front().starts_with("\xEF\xBB\xBF")) {
        lines.front().erase(0, 3);
    }
    return lines;
}

bool blank(std::string_view line) {
    return line.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    std::istringstream in(input);
    ta::cli::document_reader reader({}, {"-"}, format, in);

    std::vector<ta::cli::input_record> records;
    // Batches of varying sizes, as the stream driver asks for them.
    const std::size_t sizes[] = {1, 3, 1000};
    for (std::size_t i = 0;; ++i) {
        std::vector<ta::cli::input_record> batch = reader.next(sizes[i % 3]);
        TA_FUZZ_CHECK(batch.size() <= sizes[i % 3], "%zu records for %zu", batch.size(),
                      sizes[i % 3]);
        if (batch.empty()) {
            break;
        }
        for (auto& record : batch) {
            records.push_back(std::move(record));
        }
    }
    TA_FUZZ_CHECK(!reader.fraction_read(), "a fraction of standard input");

    std::vector<std::string> lines = expected_lines(input);
    if (format == ta::cli::input_format::jsonl) {
        std::erase_if(lines, [](const std::string& line) { return blank(line); });
    }
    TA_FUZZ_CHECK(records.size() == lines.size(), "%zu records of %zu lines", records.size(),
                  lines.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        const ta::cli::input_record& record = records[i];
        const std::string number = std::to_string(i + 1);
        TA_FUZZ_CHECK(!record.document.id.empty(), "record %s has no id", number.c_str());
        if (record.error) {
            TA_FUZZ_CHECK(!record.error->code.empty() && !record.error->message.empty(),
                          "record %s: an error without words", number.c_str());
            continue;
        }
        if (format == ta::cli::input_format::text) {
            TA_FUZZ_CHECK(record.document.id == number, "record %s has id %s", number.c_str(),
                          record.document.id.c_str());
            TA_FUZZ_CHECK(record.document.text == lines[i], "record %s: text changed",
                          number.c_str());
        }
    }
    return 0;
}
