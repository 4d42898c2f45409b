#include "ip/dram/timing_checker.h"

#include <algorithm>
#include <limits>

namespace accelvp::dram {

TimingChecker::TimingChecker(const TimingTable& table, const Organisation& org)
    : bank_groups_(org.bank_groups),
      banks_per_group_(org.banks_per_group),
      bank_(size_t{org.ranks} * org.banks_per_rank(), PerCommand{}),
      group_(size_t{org.ranks} * org.bank_groups, PerCommand{}),
      rank_(org.ranks, PerCommand{}),
      faw_cycles_(table.faw_cycles),
      faw_activates_(table.faw_activates),
      activates_(org.ranks, std::vector<int64_t>(table.faw_activates,
                                                 std::numeric_limits<int64_t>::min() / 2)) {
    for (const TimingRule& rule : table.rules)
        effects_[static_cast<int>(rule.preceding)].push_back(
            {rule.scope, rule.following, rule.latency});
}

TimingChecker::PerCommand& TimingChecker::slot(Scope scope, const BankAddress& a) {
    switch (scope) {
        case Scope::Bank:
            return bank_[bank_index(a)];
        case Scope::BankGroup:
            return group_[group_index(a)];
        case Scope::Rank:
            return rank_[a.rank];
        case Scope::Channel:
            return channel_;
    }
    return channel_;
}

uint64_t TimingChecker::earliest(Command command, const BankAddress& a) const {
    const int c = static_cast<int>(command);
    uint64_t t = std::max(
        {channel_[c], rank_[a.rank][c], group_[group_index(a)][c], bank_[bank_index(a)][c]});
    if (command == Command::ACT) {
        const int64_t window_end = activates_[a.rank].front() + faw_cycles_;
        if (window_end > 0) t = std::max(t, static_cast<uint64_t>(window_end));
    }
    return t;
}

void TimingChecker::record(Command command, const BankAddress& a, uint64_t cycle) {
    for (const Effect& e : effects_[static_cast<int>(command)]) {
        uint64_t& next = slot(e.scope, a)[static_cast<int>(e.following)];
        next = std::max(next, cycle + e.latency);
    }
    if (command == Command::ACT) {
        std::vector<int64_t>& window = activates_[a.rank];
        std::rotate(window.begin(), window.begin() + 1, window.end());
        window.back() = static_cast<int64_t>(cycle);
    }
}

}  // namespace accelvp::dram
