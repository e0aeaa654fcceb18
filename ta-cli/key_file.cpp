#include "key_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <ios>
#include <iterator>
#include <string_view>
#include <system_error>

#include <sys/stat.h>

#include "errors.hpp"

namespace ta::cli {

namespace {

/// "0644"
std::string octal_mode(mode_t mode) {
    std::string text;
    for (int shift = 9; shift >= 0; shift -= 3) {
        text += static_cast<char>('0' + ((mode >> shift) & 7));
    }
    return text;
}

/// The path quoted for a shell, as the user would type it after chmod.
std::string shell_quoted(const std::string& path) {
    std::string quoted = "'";
    for (const char c : path) {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

} // namespace

std::string read_key_file(const std::string& path, const key_file_warning& warn) {
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
    // Said once the file has given a key: for one that is unusable anyway, it is only noise.
    struct stat status {};
    if (warn && ::stat(path.c_str(), &status) == 0 && S_ISREG(status.st_mode) &&
        (status.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        warn("the key file '" + path + "' can be read or changed by other users (mode " +
             octal_mode(status.st_mode & 07777) + "); make it yours alone: chmod 600 " +
             shell_quoted(path));
    }
    return key.substr(first, key.find_last_not_of(space) - first + 1);
}

} // namespace ta::cli
