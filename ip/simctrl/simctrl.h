// Simulation control: region-of-interest markers, host-side checks and a view of simulated
// time for firmware that measures itself (map in ip/simctrl/simctrl_regs.h; 32-bit registers).
// Models: ROI_BEGIN/ROI_END open and close a region (kept as id, begin and end time, and
// passed to the board's handlers, which snapshot statistics); an ROI_BEGIN whose id is already
// open, or an ROI_END whose id is not open, is refused with a command error. CHECK_PASS and
// CHECK_FAIL count checks; a failure is also recorded with its time and reported to a handler.
// TIME_NS_LO/HI read simulated time in ns; reading LO latches the high word, so LO then HI is
// one consistent 64-bit value. Write-only registers read as 0.
// Does not model: anything a real chip has; this device exists only in the simulator.
// Timing: every time recorded or read is the access's access_time() (the initiator's local
// time); each access costs `access_latency`.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "ip/common/mmio_device.h"

namespace accelvp {

class SimControl : public MmioDevice {
public:
    struct Region {
        uint32_t id;
        sc_core::sc_time begin;
        std::optional<sc_core::sc_time> end;  // empty while the region is open
    };
    struct CheckFailure {
        uint32_t id;
        sc_core::sc_time time;
    };
    using IdHandler = std::function<void(uint32_t id)>;

    SimControl(sc_core::sc_module_name name, sc_core::sc_time access_latency);

    // Called inside the writing access, after the bookkeeping below is updated.
    void set_roi_begin_handler(IdHandler handler) { roi_begin_handler_ = std::move(handler); }
    void set_roi_end_handler(IdHandler handler) { roi_end_handler_ = std::move(handler); }
    void set_check_fail_handler(IdHandler handler) { check_fail_handler_ = std::move(handler); }

    const std::vector<Region>& regions() const { return regions_; }  // in order of begin
    const std::vector<CheckFailure>& check_failures() const { return check_failures_; }
    uint64_t checks_passed() const { return checks_passed_; }
    uint64_t checks_failed() const { return checks_failed_; }

    // Simulated time in whole ns at the access being served (so a handler sees the time of
    // the write that called it), or at sc_time_stamp() outside an access.
    uint64_t time_ns() const;

protected:
    bool debug_read_allowed(uint64_t offset) const override;

private:
    Region* open_region(uint32_t id);
    void roi_begin(uint32_t id);
    void roi_end(uint32_t id);
    void check_fail(uint32_t id);

    IdHandler roi_begin_handler_;
    IdHandler roi_end_handler_;
    IdHandler check_fail_handler_;
    std::vector<Region> regions_;
    std::vector<CheckFailure> check_failures_;
    uint64_t checks_passed_ = 0;
    uint64_t checks_failed_ = 0;
    uint64_t units_per_second_;  // time-resolution units per second
    uint32_t time_ns_hi_latch_ = 0;
};

}  // namespace accelvp
