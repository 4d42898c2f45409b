#include "ip/dram/energy.h"

namespace accelvp::dram {

EnergyModel::EnergyModel(const DramSpec& spec)
    : ranks_(spec.org.ranks), tCK_ps_(spec.timing.tCK_ps) {
    const Power& p = spec.power;
    const Timing& t = spec.timing;
    const double devices = spec.org.devices_per_rank;
    const double tCK_ns = t.tCK_ps / 1000.0;
    // mA · V · ns = pJ; mA · V = mW.
    auto energy = [&](double current_ma, double cycles) {
        return p.VDD * current_ma * cycles * tCK_ns * devices;
    };
    energy_.act_pj = energy(p.IDD0 - p.IDD3N, t.tRAS);
    energy_.pre_pj = energy(p.IDD0 - p.IDD2N, t.tRP);
    energy_.rd_pj = energy(p.IDD4R - p.IDD3N, spec.burst_cycles());
    energy_.wr_pj = energy(p.IDD4W - p.IDD3N, spec.burst_cycles());
    energy_.ref_pj = energy(p.IDD5B - p.IDD3N, t.tRFC);
    energy_.active_standby_mw = p.VDD * p.IDD3N * devices;
    energy_.precharge_standby_mw = p.VDD * p.IDD2N * devices;
}

EnergyReport EnergyModel::channel_energy(const ControllerStats& s, uint64_t elapsed_ps) const {
    EnergyReport r;
    r.act_pj = energy_.act_pj * s.commands[static_cast<int>(Command::ACT)];
    r.pre_pj = energy_.pre_pj * s.bank_precharges;
    r.rd_pj = energy_.rd_pj * s.commands[static_cast<int>(Command::RD)];
    r.wr_pj = energy_.wr_pj * s.commands[static_cast<int>(Command::WR)];
    r.ref_pj = energy_.ref_pj * s.commands[static_cast<int>(Command::REF)];
    const double rank_ns = static_cast<double>(ranks_) * elapsed_ps / 1000.0;
    const double active_ns = static_cast<double>(s.rank_active_cycles) * tCK_ps_ / 1000.0;
    const double precharged_ns = rank_ns > active_ns ? rank_ns - active_ns : 0.0;
    r.background_pj =
        energy_.active_standby_mw * active_ns + energy_.precharge_standby_mw * precharged_ns;
    r.total_pj = r.act_pj + r.pre_pj + r.rd_pj + r.wr_pj + r.ref_pj + r.background_pj;
    r.average_power_mw = elapsed_ps ? r.total_pj / (elapsed_ps / 1000.0) : 0.0;
    return r;
}

nlohmann::json EnergyReport::to_json() const {
    return {{"act_pj", act_pj},     {"pre_pj", pre_pj},
            {"rd_pj", rd_pj},       {"wr_pj", wr_pj},
            {"ref_pj", ref_pj},     {"background_pj", background_pj},
            {"total_pj", total_pj}, {"average_power_mw", average_power_mw}};
}

}  // namespace accelvp::dram
