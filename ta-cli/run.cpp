#include "run.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <string_view>
#include <utility>

#include <ta/client.hpp>
#include <ta/version.hpp>

#include "command_line.hpp"
#include "errors.hpp"
#include "input.hpp"
#include "messages.hpp"
#include "renderer.hpp"

namespace ta::cli {
namespace {

// The remote client batches by the API's limits itself; this only bounds what is held at once.
constexpr std::size_t chunk_size = 100;

/// The first variable of `names` that is set and not empty.
std::string first_set(const io& streams, std::initializer_list<const char*> names) {
    if (!streams.environment) {
        return {};
    }
    for (const char* name : names) {
        if (auto value = streams.environment(name); value && !value->empty()) {
            return *value;
        }
    }
    return {};
}

std::string read_key_file(const std::string& path) {
    errno = 0;
    std::ifstream file(path, std::ios::binary);
    if (!file.is_open()) {
        throw input_error("cannot read the key file '" + path +
                          "': " + std::strerror(errno != 0 ? errno : ENOENT));
    }
    std::string key((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    if (file.bad()) {
        throw input_error("cannot read the key file '" + path + "': " + std::strerror(EIO));
    }
    constexpr std::string_view space = " \t\r\n\f\v";
    const auto first = key.find_first_not_of(space);
    if (first == std::string::npos) {
        throw input_error("the key file '" + path + "' is empty");
    }
    return key.substr(first, key.find_last_not_of(space) - first + 1);
}

ta::client_options client_options_from(const options& o, const io& streams) {
    ta::client_options c;
    c.endpoint = o.endpoint.empty() ? first_set(streams, {"TA_ENDPOINT", "AZURE_LANGUAGE_ENDPOINT"})
                                    : o.endpoint;
    if (c.endpoint.empty()) {
        throw no_endpoint_error();
    }
    c.key = o.key_file.empty() ? first_set(streams, {"TA_KEY", "AZURE_LANGUAGE_KEY"})
                               : read_key_file(o.key_file);
    c.api = o.api;
    c.default_language = o.language;
    c.model_version = o.model_version;
    c.opinion_mining = o.opinion_mining;
    c.show_stats = o.show_stats;
    c.logging_opt_out = o.logging_opt_out;
    c.string_index = o.string_index;
    c.retries = o.retries;
    c.timeout = o.timeout;
    c.connect_timeout = std::min(c.connect_timeout, o.timeout);
    if (o.verbose) {
        std::ostream& err = streams.err;
        c.log = [&err](std::string_view line) {
            err << line;
            if (!line.ends_with('\n')) {
                err << '\n';
            }
            err.flush();
        };
    }
    return c;
}

int analyze(options o, const io& streams, failure_context& context) {
    if (o.texts.empty() && o.files.empty()) {
        if (streams.stdin_is_terminal) {
            throw no_input_error();
        }
        o.files.push_back("-");
    }
    document_reader reader(std::move(o.texts), std::move(o.files), o.input, streams.in);
    ta::client_options client_options = client_options_from(o, streams);
    context.key_given = !client_options.key.empty();
    ta::client client(std::move(client_options));
    if (o.verbose) {
        streams.err << "ta: scoring with " << client.description() << '\n';
    }

    const auto output = make_renderer(o.format, streams.out);
    output->begin();
    bool some_failed = false;
    for (;;) {
        const std::vector<input_record> records = reader.next(chunk_size);
        if (records.empty()) {
            break;
        }
        std::vector<ta::document> documents;
        for (const auto& record : records) {
            if (!record.error) {
                documents.push_back(record.document);
            }
        }
        const std::vector<ta::result> results =
            documents.empty() ? std::vector<ta::result>{} : client.analyze(documents);
        std::size_t next_result = 0;
        for (const auto& record : records) {
            ta::result invalid;
            const ta::result* result = &invalid;
            if (record.error) {
                invalid.id = record.document.id;
                invalid.error = record.error;
            } else {
                result = &results.at(next_result++);
            }
            some_failed = some_failed || !result->ok();
            output->write(record.document, *result);
        }
        streams.out.flush();
    }
    output->end();
    streams.out.flush();
    return some_failed ? exit_some_failed : exit_ok;
}

} // namespace

int run(const std::vector<std::string>& args, const io& streams) {
    failure_context context;
    try {
        options o = parse_command_line(args);
        if (o.show_help) {
            streams.out << help_text() << std::flush;
            return exit_ok;
        }
        if (o.show_version) {
            streams.out << "ta " << ta::version() << "\nlibcurl " << ta::curl_version() << '\n'
                        << std::flush;
            return exit_ok;
        }
        return analyze(std::move(o), streams, context);
    } catch (const std::exception& e) {
        // Whatever was written stays: the records before the failure are still right.
        streams.out.flush();
        const failure f = describe_failure(e, context);
        streams.err << f.message << '\n' << std::flush;
        return f.exit_code;
    }
}

int run(int argc, const char* const* argv, const io& streams) {
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i) {
        args.emplace_back(argv[i]);
    }
    return run(args, streams);
}

} // namespace ta::cli
