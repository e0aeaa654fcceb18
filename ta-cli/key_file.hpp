// The key in a --key-file, for ta and ta-server alike: read whole, white space around it removed.
#pragma once

#include <functional>
#include <string>

namespace ta::cli {

/// Called with a warning for the user (no prefix, no line break).
using key_file_warning = std::function<void(const std::string&)>;

/// Throws ta::cli::input_error, naming the file (never its content), when it cannot be read or
/// holds nothing but white space. A file that its group or other users may read or change
/// gets a warning that says how to mend it (as ssh does for its keys), and is still read.
std::string read_key_file(const std::string& path, const key_file_warning& warn = {});

} // namespace ta::cli
