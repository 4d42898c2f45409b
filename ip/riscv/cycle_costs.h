// Cycles charged per instruction class: a simple in-order timing model, configured under
// soc.cpu.cycles. Memory and device latencies come on top, from the bus.
#pragma once

#include <cstdint>

namespace accelvp::rv {

struct CycleCosts {
    uint8_t alu = 1;
    uint8_t branch = 1;        // not taken
    uint8_t branch_taken = 3;  // taken (redirect)
    uint8_t jump = 3;
    uint8_t load = 2;
    uint8_t store = 1;
    uint8_t mul = 3;
    uint8_t div = 34;
    uint8_t atomic = 4;
    uint8_t csr = 2;
    uint8_t system = 4;  // ecall, ebreak, mret, wfi, fences
    uint8_t fp = 4;
    uint8_t fp_fma = 5;
    uint8_t fp_div = 16;
    uint8_t fp_sqrt = 16;
};

}  // namespace accelvp::rv
