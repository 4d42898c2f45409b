// The timing table and its checker: for every constraint, the following command one cycle
// early is refused and on time is allowed (Ramulator 2's boundary tests), and the tFAW
// window. Expected latencies are written out from the DDR4-3200 figures so that a wrong
// table row cannot pass by agreeing with itself.
#include <gtest/gtest.h>

#include <string>

#include "ip/dram/dram_spec.h"
#include "ip/dram/timing_checker.h"
#include "ip/dram/timing_table.h"

using namespace accelvp::dram;

namespace {

DramSpec preset(const std::string& name) {
    return DramSpec::load(std::string(ACCELVP_SOURCE_DIR) + "/platform/presets/dram/" + name +
                          ".json");
}

// Where the following command goes, relative to the preceding one at rank 0, group 0, bank 0.
enum class Relation { SameBank, SameGroup, SameRank, OtherRank };

BankAddress target(Relation relation) {
    switch (relation) {
        case Relation::SameBank:
            return {0, 0, 0};
        case Relation::SameGroup:
            return {0, 0, 1};
        case Relation::SameRank:
            return {0, 1, 0};
        case Relation::OtherRank:
            return {1, 0, 0};
    }
    return {};
}

struct Case {
    const char* name;
    Relation relation;
    Command preceding, following;
    uint64_t latency;  // DDR4-3200: CL 22, CWL 16, BL/2 4, tWR 24, tRTP 12, tWTR_S/L 4/12 ...
};

const Case kCases[] = {
    {"ACT_ACT_same_bank_tRC", Relation::SameBank, Command::ACT, Command::ACT, 74},
    {"ACT_RD_same_bank_tRCD", Relation::SameBank, Command::ACT, Command::RD, 22},
    {"ACT_WR_same_bank_tRCD", Relation::SameBank, Command::ACT, Command::WR, 22},
    {"ACT_PRE_same_bank_tRAS", Relation::SameBank, Command::ACT, Command::PRE, 52},
    {"PRE_ACT_same_bank_tRP", Relation::SameBank, Command::PRE, Command::ACT, 22},
    {"RD_PRE_same_bank_tRTP", Relation::SameBank, Command::RD, Command::PRE, 12},
    {"WR_PRE_same_bank_CWL_BL2_tWR", Relation::SameBank, Command::WR, Command::PRE, 16 + 4 + 24},
    {"RD_RD_same_bank_tCCD_L", Relation::SameBank, Command::RD, Command::RD, 8},
    {"ACT_ACT_same_group_tRRD_L", Relation::SameGroup, Command::ACT, Command::ACT, 8},
    {"RD_RD_same_group_tCCD_L", Relation::SameGroup, Command::RD, Command::RD, 8},
    {"WR_WR_same_group_tCCD_L", Relation::SameGroup, Command::WR, Command::WR, 8},
    {"WR_RD_same_group_CWL_BL2_tWTR_L", Relation::SameGroup, Command::WR, Command::RD, 16 + 4 + 12},
    {"ACT_ACT_other_group_tRRD_S", Relation::SameRank, Command::ACT, Command::ACT, 4},
    {"RD_RD_other_group_tCCD_S", Relation::SameRank, Command::RD, Command::RD, 4},
    {"WR_WR_other_group_tCCD_S", Relation::SameRank, Command::WR, Command::WR, 4},
    {"WR_RD_other_group_CWL_BL2_tWTR_S", Relation::SameRank, Command::WR, Command::RD, 16 + 4 + 4},
    {"RD_WR_same_rank_CL_BL2_2_CWL", Relation::SameRank, Command::RD, Command::WR, 22 + 4 + 2 - 16},
    {"ACT_PREA_tRAS", Relation::SameRank, Command::ACT, Command::PREA, 52},
    {"RD_PREA_tRTP", Relation::SameRank, Command::RD, Command::PREA, 12},
    {"WR_PREA_CWL_BL2_tWR", Relation::SameRank, Command::WR, Command::PREA, 16 + 4 + 24},
    {"PREA_ACT_tRP", Relation::SameRank, Command::PREA, Command::ACT, 22},
    {"PRE_REF_tRP", Relation::SameRank, Command::PRE, Command::REF, 22},
    {"PREA_REF_tRP", Relation::SameRank, Command::PREA, Command::REF, 22},
    {"REF_ACT_tRFC", Relation::SameRank, Command::REF, Command::ACT, 576},
    {"REF_REF_tRFC", Relation::SameRank, Command::REF, Command::REF, 576},
    {"RD_RD_other_rank_data_bus_BL2", Relation::OtherRank, Command::RD, Command::RD, 4},
    {"WR_WR_other_rank_data_bus_BL2", Relation::OtherRank, Command::WR, Command::WR, 4},
    {"RD_WR_other_rank_turnaround", Relation::OtherRank, Command::RD, Command::WR, 22 + 4 + 2 - 16},
    {"WR_RD_other_rank_command_bus", Relation::OtherRank, Command::WR, Command::RD, 1},
    {"ACT_ACT_other_rank_command_bus", Relation::OtherRank, Command::ACT, Command::ACT, 1},
    {"REF_ACT_other_rank_command_bus", Relation::OtherRank, Command::REF, Command::ACT, 1},
};

class DramTimingBoundary : public ::testing::TestWithParam<Case> {};

TEST_P(DramTimingBoundary, RefusedOneCycleEarlyAllowedOnTime) {
    const Case& c = GetParam();
    DramSpec spec = preset("ddr4-3200");
    spec.org.ranks = 2;  // a second rank for the channel-scope rules
    const TimingTable table = build_timing_table(spec);
    TimingChecker checker(table, spec.org);
    const uint64_t t0 = 1000;
    checker.record(c.preceding, {0, 0, 0}, t0);
    const BankAddress to = target(c.relation);
    EXPECT_EQ(checker.earliest(c.following, to), t0 + c.latency);
    EXPECT_FALSE(checker.can_issue(c.following, to, t0 + c.latency - 1));
    EXPECT_TRUE(checker.can_issue(c.following, to, t0 + c.latency));
}

INSTANTIATE_TEST_SUITE_P(Ddr4_3200, DramTimingBoundary, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

// Every row of the table, for both presets: at the rule's own scope the command is refused
// one cycle before the strongest applicable rule and allowed at it.
void check_every_rule(const std::string& name) {
    DramSpec spec = preset(name);
    spec.org.ranks = 2;
    const TimingTable table = build_timing_table(spec);
    const Relation by_scope[] = {Relation::SameBank, Relation::SameGroup, Relation::SameRank,
                                 Relation::OtherRank};
    for (const TimingRule& rule : table.rules) {
        const Relation relation = by_scope[static_cast<int>(rule.scope)];
        uint64_t expected = 0;
        for (const TimingRule& other : table.rules)
            if (other.preceding == rule.preceding && other.following == rule.following &&
                other.scope >= rule.scope)
                expected = std::max<uint64_t>(expected, other.latency);
        ASSERT_GE(expected, rule.latency);
        TimingChecker checker(table, spec.org);
        checker.record(rule.preceding, {0, 0, 0}, 5000);
        const BankAddress to = target(relation);
        SCOPED_TRACE(std::string(to_string(rule.preceding)) + "->" + to_string(rule.following) +
                     " " + to_string(rule.scope) + " " + rule.name);
        EXPECT_FALSE(checker.can_issue(rule.following, to, 5000 + expected - 1));
        EXPECT_TRUE(checker.can_issue(rule.following, to, 5000 + expected));
    }
}

TEST(DramTiming, EveryRuleOfTheDdr4TableAtItsBoundary) {
    check_every_rule("ddr4-3200");
}
TEST(DramTiming, EveryRuleOfTheHbm2TableAtItsBoundary) {
    check_every_rule("hbm2");
}

TEST(DramTiming, Hbm2LatenciesComeFromThePreset) {
    const TimingTable table = build_timing_table(preset("hbm2"));
    auto latency = [&](Scope s, Command p, Command f) {
        uint32_t l = 0;
        for (const TimingRule& r : table.rules)
            if (r.scope == s && r.preceding == p && r.following == f) l = std::max(l, r.latency);
        return l;
    };
    EXPECT_EQ(latency(Scope::Bank, Command::ACT, Command::RD), 12u);
    EXPECT_EQ(latency(Scope::Bank, Command::ACT, Command::ACT), 42u);
    EXPECT_EQ(latency(Scope::Bank, Command::WR, Command::PRE), 7u + 2 + 14);
    EXPECT_EQ(latency(Scope::BankGroup, Command::RD, Command::RD), 3u);
    EXPECT_EQ(latency(Scope::Rank, Command::RD, Command::RD), 2u);
    EXPECT_EQ(latency(Scope::Rank, Command::REF, Command::ACT), 220u);
    EXPECT_EQ(table.burst_cycles, 2u);
    EXPECT_EQ(table.faw_cycles, 16u);
}

TEST(DramTiming, FifthActivateWaitsForTheFawWindow) {
    const DramSpec spec = preset("ddr4-3200");
    TimingChecker checker(build_timing_table(spec), spec.org);
    // Four activates to four bank groups, tRRD_S = 4 apart.
    for (uint32_t g = 0; g < 4; ++g) {
        ASSERT_TRUE(checker.can_issue(Command::ACT, {0, g, 0}, 1000 + 4 * g));
        checker.record(Command::ACT, {0, g, 0}, 1000 + 4 * g);
    }
    // tRRD_S alone would allow the fifth at 1016, tRRD_L at 1008; tFAW holds it to 1034.
    const BankAddress fifth{0, 0, 1};
    EXPECT_EQ(checker.earliest(Command::ACT, fifth), 1000u + 34);
    EXPECT_FALSE(checker.can_issue(Command::ACT, fifth, 1033));
    EXPECT_TRUE(checker.can_issue(Command::ACT, fifth, 1034));
    // Reads are not limited by tFAW: tRCD after the third activate.
    EXPECT_EQ(checker.earliest(Command::RD, {0, 2, 0}), 1008u + 22);
    checker.record(Command::ACT, fifth, 1034);
    // The window slides: the sixth waits for the second activate + tFAW = 1038.
    EXPECT_EQ(checker.earliest(Command::ACT, {0, 1, 1}), 1004u + 34);
}

TEST(DramTiming, FawWindowIsPerRank) {
    DramSpec spec = preset("ddr4-3200");
    spec.org.ranks = 2;
    TimingChecker checker(build_timing_table(spec), spec.org);
    for (uint32_t g = 0; g < 4; ++g) checker.record(Command::ACT, {0, g, 0}, 1000 + 4 * g);
    EXPECT_EQ(checker.earliest(Command::ACT, {1, 0, 0}), 1013u);  // command bus only
}

TEST(DramTiming, PreaAndRefAppearOnlyInRankAndChannelRules) {
    const TimingTable table = build_timing_table(preset("ddr4-3200"));
    for (const TimingRule& r : table.rules) {
        if (r.preceding == Command::PREA || r.preceding == Command::REF ||
            r.following == Command::PREA || r.following == Command::REF) {
            EXPECT_GE(r.scope, Scope::Rank) << r.name;
        }
    }
}

}  // namespace
