#include "ip/dram/timing_checker.h"

#include <algorithm>
#include <limits>

namespace accelvp::dram {

TimingChecker::TimingChecker(const TimingTable& table, const Organisation& org)
    : bank_groups_(org.bank_groups),
      banks_per_group_(org.banks_per_group),
      banks_per_rank_(org.banks_per_rank()),
      faw_cycles_(table.faw_cycles),
      faw_activates_(table.faw_activates),
      activates_(size_t{org.ranks} * table.faw_activates, std::numeric_limits<int64_t>::min() / 2),
      faw_head_(org.ranks, 0) {
    const uint32_t banks = org.ranks * banks_per_rank_;
    const uint32_t groups = org.ranks * bank_groups_;
    group_base_ = banks * kCommandCount;
    rank_base_ = group_base_ + groups * kCommandCount;
    channel_base_ = rank_base_ + org.ranks * kCommandCount;
    next_.assign(channel_base_ + kCommandCount, 0);

    // The rows: per (preceding, scope, following), the largest latency of its rules.
    uint32_t rows[kCommandCount][kScopeCount][kCommandCount] = {};
    for (const TimingRule& rule : table.rules) {
        uint32_t& latency = rows[static_cast<int>(rule.preceding)][static_cast<int>(rule.scope)]
                                [static_cast<int>(rule.following)];
        latency = std::max(latency, rule.latency);
    }
    const int channel = static_cast<int>(Scope::Channel);
    any_latency_ = UINT32_MAX;
    for (int p = 0; p < kCommandCount; ++p)
        for (int f = 0; f < kCommandCount; ++f)
            any_latency_ = std::min(any_latency_, rows[p][channel][f]);
    for (int p = 0; p < kCommandCount; ++p)
        for (int s = 0; s < kScopeCount; ++s)
            for (int f = 0; f < kCommandCount; ++f)
                if (rows[p][s][f] > (s == channel ? any_latency_ : 0))
                    effects_[p].push_back(
                        {static_cast<uint8_t>(s), static_cast<uint8_t>(f), rows[p][s][f]});
}

TimingChecker::Slots TimingChecker::slots(const BankAddress& a) const {
    Slots s;
    s.offset[static_cast<int>(Scope::Bank)] =
        (a.rank * banks_per_rank_ + a.bank_group * banks_per_group_ + a.bank) * kCommandCount;
    s.offset[static_cast<int>(Scope::BankGroup)] =
        group_base_ + (a.rank * bank_groups_ + a.bank_group) * kCommandCount;
    s.offset[static_cast<int>(Scope::Rank)] = rank_base_ + a.rank * kCommandCount;
    s.offset[static_cast<int>(Scope::Channel)] = channel_base_;
    s.rank = a.rank;
    return s;
}

void TimingChecker::record_activate(const Slots& s, uint64_t cycle) {
    // tFAW: the oldest of the last faw_activates activates bounds the next one. That bound
    // only grows, so it joins the rank's ACT entry like any other constraint.
    int64_t* window = activates_.data() + size_t{s.rank} * faw_activates_;
    uint32_t& head = faw_head_[s.rank];
    window[head] = static_cast<int64_t>(cycle);
    head = head + 1 == faw_activates_ ? 0 : head + 1;
    const int64_t window_end = window[head] + faw_cycles_;
    if (window_end > 0) {
        uint64_t& next =
            next_[s.offset[static_cast<int>(Scope::Rank)] + static_cast<int>(Command::ACT)];
        next = std::max(next, static_cast<uint64_t>(window_end));
    }
}

}  // namespace accelvp::dram
