// Answers "when may command C issue to bank A at the earliest?" from the commands already
// issued, by applying the TimingTable. It never ticks: recording a command pushes, for every
// rule that command precedes, the earliest cycle of the following command into a small table
// per scope instance (bank, bank group, rank, channel); a query is then the maximum of four
// look-ups (and the tFAW window for an activate). Cycles only grow, so keeping the maximum
// is exact. One checker serves one channel.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "ip/dram/timing_table.h"

namespace accelvp::dram {

// A bank within a channel. PREA and REF address a rank: their bank_group and bank are
// ignored.
struct BankAddress {
    uint32_t rank = 0;
    uint32_t bank_group = 0;
    uint32_t bank = 0;
};

class TimingChecker {
public:
    TimingChecker(const TimingTable& table, const Organisation& org);

    // Earliest clock cycle at which `command` may issue to `address`.
    uint64_t earliest(Command command, const BankAddress& address) const;
    bool can_issue(Command command, const BankAddress& address, uint64_t cycle) const {
        return cycle >= earliest(command, address);
    }
    // Records that `command` issued at `cycle` (not earlier than any recorded before).
    void record(Command command, const BankAddress& address, uint64_t cycle);

private:
    struct Effect {
        Scope scope;
        Command following;
        uint32_t latency;
    };
    using PerCommand = std::array<uint64_t, kCommandCount>;

    size_t bank_index(const BankAddress& a) const {
        return (size_t{a.rank} * bank_groups_ + a.bank_group) * banks_per_group_ + a.bank;
    }
    size_t group_index(const BankAddress& a) const {
        return size_t{a.rank} * bank_groups_ + a.bank_group;
    }
    PerCommand& slot(Scope scope, const BankAddress& a);

    uint32_t bank_groups_, banks_per_group_;
    std::array<std::vector<Effect>, kCommandCount> effects_;  // by preceding command
    std::vector<PerCommand> bank_, group_, rank_;
    PerCommand channel_{};
    // tFAW: the cycles of the last faw_activates activates of each rank, oldest first.
    uint32_t faw_cycles_, faw_activates_;
    std::vector<std::vector<int64_t>> activates_;
};

}  // namespace accelvp::dram
