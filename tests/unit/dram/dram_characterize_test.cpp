// Characterisation against REFERENCE_FIGURES.md ("DRAM timing presets"): DDR4-3200 device
// latencies within 5 %, sequential reads at least 90 % of the peak, random activating reads
// under the tFAW bound and at least 80 % of it. The host-speed figure is printed, never
// asserted.
#include <gtest/gtest.h>

#include <iostream>
#include <random>
#include <string>

#include "ip/dram/block_mt19937_64.h"
#include "ip/dram/characterize.h"

using namespace accelvp::dram;

namespace {

DramSpec preset(const std::string& name) {
    return DramSpec::load(std::string(ACCELVP_SOURCE_DIR) + "/platform/presets/dram/" + name +
                          ".json");
}

// The random stream's generator draws std::mt19937_64's numbers: over several blocks, from
// several seeds (0 and all ones included).
TEST(DramCharacterize, BlockGeneratorDrawsTheStandardSequence) {
    for (const uint64_t seed : {uint64_t{0}, uint64_t{1}, uint64_t{12345}, ~uint64_t{0}}) {
        std::mt19937_64 standard(seed);
        BlockMt19937_64 block(seed);
        for (int i = 0; i < 5 * 312 + 7; ++i) ASSERT_EQ(block(), standard()) << i;
    }
}

TEST(DramCharacterize, Ddr4_3200MatchesTheReferenceFigures) {
    const CharacterizationResult r = characterize(preset("ddr4-3200"));
    std::cout << r.to_json().dump(2) << "\n";
    EXPECT_NEAR(r.latency_row_hit_ns, 13.75, 13.75 * 0.05);
    EXPECT_NEAR(r.latency_closed_ns, 27.5, 27.5 * 0.05);
    EXPECT_NEAR(r.latency_conflict_ns, 41.25, 41.25 * 0.05);
    EXPECT_DOUBLE_EQ(r.controller_latency_ns, 4 * 0.625);
    EXPECT_DOUBLE_EQ(r.peak_gbs, 25.6);
    EXPECT_GE(r.seq_read_gbs, 0.9 * 25.6);
    EXPECT_LE(r.seq_read_gbs, 25.6);
    EXPECT_LT(r.random_read_gbs, r.faw_bound_gbs);
    EXPECT_NEAR(r.faw_bound_gbs, 12.05, 0.01);
    EXPECT_GE(r.random_read_gbs, 0.8 * 12.0);
    EXPECT_GT(r.mixed_gbs, 0);
    EXPECT_LT(r.mixed_gbs, r.seq_read_gbs);
}

TEST(DramCharacterize, Hbm2PseudoChannel) {
    const CharacterizationResult r = characterize(preset("hbm2"));
    std::cout << r.to_json().dump(2) << "\n";
    EXPECT_DOUBLE_EQ(r.latency_row_hit_ns, 17);
    EXPECT_DOUBLE_EQ(r.latency_closed_ns, 12 + 17);
    EXPECT_DOUBLE_EQ(r.latency_conflict_ns, 14 + 12 + 17);
    EXPECT_DOUBLE_EQ(r.peak_gbs, 16);
    EXPECT_GE(r.seq_read_gbs, 0.9 * 16);
    EXPECT_LT(r.random_read_gbs, r.faw_bound_gbs);
}

TEST(DramCharacterize, JsonHasTheAgreedKeys) {
    CharacterizationOptions options;
    options.transactions = 2000;
    const nlohmann::json j = characterize(preset("ddr4-3200"), options).to_json();
    for (const char* key : {"row_hit", "closed", "conflict"})
        EXPECT_TRUE(j.at("latency_ns").contains(key)) << key;
    for (const char* key : {"seq_read", "random_read", "mixed"})
        EXPECT_TRUE(j.at("bandwidth_gbs").contains(key)) << key;
    for (const char* key : {"controller_latency_ns", "peak_gbs", "transactions_per_host_second"})
        EXPECT_TRUE(j.contains(key)) << key;
}

TEST(DramCharacterize, JsonHasTheSpeedOfEachStream) {
    CharacterizationOptions options;
    options.transactions = 2000;
    const nlohmann::json j = characterize(preset("ddr4-3200"), options).to_json();
    for (const char* key : {"seq_read", "random_read", "mixed"})
        EXPECT_TRUE(j.at("stream_transactions_per_host_second").contains(key)) << key;
}

TEST(DramCharacterize, SimulatedFiguresAreDeterministic) {
    CharacterizationOptions options;
    options.transactions = 5000;
    nlohmann::json a = characterize(preset("ddr4-3200"), options).to_json();
    nlohmann::json b = characterize(preset("ddr4-3200"), options).to_json();
    for (nlohmann::json* j : {&a, &b}) {
        j->erase("host_seconds");
        j->erase("transactions_per_host_second");
        j->erase("stream_transactions_per_host_second");
    }
    EXPECT_EQ(a, b);
}

}  // namespace
