// DRAM energy: per-command figures from the DDR4-3200 preset's currents, and the energy of a
// known command sequence.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ip/dram/channel_controller.h"
#include "ip/dram/energy.h"

using namespace accelvp::dram;

namespace {

DramSpec ddr4() {
    return DramSpec::load(std::string(ACCELVP_SOURCE_DIR) +
                          "/platform/presets/dram/ddr4-3200.json");
}

// DDR4-3200 preset: VDD 1.2 V, IDD0 48, IDD2N 34, IDD3N 43, IDD4R 135, IDD4W 123, IDD5B 250
// mA per device, 8 devices, tCK 0.625 ns.
constexpr double kAct = 1.2 * (48 - 43) * 52 * 0.625 * 8;  // tRAS
constexpr double kPre = 1.2 * (48 - 34) * 22 * 0.625 * 8;  // tRP
constexpr double kRd = 1.2 * (135 - 43) * 4 * 0.625 * 8;   // BL/2
constexpr double kWr = 1.2 * (123 - 43) * 4 * 0.625 * 8;
constexpr double kRef = 1.2 * (250 - 43) * 576 * 0.625 * 8;  // tRFC
constexpr double kActiveMw = 1.2 * 43 * 8;
constexpr double kPrechargedMw = 1.2 * 34 * 8;

TEST(DramEnergy, PerCommandFromTheCurrents) {
    const EnergyModel model(ddr4());
    const CommandEnergy& e = model.per_command();
    EXPECT_DOUBLE_EQ(e.act_pj, kAct);
    EXPECT_DOUBLE_EQ(e.pre_pj, kPre);
    EXPECT_DOUBLE_EQ(e.rd_pj, kRd);
    EXPECT_DOUBLE_EQ(e.wr_pj, kWr);
    EXPECT_DOUBLE_EQ(e.ref_pj, kRef);
    EXPECT_DOUBLE_EQ(e.active_standby_mw, kActiveMw);
    EXPECT_DOUBLE_EQ(e.precharge_standby_mw, kPrechargedMw);
}

TEST(DramEnergy, KnownSequenceClosedPage) {
    // One read and one write to the same row, closed page, no refresh, 1 µs:
    // ACT at 2, RD at 24, PRE at 54 (tRAS), ACT at 76 (tRP), WR at 98, PRE at 98+44 = 142.
    ControllerConfig config;
    config.page_policy = PagePolicy::Closed;
    config.refresh = false;
    config.trace_commands = true;
    ChannelController ctl(ddr4(), config);
    ctl.submit({1, 0, false, 0});
    ctl.submit({2, 256, true, 0});
    std::vector<Completion> done;
    ctl.advance_to(1'000'000, done);
    ASSERT_EQ(done.size(), 2u);
    const std::vector<uint64_t> cycles = {2, 24, 54, 76, 98, 142};
    ASSERT_EQ(ctl.trace().size(), cycles.size());
    for (size_t i = 0; i < cycles.size(); ++i) EXPECT_EQ(ctl.trace()[i].cycle, cycles[i]) << i;

    const EnergyReport r = EnergyModel(ddr4()).channel_energy(ctl.stats(), 1'000'000);
    const double active_ns = (52 + 66) * 0.625;
    EXPECT_DOUBLE_EQ(r.act_pj, 2 * kAct);
    EXPECT_DOUBLE_EQ(r.pre_pj, 2 * kPre);
    EXPECT_DOUBLE_EQ(r.rd_pj, kRd);
    EXPECT_DOUBLE_EQ(r.wr_pj, kWr);
    EXPECT_DOUBLE_EQ(r.ref_pj, 0);
    EXPECT_NEAR(r.background_pj, kActiveMw * active_ns + kPrechargedMw * (1000 - active_ns), 1e-6);
    EXPECT_NEAR(r.total_pj, r.act_pj + r.pre_pj + r.rd_pj + r.wr_pj + r.background_pj, 1e-6);
    EXPECT_NEAR(r.average_power_mw, r.total_pj / 1000, 1e-9);
    EXPECT_EQ(r.to_json().at("total_pj").get<double>(), r.total_pj);
}

TEST(DramEnergy, IdleRankRefreshesAndStandsBy) {
    ChannelController ctl(ddr4(), {});
    std::vector<Completion> done;
    const uint64_t elapsed_ps = 4 * 12480 * 625;  // four refreshes, the last one at the end
    ctl.advance_to(elapsed_ps, done);
    const EnergyReport r = EnergyModel(ddr4()).channel_energy(ctl.stats(), elapsed_ps);
    EXPECT_DOUBLE_EQ(r.ref_pj, 4 * kRef);
    EXPECT_DOUBLE_EQ(r.act_pj, 0);
    // Refreshing counts as active standby (tRFC each), the rest as precharge standby.
    const double elapsed_ns = elapsed_ps / 1000.0, refreshing_ns = 4 * 576 * 0.625;
    EXPECT_NEAR(r.background_pj,
                kActiveMw * refreshing_ns + kPrechargedMw * (elapsed_ns - refreshing_ns), 1e-3);
}

}  // namespace
