// Runs the tests' fake service (its toy model; ta-server serves the real engine) on its own:
//   build/tests/fake-service [--key KEY] [--only VERSION]...   (prints its URL, runs until killed)
#include <csignal>
#include <iostream>
#include <string>

#include <fake_service.hpp>

int main(int argc, char** argv) {
    ta::test::fake_service_options options;
    bool restricted = false;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--key") {
            options.key = argv[i + 1];
        } else if (flag == "--only") {
            const auto version = ta::parse_api_version(argv[i + 1]);
            if (!version) {
                std::cerr << "unknown version " << argv[i + 1] << "\n";
                return 2;
            }
            if (!restricted) {
                options.versions.clear();
                restricted = true;
            }
            options.versions.push_back(*version);
        }
    }
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    ta::test::fake_service service(options);
    std::cout << "listening on " << service.url() << std::endl;
    int received = 0;
    sigwait(&signals, &received);
}
