// An environment variable set (or unset) for one scope, and put back as it was after it.
#pragma once

#include <cstdlib>
#include <string>

namespace ta::test {

class scoped_environment {
  public:
    /// `value` nullptr: unset.
    scoped_environment(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) {
            old_ = old;
            had_ = true;
        }
        if (value == nullptr) {
            ::unsetenv(name);
        } else {
            ::setenv(name, value, 1);
        }
    }
    ~scoped_environment() {
        if (had_) {
            ::setenv(name_.c_str(), old_.c_str(), 1);
        } else {
            ::unsetenv(name_.c_str());
        }
    }
    scoped_environment(const scoped_environment&) = delete;
    scoped_environment& operator=(const scoped_environment&) = delete;

  private:
    std::string name_;
    std::string old_;
    bool had_ = false;
};

} // namespace ta::test
