// The umbrella header: everything a program needs to use libta.
#pragma once

#include <ta/analyzer.hpp>
#include <ta/api_version.hpp>
#include <ta/builtin.hpp>
#include <ta/client.hpp>
#include <ta/clock.hpp>
#include <ta/document.hpp>
#include <ta/error.hpp>
#include <ta/result.hpp>
#include <ta/stream.hpp>
#include <ta/string_index.hpp>
#include <ta/transport.hpp>
#include <ta/vader.hpp>
#include <ta/version.hpp>
