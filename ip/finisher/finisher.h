// Test finisher, SiFive-test compatible: one 32-bit register (ip/finisher/finisher_regs.h)
// through which firmware ends the simulation with an exit code.
// Models: a write whose low 16 bits are FINISHER_PASS exits with code 0; FINISHER_FAIL exits
// with the code in bits 31:16. Any other value (FINISHER_RESET included: this board cannot
// reset) is refused with a TLM command error and changes nothing. Reads return 0.
// Does not model: reset, power-off. The finisher only reports the exit; the board's handler
// decides how the simulation ends (it is called inside the writing access, at its time).
// Timing: each access costs `access_latency`.
#pragma once

#include <functional>
#include <optional>

#include "ip/common/mmio_device.h"

namespace accelvp {

class Finisher : public MmioDevice {
public:
    Finisher(sc_core::sc_module_name name, sc_core::sc_time access_latency);

    // Called once per accepted write with its exit code. Unset: the code is only recorded.
    void set_exit_handler(std::function<void(int exit_code)> handler) {
        exit_handler_ = std::move(handler);
    }

    // The code of the last accepted write, if any.
    std::optional<int> exit_code() const { return exit_code_; }

private:
    void write(uint32_t value);

    std::function<void(int)> exit_handler_;
    std::optional<int> exit_code_;
};

}  // namespace accelvp
