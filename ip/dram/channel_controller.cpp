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
                bank.slots = checker_.slots(bank.address);
                banks_.push_back(bank);
            }
    ranks_.resize(o.ranks);
    for (Rank& rank : ranks_) rank.refresh_due = config_.refresh ? spec.timing.tREFI : UINT64_MAX;
    for (Bank& bank : banks_) bank.queue.reserve(config_.queue_depth);
    pool_.resize(config_.queue_depth);
    for (uint32_t i = config_.queue_depth; i-- > 0;) free_.push_back(i);
    active_.assign((banks_.size() + 63) / 64, 0);
    candidates_.assign(active_.size(), 0);
    stale_.assign(active_.size(), ~uint64_t{0});
    hot_.resize(banks_.size());
    shared_.resize(size_t{o.ranks} * kCommandCount);
    while ((1u << banks_per_rank_shift_) < o.banks_per_rank()) ++banks_per_rank_shift_;
}

bool ChannelController::submit(const Request& request) {
    if (!can_accept()) return false;
    const uint32_t index = free_.back();
    Entry& e = pool_[index];
    e = Entry{};
    e.request = request;
    e.request.arrival_ps = std::max(request.arrival_ps, now_ps_);
    e.address = mapping_.decode(request.address);
    if (e.address.channel != channel_)
        throw std::invalid_argument(fmt::format(
            "DRAM address 0x{:x} belongs to channel {}, not to this controller's channel {}",
            request.address, e.address.channel, channel_));
    free_.pop_back();
    const Organisation& o = spec_.org;
    const uint32_t b = (e.address.rank * o.bank_groups + e.address.bank_group) * o.banks_per_group +
                       e.address.bank;
    Bank& bank = banks_[b];
    const uint64_t arrival_cycle =
        e.request.arrival_ps == now_ps_ ? now_cycle_ : to_cycle_ceil(e.request.arrival_ps);
    e.ready_cycle = arrival_cycle + config_.frontend_cycles;
    e.seq = next_seq_++;
    bank.queue.push_back(index);
    ++queued_;
    update_active(b);
    // The bank's choice changes only if the new request is its first row hit (FR-FCFS; it
    // cannot be starving yet, and under FCFS the oldest request stays the oldest). If the
    // choice stands, so do the bank's candidate and the cached decision.
    if (bank.choice_valid) {
        const bool hit = bank.open && bank.row == e.address.row;
        const Entry& chosen = pool_[bank.queue[bank.chosen]];
        const bool chosen_hit = bank.open && bank.row == chosen.address.row;
        if (config_.scheduler == SchedulerPolicy::Fcfs || bank.starving > 0 || chosen_hit || !hit)
            return true;
    }
    invalidate(bank);
    // Only this bank's candidate changed: unless the cached decision is this bank's (or
    // FCFS, where the oldest request may have changed), compare the bank's new candidate.
    if (next_valid_ && config_.scheduler == SchedulerPolicy::FrFcfs &&
        (!has_next_ || next_.bank != b)) {
        refresh_slot(b, UINT64_MAX);
        if (bank.has_slot) {
            Candidate& c = bank.slot;
            c.cycle = std::max({checker_.earliest_at(c.command, bank.slots), c.ready, now_cycle_});
            consider(has_next_, next_, c);
        }
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

void ChannelController::consider(bool& found, Candidate& best, const Candidate& c) const {
    // Refresh is never postponed: once due, nothing else goes to the rank until the REF.
    if (c.priority != 0 && c.cycle >= ranks_[banks_[c.bank].address.rank].refresh_due) return;
    if (!found || before(c, best)) {
        best = c;
        found = true;
    }
}

bool ChannelController::pick(Candidate& best) {
    bool found = false;
    const uint64_t floor = now_cycle_;

    // Refresh of every rank, at its due cycle: close the open banks, then REF.
    const uint32_t banks_per_rank = spec_.org.banks_per_rank();
    for (uint32_t r = 0; r < ranks_.size(); ++r) {
        if (ranks_[r].refresh_due == UINT64_MAX) continue;
        const uint32_t bank = r * banks_per_rank;
        const Command command = ranks_[r].open_banks ? Command::PREA : Command::REF;
        const uint64_t due = ranks_[r].refresh_due;
        const uint64_t cycle =
            std::max({checker_.earliest_at(command, banks_[bank].slots), due, floor});
        consider(found, best, {command, bank, -1, cycle, 0, 0, due});
    }

    // FCFS: column commands only for the oldest request.
    uint64_t oldest_seq = UINT64_MAX;
    if (config_.scheduler == SchedulerPolicy::Fcfs)
        for (const Bank& bank : banks_)
            if (!bank.queue.empty())
                oldest_seq = std::min(oldest_seq, pool_[bank.queue.front()].seq);

    // Banks whose candidate is out of date (the ones the last command or request touched)
    // make a new one; then every bank candidate's cycle is worked out afresh and the
    // smallest (cycle, priority, sequence) wins. Candidates at or past their rank's refresh
    // due cycle wait for the refresh.
    for (uint32_t word = 0; word < active_.size(); ++word)
        for (uint64_t bits = active_[word] & stale_[word]; bits; bits &= bits - 1)
            refresh_slot(word * 64 + __builtin_ctzll(bits), oldest_seq);
    for (uint32_t r = 0; r < ranks_.size(); ++r) {
        const TimingChecker::Slots& slots = banks_[r * banks_per_rank].slots;
        for (int c = 0; c < kCommandCount; ++c) {
            const Command command = static_cast<Command>(c);
            shared_[r * kCommandCount + c] =
                std::max({checker_.earliest_in(Scope::Rank, command, slots),
                          checker_.earliest_in(Scope::Channel, command, slots), floor});
        }
    }
    // The key orders by cycle, then by priority and sequence.
    using Key = unsigned __int128;
    constexpr uint32_t kNone = UINT32_MAX;
    Key best_key =
        found ? Key{best.cycle} << 64 | static_cast<uint64_t>(best.priority) << 56 : ~Key{0};
    uint32_t best_bank = kNone;
    const uint32_t rank_shift = banks_per_rank_shift_;
    for (uint32_t word = 0; word < candidates_.size(); ++word)
        for (uint64_t bits = candidates_[word]; bits; bits &= bits - 1) {
            const uint32_t b = word * 64 + __builtin_ctzll(bits);
            const Hot& h = hot_[b];
            const uint64_t cycle = std::max({h.fixed, checker_.entry(h.group), shared_[h.shared]});
            const Key key = Key{cycle} << 64 | h.order;
            const bool allowed = cycle < ranks_[b >> rank_shift].refresh_due;
            if ((key < best_key) & allowed) {  // full ties: the lowest bank index stays
                best_key = key;
                best_bank = b;
            }
        }
    if (best_bank != kNone) {
        best = banks_[best_bank].slot;
        best.cycle = static_cast<uint64_t>(best_key >> 64);
        found = true;
    }
    return found;
}

void ChannelController::refresh_slot(uint32_t b, uint64_t oldest_seq) {
    Bank& bank = banks_[b];
    bank.has_slot = bank_candidate(b, oldest_seq, bank.slot);
    bank.slot_valid = true;
    stale_[b / 64] &= ~(uint64_t{1} << (b % 64));
    if (bank.has_slot) {
        const Candidate& c = bank.slot;
        Hot& h = hot_[b];
        h.fixed = std::max(checker_.earliest_in(Scope::Bank, c.command, bank.slots), c.ready);
        h.order = static_cast<uint64_t>(c.priority) << 56 | c.seq;
        h.group = bank.slots.offset[static_cast<int>(Scope::BankGroup)] +
                  static_cast<uint32_t>(c.command);
        h.shared = bank.address.rank * kCommandCount + static_cast<uint32_t>(c.command);
        candidates_[b / 64] |= uint64_t{1} << (b % 64);
    }
}

bool ChannelController::bank_candidate(uint32_t b, uint64_t oldest_seq, Candidate& c) {
    Bank& bank = banks_[b];
    if (bank.close_pending) {  // closed page policy: precharge after the access
        c = Candidate{Command::PRE, b, -1, 0, 2, 0, 0};
    } else {
        if (bank.queue.empty()) return false;
        if (!bank.choice_valid) choose(bank);
        const Entry& e = pool_[bank.queue[bank.chosen]];
        const Command command = bank.chosen_command;
        const bool column = command == Command::RD || command == Command::WR;
        if (column && oldest_seq != UINT64_MAX && e.seq != oldest_seq)
            return false;  // FCFS: column commands strictly in arrival order
        c = Candidate{command, b, bank.chosen, 0, column ? 1 : 2, e.seq, e.ready_cycle};
    }
    return true;
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
        const int n = static_cast<int>(bank.queue.size());
        if (bank.starving > 0) {
            int hit = -1, starving = -1;
            for (int i = 0; i < n; ++i) {
                const Entry& e = pool_[bank.queue[i]];
                if (e.bypassed >= config_.starvation_cap) {
                    starving = i;
                    break;
                }
                if (hit < 0 && bank.open && bank.row == e.address.row) hit = i;
            }
            chosen = starving >= 0 ? starving : hit >= 0 ? hit : 0;
        } else if (bank.open) {
            for (int i = 0; i < n; ++i)
                if (pool_[bank.queue[i]].address.row == bank.row) {
                    chosen = i;
                    break;
                }
        }
    }
    const Entry& e = pool_[bank.queue[chosen]];
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
        has_next_ = pick(next_);
        next_valid_ = true;
    }
    std::optional<uint64_t> t;
    if (has_next_) t = to_ps(next_.cycle);
    if (!completions_.empty())
        t = t ? std::min(*t, completions_.front().done_ps) : completions_.front().done_ps;
    return t;
}

