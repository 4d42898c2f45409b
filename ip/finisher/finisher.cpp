#include "ip/finisher/finisher.h"

#include "ip/finisher/finisher_regs.h"

namespace accelvp {

Finisher::Finisher(sc_core::sc_module_name name, sc_core::sc_time access_latency)
    : MmioDevice(name, access_latency) {
    registers().add({"finisher", FINISHER_REG, 4, []() -> uint64_t { return 0; },
                     [this](uint64_t v) { write(static_cast<uint32_t>(v)); }});
}

void Finisher::write(uint32_t value) {
    int code;
    switch (value & 0xFFFF) {
        case FINISHER_PASS:
            code = 0;
            break;
        case FINISHER_FAIL:
            code = static_cast<int>(value >> 16);
            break;
        default:
            registers().refuse_write();
            return;
    }
    exit_code_ = code;
    if (exit_handler_) exit_handler_(code);
}

}  // namespace accelvp
