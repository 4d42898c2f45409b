// DRAM energy as DRAMPower computes it from datasheet currents (REFERENCE_FIGURES.md, "DRAM
// energy"): each command's energy is the current above the background it draws, times VDD,
// times how long it draws it; the background is active standby (IDD3N) while a bank of the
// rank is open or refreshing, precharge standby (IDD2N) otherwise. Per rank, a device's
// figure times devices_per_rank. Not modelled: power-down, self refresh, VPP (IPP) and the
// I/O and termination power, which DRAMPower reports apart.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

#include "ip/dram/channel_controller.h"
#include "ip/dram/dram_spec.h"

namespace accelvp::dram {

// Per rank (all devices of the rank together).
struct CommandEnergy {
    double act_pj = 0;                // VDD·(IDD0 − IDD3N)·tRAS
    double pre_pj = 0;                // VDD·(IDD0 − IDD2N)·tRP, per bank precharged
    double rd_pj = 0;                 // VDD·(IDD4R − IDD3N)·(BL/2)·tCK
    double wr_pj = 0;                 // VDD·(IDD4W − IDD3N)·(BL/2)·tCK
    double ref_pj = 0;                // VDD·(IDD5B − IDD3N)·tRFC
    double active_standby_mw = 0;     // VDD·IDD3N
    double precharge_standby_mw = 0;  // VDD·IDD2N
};

struct EnergyReport {
    double act_pj = 0, pre_pj = 0, rd_pj = 0, wr_pj = 0, ref_pj = 0, background_pj = 0;
    double total_pj = 0;
    double average_power_mw = 0;
    nlohmann::json to_json() const;
};

class EnergyModel {
public:
    explicit EnergyModel(const DramSpec& spec);
    const CommandEnergy& per_command() const { return energy_; }
    // Energy of one channel over elapsed_ps, from its controller's counters.
    EnergyReport channel_energy(const ControllerStats& stats, uint64_t elapsed_ps) const;

private:
    CommandEnergy energy_;
    uint32_t ranks_;
    uint64_t tCK_ps_;
};

}  // namespace accelvp::dram
