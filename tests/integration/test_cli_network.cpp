// The built `ta` on the networks users have: behind an HTTP proxy named by the usual environment
// variables (libcurl reads them; ta must not get in its way), and in front of an endpoint whose
// certificate comes from a private CA (--cacert). The service is the fake one, reached through a
// small forwarder on loopback that stands for the proxy or for the endpoint's TLS front.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <httplib.h>

#include "fake_service.hpp"
#include "process.hpp"
#include "test_certificate.hpp"

BOOST_AUTO_TEST_SUITE(cli_network)

namespace {

using ta::test::fake_service;
using ta::test::process_options;
using ta::test::process_result;
using ta::test::temporary_directory;
using ta::test::test_certificate;

/// A host that never resolves (RFC 6761): only a proxy can reach it.
const std::string unreachable_host = "ta-proxy-test.invalid";

/// Passes each request on to `service` and its answer back: an HTTP proxy when the server is
/// plain (the request line then carries the absolute URL), a TLS front when it is an
/// httplib::SSLServer. Records each request line's target.
class forwarder {
  public:
    forwarder(std::unique_ptr<httplib::Server> server, const fake_service& service)
        : server_(std::move(server)), service_port_(service.port()) {
        const auto handler = [this](const httplib::Request& request, httplib::Response& answer) {
            forward(request, answer);
        };
        server_->Post(".*", handler);
        server_->Get(".*", handler);
        port_ = server_->bind_to_any_port("127.0.0.1");
        if (port_ <= 0) {
            throw std::runtime_error("cannot bind a port on 127.0.0.1");
        }
        thread_ = std::thread([this] {
            server_->listen_after_bind();
            listen_returned_ = true;
        });
        while (!server_->is_running() && !listen_returned_) {
            std::this_thread::yield();
        }
    }
    ~forwarder() {
        server_->stop();
        thread_.join();
    }
    forwarder(const forwarder&) = delete;
    forwarder& operator=(const forwarder&) = delete;

    int port() const { return port_; }
    std::vector<std::string> targets() const {
        const std::lock_guard lock(mutex_);
        return targets_;
    }

  private:
    void forward(const httplib::Request& request, httplib::Response& answer) {
        {
            const std::lock_guard lock(mutex_);
            targets_.push_back(request.target);
        }
        // A proxy gets "http://host/path?query"; the service wants "/path?query".
        std::string path = request.target;
        if (const auto scheme = path.find("://"); scheme != std::string::npos) {
            const auto slash = path.find('/', scheme + 3);
            path = slash == std::string::npos ? "/" : path.substr(slash);
        }
        httplib::Headers headers;
        for (const auto& [name, value] : request.headers) {
            if (name == "Ocp-Apim-Subscription-Key" || name == "User-Agent") {
                headers.emplace(name, value);
            }
        }
        httplib::Client service("127.0.0.1", service_port_);
        const auto result = request.method == "POST"
                                ? service.Post(path, headers, request.body,
                                               request.get_header_value("Content-Type"))
                                : service.Get(path, headers);
        if (!result) {
            answer.status = 502;
            return;
        }
        answer.status = result->status;
        answer.set_content(result->body, result->get_header_value("Content-Type"));
    }

