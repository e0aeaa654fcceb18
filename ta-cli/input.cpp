#include "input.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include <nlohmann/json.hpp>

#include "errors.hpp"
#include "one_line.hpp"

namespace ta::cli {
namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

std::string reason_of(int error_number) {
    return std::strerror(error_number);
}

std::string display_name(const std::string& path) {
    return path == "-" ? std::string("standard input") : "'" + path + "'";
}

/// Opens `path` for reading, or throws input_error with the system's reason.
void open_file(const std::string& path, std::ifstream& file) {
    std::error_code ignored;
    if (std::filesystem::is_directory(path, ignored)) {
        throw input_error("cannot read '" + path + "': " + reason_of(EISDIR));
    }
    errno = 0;
    file.open(path, std::ios::binary);
    if (!file.is_open()) {
        const int error_number = errno != 0 ? errno : ENOENT;
        throw input_error("cannot read '" + path + "': " + reason_of(error_number));
    }
}

input_record invalid_line(const std::string& id, std::string_view where, std::string why) {
    input_record record;
    record.document.id = id;
    record.error = ta::document_error{std::string(invalid_input_code),
                                      std::string(where) + ": " + std::move(why)};
    return record;
}

/// For a line that did not parse: "not valid UTF-8" when that is why (a file in Latin-1, say),
/// otherwise "not valid JSON".
std::string why_not_json(std::string_view line) {
    return is_valid_utf8(line) ? "not valid JSON" : "not valid UTF-8";
}

} // namespace

std::string_view to_string(input_format format) noexcept {
    return format == input_format::jsonl ? "jsonl" : "text";
}

std::optional<input_format> parse_input_format(std::string_view name) noexcept {
    if (name == "text") {
        return input_format::text;
    }
    if (name == "jsonl") {
        return input_format::jsonl;
    }
    return std::nullopt;
}

input_record parse_jsonl_line(std::string_view line, const std::string& fallback_id,
                              std::string_view where) {
    const auto value = nlohmann::json::parse(line, nullptr, false);
    if (value.is_discarded()) {
        return invalid_line(fallback_id, where, why_not_json(line));
    }
    if (!value.is_object()) {
        return invalid_line(fallback_id, where,
                            "expected an object like {\"id\":\"1\",\"text\":\"...\"}");
    }
    std::string id = fallback_id;
    if (const auto it = value.find("id"); it != value.end() && !it->is_null()) {
        if (it->is_string()) {
            id = it->get<std::string>();
        } else if (it->is_number_integer()) {
            id = it->dump();
        } else {
            return invalid_line(fallback_id, where, "\"id\" must be a string or an integer");
        }
        if (id.empty()) {
            return invalid_line(fallback_id, where, "\"id\" is empty");
        }
    }
    const auto text = value.find("text");
    if (text == value.end() || !text->is_string()) {
        return invalid_line(id, where, "expected a string \"text\"");
    }
    input_record record;
    record.document.id = std::move(id);
    record.document.text = text->get<std::string>();
    if (const auto language = value.find("language");
        language != value.end() && !language->is_null()) {
        if (!language->is_string()) {
            return invalid_line(record.document.id, where, "\"language\" must be a string");
        }
        record.document.language = language->get<std::string>();
    }
    return record;
}

document_reader::document_reader(std::vector<std::string> texts, std::vector<std::string> paths,
                                 input_format format, std::istream& standard_input)
    : texts_(std::move(texts)), paths_(std::move(paths)), format_(format),
      standard_input_(standard_input) {
    // Every file is checked before the first is read, so a typo in the last name costs no output.
    std::uintmax_t total = 0;
    bool sized = true;
    for (std::size_t i = 0; i < paths_.size(); ++i) {
        const std::string& path = paths_[i];
        if (path != "-") {
            std::ifstream probe;
            open_file(path, probe);
            std::error_code error;
            if (!std::filesystem::is_regular_file(path, error)) {
                // A named pipe or a device: what the open saw cannot be seen by another open
                // (a pipe's writer may have written and gone), so this one is read.
                held_.emplace(i, std::move(probe));
            }
            const auto size = std::filesystem::file_size(path, error);
            sized = sized && !error;
            total += error ? 0 : size;
        } else {
            sized = false;
        }
    }
    if (sized) {
        total_bytes_ = total;
    }
}

