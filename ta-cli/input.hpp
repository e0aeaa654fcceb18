// The input side of the CLI: text arguments, files and standard input, as plain lines or JSON
// lines, read a chunk at a time so memory does not grow with the input.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <functional>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ta/document.hpp>
#include <ta/result.hpp>
#include <ta/stream.hpp>

namespace ta::cli {

enum class input_format { text, jsonl };

std::string_view to_string(input_format format) noexcept;
std::optional<input_format> parse_input_format(std::string_view name) noexcept;

/// One input document, or why an input line is not one (it still gets an output record).
struct input_record {
    ta::document document;
    std::optional<ta::document_error> error;
};

/// The code of the error record for a JSON line that is not a document.
inline constexpr std::string_view invalid_input_code = "InvalidInput";

/// A JSON line `{"id","text","language"}` ("text" required; "id" a string or an integer; extra
/// members ignored). `fallback_id` is used when it has no id; `where` says which line it was,
/// for the error message.
input_record parse_jsonl_line(std::string_view line, const std::string& fallback_id,
                              std::string_view where);

class document_reader {
  public:
    /// `paths` are files, "-" for `standard_input`. Throws input_error naming the first path
    /// that cannot be read, before anything is read.
    document_reader(std::vector<std::string> texts, std::vector<std::string> paths,
                    input_format format, std::istream& standard_input);

    /// Up to `max_count` records in input order (arguments, then lines); empty at the end.
    /// Fewer when no more input has arrived yet: it waits only for the first. Ids are "1", "2",
    /// ... by position unless a JSON line has one.
    std::vector<input_record> next(std::size_t max_count);
    /// The same, appended to `out` as stream entries (the analyzer's stream reads them there):
    /// no vector of records between. Returns how many were appended.
    std::size_t next(std::vector<ta::stream_entry>& out, std::size_t max_count);

    /// Called before a read of standard input that would wait (nothing buffered); it returns
    /// when input may have come, or false to end the input there (the run is stopping).
    void set_input_wait(std::function<bool()> wait) { input_wait_ = std::move(wait); }

    /// How much of the input has been read (0..1), or nullopt when its size is unknown
    /// (standard input that is not a file). Safe to call from another thread.
    std::optional<double> fraction_read() const;

  private:
    bool next_line(std::string& line);
    /// `where` says which argument or line it is ("line 3 of reviews.txt"), when needed.
    /// Appends the record to `out`, its strings moved into place once.
    void add_record(std::vector<ta::stream_entry>& out, std::string&& text,
                    const std::function<std::string()>& where);

    std::vector<std::string> texts_;
    std::vector<std::string> paths_;
    input_format format_;
    std::istream& standard_input_;
    std::size_t next_text_ = 0;
    std::size_t next_path_ = 0;
    std::ifstream file_;
    /// By path index, the streams of the paths that are not regular files: opened once, by
    /// the check.
    std::map<std::size_t, std::ifstream> held_;
    std::istream* current_ = nullptr;
    std::string current_name_;
    std::size_t line_number_ = 0;
    std::size_t count_ = 0;
    std::function<bool()> input_wait_;
    bool abandoned_ = false;
    std::optional<std::uintmax_t> total_bytes_; // of the files; nullopt when unknown
    std::atomic<std::uintmax_t> bytes_read_{0};
};

} // namespace ta::cli