    std::unique_ptr<httplib::Server> server_;
    int service_port_;
    int port_ = 0;
    std::atomic<bool> listen_returned_{false};
    std::thread thread_;
    mutable std::mutex mutex_;
    std::vector<std::string> targets_;
};

/// The built `ta` with `args`, the key in TA_KEY and the proxy variables `environment` sets
/// (one set on the machine running the tests is cleared).
process_result run_ta(const std::vector<std::string>& args,
                      std::vector<std::pair<std::string, std::string>> environment) {
    std::vector<std::string> argv{TA_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    process_options options;
    options.environment = {{"http_proxy", ""},  {"https_proxy", ""}, {"all_proxy", ""},
                           {"HTTPS_PROXY", ""}, {"ALL_PROXY", ""},   {"no_proxy", ""},
                           {"NO_PROXY", ""},    {"TA_KEY", "k"}};
    for (auto& [name, value] : environment) {
        for (auto& variable : options.environment) {
            if (variable.first == name) {
                variable.second = std::move(value);
            }
        }
    }
    return ta::test::run_process(argv, options);
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

const std::string scored = "id\tsentiment\tpositive\tneutral\tnegative\tscore\terror_code\terror_"
                           "message\ttext\n1\tpositive\t0.9\t0.08\t0.02\t\t\t\tI love it\n";

} // namespace

BOOST_AUTO_TEST_CASE(http_proxy_from_the_environment_reaches_a_host_only_it_can) {
    const fake_service service({.key = "k"});
    const forwarder proxy(std::make_unique<httplib::Server>(), service);
    const std::string proxy_url = "http://127.0.0.1:" + std::to_string(proxy.port());

    // The key goes over plain http to another host: only with --allow-insecure-http.
    const auto r = run_ta({"--endpoint", "http://" + unreachable_host, "--allow-insecure-http",
                           "--format", "tsv", "--api", "v3.1", "I love it"},
                          {{"http_proxy", proxy_url}});

    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.out == scored);
    BOOST_TEST_REQUIRE(proxy.targets().size() == 1u);
    BOOST_TEST(proxy.targets()[0] ==
               "http://" + unreachable_host + "/text/analytics/v3.1/sentiment");
}

BOOST_AUTO_TEST_CASE(a_key_is_not_sent_over_plain_http_to_another_host_without_being_allowed) {
    const fake_service service({.key = "k"});
    const forwarder proxy(std::make_unique<httplib::Server>(), service);
    const std::string proxy_url = "http://127.0.0.1:" + std::to_string(proxy.port());

    const auto r = run_ta({"--endpoint", "http://" + unreachable_host, "--format", "tsv", "--api",
                           "v3.1", "I love it"},
                          {{"http_proxy", proxy_url}});

    BOOST_TEST(r.exit_code == 2, r.err);
    BOOST_TEST(r.out.empty());
    BOOST_TEST(r.err == "ta: the endpoint http://" + unreachable_host + " is plain http:// to " +
                            unreachable_host +
                            ", another machine: the key would travel unencrypted, readable by "
                            "anyone on the way. Use the endpoint's https:// URL, or, if you trust "
                            "the network (your own container on another host), pass "
                            "--allow-insecure-http\n");
    BOOST_TEST(proxy.targets().empty()); // nothing left ta at all
    BOOST_TEST(service.requests().empty());
}

BOOST_AUTO_TEST_CASE(without_a_key_plain_http_to_another_host_needs_no_permission) {
    // The container takes no key: nothing secret travels.
    const fake_service service;
    const forwarder proxy(std::make_unique<httplib::Server>(), service);
    const std::string proxy_url = "http://127.0.0.1:" + std::to_string(proxy.port());

    const auto r = run_ta({"--endpoint", "http://" + unreachable_host, "--format", "tsv", "--api",
                           "v3.1", "I love it"},
                          {{"http_proxy", proxy_url}, {"TA_KEY", ""}});

    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.out == scored);
    BOOST_TEST(proxy.targets().size() == 1u);
}

BOOST_AUTO_TEST_CASE(without_a_proxy_that_host_cannot_be_reached) {
    const auto r = run_ta({"--endpoint", "http://" + unreachable_host, "--allow-insecure-http",
                           "--retries", "0", "--timeout", "10", "I love it"},
                          {});

    BOOST_TEST(r.exit_code == 3, r.err);
    BOOST_TEST(r.out.empty());
}

