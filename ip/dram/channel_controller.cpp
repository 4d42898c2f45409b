#include "ip/dram/channel_controller.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace accelvp::dram {

ControllerConfig ControllerConfig::from_json(const nlohmann::json& j, const std::string& where) {
    auto fail = [&](const std::string& key, const std::string& what) {
        throw DramConfigError(fmt::format("DRAM controller {}: key '{}' {}", where, key, what));
    };
    if (!j.is_object())
        throw DramConfigError(fmt::format("DRAM controller {}: must be a JSON object", where));
    ControllerConfig c;
    for (const auto& item : j.items()) {
        const std::string& key = item.key();
        const nlohmann::json& v = item.value();
        auto u32 = [&](uint32_t& out, bool positive) {
            if (!v.is_number_integer() || v.get<int64_t>() < 0 || v.get<int64_t>() > 0xffffffff)
                fail(key, "must be a non-negative integer");
            out = v.get<uint32_t>();
            if (positive && out == 0) fail(key, "must be positive");
        };
        auto boolean = [&](bool& out) {
            if (!v.is_boolean()) fail(key, "must be true or false");
            out = v.get<bool>();
        };
        if (key == "queue_depth") {
            u32(c.queue_depth, true);
        } else if (key == "starvation_cap") {
            u32(c.starvation_cap, true);
        } else if (key == "frontend_cycles") {
            u32(c.frontend_cycles, false);
        } else if (key == "backend_cycles") {
            u32(c.backend_cycles, false);
        } else if (key == "refresh") {
            boolean(c.refresh);
        } else if (key == "trace_commands") {
            boolean(c.trace_commands);
        } else if (key == "page_policy") {
            if (v == "open")
                c.page_policy = PagePolicy::Open;
            else if (v == "closed")
                c.page_policy = PagePolicy::Closed;
            else
                fail(key, "must be \"open\" or \"closed\"");
        } else if (key == "scheduler") {
            if (v == "fr-fcfs")
                c.scheduler = SchedulerPolicy::FrFcfs;
            else if (v == "fcfs")
                c.scheduler = SchedulerPolicy::Fcfs;
            else
                fail(key, "must be \"fr-fcfs\" or \"fcfs\"");
        } else if (key == "address_mapping") {
            if (!v.is_string()) fail(key, "must be a string");
            c.address_mapping = v.get<std::string>();
        } else {
            fail(key, "is not a known key (see docs/dram.md)");
        }
    }
    return c;
}

ChannelController::ChannelController(const DramSpec& spec, const ControllerConfig& config,
                                     uint32_t channel)
    : spec_(spec),
      config_(config),
      channel_(channel),
      mapping_(config.address_mapping, spec.org),
      table_(build_timing_table(spec)),
      checker_(table_, spec.org) {
    if (config_.queue_depth == 0)
        throw DramConfigError("DRAM controller: queue_depth must be positive");
    if (channel >= spec.org.channels)
        throw DramConfigError(fmt::format("DRAM controller: channel {} does not exist ({} has {})",
                                          channel, spec.name, spec.org.channels));
    const Organisation& o = spec.org;
    for (uint32_t r = 0; r < o.ranks; ++r)
        for (uint32_t g = 0; g < o.bank_groups; ++g)
            for (uint32_t b = 0; b < o.banks_per_group; ++b) {
                Bank bank;
                bank.address = {r, g, b};
                banks_.push_back(bank);
            }
    ranks_.resize(o.ranks);
    for (Rank& rank : ranks_) rank.refresh_due = config_.refresh ? spec.timing.tREFI : UINT64_MAX;
    for (Bank& bank : banks_) bank.queue.reserve(config_.queue_depth);
    active_.assign((banks_.size() + 63) / 64, 0);
}

