// The parts of the VADER scorer (libta/vader.cpp) that unit tests reach into.
#pragma once

#include <cstddef>
#include <span>

namespace ta::detail {

/// _but_check on the valences of a text whose first "but" is token `but`: values before it
/// x0.5, after it x1.5. Quirk: the reference picks the value to scale with list.index(value),
/// the first equal one, which need not be the one it is looking at ("alol but np").
void but_check(std::span<double> values, std::size_t but);

} // namespace ta::detail