BOOST_AUTO_TEST_CASE(no_proxy_sends_its_hosts_past_the_proxy) {
    const fake_service service({.key = "k"});
    const forwarder proxy(std::make_unique<httplib::Server>(), service);
    const std::string proxy_url = "http://127.0.0.1:" + std::to_string(proxy.port());

    // libcurl would send even 127.0.0.1 to the proxy: only no_proxy keeps it direct.
    const auto r =
        run_ta({"--endpoint", service.url(), "--format", "tsv", "--api", "v3.1", "I love it"},
               {{"http_proxy", proxy_url}, {"no_proxy", "127.0.0.1"}});

    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.out == scored);
    BOOST_TEST(proxy.targets().empty());
    BOOST_TEST(service.requests().size() == 1u);
}

BOOST_AUTO_TEST_CASE(cacert_trusts_an_endpoint_of_a_private_ca) {
    const fake_service service({.key = "k"});
    const test_certificate identity("IP:127.0.0.1");
    const temporary_directory directory;
    identity.write_pem(directory.path / "ca.pem");
    const forwarder front(
        std::make_unique<httplib::SSLServer>(identity.certificate.get(), identity.key.get()),
        service);
    const std::string endpoint = "https://127.0.0.1:" + std::to_string(front.port());

    const auto r = run_ta({"--endpoint", endpoint, "--cacert", (directory.path / "ca.pem").string(),
                           "--format", "tsv", "--api", "v3.1", "I love it"},
                          {});

    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.out == scored);
    BOOST_TEST(front.targets().size() == 1u);
}

BOOST_AUTO_TEST_CASE(without_cacert_that_endpoint_is_a_tls_problem) {
    const fake_service service({.key = "k"});
    const test_certificate identity("IP:127.0.0.1");
    const forwarder front(
        std::make_unique<httplib::SSLServer>(identity.certificate.get(), identity.key.get()),
        service);
    const std::string endpoint = "https://127.0.0.1:" + std::to_string(front.port());

    // A TLS failure is retried like any request that got no answer: none here, to be quick.
    const auto r =
        run_ta({"--endpoint", endpoint, "--api", "v3.1", "--retries", "0", "I love it"}, {});

    BOOST_TEST(r.exit_code == 3, r.err);
    BOOST_TEST(contains(r.err, "TLS problem"), r.err);
    // What to do about it, and no way around the check.
    BOOST_TEST(contains(r.err, "ta always verifies the certificate: if the endpoint's is from a "
                               "private CA, trust that CA with --cacert PATH"),
               r.err);
    BOOST_TEST(front.targets().empty());
}

BOOST_AUTO_TEST_CASE(the_options_that_turn_tls_verification_off_elsewhere_are_refused) {
    for (const std::string option : {"-k", "--insecure", "--no-verify", "--no-check-certificate"}) {
        const auto r = run_ta({"--endpoint", "https://127.0.0.1:1", option, "I love it"}, {});
        BOOST_TEST(r.exit_code == 2, option);
        BOOST_TEST(contains(r.err, option + ": ta always verifies the endpoint's TLS certificate"),
                   r.err);
        BOOST_TEST(contains(r.err, "--cacert PATH"), r.err);
    }
}

BOOST_AUTO_TEST_CASE(a_missing_cacert_file_is_named) {
    const fake_service service({.key = "k"});
    const test_certificate identity("IP:127.0.0.1");
    const temporary_directory directory;
    const forwarder front(
        std::make_unique<httplib::SSLServer>(identity.certificate.get(), identity.key.get()),
        service);
    const std::string endpoint = "https://127.0.0.1:" + std::to_string(front.port());
    const std::string missing = (directory.path / "absent.pem").string();

    const auto r = run_ta(
        {"--endpoint", endpoint, "--cacert", missing, "--api", "v3.1", "--retries", "0", "x"}, {});

    BOOST_TEST(r.exit_code == 3, r.err);
    BOOST_TEST(contains(r.err, missing), r.err);
}

BOOST_AUTO_TEST_SUITE_END()