bool ChannelController::submit(const Request& request) {
    if (!can_accept()) return false;
    Entry e;
    e.request = request;
    e.request.arrival_ps = std::max(request.arrival_ps, now_ps_);
    e.address = mapping_.decode(request.address);
    if (e.address.channel != channel_)
        throw std::invalid_argument(fmt::format(
            "DRAM address 0x{:x} belongs to channel {}, not to this controller's channel {}",
            request.address, e.address.channel, channel_));
    const Organisation& o = spec_.org;
    const uint32_t b = (e.address.rank * o.bank_groups + e.address.bank_group) * o.banks_per_group +
                       e.address.bank;
    Bank& bank = banks_[b];
    e.ready_cycle = to_cycle_ceil(e.request.arrival_ps) + config_.frontend_cycles;
    e.seq = next_seq_++;
    bank.queue.push_back(e);
    invalidate(bank);
    ++queued_;
    update_active(b);
    // Only this bank's candidate changed: unless the cached decision is this bank's (or
    // FCFS, where the oldest request may have changed), compare the bank's new candidate.
    if (next_valid_ && config_.scheduler == SchedulerPolicy::FrFcfs &&
        (!next_ || next_->bank != b)) {
        const auto c = bank_candidate(b, to_cycle_ceil(now_ps_), UINT64_MAX);
        bank.has_slot = c.has_value();
        if (c) {
            bank.slot = *c;
            consider(next_, *c);
        }
        bank.slot_valid = true;
    } else {
        next_valid_ = false;
    }
    return true;
}

// Earliest first; at the same cycle refresh, then column commands, then the oldest request.
bool ChannelController::before(const Candidate& a, const Candidate& b) {
    if (a.cycle != b.cycle) return a.cycle < b.cycle;
    if (a.priority != b.priority) return a.priority < b.priority;
    return a.seq < b.seq;
}

void ChannelController::consider(std::optional<Candidate>& best, Candidate c) {
    // Refresh is never postponed: once due, nothing else goes to the rank until the REF.
    const uint32_t rank = banks_[c.bank].address.rank;
    if (c.priority != 0 && c.cycle >= ranks_[rank].refresh_due) return;
    if (!best || before(c, *best)) best = c;
}

std::optional<ChannelController::Candidate> ChannelController::pick() {
    std::optional<Candidate> best;
    const uint64_t floor = to_cycle_ceil(now_ps_);
    auto at = [&](Command command, uint32_t bank, uint64_t ready) {
        return std::max({checker_.earliest(command, banks_[bank].address), ready, floor});
    };

    // Refresh of every rank, at its due cycle: close the open banks, then REF.
    const uint32_t banks_per_rank = spec_.org.banks_per_rank();
    for (uint32_t r = 0; r < ranks_.size(); ++r) {
        if (ranks_[r].refresh_due == UINT64_MAX) continue;
        const uint32_t bank = r * banks_per_rank;
        const Command command = ranks_[r].open_banks ? Command::PREA : Command::REF;
        const uint64_t due = ranks_[r].refresh_due;
        consider(best, {command, bank, -1, at(command, bank, due), 0, 0, due});
    }

    // FCFS: column commands only for the oldest request.
    uint64_t oldest_seq = UINT64_MAX;
    if (config_.scheduler == SchedulerPolicy::Fcfs)
        for (const Bank& bank : banks_)
            if (!bank.queue.empty()) oldest_seq = std::min(oldest_seq, bank.queue.front().seq);

    // The bank candidates' cached cycles are lower bounds (constraints only ever grow): one
    // pass recomputes only those that could still beat the best found so far. Candidates at
    // or past their rank's refresh due cycle wait for the refresh.
    for (uint32_t word = 0; word < active_.size(); ++word)
        for (uint64_t bits = active_[word]; bits; bits &= bits - 1) {
            Bank& bank = banks_[word * 64 + __builtin_ctzll(bits)];
            if (!bank.slot_valid) {
                const auto c = bank_candidate(&bank - banks_.data(), floor, oldest_seq);
                bank.has_slot = c.has_value();
                if (c) bank.slot = *c;
                bank.slot_valid = true;
            }
            Candidate& slot = bank.slot;
            if (!bank.has_slot || (best && !before(slot, *best))) continue;
            slot.cycle =
                std::max({checker_.earliest(slot.command, bank.address), slot.ready, floor});
            consider(best, slot);
        }
    return best;
}