std::optional<double> document_reader::fraction_read() const {
    if (!total_bytes_) {
        return std::nullopt;
    }
    if (*total_bytes_ == 0) {
        return 1.0;
    }
    return std::min(1.0, static_cast<double>(bytes_read_.load(std::memory_order_relaxed)) /
                             static_cast<double>(*total_bytes_));
}

bool document_reader::next_line(std::string& line) {
    for (;;) {
        if (current_ == nullptr) {
            if (next_path_ >= paths_.size()) {
                return false;
            }
            const std::size_t index = next_path_++;
            const std::string& path = paths_[index];
            current_name_ = display_name(path);
            line_number_ = 0;
            if (path == "-") {
                current_ = &standard_input_;
            } else {
                if (const auto held = held_.find(index); held != held_.end()) {
                    file_ = std::move(held->second);
                    held_.erase(held);
                } else {
                    file_ = std::ifstream();
                    open_file(path, file_);
                }
                current_ = &file_;
            }
        }
        if (current_ == &standard_input_ && input_wait_ &&
            standard_input_.rdbuf()->in_avail() <= 0 && !input_wait_()) {
            abandoned_ = true;
            return false;
        }
        errno = 0; // what a failed read leaves in it is the reason
        if (std::getline(*current_, line)) {
            ++line_number_;
            bytes_read_.fetch_add(line.size() + 1, std::memory_order_relaxed);
            if (!line.empty() && line.back() == '\r') {
                line.pop_back();
            }
            if (line_number_ == 1 && line.starts_with(utf8_bom)) {
                line.erase(0, utf8_bom.size());
            }
            return true;
        }
        if (current_->bad()) {
            throw input_error("cannot read " + current_name_ + ": " +
                              reason_of(errno != 0 ? errno : EIO));
        }
        if (current_ == &file_) {
            file_.close();
        }
        current_ = nullptr;
    }
}

void document_reader::add_record(std::vector<ta::stream_entry>& out, std::string&& text,
                                 const std::function<std::string()>& where) {
    ++count_;
    if (format_ == input_format::jsonl) {
        // Where the line is, only for JSON lines, which are the ones whose errors say it.
        input_record record = parse_jsonl_line(text, std::to_string(count_), where());
        out.push_back({std::move(record.document), std::move(record.error)});
        return;
    }
    ta::stream_entry& entry = out.emplace_back();
    entry.doc.id = std::to_string(count_);
    entry.doc.text = std::move(text);
}

std::vector<input_record> document_reader::next(std::size_t max_count) {
    std::vector<ta::stream_entry> entries;
    next(entries, max_count);
    std::vector<input_record> records;
    records.reserve(entries.size());
    for (ta::stream_entry& entry : entries) {
        records.push_back({std::move(entry.doc), std::move(entry.error)});
    }
    return records;
}

std::size_t document_reader::next(std::vector<ta::stream_entry>& out, std::size_t max_count) {
    if (abandoned_) {
        return 0;
    }
    const std::size_t before = out.size();
    // A batch's worth at once (the service's batches are 10), not growth by doubling; no more
    // than 64 ahead, so that a large batch of input that trickles in holds little memory.
    out.reserve(before + std::min<std::size_t>(max_count, 64));
    while (out.size() - before < max_count && next_text_ < texts_.size()) {
        const std::size_t number = ++next_text_;
        add_record(out, std::move(texts_[number - 1]),
                   [number] { return "argument " + std::to_string(number); });
    }
    std::string line;
    const std::function<std::string()> where = [this] {
        return "line " + std::to_string(line_number_) + " of " + current_name_;
    };
    while (out.size() - before < max_count && next_line(line)) {
        if (format_ == input_format::jsonl &&
            line.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
            continue;
        }
        add_record(out, std::move(line), where);
        // What has arrived is scored now rather than held until more comes: a pipe that
        // trickles (tail -f) gets its output line by line.
        if (current_ != nullptr && current_->rdbuf()->in_avail() <= 0) {
            break;
        }
    }
    return out.size() - before;
}

} // namespace ta::cli
