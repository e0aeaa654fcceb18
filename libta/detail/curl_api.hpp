// libcurl, loaded when first needed (dlopen) rather than at start-up: it maps some thirty
// libraries and resolves each one's symbols at once (they are built with BIND_NOW), about 3 ms
// of CPU that a run on the built-in engine, ta-server, or ta's own HTTP/1.1 client never needs.
#pragma once

#include <curl/curl.h>

namespace ta::detail {

/// The libcurl functions libta calls, as the header declares them.
struct curl_api {
    decltype(&::curl_global_init) global_init;
    decltype(&::curl_version_info) version_info;
    decltype(&::curl_easy_init) easy_init;
    decltype(&::curl_easy_cleanup) easy_cleanup;
    decltype(&::curl_easy_reset) easy_reset;
    decltype(&::curl_easy_setopt) easy_setopt;
    decltype(&::curl_easy_getinfo) easy_getinfo;
    decltype(&::curl_easy_perform) easy_perform;
    decltype(&::curl_easy_strerror) easy_strerror;
    decltype(&::curl_slist_append) slist_append;
    decltype(&::curl_slist_free_all) slist_free_all;
    decltype(&::curl_url) url;
    decltype(&::curl_url_cleanup) url_cleanup;
    decltype(&::curl_url_set) url_set;
    decltype(&::curl_url_get) url_get;
    decltype(&::curl_free) free;
    decltype(&::curl_multi_init) multi_init;
    decltype(&::curl_multi_cleanup) multi_cleanup;
    decltype(&::curl_multi_setopt) multi_setopt;
    decltype(&::curl_multi_add_handle) multi_add_handle;
    decltype(&::curl_multi_remove_handle) multi_remove_handle;
    decltype(&::curl_multi_info_read) multi_info_read;
    decltype(&::curl_multi_socket_action) multi_socket_action;
    decltype(&::curl_multi_perform) multi_perform;
    decltype(&::curl_multi_poll) multi_poll;
    decltype(&::curl_multi_wakeup) multi_wakeup;
    decltype(&::curl_multi_strerror) multi_strerror;
};

/// libcurl, loaded and initialised (curl_global_init) on the first call, from any thread.
/// Throws ta::error saying what to install when it cannot be loaded.
const curl_api& curl();

/// Whether curl() has loaded it (for tests: a run that needs no libcurl leaves it unloaded).
bool curl_loaded() noexcept;

} // namespace ta::detail
