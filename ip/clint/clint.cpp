#include "ip/clint/clint.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "ip/clint/clint_regs.h"

namespace accelvp {

namespace {

using u128 = unsigned __int128;

// Beyond this many resolution units ahead an MTIP change is not scheduled: sc_time holds
// 64 bits, and no simulation runs that long.
constexpr uint64_t kMaxScheduleUnits = uint64_t{1} << 63;

}  // namespace

Clint::Clint(sc_core::sc_module_name name, sc_core::sc_time access_latency, uint64_t timebase_hz)
    : MmioDevice(name, access_latency),
      timebase_hz_(timebase_hz),
      units_per_second_(static_cast<uint64_t>(
          std::llround(1.0 / sc_core::sc_get_time_resolution().to_seconds()))) {
    if (timebase_hz_ == 0)
        throw std::invalid_argument(fmt::format("{}: timebase_hz must be > 0", basename()));

    SC_METHOD(on_mtip_event);
    sensitive << mtip_event_;
    dont_initialize();

    RegisterBank& regs = registers();
    regs.add({"msip", CLINT_MSIP, 4, [this]() -> uint64_t { return msip_; },
              [this](uint64_t v) {
                  msip_ = v & 1;
                  msip_irq.set(msip_);
              }});
    regs.add({"mtimecmp", CLINT_MTIMECMP, 8, [this]() -> uint64_t { return mtimecmp_; },
              [this](uint64_t v) { write_mtimecmp(v); }});
    regs.add({"mtime", CLINT_MTIME, 8, [this]() -> uint64_t { return mtime_at(access_time()); },
              [this](uint64_t v) { write_mtime(v); }});
}

uint64_t Clint::ticks_at(sc_core::sc_time t) const {
    return static_cast<uint64_t>(u128{t.value()} * timebase_hz_ / units_per_second_);
}

uint64_t Clint::mtime_at(sc_core::sc_time t) const {
    return ticks_at(t) + mtime_offset_;
}

void Clint::write_mtime(uint64_t value) {
    sc_core::sc_time t = access_time();
    mtime_offset_ = value - ticks_at(t);
    update_mtip(t);
}

void Clint::write_mtimecmp(uint64_t value) {
    mtimecmp_ = value;
    update_mtip(access_time());
}

void Clint::on_mtip_event() {
    update_mtip(sc_core::sc_time_stamp());
}

void Clint::update_mtip(sc_core::sc_time now) {
    uint64_t mtime = mtime_at(now);
    bool level = mtime >= mtimecmp_;
    mtip_irq.set(level);

    // Ticks until the comparison changes: mtime reaching mtimecmp, or wrapping to 0.
    u128 ticks_left = level ? (u128{1} << 64) - mtime : u128{mtimecmp_ - mtime};
    u128 target_tick = u128{ticks_at(now)} + ticks_left;
    // The first resolution unit at which floor(units * hz / units_per_second) >= target_tick.
    u128 target_units = (target_tick * units_per_second_ + timebase_hz_ - 1) / timebase_hz_;
    uint64_t stamp = sc_core::sc_time_stamp().value();
    mtip_event_.cancel();
    if (target_units - stamp >= kMaxScheduleUnits) return;
    mtip_event_.notify(sc_core::sc_time::from_value(static_cast<uint64_t>(target_units - stamp)));
}

}  // namespace accelvp
