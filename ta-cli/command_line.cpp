#include "command_line.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include <ta/client.hpp>

#include "errors.hpp"

namespace ta::cli {
namespace {

constexpr std::string_view description =
    "ta scores the sentiment of text (positive, neutral, negative or mixed) with the Azure AI\n"
    "Language service, in the cloud (an endpoint and a key) or in its Docker container on your\n"
    "machine (no key), or, with no endpoint configured, with its built-in engine (VADER 3.3.2,\n"
    "English, no network).";

constexpr std::string_view footer = R"footer(Where the text comes from:
  Each TEXT argument is one document; with -f/--file, each line of the file is one (a CR before
  the newline, and a UTF-8 byte order mark at the start of a file, are dropped); with neither,
  ta reads lines from standard input. An empty line is a document too, and gets an error record.
  Documents get the ids 1, 2, 3, ... in that order: the arguments first, then the lines. Put --
  before a text that begins with '-'. With --input jsonl each line (and each argument) is a JSON
  object {"id":"a7","text":"...","language":"fr"} ("id" and "language" optional); an object
  without an "id" gets its position number, as in text input, even when another object gave
  that number as its "id"; a line that is not such an object gets an error record; blank lines
  are skipped.

The built-in engine:
  With no endpoint configured (or with --engine builtin) ta scores on this machine with VADER
  3.3.2, exactly as its reference implementation does. Each sentence is labelled by VADER's
  compound score (positive at 0.05 or more, negative at -0.05 or less, else neutral) and the
  document as the service does (mixed when it has positive and negative sentences). jsonl and
  json output add "vader": the compound, pos, neu and neg of the whole text. It scores English:
  a document in another language (-l, or "language" in jsonl) gets an error record. The README
  documents how confidence scores are made from VADER's.

Configuring the service:
  TA_ENDPOINT (or AZURE_LANGUAGE_ENDPOINT)   the endpoint, when --endpoint is not given
  TA_KEY (or AZURE_LANGUAGE_KEY)             the key, when --key-file is not given
  The key is never an argument (other users could read it in the process list) and is never
  printed, not even with --verbose. The container needs no key. The key goes only to the
  endpoint: redirects are not followed, TLS certificates are always verified (--cacert PATH
  trusts a private CA), and plain http:// carries it only to this machine (localhost,
  127.0.0.1, ::1) unless --allow-insecure-http is given. A key file that other users can read
  draws a warning (chmod 600 it).
  http_proxy, https_proxy, all_proxy and no_proxy (or NO_PROXY) choose a proxy as for curl.
  Plain http:// to an address or localhost with no proxy goes through ta's own HTTP/1.1
  client (less CPU than libcurl); TA_NATIVE_HTTP=0 sends it through libcurl too.
  There is no configuration file.

Output formats (--format):
  text    one line per document: id, label, confidence scores (pos, neu, neg), the start of the
          text; the v2 APIs give "score 0.973" instead; a failed document: id, error, code: message.
          Ids are padded to 3 characters (or to the longest id so far); control characters
          (line breaks, tabs) in ids, texts and messages are shown as spaces. A last line says
          which engine scored: "-- scored by the built-in engine (VADER 3.3.2)"
  jsonl   one JSON object per line, in the service's document shape; a failed document:
          {"id":"3","error":{"code":"...","message":"..."}}
  json    one response in the service's shape, indented by 2 spaces:
          {"documents":[...],"errors":[...],"modelVersion":"..."} (v2: no modelVersion);
          when the run fails half-way, the response holds the documents scored until then
  tsv     a header, then one row per document with the columns
          id sentiment positive neutral negative score error_code error_message text
          (tab, newline, CR and backslash in a field are written \t \n \r \\, and other
          control characters as \xHH, e.g. \x00 for NUL)
  csv     the same columns, quoted as RFC 4180 says (a field with a comma, a quote or any
          control character is quoted; the characters are kept as they are); lines end in \n
  In tsv and csv, scores have up to 4 decimals without trailing zeros, and a cell that does not
  apply is empty (the service gives labels or, with the v2 APIs, the score; the built-in engine
  both; a failed document only its error).
  There is exactly one record per document, in input order.

Examples:
  # the built-in engine (no endpoint configured)
  ta "The food was great." "The service was slow."

  # the sentiment container on this machine (no key)
  ta --endpoint http://localhost:5000 "The food was great." "The service was slow."