void ChannelController::set_now(uint64_t time_ps) {
    if (time_ps <= now_ps_) return;
    now_ps_ = time_ps;
    now_cycle_ = to_cycle_ceil(time_ps);
}

void ChannelController::advance_to(uint64_t time_ps, std::vector<Completion>& done) {
    while (true) {
        if (!next_valid_) {
            has_next_ = pick(next_);
            next_valid_ = true;
        }
        if (!has_next_ || to_ps(next_.cycle) > time_ps) break;
        next_valid_ = false;
        issue(next_);
    }
    while (!completions_.empty() && completions_.front().done_ps <= time_ps) {
        done.push_back(completions_.front());
        completions_.pop_front();
    }
    // Every candidate left is due after time_ps, so the cached decision stays valid.
    set_now(time_ps);
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
    // An ACT or PRE for the bank's chosen request leaves the queue and every request's
    // bypass count alone: the same request stays chosen (its command becomes RD/WR, resp.
    // ACT), so only the candidate is made again.
    const bool keep_choice =
        c.entry >= 0 && (c.command == Command::ACT || c.command == Command::PRE);
    invalidate(bank);
    Entry* e = c.entry >= 0 ? &pool_[bank.queue[c.entry]] : nullptr;
    if (e && e->first_command_cycle == UINT64_MAX) e->first_command_cycle = c.cycle;

    checker_.record_at(c.command, bank.slots, c.cycle);
    ++stats_.commands[static_cast<int>(c.command)];
    if (config_.trace_commands)
        trace_.push_back({c.cycle, to_ps(c.cycle), c.command, bank.address.rank,
                          bank.address.bank_group, bank.address.bank, e ? e->address.row : 0,
                          e ? e->address.column : 0});

    issue_command(c, bank, e);
    update_active(c.bank);
    if (keep_choice) {
        bank.choice_valid = true;
        bank.chosen_command = c.command == Command::PRE ? Command::ACT
                              : e->request.is_write     ? Command::WR
                                                        : Command::RD;
    }
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
            for (int i = 0; i < c.entry; ++i) {
                Entry& older = pool_[bank.queue[i]];
                if (older.address.row != e->address.row &&
                    ++older.bypassed == config_.starvation_cap)
                    ++bank.starving;
            }
            if (e->bypassed >= config_.starvation_cap) --bank.starving;
            if (config_.page_policy == PagePolicy::Closed) bank.close_pending = true;
            free_.push_back(bank.queue[c.entry]);
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
