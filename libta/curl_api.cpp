#include "detail/curl_api.hpp"

#include <dlfcn.h>

#include <atomic>
#include <mutex>
#include <string>

#include <ta/error.hpp>

#ifndef TA_LIBCURL_SONAME
#define TA_LIBCURL_SONAME "libcurl.so.4"
#endif

namespace ta::detail {
namespace {

std::atomic<bool> loaded{false};

template <typename Function> void bind(void* library, const char* name, Function& out) {
    void* const symbol = ::dlsym(library, name);
    if (symbol == nullptr) {
        throw error(std::string("libcurl (") + TA_LIBCURL_SONAME + ") has no " + name +
                    ": it is older than the one ta was built with; upgrade libcurl4");
    }
    out = reinterpret_cast<Function>(symbol);
}

curl_api load() {
    // Kept loaded until the process ends: libcurl is not made to be unloaded.
    void* const library = ::dlopen(TA_LIBCURL_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
        const char* why = ::dlerror();
        throw error(std::string("libcurl could not be loaded (") + (why != nullptr ? why : "") +
                    "): install libcurl4 (apt-get install libcurl4)");
    }
    curl_api api{};
    bind(library, "curl_global_init", api.global_init);
    bind(library, "curl_version_info", api.version_info);
    bind(library, "curl_easy_init", api.easy_init);
    bind(library, "curl_easy_cleanup", api.easy_cleanup);
    bind(library, "curl_easy_reset", api.easy_reset);
    bind(library, "curl_easy_setopt", api.easy_setopt);
    bind(library, "curl_easy_getinfo", api.easy_getinfo);
    bind(library, "curl_easy_perform", api.easy_perform);
    bind(library, "curl_easy_strerror", api.easy_strerror);
    bind(library, "curl_slist_append", api.slist_append);
    bind(library, "curl_slist_free_all", api.slist_free_all);
    bind(library, "curl_url", api.url);
    bind(library, "curl_url_cleanup", api.url_cleanup);
    bind(library, "curl_url_set", api.url_set);
    bind(library, "curl_url_get", api.url_get);
    bind(library, "curl_free", api.free);
    bind(library, "curl_multi_init", api.multi_init);
    bind(library, "curl_multi_cleanup", api.multi_cleanup);
    bind(library, "curl_multi_setopt", api.multi_setopt);
    bind(library, "curl_multi_add_handle", api.multi_add_handle);
    bind(library, "curl_multi_remove_handle", api.multi_remove_handle);
    bind(library, "curl_multi_info_read", api.multi_info_read);
    bind(library, "curl_multi_socket_action", api.multi_socket_action);
    bind(library, "curl_multi_perform", api.multi_perform);
    bind(library, "curl_multi_poll", api.multi_poll);
    bind(library, "curl_multi_wakeup", api.multi_wakeup);
    bind(library, "curl_multi_strerror", api.multi_strerror);
    // curl_global_init is not thread-safe and must come before any other call: here, once.
    if (api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        throw error("libcurl could not be initialised");
    }
    return api;
}

} // namespace

const curl_api& curl() {
    static const curl_api api = [] {
        curl_api loaded_api = load();
        loaded = true;
        return loaded_api;
    }();
    return api;
}

bool curl_loaded() noexcept {
    return loaded;
}

} // namespace ta::detail
