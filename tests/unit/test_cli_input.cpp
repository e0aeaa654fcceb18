#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include "errors.hpp"
#include "input.hpp"

namespace {

namespace fs = std::filesystem;

/// A pipe whose writer sends one line at a time: each line arrives on its own, and nothing more
/// is there until it is read (what a `tail -f` upstream looks like).
class trickling_input final : public std::streambuf {
  public:
    explicit trickling_input(std::vector<std::string> lines) : lines_(std::move(lines)) {}

  protected:
    int_type underflow() override {
        if (next_ == lines_.size()) {
            return traits_type::eof();
        }
        current_ = lines_[next_++] + "\n";
        setg(current_.data(), current_.data(), current_.data() + current_.size());
        return traits_type::to_int_type(current_[0]);
    }
    std::streamsize showmanyc() override { return 0; } // nothing more has arrived yet

  private:
    std::vector<std::string> lines_;
    std::size_t next_ = 0;
    std::string current_;
};

/// A fresh directory under the system's temp dir, removed with everything in it.
class temp_dir {
  public:
    temp_dir() {
        static std::atomic<int> counter{0};
        path_ = fs::temp_directory_path() /
                ("ta-cli-input-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        fs::create_directories(path_);
    }
    ~temp_dir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;

    std::string write(const std::string& name, const std::string& content) const {
        const auto file = path_ / name;
        std::ofstream(file, std::ios::binary) << content;
        return file.string();
    }
    std::string path() const { return path_.string(); }

  private:
    fs::path path_;
};

std::vector<ta::cli::input_record> read_all(ta::cli::document_reader& reader) {
    std::vector<ta::cli::input_record> all;
    for (auto chunk = reader.next(3); !chunk.empty(); chunk = reader.next(3)) {
        all.insert(all.end(), chunk.begin(), chunk.end());
    }
    return all;
}

std::vector<ta::cli::input_record>
read_all(std::vector<std::string> texts, std::vector<std::string> paths,
         const std::string& stdin_text,
         ta::cli::input_format format = ta::cli::input_format::text) {
    std::istringstream in(stdin_text);
    ta::cli::document_reader reader(std::move(texts), std::move(paths), format, in);
    return read_all(reader);
}

std::vector<std::string> ids_of(const std::vector<ta::cli::input_record>& records) {
    std::vector<std::string> ids;
    for (const auto& r : records) {
        ids.push_back(r.document.id);
    }
    return ids;
}

std::vector<std::string> texts_of(const std::vector<ta::cli::input_record>& records) {
    std::vector<std::string> texts;
    for (const auto& r : records) {
        texts.push_back(r.document.text);
    }
    return texts;
}

using strings = std::vector<std::string>;

} // namespace

BOOST_AUTO_TEST_SUITE(cli_input)

BOOST_AUTO_TEST_CASE(each_argument_is_one_document_numbered_from_one) {
    const auto records = read_all({"good", "bad", "so so"}, {}, "");
    BOOST_TEST(ids_of(records) == (strings{"1", "2", "3"}), boost::test_tools::per_element());
    BOOST_TEST(texts_of(records) == (strings{"good", "bad", "so so"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(each_line_of_standard_input_is_one_document) {
    const auto records = read_all({}, {"-"}, "first line\nsecond line\n");
    BOOST_TEST(texts_of(records) == (strings{"first line", "second line"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_trailing_newline_makes_no_extra_document) {
    BOOST_TEST(read_all({}, {"-"}, "one\n").size() == 1U);
    BOOST_TEST(read_all({}, {"-"}, "one").size() == 1U);
}

BOOST_AUTO_TEST_CASE(an_empty_line_in_text_input_is_an_empty_document) {
    BOOST_TEST(texts_of(read_all({}, {"-"}, "a\n\nb\n")) == (strings{"a", "", "b"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_carriage_return_of_crlf_is_dropped) {
    BOOST_TEST(texts_of(read_all({}, {"-"}, "one\r\ntwo\r\n")) == (strings{"one", "two"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_byte_order_mark_at_the_start_of_a_file_is_dropped) {
    BOOST_TEST(texts_of(read_all({}, {"-"}, "\xEF\xBB\xBFone\ntwo\n")) == (strings{"one", "two"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(arguments_come_first_then_files_in_order) {
    const temp_dir dir;
    const auto a = dir.write("a.txt", "a1\na2\n");
    const auto b = dir.write("b.txt", "b1\n");
    const auto records = read_all({"arg"}, {a, "-", b}, "in1\n");
    BOOST_TEST(texts_of(records) == (strings{"arg", "a1", "a2", "in1", "b1"}),
               boost::test_tools::per_element());
    BOOST_TEST(ids_of(records) == (strings{"1", "2", "3", "4", "5"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(chunks_never_exceed_the_asked_size_and_keep_order) {
    std::istringstream in("3\n4\n5\n6\n7\n");
    ta::cli::document_reader reader({"1", "2"}, {"-"}, ta::cli::input_format::text, in);
    const auto first = reader.next(2);
    const auto second = reader.next(2);
    const auto third = reader.next(2);
    const auto fourth = reader.next(2);
    BOOST_TEST(texts_of(first) == (strings{"1", "2"}), boost::test_tools::per_element());
    BOOST_TEST(texts_of(second) == (strings{"3", "4"}), boost::test_tools::per_element());
    BOOST_TEST(texts_of(third) == (strings{"5", "6"}), boost::test_tools::per_element());
    BOOST_TEST(texts_of(fourth) == (strings{"7"}), boost::test_tools::per_element());
    BOOST_TEST(reader.next(2).empty());
}

BOOST_AUTO_TEST_CASE(a_missing_file_is_reported_before_anything_is_read) {
    std::istringstream in("not to be read\n");
    const temp_dir dir;
    const std::string missing = dir.path() + "/missing.txt";
    BOOST_CHECK_EXCEPTION(
        ta::cli::document_reader({}, {"-", missing}, ta::cli::input_format::text, in),
        ta::cli::input_error, [&](const ta::cli::input_error& e) {
            return std::string(e.what()) ==
                   "cannot read '" + missing + "': No such file or directory";
        });
    BOOST_TEST(in.tellg() == 0);
}

BOOST_AUTO_TEST_CASE(a_directory_is_not_readable_input) {
    std::istringstream in;
    const temp_dir dir;
    BOOST_CHECK_EXCEPTION(
        ta::cli::document_reader({}, {dir.path()}, ta::cli::input_format::text, in),
        ta::cli::input_error, [&](const ta::cli::input_error& e) {
            return std::string(e.what()) == "cannot read '" + dir.path() + "': Is a directory";
        });
}

BOOST_AUTO_TEST_CASE(jsonl_takes_id_text_and_language) {
    const auto records = read_all({}, {"-"},
                                  R"({"id":"a7","text":"great","language":"fr"})"
                                  "\n",
                                  ta::cli::input_format::jsonl);
    BOOST_TEST_REQUIRE(records.size() == 1U);
    BOOST_TEST(!records[0].error);
    BOOST_TEST(records[0].document.id == "a7");
    BOOST_TEST(records[0].document.text == "great");
    BOOST_TEST(records[0].document.language == "fr");
}

BOOST_AUTO_TEST_CASE(jsonl_without_an_id_gets_its_position) {
    const auto records = read_all({}, {"-"},
                                  "{\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"y\"}\n"
                                  "{\"text\":\"z\"}\n",
                                  ta::cli::input_format::jsonl);
    BOOST_TEST(ids_of(records) == (strings{"1", "b", "3"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(jsonl_accepts_an_integer_id) {
    const auto records =
        read_all({}, {"-"}, "{\"id\":42,\"text\":\"x\"}\n", ta::cli::input_format::jsonl);
    BOOST_TEST(ids_of(records) == (strings{"42"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(jsonl_blank_lines_are_skipped) {
    const auto records = read_all({}, {"-"}, "\n{\"text\":\"x\"}\n  \n\n{\"text\":\"y\"}\n",
                                  ta::cli::input_format::jsonl);
    BOOST_TEST(texts_of(records) == (strings{"x", "y"}), boost::test_tools::per_element());
    BOOST_TEST(ids_of(records) == (strings{"1", "2"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_jsonl_line_that_is_not_json_becomes_an_error_record) {
    const auto records = read_all({}, {"-"}, "{\"text\":\"x\"}\nnot json\n{\"text\":\"y\"}\n",
                                  ta::cli::input_format::jsonl);
    BOOST_TEST_REQUIRE(records.size() == 3U);
    BOOST_TEST(ids_of(records) == (strings{"1", "2", "3"}), boost::test_tools::per_element());
    BOOST_TEST_REQUIRE(records[1].error.has_value());
    BOOST_TEST(records[1].error->code == "InvalidInput");
    BOOST_TEST(records[1].error->message == "line 2 of standard input: not valid JSON");
    BOOST_TEST(!records[2].error);
}

BOOST_AUTO_TEST_CASE(a_jsonl_line_whose_text_is_not_utf8_says_so) {
    const auto records =
        read_all({}, {"-"}, "{\"id\":\"a\",\"text\":\"caf\xE9\"}\n{\"text\":\"ok\"}\n",
                 ta::cli::input_format::jsonl);
    BOOST_TEST_REQUIRE(records.size() == 2U);
    BOOST_TEST_REQUIRE(records[0].error.has_value());
    BOOST_TEST(records[0].error->code == "InvalidInput");
    BOOST_TEST(records[0].error->message == "line 1 of standard input: not valid UTF-8");
    BOOST_TEST(!records[1].error);
}

BOOST_AUTO_TEST_CASE(a_jsonl_line_that_is_not_an_object_becomes_an_error_record) {
    const auto records = read_all({}, {"-"}, "[\"text\"]\n", ta::cli::input_format::jsonl);
    BOOST_TEST_REQUIRE(records.size() == 1U);
    BOOST_TEST_REQUIRE(records[0].error.has_value());
    BOOST_TEST(records[0].error->message.find("line 1 of standard input: expected an object") ==
               0U);
}

BOOST_AUTO_TEST_CASE(a_jsonl_object_without_text_keeps_its_id_in_the_error_record) {
    const auto records =
        read_all({}, {"-"}, "{\"id\":\"q\",\"txt\":\"x\"}\n", ta::cli::input_format::jsonl);
    BOOST_TEST_REQUIRE(records.size() == 1U);
    BOOST_TEST(records[0].document.id == "q");
    BOOST_TEST_REQUIRE(records[0].error.has_value());
    BOOST_TEST(records[0].error->message == "line 1 of standard input: expected a string \"text\"");
}

BOOST_AUTO_TEST_CASE(jsonl_errors_name_the_file_and_line) {
    const temp_dir dir;
    const auto file = dir.write("docs.jsonl", "{\"text\":\"x\"}\n{\"text\":3}\n");
    const auto records = read_all({}, {file}, "", ta::cli::input_format::jsonl);
    BOOST_TEST_REQUIRE(records.size() == 2U);
    BOOST_TEST_REQUIRE(records[1].error.has_value());
    BOOST_TEST(records[1].error->message == "line 2 of '" + file + "': expected a string \"text\"");
}

BOOST_AUTO_TEST_CASE(jsonl_arguments_are_objects_too) {
    const auto records =
        read_all({R"({"id":"x","text":"good"})", "plain"}, {}, "", ta::cli::input_format::jsonl);
    BOOST_TEST_REQUIRE(records.size() == 2U);
    BOOST_TEST(records[0].document.id == "x");
    BOOST_TEST_REQUIRE(records[1].error.has_value());
    BOOST_TEST(records[1].error->message == "argument 2: not valid JSON");
}

BOOST_AUTO_TEST_CASE(lines_that_have_arrived_are_returned_without_waiting_for_more) {
    trickling_input pipe({"good", "bad"});
    std::istream in(&pipe);
    ta::cli::document_reader reader({}, {"-"}, ta::cli::input_format::text, in);
    const auto first = reader.next(100);
    BOOST_TEST_REQUIRE(first.size() == 1U);
    BOOST_TEST(first[0].document.text == "good");
    const auto second = reader.next(100);
    BOOST_TEST_REQUIRE(second.size() == 1U);
    BOOST_TEST(second[0].document.text == "bad");
    BOOST_TEST(second[0].document.id == "2");
    BOOST_TEST(reader.next(100).empty());
}

BOOST_AUTO_TEST_SUITE_END()