std::optional<ChannelController::Candidate> ChannelController::bank_candidate(uint32_t b,
                                                                              uint64_t floor,
                                                                              uint64_t oldest_seq) {
    Bank& bank = banks_[b];
    auto at = [&](Command command, uint64_t ready) {
        return std::max({checker_.earliest(command, bank.address), ready, floor});
    };
    if (bank.close_pending)  // closed page policy: precharge after the access
        return Candidate{Command::PRE, b, -1, at(Command::PRE, 0), 2, 0, 0};
    if (bank.queue.empty()) return std::nullopt;
    if (!bank.choice_valid) choose(bank);
    const Entry& e = bank.queue[bank.chosen];
    const Command command = bank.chosen_command;
    const bool column = command == Command::RD || command == Command::WR;
    if (column && oldest_seq != UINT64_MAX && e.seq != oldest_seq)
        return std::nullopt;  // FCFS: column commands strictly in arrival order
    return Candidate{command,        b,     bank.chosen,  at(command, e.ready_cycle),
                     column ? 1 : 2, e.seq, e.ready_cycle};
}

void ChannelController::update_active(uint32_t b) {
    const uint64_t bit = uint64_t{1} << (b % 64);
    if (banks_[b].close_pending || !banks_[b].queue.empty())
        active_[b / 64] |= bit;
    else
        active_[b / 64] &= ~bit;
}

// FR-FCFS: a request bypassed starvation_cap times first, else the oldest row hit, else the
// oldest request. FCFS: the oldest request.
void ChannelController::choose(Bank& bank) {
    int chosen = 0;
    if (config_.scheduler == SchedulerPolicy::FrFcfs) {
        int hit = -1, starving = -1;
        for (int i = 0; i < static_cast<int>(bank.queue.size()); ++i) {
            const Entry& e = bank.queue[i];
            if (e.bypassed >= config_.starvation_cap) {
                starving = i;
                break;
            }
            if (hit < 0 && bank.open && bank.row == e.address.row) hit = i;
        }
        chosen = starving >= 0 ? starving : hit >= 0 ? hit : 0;
    }
    const Entry& e = bank.queue[chosen];
    bank.chosen = chosen;
    if (!bank.open)
        bank.chosen_command = Command::ACT;
    else if (bank.row != e.address.row)
        bank.chosen_command = Command::PRE;
    else
        bank.chosen_command = e.request.is_write ? Command::WR : Command::RD;
    bank.choice_valid = true;
}

std::optional<uint64_t> ChannelController::next_event_time() {
    if (!next_valid_) {
        next_ = pick();
        next_valid_ = true;
    }
    std::optional<uint64_t> t;
    if (next_) t = to_ps(next_->cycle);
    if (!completions_.empty())
        t = t ? std::min(*t, completions_.front().done_ps) : completions_.front().done_ps;
    return t;
}

void ChannelController::advance_to(uint64_t time_ps, std::vector<Completion>& done) {
    while (true) {
        if (!next_valid_) {
            next_ = pick();
            next_valid_ = true;
        }
        if (!next_ || to_ps(next_->cycle) > time_ps) break;
        const Candidate c = *next_;
        next_valid_ = false;
        issue(c);
    }
    while (!completions_.empty() && completions_.front().done_ps <= time_ps) {
        done.push_back(completions_.front());
        completions_.pop_front();
    }
    // Every candidate left is due after time_ps, so the cached decision stays valid.
    now_ps_ = std::max(now_ps_, time_ps);
}

void ChannelController::open_bank(Bank& bank, uint32_t row, uint64_t cycle) {
    Rank& rank = ranks_[bank.address.rank];
    if (rank.open_banks++ == 0) rank.active_since = cycle;
    bank.open = true;
    bank.row = row;
}

void ChannelController::close_bank(Bank& bank, uint64_t cycle) {
    if (!bank.open) return;
    Rank& rank = ranks_[bank.address.rank];
    if (--rank.open_banks == 0) stats_.rank_active_cycles += cycle - rank.active_since;
    bank.open = false;
    bank.close_pending = false;
    ++stats_.bank_precharges;
}

