#include <ta/analyzer.hpp>

#include "detail/stream_driver.hpp"

namespace ta {
namespace {

// An analyzer that says nothing of its limits gets batches of this many documents.
constexpr std::size_t default_batch_size = 100;

} // namespace

void analyzer::analyze_stream(const stream_source& source, const stream_sink& sink,
                              const stream_options& options) {
    detail::stream_driver_settings settings;
    settings.batch_size = [] { return default_batch_size; };
    settings.options = options;
    settings.score = [this](const std::vector<document>& documents) { return analyze(documents); };
    detail::run_stream(settings, source, sink);
}

} // namespace ta
