// PLIC (SiFive-compatible platform-level interrupt controller) with one context: hart 0,
// machine mode (map in ip/plic/plic_regs.h).
// Models: PLIC_NUM_SOURCES sources (source 0 does not exist), a priority per source (WARL
// 0..PLIC_MAX_PRIORITY; 0 never interrupts and is never claimed), read-only pending bits,
// enable bits, a threshold, claim/complete, and a level-triggered gateway per source as in
// the SiFive design: a high level makes the source pending once; it cannot become pending
// again before its claim is completed (and while it is still pending), and then does so at
// once if its level is still high. Claim returns the pending, enabled source of highest
// priority (ties: lowest id; the threshold does not filter claims) and clears its pending bit;
// 0 if there is none. A complete whose id is not enabled is ignored, as the spec says.
// Every offset of the 4 MiB window that is not one of these registers (source 0's priority
// included) answers with an address error.
// Does not model: edge-triggered sources, more contexts (S-mode, other harts), sub-word
// writes to claim/complete (the register bank merges them through a read, which claims: use
// 32-bit accesses, as the spec requires).
// Timing: the MEIP output follows every change at once (an irq input, a register access).
// Each access costs `access_latency`.
#pragma once

#include <array>
#include <cstdint>

#include "ip/common/irq.h"
#include "ip/common/mmio_device.h"
#include "ip/plic/plic_regs.h"

namespace accelvp {

class Plic : public MmioDevice, public IrqSink {
public:
    static constexpr unsigned kNumSources = PLIC_NUM_SOURCES;

    IrqLine meip_irq;  // a pending, enabled source has priority > threshold

    Plic(sc_core::sc_module_name name, sc_core::sc_time access_latency);

    // Level of interrupt source `source` (1..kNumSources-1); throws std::out_of_range for
    // any other line, which is a wiring error of the board.
    void set_irq(unsigned source, bool level) override;

    bool pending(unsigned source) const { return source < kNumSources && pending_[source]; }
    uint64_t claims() const { return claims_; }            // claims that returned a source
    uint64_t completions() const { return completions_; }  // completes that ended a request

protected:
    bool debug_read_allowed(uint64_t offset) const override;

private:
    static constexpr unsigned kWords = (kNumSources + 31) / 32;

    bool enabled(unsigned source) const;
    uint32_t pending_word(unsigned word) const;
    void write_enable_word(unsigned word, uint32_t value);
    uint32_t claim();
    void complete(uint32_t source);
    void forward(unsigned source);  // the gateway: a high level becomes a pending request
    void update_meip();

    std::array<uint32_t, kNumSources> priority_{};
    std::array<bool, kNumSources> level_{};
    std::array<bool, kNumSources> pending_{};
    std::array<bool, kNumSources> in_flight_{};  // request forwarded, not yet completed
    std::array<uint32_t, kWords> enable_{};
    uint32_t threshold_ = 0;
    uint64_t claims_ = 0;
    uint64_t completions_ = 0;
};

}  // namespace accelvp