  # an Azure resource
  export TA_ENDPOINT=https://<resource>.cognitiveservices.azure.com
  export TA_KEY=<key>          # or: ta --key-file ~/.config/ta/key ...
  ta "I love this phone"

  # a file of reviews, one per line, into a spreadsheet
  ta -f reviews.txt --format csv > scores.csv

  # a pipeline: print the negative lines
  grep -v '^#' reviews.txt | ta --format tsv | awk -F'\t' '$2 == "negative" { print $9 }'

  # JSON lines in and out
  ta --input jsonl -f docs.jsonl --format jsonl | jq -r '[.id, .sentiment] | @tsv'

Exit codes:
  0  every document was scored
  1  some documents failed (their records say why)
  2  usage, input or output error: a bad option, an unreadable file, --engine remote with no
     endpoint configured, output that cannot be written (a full disk, a closed descriptor)
  3  the service could not be used: unreachable, access denied (401/403), no sentiment API at the
     endpoint (404), an answer that could not be read, or retries exhausted on the first batch
     or on batch after batch (a later batch that fails gives error records: exit 1); also an
     internal error in ta
  130 (143, 129) interrupted by SIGINT, Ctrl-C (SIGTERM; SIGHUP): ta stopped reading, and what it wrote is
     whole records (json stays closed); it ends by the signal, which the shell shows as 130
  141 the reader went away (ta ... | head -1): ta ends quietly, by SIGPIPE, or with 141 where
     SIGPIPE is ignored)footer";

/// The raw values, before they are checked.
struct raw_options {
    std::string engine;
    std::string input = "text";
    std::string format = "text";
    std::string api = "auto";
    std::string string_index;
    // Numbers are read by check(), so that a bad one gets a message in ta's words.
    std::string concurrency = "4";
    std::string retries = "3";
    std::string timeout_seconds = "100";
    std::string rate;
    bool progress = false;
    bool no_progress = false;
};

std::string choices(const std::vector<std::string_view>& names) {
    std::string text;
    for (std::size_t i = 0; i < names.size(); ++i) {
        text += i == 0 ? "" : (i + 1 == names.size() ? " or " : ", ");
        text += names[i];
    }
    return text;
}

std::string api_choices() {
    std::vector<std::string_view> names{ta::to_string(ta::api_version::automatic)};
    for (const auto version : ta::all_api_versions()) {
        names.push_back(ta::to_string(version));
    }
    return choices(names);
}

