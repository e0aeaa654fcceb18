#include <ta/version.hpp>

#include <curl/curl.h>

namespace ta {

const char* version() noexcept {
    return TA_VERSION_STRING;
}

const char* curl_version() noexcept {
    return curl_version_info(CURLVERSION_NOW)->version;
}

} // namespace ta
