// Spike's host-target interface (HTIF), for programs that define the ELF symbols `tohost`
// (and `fromhost`): standard ISA-suite programs and benchmarks built for Spike run unmodified.
//
// tohost is a 64-bit word. Device 0 (bits 63:56 = 0): an odd value ends the run with exit
// code value >> 1; an even value points at a block of 64-bit words {which, arg0, arg1, ...}
// for the syscall proxy, which serves write (64) to stdout/stderr and exit (93), stores the
// result in block[0], clears tohost and sets fromhost to 1. Device 1 command 1 prints the
// character in the low byte. The value is examined once the storing instruction completes;
// when the next instruction stores to the same word too (RV32 writes it as two halves), it
// waits for that one.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "ip/riscv/hart.h"

namespace accelvp {

class Htif {
public:
    Htif(rv::Hart& hart, uint32_t tohost, std::optional<uint32_t> fromhost,
         std::function<void(std::string_view)> console, std::function<void(int)> on_exit);

    uint64_t syscalls() const { return syscalls_; }

private:
    void poll();
    bool next_instruction_stores_tohost();
    void syscall(uint32_t block);
    uint64_t read64(uint32_t addr);
    void write64(uint32_t addr, uint64_t value);

    rv::Hart& hart_;
    uint32_t tohost_;
    std::optional<uint32_t> fromhost_;
    std::function<void(std::string_view)> console_;
    std::function<void(int)> on_exit_;
    uint64_t syscalls_ = 0;
};

}  // namespace accelvp
