// A device's registers as a table of named, offset-addressed entries with read/write
// callbacks (after VCML's typed registers). The table does the access checking once, for
// every device: an access that hits no register answers with an address error, a write to
// a read-only register with a command error, and a sub-word access reads or merges the part
// of the register it covers.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <tlm>
#include <vector>

namespace accelvp {

struct Register {
    std::string name;
    uint64_t offset = 0;
    unsigned size_bytes = 4;                    // 1, 2, 4 or 8
    std::function<uint64_t()> read;             // empty: reads as zero (write-only register)
    std::function<void(uint64_t value)> write;  // empty: read-only, a write is an error
};

class RegisterBank {
public:
    // Registers must not overlap; add() throws std::logic_error naming both if they do.
    void add(Register reg);

    // Serves one access of `len` bytes at `offset`. Returns the TLM response status.
    tlm::tlm_response_status access(tlm::tlm_command cmd, uint64_t offset, uint8_t* data,
                                    unsigned len);

    // Called by a write callback to refuse the value being written (a command register that
    // accepts only some codes): the access then answers with a command error. The callback
    // decides what, if anything, a refused write changes.
    void refuse_write() { write_refused_ = true; }

    const Register* find(uint64_t offset, unsigned len) const;
    const std::vector<Register>& registers() const { return regs_; }

private:
    std::vector<Register> regs_;  // sorted by offset
    bool write_refused_ = false;  // set by refuse_write() during the write being served
};

}  // namespace accelvp
