// The DRAM timing constraints as one declarative table, in the manner of Ramulator 2: each
// rule says that a following command to the same <scope> as a preceding command may issue no
// earlier than `latency` clock cycles after it. The table is built once from a DramSpec (see
// build_timing_table in timing_table.cpp, the only place where constraints are written down);
// the TimingChecker (timing_checker.h) enforces it. Two constraints are not pairwise rules
// and are kept as data beside the table: the tFAW rolling window (at most four activates per
// rank in any tFAW cycles) and the data-bus occupancy of a burst (burst_length / 2 cycles),
// which the channel-scope RD->RD and WR->WR rules enforce and the statistics count.
//
// What the table does not hold: state conditions (a read needs its row open, a refresh needs
// every bank of the rank closed) belong to the controller's bank state, not to timing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ip/dram/dram_spec.h"

namespace accelvp::dram {

enum class Command : uint8_t {
    ACT,   // activate a row of one bank
    PRE,   // precharge one bank
    PREA,  // precharge all banks of a rank
    RD,    // read one burst
    WR,    // write one burst
    REF,   // all-bank refresh of a rank
};
inline constexpr int kCommandCount = 6;
const char* to_string(Command command);

// The part of the device the preceding and following commands must share for a rule to
// apply. Each scope includes the narrower ones: a Rank rule applies to two commands to the
// same rank whatever their bank groups.
enum class Scope : uint8_t { Bank, BankGroup, Rank, Channel };
inline constexpr int kScopeCount = 4;
const char* to_string(Scope scope);

struct TimingRule {
    Scope scope;
    Command preceding;
    Command following;
    uint32_t latency;  // clock cycles
    std::string name;  // the parameter or formula, e.g. "tRCD", "CWL+BL/2+tWR"
};

struct TimingTable {
    std::vector<TimingRule> rules;
    uint32_t faw_cycles = 0;     // tFAW
    uint32_t faw_activates = 4;  // activates allowed per rank within faw_cycles
    uint32_t burst_cycles = 0;   // data-bus cycles of one burst (burst_length / 2)
};

// Builds the table of a device. PREA and REF address a whole rank, so they appear only in
// Rank and Channel rules.
TimingTable build_timing_table(const DramSpec& spec);

}  // namespace accelvp::dram