void add_options(CLI::App& app, options& o, raw_options& raw) {
    app.description(std::string(description));
    app.footer(std::string(footer));
    app.get_formatter()->column_width(28);
    app.get_formatter()->label("Positionals", "Arguments");
    // The last of a repeated option wins, so that an alias can be overridden.
    app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    app.set_help_flag("-h,--help", "Print this help and exit");
    app.add_flag("--version", o.show_version, "Print the versions of ta and libcurl and exit");

    const std::string input_group = "Input";
    app.add_option("TEXT", o.texts, "Texts to score, one document each")
        ->type_name("")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
        ->group(input_group);
    app.add_option("-f,--file", o.files,
                   "Score each line of PATH (\"-\" = standard input); repeatable")
        ->type_name("PATH")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
        ->allow_extra_args(false)
        ->group(input_group);
    app.add_option("--input", raw.input,
                   "How lines and arguments are read: text (default) or jsonl")
        ->type_name("FORMAT")
        ->group(input_group);
    app.add_option("-l,--language", o.language,
                   "Language of the documents that do not say (default en)")
        ->type_name("CODE")
        ->group(input_group);

    app.add_option("--engine", raw.engine,
                   "builtin or remote (default: remote when an endpoint is\n"
                   "configured, else the built-in engine)")
        ->type_name("ENGINE")
        ->group("Engine");

    const std::string service_group = "Service";
    app.add_option("--endpoint", o.endpoint,
                   "The service (default: TA_ENDPOINT), e.g.\n"
                   "https://<resource>.cognitiveservices.azure.com or http://localhost:5000")
        ->type_name("URL")
        ->group(service_group);
    app.add_option("--key-file", o.key_file,
                   "Read the key from PATH (default: TA_KEY); white space is ignored")
        ->type_name("PATH")
        ->group(service_group);
    app.add_option("--cacert", o.ca_file,
                   "Trust the CA certificates in PATH (PEM) instead of the\n"
                   "system's, for an endpoint with a private CA")
        ->type_name("PATH")
        ->group(service_group);
    app.add_flag("--allow-insecure-http", o.allow_insecure_http,
                 "Send the key over plain http:// to a host other than this\n"
                 "machine (refused otherwise: anyone on the way could read it)")
        ->group(service_group);
    app.add_option("--api", raw.api,
                   "auto (default: 2023-04-01, then on 404 v3.1, v3.0, v2.1, v2.0)\n"
                   "or one of 2025-11-01 2024-11-01 2023-04-01 2022-05-01\n"
                   "v3.1 v3.0 v2.1 v2.0")
        ->type_name("VERSION")
        ->group(service_group);
    app.add_option("--model-version", o.model_version,
                   "The model to use (default: the service's latest; not on v2)")
        ->type_name("NAME")
        ->group(service_group);
    app.add_flag("--opinion-mining", o.opinion_mining,
                 "Also find targets and assessments (v3.1 and later;\n"
                 "the built-in engine: assessments only)")
        ->group(service_group);
    app.add_flag("--show-stats", o.show_stats, "Ask for character and transaction counts")
        ->group(service_group);
    app.add_flag("--logging-opt-out", o.logging_opt_out,
                 "Ask the service not to log the texts (v3.1 and later)")
        ->group(service_group);
    app.add_option("--string-index-type", raw.string_index,
                   "Unit of offsets: TextElement (default), UnicodeCodePoint\n"
                   "or Utf16CodeUnit")
        ->type_name("UNIT")
        ->group(service_group);
    app.add_option("--concurrency", raw.concurrency,
                   "Requests in flight at once, 1 to 64 (default 4)")
        ->type_name("N")
        ->group(service_group);
    app.add_option("--retries", raw.retries, "Retries after 408, 429, 5xx or no answer (default 3)")
        ->type_name("N")
        ->group(service_group);
    app.add_option("--rate", raw.rate,
                   "Start at most N requests a second, retries included\n"
                   "(default: no cap; on 429 ta slows down by itself)")
        ->type_name("N")
        ->group(service_group);
    app.add_option("--timeout", raw.timeout_seconds,
                   "Give up on a request after SECONDS (default 100; 2.5 works)")
        ->type_name("SECONDS")
        ->group(service_group);
    app.add_flag("-v,--verbose", o.verbose,
                 "Show requests and answers on standard error (key redacted)")
        ->group(service_group);

    app.add_option("--format", raw.format, "Output: text (default), tsv, csv, json or jsonl")
        ->type_name("FORMAT")
        ->group("Output");
    app.add_flag("--progress", raw.progress,
                 "Show progress on standard error (default: on a terminal,\n"
                 "for runs that take more than a moment)")
        ->group("Output");
    app.add_flag("--no-progress", raw.no_progress, "Never show progress")->group("Output");
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

/// " (did you mean --format?)" for the first argument that looks like a misspelt option.
std::string suggestion(const CLI::App& app, const std::vector<std::string>& args) {
    for (const std::string& arg : args) {
        if (arg.size() < 4 || arg.rfind("--", 0) != 0) {
            continue;
        }
        const std::string name = arg.substr(2, arg.find('=') - 2);
        std::string best;
        std::size_t best_distance = 3; // more edits than this is another word, not a typo
        for (const CLI::Option* option : app.get_options()) {
            for (const std::string& known : option->get_lnames()) {
                if (known == name) {
                    best_distance = 0;
                    break;
                }
                const std::size_t distance = edit_distance(name, known);
                if (distance < best_distance) {
                    best_distance = distance;
                    best = known;
                }
            }
            if (best_distance == 0) {
                break;
            }
        }
        if (best_distance > 0 && !best.empty()) {
            return " (did you mean --" + best + "?)";
        }
    }
    return {};
}

/// The key belongs in TA_KEY or a file: on the command line, ps and the shell history show it.
void refuse_key_argument(const std::vector<std::string>& args) {
    for (const auto& arg : args) {
        if (arg == "--") {
            return;
        }
        if (arg == "--key" || arg.starts_with("--key=") || arg == "--api-key" ||
            arg.starts_with("--api-key=")) {
            throw command_line_error("ta takes no key on the command line, where other users can "
                                     "read it (ps, shell history): set TA_KEY, or put it in a file "
                                     "and use --key-file PATH");
        }
    }
}

/// TLS verification is always on: the options other tools turn it off with get an answer that
/// says why, and what to use instead.
void refuse_tls_off(const std::vector<std::string>& args) {
    for (const auto& arg : args) {
        if (arg == "--") {
            return;
        }
        const std::string name = arg.substr(0, arg.find('='));
        if (name == "-k" || name == "--insecure" || name == "--no-verify" ||
            name == "--no-check-certificate" || name == "--no-verify-ssl" ||
            name == "--ssl-no-verify") {
            throw command_line_error(name +
                                     ": ta always verifies the endpoint's TLS certificate (the "
                                     "key would go to whoever answers); for an endpoint with a "
                                     "private CA, give that CA with --cacert PATH");
        }
    }
}

/// CLI11 takes the argument after "--language=" as the value: "ta --language= good" would score
/// nothing in the language "good".
void refuse_empty_values(const CLI::App& app, const std::vector<std::string>& args) {
    for (const std::string& arg : args) {
        if (arg == "--") {
            return;
        }
        if (arg.size() < 4 || !arg.starts_with("--") || arg.find('=') != arg.size() - 1) {
            continue;
        }
        const std::string name = arg.substr(2, arg.size() - 3);
        for (const CLI::Option* option : app.get_options()) {
            const auto& names = option->get_lnames();
            if (option->get_type_size() != 0 &&
                std::find(names.begin(), names.end(), name) != names.end()) {
                throw command_line_error(arg + " needs a value");
            }
        }
    }
}

/// "--endpoint \"$URL\"" with URL unset: an option given with nothing in it would otherwise
/// read as not given (the built-in engine instead of the service, no key file).
void refuse_empty_given(const CLI::App& app, const options& o) {
    const std::pair<const char*, const std::string*> texts[] = {
        {"--endpoint", &o.endpoint},
        {"--key-file", &o.key_file},
        {"--cacert", &o.ca_file},
        {"--model-version", &o.model_version},
    };
    for (const auto& [name, value] : texts) {
        if (value->empty() && app.count(name) > 0) {
            throw command_line_error(std::string(name) +
                                     " was given an empty value (an unset variable?); give one, "
                                     "or leave " +
                                     name + " out");
        }
    }
}

/// For an argument CLI11 did not expect that begins with a single '-' (`unexpected`: what it
/// left over): text to score that begins with '-' goes after "--".
std::string dash_text_hint(const std::vector<std::string>& unexpected) {
    for (const std::string& arg : unexpected) {
        if (arg.size() > 1 && arg[0] == '-' && arg[1] != '-') {
            std::string quoted = "'";
            for (const char c : arg) {
                quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
            }
            return " (text that begins with '-' goes after --: ta -- " + quoted + "')";
        }
    }
    return {};
}

/// `text` as a whole number, or a command_line_error that names `option`.
int whole_number(std::string_view option, const std::string& text) {
    int value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (error == std::errc::result_out_of_range) {
        throw command_line_error(std::string(option) + " is out of range: '" + text + "'");
    }
    if (error != std::errc() || stop != end) {
        throw command_line_error(std::string(option) + " needs a whole number, not '" + text + "'");
    }
    return value;
}

void check(const raw_options& raw, options& o) {
    const auto input = parse_input_format(raw.input);
    if (!input) {
        throw command_line_error("unknown --input '" + raw.input + "': choose text or jsonl");
    }
    o.input = *input;

    const auto format = parse_output_format(raw.format);
    if (!format) {
        throw command_line_error("unknown --format '" + raw.format +
                                 "': choose text, tsv, csv, json or jsonl");
    }
    o.format = *format;

    if (raw.engine == "builtin") {
        o.engine = engine_choice::builtin;
    } else if (raw.engine == "remote") {
        o.engine = engine_choice::remote;
    } else if (!raw.engine.empty()) {
        throw command_line_error("unknown --engine '" + raw.engine + "': choose builtin or remote");
    }

    const auto api = ta::parse_api_version(raw.api);
    if (!api) {
        throw command_line_error("unknown --api '" + raw.api + "': choose " + api_choices());
    }
    o.api = *api;
    o.api_given = *api != ta::api_version::automatic;
    if (o.engine == engine_choice::builtin) {
        // These choose how to talk to the service; with the built-in engine they would be
        // silently meaningless, which hides a mistake.
        const std::pair<bool, std::string_view> service_only[] = {
            {!o.endpoint.empty(), "--endpoint"},
            {!o.key_file.empty(), "--key-file"},
            {!o.ca_file.empty(), "--cacert"},
            {o.allow_insecure_http, "--allow-insecure-http"},
            {o.api_given, "--api"},
            {!o.model_version.empty(), "--model-version"},
            {!raw.rate.empty(), "--rate"},
        };
        for (const auto& [given, name] : service_only) {
            if (given) {
                throw command_line_error(std::string(name) +
                                         " is for the service, not for --engine builtin");
            }
        }
    }

    if (!raw.string_index.empty()) {
        o.string_index = ta::parse_string_index_type(raw.string_index);
        if (!o.string_index) {
            throw command_line_error("unknown --string-index-type '" + raw.string_index +
                                     "': choose TextElement, UnicodeCodePoint or Utf16CodeUnit");
        }
    }

    o.concurrency = whole_number("--concurrency", raw.concurrency);
    // libta's limit, checked here for the built-in engine too, which does not use it, so that a
    // command line is right or wrong whatever scores it.
    if (o.concurrency < 1 || o.concurrency > ta::max_client_concurrency) {
        throw command_line_error("--concurrency must be from 1 to " +
                                 std::to_string(ta::max_client_concurrency) + ", not " +
                                 std::to_string(o.concurrency));
    }
    o.retries = whole_number("--retries", raw.retries);
    if (o.retries < 0) {
        throw command_line_error("--retries must be 0 or more, not " + std::to_string(o.retries));
    }
    double seconds = 0;
    const char* end = raw.timeout_seconds.data() + raw.timeout_seconds.size();
    const auto [stop, error] = std::from_chars(raw.timeout_seconds.data(), end, seconds);
    if (error != std::errc() || stop != end) {
        throw command_line_error("--timeout needs a number of seconds, not '" +
                                 raw.timeout_seconds + "'");
    }
    // A day is far beyond any real request; the bound keeps the conversion exact.
    if (!(seconds > 0) || seconds > 86'400) {
        throw command_line_error("--timeout must be a number of seconds above 0 (at most 86400)");
    }
    o.timeout = std::chrono::milliseconds(std::max<long long>(1, std::llround(seconds * 1000)));
    if (!raw.rate.empty()) {
        const char* rate_end = raw.rate.data() + raw.rate.size();
        const auto [rate_stop, rate_error] = std::from_chars(raw.rate.data(), rate_end, o.rate);
        // The service's fastest tier takes 1000 requests a second.
        if (rate_error != std::errc() || rate_stop != rate_end || !(o.rate > 0) || o.rate > 1000) {
            throw command_line_error("--rate needs a number of requests per second above 0 (at "
                                     "most 1000, e.g. 5 or 0.5), not '" +
                                     raw.rate + "'");
        }
    }
    if (raw.progress && raw.no_progress) {
        throw command_line_error("--progress and --no-progress cannot go together");
    }
    o.progress = raw.progress      ? progress_choice::always
                 : raw.no_progress ? progress_choice::never
                                   : progress_choice::automatic;

    if (o.language.empty()) {
        throw command_line_error("--language cannot be empty (e.g. en, fr, pt-BR)");
    }
    if (std::find(o.files.begin(), o.files.end(), std::string()) != o.files.end()) {
        throw command_line_error("--file needs a path (\"-\" for standard input)");
    }
}

} // namespace

options parse_command_line(const std::vector<std::string>& args) {
    refuse_key_argument(args);
    refuse_tls_off(args);
    options o;
    raw_options raw;
    CLI::App app("", "ta");
    add_options(app, o, raw);
    refuse_empty_values(app, args);
    // CLI11 takes the arguments last first.
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    try {
        app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
        options help;
        help.show_help = true;
        return help;
    } catch (const CLI::ParseError& e) {
        std::string message = e.what() + suggestion(app, args);
        if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
            message += dash_text_hint(app.remaining());
        }
        throw command_line_error(message);
    }
    if (o.show_version) {
        return o;
    }
    refuse_empty_given(app, o);
    check(raw, o);
    return o;
}

std::string help_text() {
    options o;
    raw_options raw;
    CLI::App app("", "ta");
    add_options(app, o, raw);
    // CLI11 ends each option group with two blank lines; one reads better.
    std::string text = app.help();
    for (std::size_t at; (at = text.find("\n\n\n")) != std::string::npos;) {
        text.erase(at, 1);
    }
    return text;
}

} // namespace ta::cli
