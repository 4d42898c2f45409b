// The channel controller: idle timing of one request, scheduling (FR-FCFS, its starvation
// cap, FCFS), refresh, and a replay of a long command trace against the timing table.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "ip/dram/channel_controller.h"
#include "ip/dram/timing_checker.h"

using namespace accelvp::dram;

namespace {

DramSpec preset(const std::string& name) {
    return DramSpec::load(std::string(ACCELVP_SOURCE_DIR) + "/platform/presets/dram/" + name +
                          ".json");
}

constexpr uint64_t kTck = 625;  // DDR4-3200, ps

// Runs until the controller has nothing left in flight; returns the completions in order.
std::vector<Completion> drain(ChannelController& ctl) {
    std::vector<Completion> done;
    while (ctl.busy()) ctl.advance_to(*ctl.next_event_time(), done);
    return done;
}

std::vector<uint64_t> ids(const std::vector<Completion>& done) {
    std::vector<uint64_t> out;
    for (const Completion& c : done) out.push_back(c.id);
    return out;
}

uint64_t address(const ChannelController& ctl, uint32_t bank, uint32_t row, uint32_t column = 0,
                 uint32_t bank_group = 0) {
    DramAddress a;
    a.bank = bank;
    a.bank_group = bank_group;
    a.row = row;
    a.column = column;
    return ctl.mapping().encode(a);
}

TEST(DramController, OneReadToAClosedBank) {
    ControllerConfig config;
    config.trace_commands = true;
    ChannelController ctl(preset("ddr4-3200"), config);
    ASSERT_TRUE(ctl.submit({7, address(ctl, 0, 3), false, 100 * kTck}));
    const std::vector<Completion> done = drain(ctl);
    ASSERT_EQ(done.size(), 1u);
    const Completion& c = done[0];
    EXPECT_EQ(c.id, 7u);
    // Front end 2, ACT, tRCD 22, RD, CL 22, burst 4, back end 2.
    EXPECT_EQ(c.first_command_ps, (100 + 2) * kTck);
    EXPECT_EQ(c.data_start_ps, (100 + 2 + 22 + 22) * kTck);
    EXPECT_EQ(c.data_end_ps, (100 + 2 + 22 + 22 + 4) * kTck);
    EXPECT_EQ(c.done_ps, (100 + 2 + 22 + 22 + 4 + 2) * kTck);
    ASSERT_EQ(ctl.trace().size(), 2u);
    EXPECT_EQ(ctl.trace()[0].command, Command::ACT);
    EXPECT_EQ(ctl.trace()[0].row, 3u);
    EXPECT_EQ(ctl.trace()[1].command, Command::RD);
    EXPECT_EQ(ctl.stats().row_misses, 1u);
}

TEST(DramController, RowHitMissAndConflictAreCounted) {
    ChannelController ctl(preset("ddr4-3200"), {});
    ctl.submit({1, address(ctl, 0, 3), false, 0});
    ctl.submit({2, address(ctl, 0, 3, 8), true, 0});
    ctl.submit({3, address(ctl, 0, 4), false, 0});
    drain(ctl);
    const ControllerStats& s = ctl.stats();
    EXPECT_EQ(s.row_misses, 1u);
    EXPECT_EQ(s.row_hits, 1u);
    EXPECT_EQ(s.row_conflicts, 1u);
    EXPECT_EQ(s.reads, 2u);
    EXPECT_EQ(s.writes, 1u);
    EXPECT_EQ(s.bytes_read, 128u);
    EXPECT_EQ(s.bytes_written, 64u);
    EXPECT_EQ(s.data_bus_busy_cycles, 12u);
    EXPECT_EQ(s.commands[static_cast<int>(Command::ACT)], 2u);
    EXPECT_EQ(s.commands[static_cast<int>(Command::PRE)], 1u);
}

TEST(DramController, FullQueueRefusesRequests) {
    ControllerConfig config;
    config.queue_depth = 4;
    ChannelController ctl(preset("ddr4-3200"), config);
    for (uint64_t i = 0; i < 4; ++i)
        EXPECT_TRUE(ctl.submit({i, address(ctl, 0, uint32_t(i)), false, 0}));
    EXPECT_FALSE(ctl.can_accept());
    EXPECT_FALSE(ctl.submit({9, 0, false, 0}));
    EXPECT_EQ(drain(ctl).size(), 4u);
}

TEST(DramController, ClosedPagePolicyPrechargesAfterEachAccess) {
    ControllerConfig config;
    config.page_policy = PagePolicy::Closed;
    config.trace_commands = true;
    ChannelController ctl(preset("ddr4-3200"), config);
    ctl.submit({1, address(ctl, 0, 3), false, 0});
    ctl.submit({2, address(ctl, 0, 3, 8), false, 0});
    drain(ctl);
    std::vector<Completion> done;
    ctl.advance_to(ctl.now_ps() + 1'000'000, done);  // the last precharge follows the data
    std::vector<Command> commands;
    for (const TraceEntry& t : ctl.trace()) commands.push_back(t.command);
    const std::vector<Command> expected = {Command::ACT, Command::RD, Command::PRE,
                                           Command::ACT, Command::RD, Command::PRE};
    EXPECT_EQ(commands, expected);
    EXPECT_EQ(ctl.stats().row_hits, 0u);
}

TEST(DramController, AddressOfAnotherChannelIsRefused) {
    DramSpec spec = preset("ddr4-3200");
    spec.org.channels = 2;
    ChannelController ctl(spec, {}, 0);
    EXPECT_THROW(ctl.submit({1, 64, false, 0}), std::invalid_argument);  // ch is the low bit
    EXPECT_TRUE(ctl.submit({1, 128, false, 0}));
}

TEST(DramController, ConfigFromJson) {
    const ControllerConfig c = ControllerConfig::from_json(
        {{"queue_depth", 8}, {"scheduler", "fcfs"}, {"page_policy", "closed"}}, "board.json");
    EXPECT_EQ(c.queue_depth, 8u);
    EXPECT_EQ(c.scheduler, SchedulerPolicy::Fcfs);
    EXPECT_EQ(c.page_policy, PagePolicy::Closed);
    try {
        ControllerConfig::from_json({{"scheduler", "lifo"}}, "board.json");
        ADD_FAILURE();
    } catch (const DramConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("'scheduler'"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("board.json"), std::string::npos);
    }
    EXPECT_THROW(ControllerConfig::from_json({{"queue_depht", 8}}, "b"), DramConfigError);
    EXPECT_THROW(ControllerConfig::from_json({{"queue_depth", 0}}, "b"), DramConfigError);
}

// A bank holds row 5 open; then a conflicting request (row 6) arrives just before a row hit.
std::vector<uint64_t> conflict_then_hit(SchedulerPolicy policy) {
    ControllerConfig config;
    config.scheduler = policy;
    ChannelController ctl(preset("ddr4-3200"), config);
    ctl.submit({1, address(ctl, 0, 5), false, 0});
    drain(ctl);
    ctl.submit({2, address(ctl, 0, 6), false, 1'000'000});
    ctl.submit({3, address(ctl, 0, 5, 8), false, 1'000'000});
    return ids(drain(ctl));
}

TEST(DramScheduler, FrFcfsServesRowHitsFirst) {
    EXPECT_EQ(conflict_then_hit(SchedulerPolicy::FrFcfs), (std::vector<uint64_t>{3, 2}));
}

TEST(DramScheduler, FcfsServesInArrivalOrder) {
    EXPECT_EQ(conflict_then_hit(SchedulerPolicy::Fcfs), (std::vector<uint64_t>{2, 3}));
}

TEST(DramScheduler, FcfsCompletesEverythingInArrivalOrder) {
    ControllerConfig config;
    config.scheduler = SchedulerPolicy::Fcfs;
    ChannelController ctl(preset("ddr4-3200"), config);
    std::mt19937_64 rng(3);
    std::vector<uint64_t> expected;
    std::vector<Completion> done;
    uint64_t now = 0;
    for (uint64_t id = 0; id < 500; ++id) {
        while (!ctl.can_accept()) {
            now = *ctl.next_event_time();
            ctl.advance_to(now, done);
        }
        ctl.submit({id, address(ctl, rng() % 4, rng() % 3, (rng() % 4) * 8, rng() % 2),
                    rng() % 3 == 0, now});
        expected.push_back(id);
    }
    while (ctl.busy()) ctl.advance_to(*ctl.next_event_time(), done);
    EXPECT_EQ(ids(done), expected);
}

// Row 5 open; one request for row 6, then `hits` row hits, all at once.
std::vector<uint64_t> starvation(uint32_t cap, int hits) {
    ControllerConfig config;
    config.starvation_cap = cap;
    config.queue_depth = 64;
    ChannelController ctl(preset("ddr4-3200"), config);
    ctl.submit({1, address(ctl, 0, 5), false, 0});
    drain(ctl);
    ctl.submit({1000, address(ctl, 0, 6), false, 1'000'000});
    for (int i = 0; i < hits; ++i)
        ctl.submit({uint64_t(i), address(ctl, 0, 5, 8 * (i % 128)), false, 1'000'000});
    return ids(drain(ctl));
}

TEST(DramScheduler, StarvationCapLimitsBypassingRowHits) {
    const std::vector<uint64_t> order = starvation(4, 20);
    const auto pos = std::find(order.begin(), order.end(), 1000u) - order.begin();
    EXPECT_EQ(pos, 4);  // exactly `cap` row hits went ahead of it
}

TEST(DramScheduler, WithoutTheCapRowHitsStarveTheConflict) {
    const std::vector<uint64_t> order = starvation(1000, 20);
    EXPECT_EQ(order.back(), 1000u);
}

TEST(DramRefresh, IdleRefreshEveryTrefi) {
    ControllerConfig config;
    config.trace_commands = true;
    ChannelController ctl(preset("ddr4-3200"), config);
    std::vector<Completion> done;
    ctl.advance_to(10 * 12480 * kTck + 1, done);
    ASSERT_EQ(ctl.trace().size(), 10u);
    for (size_t k = 0; k < 10; ++k) {
        EXPECT_EQ(ctl.trace()[k].command, Command::REF);
        EXPECT_EQ(ctl.trace()[k].cycle, (k + 1) * 12480);
    }
    EXPECT_EQ(*ctl.next_event_time(), 11 * 12480 * kTck);
}

TEST(DramRefresh, NothingGoesToTheRankFromDueTimeUntilTrfcAfterRef) {
    ControllerConfig config;
    config.trace_commands = true;
    ChannelController ctl(preset("ddr4-3200"), config);
    std::vector<Completion> done;
    std::mt19937_64 rng(5);
    uint64_t now = 0, id = 0;
    const uint64_t end = 6 * 12480 * kTck;
    while (now < end) {
        while (ctl.can_accept())
            ctl.submit({id++, (rng() % (uint64_t(1) << 24)) & ~uint64_t{63}, rng() % 4 == 0, now});
        now = *ctl.next_event_time();
        ctl.advance_to(now, done);
    }
    const std::vector<TraceEntry>& trace = ctl.trace();
    int refreshes = 0;
    for (size_t i = 0; i < trace.size(); ++i) {
        if (trace[i].command != Command::REF) continue;
        ++refreshes;
        const uint64_t due = uint64_t(refreshes) * 12480;
        EXPECT_GE(trace[i].cycle, due);
        // Between the due cycle and the REF: only the precharge-all.
        for (size_t j = 0; j < i; ++j) {
            if (trace[j].cycle >= due) {
                EXPECT_EQ(trace[j].command, Command::PREA) << "cycle " << trace[j].cycle;
            }
        }
        // No command to the rank during tRFC.
        if (i + 1 < trace.size()) {
            EXPECT_GE(trace[i + 1].cycle, trace[i].cycle + 576);
        }
        // The REF follows its due time closely (only the banks' closing delays it).
        EXPECT_LE(trace[i].cycle, due + 52 + 44 + 22);
    }
    EXPECT_EQ(refreshes, 5);
    EXPECT_GT(id, 1000u);
}

TEST(DramRefresh, RefreshCanBeDisabled) {
    ControllerConfig config;
    config.refresh = false;
    ChannelController ctl(preset("ddr4-3200"), config);
    EXPECT_FALSE(ctl.next_event_time().has_value());
}

// Replays a long trace of mixed random traffic through a fresh checker: every command is
// legal at its cycle (timing), every column command finds its row open (state).
void replay(const std::string& name, PagePolicy policy) {
    DramSpec spec = preset(name);
    spec.org.ranks = 2;
    ControllerConfig config;
    config.trace_commands = true;
    config.page_policy = policy;
    ChannelController ctl(spec, config);
    std::vector<Completion> done;
    std::mt19937_64 rng(11);
    uint64_t now = 0;
    for (uint64_t id = 0; id < 20000; ++id) {
        while (!ctl.can_accept()) {
            now = *ctl.next_event_time();
            ctl.advance_to(now, done);
        }
        // Few rows, so that hits, misses and conflicts all occur.
        DramAddress a;
        a.rank = rng() % 2;
        a.bank_group = rng() % spec.org.bank_groups;
        a.bank = rng() % spec.org.banks_per_group;
        a.row = rng() % 4;
        a.column = (rng() % 16) * spec.org.burst_length;
        ctl.submit({id, ctl.mapping().encode(a), rng() % 3 == 0, now});
    }
    while (ctl.busy()) ctl.advance_to(*ctl.next_event_time(), done);
    EXPECT_EQ(done.size(), 20000u);

    TimingChecker checker(ctl.timing_table(), spec.org);
    std::vector<int64_t> open_row(2 * spec.org.banks_per_rank(), -1);
    uint64_t last = 0;
    for (const TraceEntry& t : ctl.trace()) {
        const BankAddress b{t.rank, t.bank_group, t.bank};
        const size_t bank =
            (t.rank * spec.org.bank_groups + t.bank_group) * spec.org.banks_per_group + t.bank;
        ASSERT_TRUE(checker.can_issue(t.command, b, t.cycle))
            << to_string(t.command) << " at " << t.cycle << " earliest "
            << checker.earliest(t.command, b);
        ASSERT_GE(t.cycle, last);
        last = t.cycle;
        switch (t.command) {
            case Command::ACT:
                ASSERT_EQ(open_row[bank], -1);
                open_row[bank] = t.row;
                break;
            case Command::PRE:
                open_row[bank] = -1;
                break;
            case Command::PREA:
                for (uint32_t i = 0; i < spec.org.banks_per_rank(); ++i)
                    open_row[t.rank * spec.org.banks_per_rank() + i] = -1;
                break;
            case Command::REF:
                for (uint32_t i = 0; i < spec.org.banks_per_rank(); ++i)
                    ASSERT_EQ(open_row[t.rank * spec.org.banks_per_rank() + i], -1);
                break;
            case Command::RD:
            case Command::WR:
                ASSERT_EQ(open_row[bank], int64_t(t.row));
                break;
        }
        checker.record(t.command, b, t.cycle);
    }
    const ControllerStats& s = ctl.stats();
    EXPECT_GT(s.row_misses, 0u);
    if (policy == PagePolicy::Open) {
        EXPECT_GT(s.row_hits, 0u);
        EXPECT_GT(s.row_conflicts, 0u);
    } else {
        EXPECT_EQ(s.row_hits, 0u);
        EXPECT_EQ(s.row_conflicts, 0u);
    }
    EXPECT_GT(s.commands[static_cast<int>(Command::REF)], 0u);
}

TEST(DramController, Ddr4TraceReplaysLegallyOpenPage) {
    replay("ddr4-3200", PagePolicy::Open);
}
TEST(DramController, Ddr4TraceReplaysLegallyClosedPage) {
    replay("ddr4-3200", PagePolicy::Closed);
}
TEST(DramController, Hbm2TraceReplaysLegally) {
    replay("hbm2", PagePolicy::Open);
}

}  // namespace
