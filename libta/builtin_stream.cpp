#include <ta/builtin.hpp>

#include <algorithm>
#include <thread>

#include "detail/builtin.hpp"
#include "detail/stream_driver.hpp"

namespace ta {
namespace {

// Enough to make a batch's bookkeeping negligible, few enough that a slow pipe's lines are not
// held back long (a batch is what has arrived, up to this).
constexpr std::size_t stream_batch_size = 256;

} // namespace

void builtin_analyzer::analyze_stream(const stream_source& source, const stream_sink& sink,
                                      const stream_options& options) {
    const std::size_t threads = options_.threads > 0
                                    ? static_cast<std::size_t>(options_.threads)
                                    : std::max(1U, std::thread::hardware_concurrency());
    detail::stream_driver_settings settings;
    settings.batch_size = [] { return stream_batch_size; };
    settings.concurrency = std::min<std::size_t>(threads, 64);
    settings.options = options;
    // Each batch is below analyze()'s threshold for threads of its own: the workers are the
    // threads.
    settings.score = [this](const std::vector<document>& documents) {
        std::vector<result> results;
        results.reserve(documents.size());
        for (const document& doc : documents) {
            detail::analyze_into(options_, doc, results.emplace_back());
        }
        return results;
    };
    detail::run_stream(settings, source, sink);
}

} // namespace ta
