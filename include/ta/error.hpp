// Whole-call failures. Per-document failures are values (ta::result::error), never exceptions.
#pragma once

#include <stdexcept>
#include <string>

namespace ta {

/// The base of every exception libta throws.
class error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The caller's configuration cannot work (a bad endpoint URL, an option the API lacks).
class usage_error : public error {
  public:
    using error::error;
};

/// No HTTP answer: the host could not be resolved or reached, TLS failed, or the request timed out.
class transport_error : public error {
  public:
    transport_error(const std::string& message, std::string url, bool timed_out = false);
    const std::string& url() const noexcept { return url_; }
    bool timed_out() const noexcept { return timed_out_; }

  private:
    std::string url_;
    bool timed_out_;
};

/// The service answered the whole call with an error status.
class http_error : public error {
  public:
    http_error(int status, std::string service_code, std::string service_message,
               std::string request_id, std::string url);
    int status() const noexcept { return status_; }
    /// The most specific code: innererror's when the body had one, else error.code.
    const std::string& service_code() const noexcept { return service_code_; }
    const std::string& service_message() const noexcept { return service_message_; }
    /// The `apim-request-id` response header, for a support request.
    const std::string& request_id() const noexcept { return request_id_; }
    const std::string& url() const noexcept { return url_; }
    /// True for the F0 tier's "Out of call volume quota" 403, which is not worth retrying.
    bool is_quota_exhausted() const noexcept;

  private:
    int status_;
    std::string service_code_;
    std::string service_message_;
    std::string request_id_;
    std::string url_;
};

/// Every API generation answered 404: there is no sentiment API at this endpoint.
class api_not_found_error : public http_error {
  public:
    using http_error::http_error;
};

/// A 2xx answer that is not the documented shape.
class bad_response_error : public error {
  public:
    bad_response_error(const std::string& what, int status, std::string excerpt,
                       std::string request_id);
    int status() const noexcept { return status_; }
    /// The start of the body, for a message.
    const std::string& excerpt() const noexcept { return excerpt_; }
    const std::string& request_id() const noexcept { return request_id_; }

  private:
    int status_;
    std::string excerpt_;
    std::string request_id_;
};

} // namespace ta
