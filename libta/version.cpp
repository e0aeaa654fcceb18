#include <ta/version.hpp>

#include "detail/curl_api.hpp"

namespace ta {

const char* version() noexcept {
    return TA_VERSION_STRING;
}

const char* curl_version() noexcept {
    try {
        return detail::curl().version_info(CURLVERSION_NOW)->version;
    } catch (...) {
        return "(not available)";
    }
}

} // namespace ta
