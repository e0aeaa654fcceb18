#include "run.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <iterator>
#include <mutex>
#include <string_view>
#include <utility>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <ta/builtin.hpp>
#include <ta/client.hpp>
#include <ta/error.hpp>
#include <ta/version.hpp>

#include "command_line.hpp"
#include "errors.hpp"
#include "fd_output.hpp"
#include "input.hpp"
#include "key_file.hpp"
#include "messages.hpp"
#include "progress.hpp"
#include "renderer.hpp"

namespace ta::cli {
namespace {

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

/// The endpoint from --endpoint or the environment; empty when there is none.
std::string configured_endpoint(const options& o, const io& streams) {
    return o.endpoint.empty() ? first_set(streams, {"TA_ENDPOINT", "AZURE_LANGUAGE_ENDPOINT"})
                              : o.endpoint;
}

ta::client_options client_options_from(const options& o, const io& streams, std::string endpoint) {
    ta::client_options c;
    c.endpoint = std::move(endpoint);
    std::ostream& err = streams.err;
    c.key = o.key_file.empty() ? first_set(streams, {"TA_KEY", "AZURE_LANGUAGE_KEY"})
                               : read_key_file(o.key_file, [&err](const std::string& warning) {
                                     err << "ta: warning: " << warning << '\n' << std::flush;
                                 });
    c.api = o.api;
    c.default_language = o.language;
    c.model_version = o.model_version;
    c.opinion_mining = o.opinion_mining;
    c.show_stats = o.show_stats;
    c.logging_opt_out = o.logging_opt_out;
    c.string_index = o.string_index;
    c.concurrency = o.concurrency;
    c.retries = o.retries;
    c.rate = o.rate;
    c.timeout = o.timeout;
    c.connect_timeout = std::min(c.connect_timeout, o.timeout);
    c.ca_file = o.ca_file;
    if (o.verbose) {
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

/// Whether `host` (as in a URL: a name, an IPv4 address, or an IPv6 one in brackets) is this
/// machine's loopback: localhost, 127.0.0.0/8, [::1].
bool is_loopback_host(std::string host) {
    std::transform(host.begin(), host.end(), host.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (host == "localhost" || host == "localhost.") {
        return true;
    }
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
        in6_addr address{};
        return ::inet_pton(AF_INET6, host.substr(1, host.size() - 2).c_str(), &address) == 1 &&
               IN6_IS_ADDR_LOOPBACK(&address);
    }
    in_addr address{};
    return ::inet_pton(AF_INET, host.c_str(), &address) == 1 &&
           (ntohl(address.s_addr) >> 24) == 127;
}

std::string lowered(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

/// A URL's scheme ("http" when it has none, as for a proxy), its host, and the two with the
/// port as the URL gave them (never a user name or password), all in lower case.
struct scheme_and_host {
    std::string scheme;
    std::string host;
    std::string shown;
};

scheme_and_host split_url(std::string_view url) {
    const auto separator = url.find("://");
    scheme_and_host parts{"http", {}, {}};
    if (separator != std::string_view::npos) {
        parts.scheme = lowered(url.substr(0, separator));
        url.remove_prefix(separator + 3);
    }
    std::string_view authority = url.substr(0, url.find_first_of("/?#"));
    authority = authority.substr(authority.rfind('@') + 1);
    parts.host = lowered(authority.starts_with('[') ? authority.substr(0, authority.find(']') + 1)
                                                    : authority.substr(0, authority.find(':')));
    parts.shown = parts.scheme + "://" + lowered(authority);
    return parts;
}

/// An IP address as libcurl compares them in no_proxy: IPv4 or IPv6, without brackets.
struct ip_address {
    int family = 0; // AF_INET or AF_INET6; 0 when the text is not an address
    unsigned char bytes[16] = {};
};

ip_address parse_ip(std::string text) {
    ip_address address;
    if (text.size() > 2 && text.front() == '[' && text.back() == ']') {
        text = text.substr(1, text.size() - 2);
        if (::inet_pton(AF_INET6, text.c_str(), address.bytes) == 1) {
            address.family = AF_INET6;
        }
        return address;
    }
    if (::inet_pton(AF_INET, text.c_str(), address.bytes) == 1) {
        address.family = AF_INET;
    } else if (::inet_pton(AF_INET6, text.c_str(), address.bytes) == 1) {
        address.family = AF_INET6;
    }
    return address;
}

/// Whether a no_proxy entry names the address `host`, as libcurl (7.86 and later) reads it: an
/// address (IPv6 without brackets), or an IPv4 network "a.b.c.d/bits"; never a name suffix.
/// Anything else (an IPv6 network, a bracketed entry) counts as not matching: ta then refuses,
/// which is safe, where libcurl might have sent the key to the proxy.
bool entry_names_address(const std::string& entry, const ip_address& host) {
    const auto slash = entry.find('/');
    const ip_address network = parse_ip(entry.substr(0, slash));
    if (network.family != host.family || entry.starts_with('[')) {
        return false;
    }
    if (slash == std::string::npos) {
        return std::equal(std::begin(host.bytes), std::end(host.bytes), network.bytes);
    }
    if (host.family != AF_INET) {
        return false;
    }
    const std::string bits_text = entry.substr(slash + 1);
    if (bits_text.empty() || bits_text.size() > 2 ||
        !std::all_of(bits_text.begin(), bits_text.end(),
                     [](unsigned char c) { return std::isdigit(c) != 0; })) {
        return false;
    }
    const int bits = std::stoi(bits_text);
    if (bits > 32) {
        return false;
    }
    const auto as_number = [](const unsigned char* b) {
        return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) |
               (std::uint32_t{b[2]} << 8) | std::uint32_t{b[3]};
    };
    const std::uint32_t mask = bits == 0 ? 0 : ~std::uint32_t{0} << (32 - bits);
    return (as_number(host.bytes) & mask) == (as_number(network.bytes) & mask);
}

/// Whether no_proxy (or NO_PROXY) surely sends `host` past the proxy, as libcurl reads it:
/// entries separated by commas or blanks; "*" for every host; for a name, the name itself or a
/// domain it is in (a leading dot ignored); for an address, only that address or network.
bool bypasses_proxy(const io& streams, const std::string& host) {
    const std::string list = lowered(first_set(streams, {"no_proxy", "NO_PROXY"}));
    const ip_address address = parse_ip(host);
    std::size_t start = 0;
    while (start < list.size()) {
        start = list.find_first_not_of(", \t", start);
        if (start == std::string::npos) {
            break;
        }
        const auto end = std::min(list.find_first_of(", \t", start), list.size());
        std::string entry = list.substr(start, end - start);
        start = end;
        if (entry == "*") {
            return true;
        }
        if (address.family != 0) {
            if (entry_names_address(entry, address)) {
                return true;
            }
            continue;
        }
        if (entry.starts_with('.')) {
            entry.erase(0, 1);
        }
        if (!entry.empty() && (host == entry || host.ends_with("." + entry))) {
            return true;
        }
    }
    return false;
}

/// The no_proxy entry that sends `host` past the proxy: an IPv6 address goes without brackets.
std::string no_proxy_entry_for(const std::string& host) {
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
        return host.substr(1, host.size() - 2);
    }
    return host;
}

/// A key goes over plain http only to this machine, unless the user said it may go further:
/// neither to another host nor through a proxy on another host (which reads all it carries).
void check_key_transport(const options& o, const ta::client_options& c, const io& streams) {
    if (c.key.empty() || o.allow_insecure_http) {
        return;
    }
    const scheme_and_host endpoint = split_url(c.endpoint);
    if (endpoint.scheme != "http") {
        return;
    }
    if (!is_loopback_host(endpoint.host)) {
        throw ta::usage_error(
            "the endpoint " + endpoint.shown + " is plain http:// to " + endpoint.host +
            ", another machine: the key would travel unencrypted, readable by anyone on the way. "
            "Use the endpoint's https:// URL, or, if you trust the network (your own container "
            "on another host), pass --allow-insecure-http");
    }
    const std::string proxy = first_set(streams, {"http_proxy", "all_proxy", "ALL_PROXY"});
    if (proxy.empty() || bypasses_proxy(streams, endpoint.host)) {
        return;
    }
    if (const std::string proxy_host = split_url(proxy).host; !is_loopback_host(proxy_host)) {
        throw ta::usage_error(
            "the endpoint " + endpoint.shown + " is plain http://, and the proxy " + proxy_host +
            " (from http_proxy or all_proxy) would carry the key unencrypted to another machine. "
            "Set no_proxy=" +
            no_proxy_entry_for(endpoint.host) +
            " to reach it directly, use an https:// endpoint, or, if you trust that proxy, pass "
            "--allow-insecure-http");
    }
}

/// The longest a record done waits in ta's output buffer while more are on their way, when the
/// output is a regular file.
constexpr std::chrono::milliseconds output_delay{100};

/// Flushes `out`, or throws output_error when it could not be written: nothing after that would
/// reach the reader, so the run stops. errno is 0 before the writes being checked, so that it
/// holds the reason of the one that failed.
void flush_output(std::ostream& out) {
    out.flush();
    if (!out) {
        const auto* buffer = dynamic_cast<const fd_output_buffer*>(out.rdbuf());
        const int error_number =
            buffer != nullptr && buffer->first_error() != 0 ? buffer->first_error() : errno;
        throw output_error(error_number != 0 ? std::strerror(error_number) : "write error",
                           error_number);
    }
}

/// Hands `streams.on_interrupt` a function for the time it lives, and takes it back after.
class interrupt_hook {
  public:
    interrupt_hook(const io& streams, std::function<void(int)> on_signal) : streams_(streams) {
        if (streams_.on_interrupt) {
            streams_.on_interrupt(std::move(on_signal));
        }
    }
    ~interrupt_hook() {
        if (streams_.on_interrupt) {
            streams_.on_interrupt(nullptr);
        }
    }
    interrupt_hook(const interrupt_hook&) = delete;
    interrupt_hook& operator=(const interrupt_hook&) = delete;

  private:
    const io& streams_;
};

/// The analyzer the options and the environment choose: the service when an endpoint is
/// configured (or --engine remote), the built-in engine otherwise (or --engine builtin).
std::unique_ptr<ta::analyzer> make_analyzer(const options& o, const io& streams,
                                            failure_context& context) {
    std::string endpoint =
        o.engine == engine_choice::builtin ? std::string() : configured_endpoint(o, streams);
    if (endpoint.empty()) {
        if (o.engine == engine_choice::remote) {
            throw no_endpoint_error();
        }
        const char* service_option = o.api_given                ? "--api"
                                     : !o.key_file.empty()      ? "--key-file"
                                     : !o.ca_file.empty()       ? "--cacert"
                                     : !o.model_version.empty() ? "--model-version"
                                     : o.rate > 0               ? "--rate"
                                                                : nullptr;
        if (service_option != nullptr) {
            throw command_line_error(std::string(service_option) +
                                     " is for the service, and no endpoint is configured: set "
                                     "TA_ENDPOINT or --endpoint URL, or leave it out to use the "
                                     "built-in engine");
        }
        ta::builtin_options b;
        b.default_language = o.language;
        b.string_index = o.string_index;
        b.opinion_mining = o.opinion_mining;
        b.show_stats = o.show_stats;
        return std::make_unique<ta::builtin_analyzer>(std::move(b));
    }
    ta::client_options client_options = client_options_from(o, streams, std::move(endpoint));
    check_key_transport(o, client_options, streams);
    context.key_given = !client_options.key.empty();
    context.retries = client_options.retries;
    return std::make_unique<ta::client>(std::move(client_options), nullptr, streams.time);
}

/// Whether the progress line is shown: when asked, or on a terminal whose output goes
/// elsewhere (records on the same terminal show the progress themselves; --verbose has it).
bool show_progress(const options& o, const io& streams) {
    switch (o.progress) {
    case progress_choice::always:
        return true;
    case progress_choice::never:
        return false;
    case progress_choice::automatic:
        break;
    }
    return streams.stderr_is_terminal && !streams.stdout_is_terminal && !o.verbose;
}

int analyze(options o, const io& streams, failure_context& context) {
    if (o.texts.empty() && o.files.empty()) {
        if (streams.stdin_is_terminal) {
            throw no_input_error();
        }
        o.files.push_back("-");
    }
    // Input is read on a thread of its own while this one writes: a tied output stream (cin's
    // is cout) would be flushed from both at once.
    streams.in.tie(nullptr);
    document_reader reader(std::move(o.texts), std::move(o.files), o.input, streams.in);
    const std::unique_ptr<ta::analyzer> analyzer = make_analyzer(o, streams, context);
    if (o.verbose) {
        streams.err << "ta: scoring with " << analyzer->description() << '\n';
    }
    const std::shared_ptr<ta::clock> time = streams.time ? streams.time : ta::steady_clock();

    // A run that stops (the service refused, the output closed) must not wait for a pipe's
    // next line: reads of standard input wait in slices and give up when told.
    std::atomic<bool> stopping{false};
    if (streams.stdin_ready) {
        reader.set_input_wait([&streams, &stopping] {
            while (!stopping) {
                if (streams.stdin_ready(std::chrono::milliseconds(100))) {
                    return true;
                }
            }
            return false;
        });
    }

    std::optional<progress_meter> progress;
    if (show_progress(o, streams)) {
        progress.emplace(streams.err, *time, streams.stderr_is_terminal,
                         o.progress == progress_choice::always,
                         [&reader] { return reader.fraction_read(); });
    }
    const auto output =
        make_renderer(o.format, streams.out, [&analyzer] { return analyzer->description(); });
    std::size_t written = 0;
    std::size_t failed = 0;

    // The output is written under this lock, a record at a time, so that an interruption ends it
    // after a whole one. Timed: a reader that stopped reading must not keep ta from stopping.
    std::timed_mutex output_mutex;
    int interrupted_by = 0; // the signal; under output_mutex
    const interrupt_hook hook(streams, [&](int signal_number) {
        stopping = true;
        const std::unique_lock lock(output_mutex, std::chrono::seconds(1));
        if (!lock.owns_lock() || interrupted_by != 0) {
            return;
        }
        interrupted_by = signal_number;
        if (progress) {
            progress->finish(written, failed);
        }
        output->end(); // with no record yet too: json is then an empty response, not nothing
        streams.out.flush();
    });
    const auto interrupted = [&] {
        const std::lock_guard lock(output_mutex);
        return interrupted_by;
    };

    const ta::stream_source source = [&reader, &stopping](std::vector<ta::stream_entry>& out,
                                                          std::size_t max) {
        if (stopping) {
            return false;
        }
        return reader.next(out, max) > 0;
    };
    const ta::stream_sink sink = [&](ta::document&& doc, ta::result&& result) {
        const std::lock_guard lock(output_mutex);
        if (interrupted_by != 0) {
            return; // the output is over
        }
        if (written == 0) {
            errno = 0; // so that a failed write's errno is its own
        }
        output->write(doc, result);
        ++written;
        failed += result.ok() ? 0 : 1;
        if (progress) {
            progress->update(written, failed);
        }
    };
    ta::stream_options stream;
    stream.on_stop = [&stopping] { stopping = true; };
    // What is done goes out: a pipe that trickles gets each record as soon as it can. Into a
    // regular file while the answers keep coming, once in a while rather than after each
    // answer: fewer, larger writes, and a reader (tail -f) still has each record within twice
    // output_delay (the write waits up to output_delay more for an answer to wake ta rather
    // than waking it for the write alone: at 16 requests in flight and 50 ms of latency, one
    // wake-up in twenty was the write's timer). A terminal or a pipe gets each answer's records
    // at once (a write is how ta learns that a pipe's reader left, and stops sending
    // requests), and so does a test's clock (its time moves only when ta waits between retries).
    stream.caught_up_delay =
        streams.stdout_is_file && !streams.time ? output_delay : std::chrono::milliseconds(0);
    stream.caught_up_slack = stream.caught_up_delay;
    stream.on_caught_up = [&] {
        const std::lock_guard lock(output_mutex);
        if (interrupted_by == 0) {
            flush_output(streams.out);
        }
    };
    try {
        analyzer->analyze_stream(source, sink, stream);
    } catch (const output_error&) {
        throw;
    } catch (...) {
        if (const int signal_number = interrupted(); signal_number > 0) {
            return 128 + signal_number;
        }
        const std::lock_guard lock(output_mutex);
        interrupted_by = -1; // no interruption can write any more
        if (progress) {
            progress->finish(written, failed);
        }
        // The records so far are right: a whole JSON response (or table) of them is worth more
        // than a cut one. With none, the output stays empty.
        if (written > 0) {
            output->end();
            streams.out.flush();
        }
        throw;
    }
    const std::lock_guard lock(output_mutex);
    if (interrupted_by > 0) {
        return 128 + interrupted_by;
    }
    interrupted_by = -1;
    errno = 0;
    output->end();
    flush_output(streams.out);
    if (progress) {
        progress->finish(written, failed);
    }
    return failed > 0 ? exit_some_failed : exit_ok;
}

} // namespace

int run(const std::vector<std::string>& args, const io& streams) {
    failure_context context;
    try {
        options o = parse_command_line(args);
        if (o.show_help) {
            errno = 0;
            streams.out << help_text();
            flush_output(streams.out);
            return exit_ok;
        }
        if (o.show_version) {
            errno = 0;
            streams.out << "ta " << ta::version() << "\nlibcurl " << ta::curl_version() << '\n';
            flush_output(streams.out);
            return exit_ok;
        }
        return analyze(std::move(o), streams, context);
    } catch (const std::exception& e) {
        // `ta ... | head -1`: the reader has what it wanted, and needs no word of it. The
        // status is the one the shell shows for a death by SIGPIPE, as where it is not ignored.
        if (const auto* output = dynamic_cast<const output_error*>(&e);
            output != nullptr && output->reader_left()) {
            return exit_reader_left;
        }
        // Whatever was written stays: the records before the failure are still right.
        if (streams.out) {
            streams.out.flush();
        }
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
