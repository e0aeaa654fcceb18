// The key in a --key-file, for ta and ta-server alike: read whole, white space around it removed.
#pragma once

#include <string>

namespace ta::cli {

/// Throws ta::cli::input_error, naming the file (never its content), when it cannot be read or
/// holds nothing but white space.
std::string read_key_file(const std::string& path);

} // namespace ta::cli
