// Answers "when may command C issue to bank A at the earliest?" from the commands already
// issued, by applying the TimingTable. It never ticks. At construction the table is folded
// into flat rows, one per (preceding command, scope): for each following command, the
// largest latency of the rules that link them (several rules may link the same pair, e.g.
// the channel's RD->RD data-bus rule and its command-bus rule). Recording a command pushes,
// for every non-empty entry of its rows, the earliest cycle of the following command into a
// small table per scope instance (bank, bank group, rank, channel); a query is then the
// maximum of four look-ups. The channel latency that every pair of commands shares (the
// command bus: one command per cycle) is kept once, as the earliest cycle of any command,
// instead of in every channel entry: a record then touches only the entries whose latency
// exceeds it. The tFAW window is folded into the rank's ACT entry when an activate is
// recorded. Cycles only grow, so keeping the maximum is exact. One checker serves one
// channel.
#pragma once

#include <algorithm>
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

    // Where a bank's constraints live in the checker: one offset per scope. Controllers
    // compute it once per bank and use the *_at forms below, which skip the index arithmetic.
    struct Slots {
        std::array<uint32_t, kScopeCount> offset;  // by Scope
        uint32_t rank;
    };
    Slots slots(const BankAddress& address) const;

    // Earliest clock cycle at which `command` may issue to `address`.
    uint64_t earliest(Command command, const BankAddress& address) const {
        return earliest_at(command, slots(address));
    }
    uint64_t earliest_at(Command command, const Slots& s) const {
        const int c = static_cast<int>(command);
        const uint64_t* n = next_.data() + c;
        return std::max({n[s.offset[0]], n[s.offset[1]], n[s.offset[2]], n[s.offset[3]], any_});
    }
    // The part of earliest() that one scope contributes (earliest() is the maximum of the
    // four): lets a scheduler keep the parts that change rarely.
    uint64_t earliest_in(Scope scope, Command command, const Slots& s) const {
        const uint64_t n = next_[s.offset[static_cast<int>(scope)] + static_cast<int>(command)];
        return scope == Scope::Channel ? std::max(n, any_) : n;
    }
    // The earliest cycle of any command on the channel: part of every channel-scope answer.
    uint64_t earliest_any() const { return any_; }
    // One entry of the table by its index, offset[scope] + command; for the channel scope
    // without earliest_any().
    uint64_t entry(uint32_t index) const { return next_[index]; }
    // The kCommandCount entries of one scope instance, from offset[scope].
    const uint64_t* row(uint32_t offset) const { return next_.data() + offset; }
    bool can_issue(Command command, const BankAddress& address, uint64_t cycle) const {
        return cycle >= earliest(command, address);
    }
    // Records that `command` issued at `cycle` (not earlier than any recorded before).
    void record(Command command, const BankAddress& address, uint64_t cycle) {
        record_at(command, slots(address), cycle);
    }
    void record_at(Command command, const Slots& s, uint64_t cycle) {
        if (any_latency_ > 0) any_ = std::max(any_, cycle + any_latency_);
        for (const Effect& e : effects_[static_cast<int>(command)]) {
            uint64_t& next = next_[s.offset[e.scope] + e.following];
            next = std::max(next, cycle + e.latency);
        }
        if (command == Command::ACT && faw_activates_ > 0) record_activate(s, cycle);
    }

private:
    // One non-empty entry of the (preceding, scope) rows: the following command's slot
    // within the scope instance, and the latency.
    struct Effect {
        uint8_t scope;
        uint8_t following;
        uint32_t latency;
    };

    void record_activate(const Slots& s, uint64_t cycle);  // tFAW

    uint32_t bank_groups_, banks_per_group_, banks_per_rank_;
    std::array<std::vector<Effect>, kCommandCount> effects_;  // by preceding command
    // The channel latency common to every (preceding, following) pair, and the earliest
    // cycle of any command that it gives.
    uint32_t any_latency_ = 0;
    uint64_t any_ = 0;
    // The earliest cycle of each following command, kCommandCount per scope instance:
    // every bank, then every bank group, then every rank, then the channel.
    std::vector<uint64_t> next_;
    uint32_t group_base_, rank_base_, channel_base_;
    // tFAW: the cycles of the last faw_activates activates of each rank, a ring per rank
    // whose oldest entry is at faw_head_[rank].
    uint32_t faw_cycles_, faw_activates_;
    std::vector<int64_t> activates_;
    std::vector<uint32_t> faw_head_;
};

}  // namespace accelvp::dram
