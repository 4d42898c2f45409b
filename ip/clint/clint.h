// CLINT (SiFive-compatible core-local interruptor) for one hart: msip, mtimecmp, mtime
// (map in ip/clint/clint_regs.h).
// Models: msip (bit 0; the other bits read 0), a 64-bit mtimecmp (reset: all ones) and a
// 64-bit mtime, both also accessible as 32-bit halves. mtime is not a stored counter but a
// function of simulated time: mtime(t) = floor(t * timebase_hz) + offset (mod 2^64), where a
// write to mtime sets the offset. MTIP is the level mtime >= mtimecmp (unsigned, so it falls
// again if mtime wraps).
// Does not model: more than one hart, stopping or slowing the timebase.
// Timing: a register access sees mtime at its access_time() (the initiator's local time), and
// a write to mtime or mtimecmp updates MTIP at once for that time. For the future, an event is
// scheduled for the exact simulated time at which the comparison changes next (the tick at
// which mtime reaches mtimecmp, or wraps); changes more than 2^63 time-resolution units ahead
// (about 107 days at 1 ps) are not scheduled. Each access costs `access_latency`.
#pragma once

#include <cstdint>

#include "ip/common/irq.h"
#include "ip/common/mmio_device.h"

namespace accelvp {

class Clint : public MmioDevice {
public:
    IrqLine msip_irq;  // machine software interrupt: msip bit 0
    IrqLine mtip_irq;  // machine timer interrupt: mtime >= mtimecmp

    SC_HAS_PROCESS(Clint);
    Clint(sc_core::sc_module_name name, sc_core::sc_time access_latency, uint64_t timebase_hz);

    // mtime as seen at simulated time t (the CPU's `time` CSR reads it at its local time).
    uint64_t mtime_at(sc_core::sc_time t) const;

    uint64_t timebase_hz() const { return timebase_hz_; }
    uint64_t mtimecmp() const { return mtimecmp_; }

private:
    uint64_t ticks_at(sc_core::sc_time t) const;  // floor(t * timebase_hz), without offset
    void write_mtime(uint64_t value);
    void write_mtimecmp(uint64_t value);
    void update_mtip(sc_core::sc_time now);
    void on_mtip_event();

    uint64_t timebase_hz_;
    uint64_t units_per_second_;  // time-resolution units per second
    uint64_t mtime_offset_ = 0;
    uint64_t mtimecmp_ = ~uint64_t{0};
    bool msip_ = false;
    sc_core::sc_event mtip_event_;  // the next time MTIP changes
};

}  // namespace accelvp
