#include "key_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <ios>
#include <iterator>
#include <string_view>
#include <system_error>

#include "errors.hpp"

namespace ta::cli {

std::string read_key_file(const std::string& path) {
    const auto unreadable = [&path](int error_number) {
        return input_error("cannot read the key file '" + path +
                           "': " + std::strerror(error_number));
    };
    // A directory opens, and fails only when read, with the library's words.
    std::error_code ignored;
    if (std::filesystem::is_directory(path, ignored)) {
        throw unreadable(EISDIR);
    }
    errno = 0;
    std::ifstream file(path, std::ios::binary);
    if (!file.is_open()) {
        throw unreadable(errno != 0 ? errno : ENOENT);
    }
    std::string key;
    try {
        errno = 0;
        key.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
    } catch (const std::ios_base::failure&) {
        throw unreadable(errno != 0 ? errno : EIO);
    }
    if (file.bad()) {
        throw unreadable(EIO);
    }
    constexpr std::string_view space = " \t\r\n\f\v";
    const auto first = key.find_first_not_of(space);
    if (first == std::string::npos) {
        throw input_error("the key file '" + path + "' is empty");
    }
    return key.substr(first, key.find_last_not_of(space) - first + 1);
}

} // namespace ta::cli
