#include "ip/simctrl/simctrl.h"

#include <cmath>

#include "ip/simctrl/simctrl_regs.h"

namespace accelvp {

SimControl::SimControl(sc_core::sc_module_name name, sc_core::sc_time access_latency)
    : MmioDevice(name, access_latency),
      units_per_second_(static_cast<uint64_t>(
          std::llround(1.0 / sc_core::sc_get_time_resolution().to_seconds()))) {
    auto as_id = [](uint64_t v) { return static_cast<uint32_t>(v); };
    RegisterBank& regs = registers();
    regs.add({"id", SIMCTRL_ID, 4, []() -> uint64_t { return SIMCTRL_ID_VALUE; }, nullptr});
    regs.add({"roi_begin", SIMCTRL_ROI_BEGIN, 4, nullptr,
              [this, as_id](uint64_t v) { roi_begin(as_id(v)); }});
    regs.add(
        {"roi_end", SIMCTRL_ROI_END, 4, nullptr, [this, as_id](uint64_t v) { roi_end(as_id(v)); }});
    regs.add(
        {"check_pass", SIMCTRL_CHECK_PASS, 4, nullptr, [this](uint64_t) { ++checks_passed_; }});
    regs.add({"check_fail", SIMCTRL_CHECK_FAIL, 4, nullptr,
              [this, as_id](uint64_t v) { check_fail(as_id(v)); }});
    regs.add({"time_ns_lo", SIMCTRL_TIME_NS_LO, 4,
              [this]() -> uint64_t {
                  uint64_t ns = time_ns();
                  time_ns_hi_latch_ = static_cast<uint32_t>(ns >> 32);
                  return static_cast<uint32_t>(ns);
              },
              nullptr});
    regs.add({"time_ns_hi", SIMCTRL_TIME_NS_HI, 4,
              [this]() -> uint64_t { return time_ns_hi_latch_; }, nullptr});
}

bool SimControl::debug_read_allowed(uint64_t offset) const {
    return offset != SIMCTRL_TIME_NS_LO;  // reading it latches the high word
}

SimControl::Region* SimControl::open_region(uint32_t id) {
    for (Region& r : regions_)
        if (r.id == id && !r.end) return &r;
    return nullptr;
}

void SimControl::roi_begin(uint32_t id) {
    if (open_region(id)) {
        registers().refuse_write();
        return;
    }
    regions_.push_back({id, access_time(), std::nullopt});
    if (roi_begin_handler_) roi_begin_handler_(id);
}

void SimControl::roi_end(uint32_t id) {
    Region* region = open_region(id);
    if (!region) {
        registers().refuse_write();
        return;
    }
    region->end = access_time();
    if (roi_end_handler_) roi_end_handler_(id);
}

void SimControl::check_fail(uint32_t id) {
    ++checks_failed_;
    check_failures_.push_back({id, access_time()});
    if (check_fail_handler_) check_fail_handler_(id);
}

uint64_t SimControl::time_ns() const {
    using u128 = unsigned __int128;
    return static_cast<uint64_t>(u128{access_time().value()} * 1'000'000'000u / units_per_second_);
}

}  // namespace accelvp