void ChannelController::issue(const Candidate& c) {
    Bank& bank = banks_[c.bank];
    invalidate(bank);
    Entry* e = c.entry >= 0 ? &bank.queue[c.entry] : nullptr;
    if (e && e->first_command_cycle == UINT64_MAX) e->first_command_cycle = c.cycle;

    checker_.record(c.command, bank.address, c.cycle);
    ++stats_.commands[static_cast<int>(c.command)];
    if (config_.trace_commands)
        trace_.push_back({c.cycle, to_ps(c.cycle), c.command, bank.address.rank,
                          bank.address.bank_group, bank.address.bank, e ? e->address.row : 0,
                          e ? e->address.column : 0});

    issue_command(c, bank, e);
    update_active(c.bank);
}

void ChannelController::issue_command(const Candidate& c, Bank& bank, Entry* e) {
    const Timing& t = spec_.timing;
    switch (c.command) {
        case Command::ACT:
            open_bank(bank, e->address.row, c.cycle);
            e->activated = true;
            break;
        case Command::PRE:
            close_bank(bank, c.cycle);
            if (e) e->precharged = true;
            break;
        case Command::PREA: {
            const uint32_t first = bank.address.rank * spec_.org.banks_per_rank();
            for (uint32_t b = first; b < first + spec_.org.banks_per_rank(); ++b) {
                close_bank(banks_[b], c.cycle);
                invalidate(banks_[b]);
                update_active(b);
            }
            break;
        }
        case Command::REF:
            // Background during refresh is counted as active standby, as DRAMPower does.
            stats_.rank_active_cycles += t.tRFC;
            ranks_[bank.address.rank].refresh_due += t.tREFI;
            break;
        case Command::RD:
        case Command::WR: {
            const bool write = c.command == Command::WR;
            Completion done;
            done.id = e->request.id;
            done.is_write = write;
            done.arrival_ps = e->request.arrival_ps;
            done.first_command_ps = to_ps(e->first_command_cycle);
            const uint64_t data_start = c.cycle + (write ? t.CWL : t.CL);
            done.data_start_ps = to_ps(data_start);
            done.data_end_ps = to_ps(data_start + table_.burst_cycles);
            done.done_ps = to_ps(data_start + table_.burst_cycles + config_.backend_cycles);
            auto pos = completions_.end();
            while (pos != completions_.begin() && std::prev(pos)->done_ps > done.done_ps) --pos;
            completions_.insert(pos, done);

            const uint64_t bytes = spec_.org.burst_bytes();
            (write ? stats_.writes : stats_.reads)++;
            (write ? stats_.bytes_written : stats_.bytes_read) += bytes;
            if (e->precharged)
                ++stats_.row_conflicts;
            else if (e->activated)
                ++stats_.row_misses;
            else
                ++stats_.row_hits;
            stats_.data_bus_busy_cycles += table_.burst_cycles;
            stats_.queue_latency_ps_sum += to_ps(c.cycle) - done.arrival_ps;
            stats_.total_latency_ps_sum += done.done_ps - done.arrival_ps;
            stats_.max_latency_ps = std::max(stats_.max_latency_ps, done.done_ps - done.arrival_ps);

            // FR-FCFS: older requests to this bank for another row were bypassed once more.
            for (int i = 0; i < c.entry; ++i)
                if (bank.queue[i].address.row != e->address.row) ++bank.queue[i].bypassed;
            if (config_.page_policy == PagePolicy::Closed) bank.close_pending = true;
            bank.queue.erase(bank.queue.begin() + c.entry);
            --queued_;
            if (config_.scheduler == SchedulerPolicy::Fcfs)  // the oldest request changed
                for (Bank& other : banks_) invalidate(other);
            break;
        }
    }
}

const ControllerStats& ChannelController::stats() {
    // Close the open active-standby intervals at the current time without ending them.
    const uint64_t now = now_ps_ / spec_.timing.tCK_ps;
    for (Rank& rank : ranks_)
        if (rank.open_banks > 0 && now > rank.active_since) {
            stats_.rank_active_cycles += now - rank.active_since;
            rank.active_since = now;
        }
    return stats_;
}

}  // namespace accelvp::dram
