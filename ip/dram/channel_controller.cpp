#include "ip/dram/channel_controller.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace accelvp::dram {

namespace {

// max(a, b) where which one is larger is unpredictable: the hint makes the compiler select
// without a branch (GCC branches on a plain std::max in pick()'s loop).
inline uint64_t max_unpredictable(uint64_t a, uint64_t b) {
    return __builtin_expect_with_probability(a < b, true, 0.5) ? b : a;
}

// The commands a bank's candidate can have (PREA and REF are the rank's).
constexpr Command kBankCommands[] = {Command::ACT, Command::PRE, Command::RD, Command::WR};

}  // namespace

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
    for (Bank& bank : banks_) bank.queue.reserve(config_.queue_depth);
    // Each field's bits, from encoding an address whose field is all ones (the mapping is
    // made of bit fields, see address_mapping.h).
    auto field = [&](uint32_t DramAddress::*member) {
        DramAddress a;
        a.*member = UINT32_MAX;
        const uint64_t mask = mapping_.encode(a);
        return Field{mask, mask ? static_cast<uint32_t>(__builtin_ctzll(mask)) : 0};
    };
    fields_[0] = field(&DramAddress::channel);
    fields_[1] = field(&DramAddress::rank);
    fields_[2] = field(&DramAddress::bank_group);
    fields_[3] = field(&DramAddress::bank);
    fields_[4] = field(&DramAddress::row);
    fields_[5] = field(&DramAddress::column);
    while ((1u << column_shift_) < o.burst_length) ++column_shift_;
    pool_.resize(config_.queue_depth);
    for (uint32_t i = config_.queue_depth; i-- > 0;) free_.push_back(i);

    words_ = static_cast<uint32_t>((banks_.size() + 63) / 64);
    has_candidate_.assign(words_, 0);
    stale_.assign(words_, 0);
    any_stale_ = true;
    fixed_.resize(banks_.size());
    order_.resize(banks_.size());
    command_.resize(banks_.size());
    group_.resize(banks_.size());
    for (uint32_t b = 0; b < banks_.size(); ++b) stale_[b / 64] |= uint64_t{1} << (b % 64);
    while ((size_t{1} << bank_bits_) < banks_.size()) ++bank_bits_;

    // The counts are powers of two (AddressMapping checks it): a rank's banks fill whole
    // words or lie within one.
    const uint32_t per_rank = o.banks_per_rank();
    ranks_.resize(o.ranks);

    earliest_due_ = config_.refresh ? spec.timing.tREFI : UINT64_MAX;
    for (uint32_t r = 0; r < o.ranks; ++r) {
        Rank& rank = ranks_[r];
        rank.refresh_due = earliest_due_;
        rank.slots = banks_[r * per_rank].slots;
        rank.rank_at = rank.slots.offset[static_cast<int>(Scope::Rank)];
        rank.channel_at = rank.slots.offset[static_cast<int>(Scope::Channel)];
        rank.word_begin = r * per_rank / 64;
        rank.word_end = rank.word_begin + (per_rank + 63) / 64;
        rank.word_mask =
            per_rank >= 64 ? ~uint64_t{0} : ((uint64_t{1} << per_rank) - 1) << (r * per_rank % 64);
    }
}

bool ChannelController::submit(const Request& request) {
    if (!can_accept()) return false;
    // Into the free entry, which stays free if the address is refused. The request field by
    // field: copying the whole structure would read back in wide loads what the caller has
    // just written in narrow stores, which stalls.
    const uint32_t index = free_.back();
    Entry& e = pool_[index];
    const uint64_t address = request.address;
    if (address >= mapping_.capacity_bytes()) mapping_.decode(address);  // throws
    auto field = [&](int f) {
        return static_cast<uint32_t>((address & fields_[f].mask) >> fields_[f].shift);
    };
    const uint32_t channel = field(0);
    if (channel != channel_)
        throw std::invalid_argument(fmt::format(
            "DRAM address 0x{:x} belongs to channel {}, not to this controller's channel {}",
            address, channel, channel_));
    e.row = field(4);
    e.column = field(5) << column_shift_;
    free_.pop_back();
    e.id = request.id;
    e.is_write = request.is_write;
    e.arrival_ps = std::max(request.arrival_ps, now_ps_);
    e.first_command_cycle = UINT64_MAX;
    e.activated = e.precharged = false;
    e.bypassed = 0;
    const Organisation& o = spec_.org;
    const uint32_t b = (field(1) * o.bank_groups + field(2)) * o.banks_per_group + field(3);
    Bank& bank = banks_[b];
    const uint64_t arrival_cycle =
        e.arrival_ps == now_ps_ ? now_cycle_ : to_cycle_ceil(e.arrival_ps);
    e.ready_cycle = arrival_cycle + config_.frontend_cycles;
    e.seq = next_seq_++;
    bank.queue.push_back(index);
    ++queued_;
    // The bank's choice changes only if the new request is its first row hit (FR-FCFS; it
    // cannot be starving yet, and under FCFS the oldest request stays the oldest). If the
    // choice stands, so do the bank's candidate and the cached decision.
    if (bank.choice_valid) {
        const bool hit = bank.open && bank.row == e.row;
        // The chosen request is a row hit exactly when its command is a column command.
        const bool chosen_hit =
            bank.chosen_command == Command::RD || bank.chosen_command == Command::WR;
        if (config_.scheduler == SchedulerPolicy::Fcfs || bank.starving > 0 || chosen_hit || !hit)
            return true;
    }
    invalidate(b);
    // Only this bank's candidate changed: unless the cached decision is this bank's (or
    // FCFS, where the oldest request may have changed), compare the bank's new candidate.
    if (next_valid_ && config_.scheduler == SchedulerPolicy::FrFcfs &&
        (!has_next_ || next_.bank != b)) {
        make_candidate(b, UINT64_MAX);
        if (has_candidate_[b / 64] & (uint64_t{1} << (b % 64))) {
            const uint32_t r = bank.address.rank;
            const uint64_t cycle = std::max(
                {fixed_[b], shared_cycle(ranks_[r], command_[b]), checker_.entry(group_[b])});
            // Refresh is never postponed: once due, nothing else goes to the rank until the
            // REF. Among the rest, (cycle, priority, seq) decides; a full tie keeps next_.
            if (cycle < ranks_[r].refresh_due &&
                (!has_next_ || (Key{cycle} << 64 | order_[b] >> bank_bits_) <
                                   (Key{next_.cycle} << 64 | next_order_ >> bank_bits_))) {
                next_ = {cycle, command_[b], b, bank.entry};
                next_order_ = order_[b];
                has_next_ = true;
            }
        }
    } else {
        next_valid_ = false;
    }
    return true;
}

uint64_t ChannelController::oldest_seq() const {
    uint64_t oldest = UINT64_MAX;
    for (const Bank& bank : banks_)
        if (!bank.queue.empty()) oldest = std::min(oldest, pool_[bank.queue[0]].seq);
    return oldest;
}

bool ChannelController::pick() {
    // Banks whose candidate is out of date (the ones the last command or request touched)
    // make a new one. FCFS: column commands only for the oldest request.
    if (any_stale_) {
        any_stale_ = false;
        const uint64_t oldest =
            config_.scheduler == SchedulerPolicy::Fcfs ? oldest_seq() : UINT64_MAX;
        for (uint32_t word = 0; word < words_; ++word)
            for (uint64_t bits = stale_[word]; bits; bits &= bits - 1)
                make_candidate(word * 64 + __builtin_ctzll(bits), oldest);
    }

    // Every bank candidate's cycle is worked out afresh, the rank's and channel's part once
    // per rank and command; the smallest (cycle, order_) wins. A candidate at or past its
    // rank's refresh due cycle waits for the refresh: its key is at least due << 64.
    Key best = ~Key{0};
    const uint64_t earliest = std::max(now_cycle_, checker_.earliest_any());
    for (const Rank& rank : ranks_) {
        uint64_t shared[kCommandCount];  // PREA's and REF's are not read
        const uint64_t* rank_row = checker_.row(rank.rank_at);
        const uint64_t* channel_row = checker_.row(rank.channel_at);
        for (const Command c : kBankCommands) {
            const int i = static_cast<int>(c);
            shared[i] = std::max({rank_row[i], channel_row[i], earliest});
        }
        const Key start = std::min(best, Key{rank.refresh_due} << 64);
        const Key limit = scan_rank(rank, shared, start);
        if (limit != start) best = limit;
    }
    bool found = best != ~Key{0};
    if (found) {
        next_order_ = static_cast<uint64_t>(best);
        const uint32_t b = static_cast<uint32_t>(next_order_ & ((uint64_t{1} << bank_bits_) - 1));
        next_ = {static_cast<uint64_t>(best >> 64), command_[b], b, banks_[b].entry};
    }

    // Refresh of every rank, at its due cycle: close the open banks, then REF. It goes first
    // at equal cycles; and it cannot win before the earliest due cycle.
    if (!found || next_.cycle >= earliest_due_) {
        const uint32_t banks_per_rank = spec_.org.banks_per_rank();
        for (uint32_t r = 0; r < ranks_.size(); ++r) {
            const Rank& rank = ranks_[r];
            if (rank.refresh_due == UINT64_MAX) continue;
            const Command command = rank.open_banks ? Command::PREA : Command::REF;
            const uint64_t cycle =
                std::max({checker_.earliest_at(command, rank.slots), rank.refresh_due, now_cycle_});
            if (Key{cycle} << 64 < best) {
                best = Key{cycle} << 64;
                next_ = {cycle, command, r * banks_per_rank, -1};
                next_order_ = 0;
                found = true;
            }
        }
    }
    return found;
}

// One loop over all of the rank's candidates rather than one per command, and no branch
// within it: the exits of short loops are mispredicted often enough to cost more than the
// rest.
ChannelController::Key ChannelController::scan_rank(const Rank& rank, const uint64_t shared[],
                                                    Key limit) const {
    const uint64_t* fixed = fixed_.data();
    const uint64_t* order = order_.data();
    const Command* command = command_.data();
    const uint32_t* group = group_.data();
    for (uint32_t word = rank.word_begin; word < rank.word_end; ++word)
        for (uint64_t bits = has_candidate_[word] & rank.word_mask; bits; bits &= bits - 1) {
            const uint32_t b = word * 64 + __builtin_ctzll(bits);
            const uint64_t cycle =
                max_unpredictable(max_unpredictable(fixed[b], shared[static_cast<int>(command[b])]),
                                  checker_.entry(group[b]));
            const Key key = Key{cycle} << 64 | order[b];
            limit = key < limit ? key : limit;
        }
    return limit;
}

void ChannelController::make_candidate(uint32_t b, uint64_t oldest_seq) {
    Bank& bank = banks_[b];
    const uint64_t bit = uint64_t{1} << (b % 64);
    stale_[b / 64] &= ~bit;
    Command command = Command::PRE;
    uint64_t priority = 2, seq = 0, ready = 0;
    int entry = -1;
    if (!bank.close_pending) {  // else closed page policy: precharge after the access
        if (bank.queue.empty()) return;
        if (!bank.choice_valid) choose(bank);
        command = bank.chosen_command;
        const bool column = command == Command::RD || command == Command::WR;
        if (column && oldest_seq != UINT64_MAX && bank.chosen_seq != oldest_seq)
            return;  // FCFS: column commands strictly in arrival order
        priority = column ? 1 : 2;
        seq = bank.chosen_seq;
        ready = bank.chosen_ready;
        entry = bank.chosen;
    }
    bank.entry = entry;
    command_[b] = command;
    order_[b] = priority << 62 | seq << bank_bits_ | b;
    fixed_[b] = std::max(checker_.earliest_in(Scope::Bank, command, bank.slots), ready);
    group_[b] = bank.slots.offset[static_cast<int>(Scope::BankGroup)] + static_cast<int>(command);
    has_candidate_[b / 64] |= bit;
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
                if (hit < 0 && bank.open && bank.row == e.row) hit = i;
            }
            chosen = starving >= 0 ? starving : hit >= 0 ? hit : 0;
        } else if (bank.open) {
            for (int i = 0; i < n; ++i)
                if (pool_[bank.queue[i]].row == bank.row) {
                    chosen = i;
                    break;
                }
        }
    }
    const uint32_t index = bank.queue[chosen];
    const Entry& e = pool_[index];
    bank.chosen = chosen;
    bank.chosen_index = index;
    bank.chosen_seq = e.seq;
    bank.chosen_ready = e.ready_cycle;
    if (!bank.open)
        bank.chosen_command = Command::ACT;
    else if (bank.row != e.row)
        bank.chosen_command = Command::PRE;
    else
        bank.chosen_command = e.is_write ? Command::WR : Command::RD;
    bank.choice_valid = true;
}

void ChannelController::set_now(uint64_t time_ps) {
    if (time_ps <= now_ps_) return;
    now_ps_ = time_ps;
    now_cycle_ = time_ps == event_ps_ ? event_cycle_ : to_cycle_ceil(time_ps);
}

void ChannelController::advance_to(uint64_t time_ps, std::vector<Completion>& done) {
    while (true) {
        if (!next_valid_) {
            has_next_ = pick();
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

// flatten: the decision and the command paths are inlined here, the characterisation's hot
// loop (about 5 % fewer instructions than with the calls).
__attribute__((flatten)) void ChannelController::advance_until_accept(
    std::vector<Completion>& done) {
    // The present stays where it was while the commands issue, which changes no decision:
    // it bounds no candidate, each being due a cycle after the last command at least (the
    // command bus), and no request arrives while the queue is full.
    std::optional<uint64_t> last;  // cycle of the last command issued
    while (!can_accept()) {
        if (!next_valid_) has_next_ = pick();
        next_valid_ = false;
        if (!has_next_) break;  // cannot happen: a full queue always has a candidate
        last = next_.cycle;
        issue(next_);
    }
    if (!last) return;
    event_cycle_ = *last;
    event_ps_ = to_ps(*last);
    advance_to(event_ps_, done);
}

void ChannelController::CompletionQueue::grow() {
    std::vector<Slot> bigger(2 * slots_.size());
    for (size_t i = 0; i < size_; ++i) bigger[i] = slots_[(head_ + i) & mask_];
    slots_.swap(bigger);
    mask_ = slots_.size() - 1;
    head_ = 0;
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

void ChannelController::issue(const Decision& d) {
    ++stats_.commands[static_cast<int>(d.command)];
    if (config_.trace_commands) trace_command(d);
    // A path per command, each with its own copy of the checker's record_at() for its own
    // command: the commands come in no predictable order, so the branches of one shared path
    // (how many rules a command sets, what its bank does next) would often be mispredicted,
    // while those of each path go the same way nearly every time.
    switch (d.command) {
        case Command::ACT:
            activate(d);
            break;
        case Command::PRE:
            precharge(d);
            break;
        case Command::RD:
            issue_column<Command::RD>(d);
            break;
        case Command::WR:
            issue_column<Command::WR>(d);
            break;
        case Command::PREA:
            precharge_all(d);
            break;
        case Command::REF:
            refresh(d);
            break;
    }
}

void ChannelController::trace_command(const Decision& d) {
    const Bank& bank = banks_[d.bank];
    const Entry* e = d.entry >= 0 ? &pool_[bank.chosen_index] : nullptr;  // the chosen request
    trace_.push_back({d.cycle, to_ps(d.cycle), d.command, bank.address.rank,
                      bank.address.bank_group, bank.address.bank, e ? e->row : 0,
                      e ? e->column : 0});
}

void ChannelController::begin_bank_command(uint32_t b) {
    banks_[b].choice_valid = false;
    has_candidate_[b / 64] &= ~(uint64_t{1} << (b % 64));
    if (config_.scheduler == SchedulerPolicy::Fcfs) invalidate(b);
}

void ChannelController::end_bank_command(uint32_t b) {
    if (config_.scheduler == SchedulerPolicy::FrFcfs) make_candidate(b, UINT64_MAX);
}

// An ACT or PRE for the bank's chosen request leaves the queue and every request's bypass
// count alone: the same request stays chosen (its command becomes RD/WR, resp. ACT), so only
// the candidate is made again.
void ChannelController::activate(const Decision& d) {
    Bank& bank = banks_[d.bank];
    Entry& e = pool_[bank.chosen_index];
    begin_bank_command(d.bank);
    e.first_command_cycle = std::min(e.first_command_cycle, d.cycle);
    checker_.record_at(Command::ACT, bank.slots, d.cycle);
    open_bank(bank, e.row, d.cycle);
    e.activated = true;
    bank.choice_valid = true;
    bank.chosen_command = e.is_write ? Command::WR : Command::RD;
    end_bank_command(d.bank);
}

void ChannelController::precharge(const Decision& d) {
    Bank& bank = banks_[d.bank];
    begin_bank_command(d.bank);
    checker_.record_at(Command::PRE, bank.slots, d.cycle);
    close_bank(bank, d.cycle);
    if (d.entry >= 0) {  // else closed page policy: after the access, for no request
        Entry& e = pool_[bank.chosen_index];
        e.first_command_cycle = std::min(e.first_command_cycle, d.cycle);
        e.precharged = true;
        bank.choice_valid = true;
        bank.chosen_command = Command::ACT;
    }
    end_bank_command(d.bank);
}

void ChannelController::precharge_all(const Decision& d) {
    invalidate(d.bank);
    checker_.record_at(Command::PREA, banks_[d.bank].slots, d.cycle);
    for (uint32_t b = d.bank; b < d.bank + spec_.org.banks_per_rank(); ++b) {
        close_bank(banks_[b], d.cycle);
        invalidate(b);
    }
}

void ChannelController::refresh(const Decision& d) {
    invalidate(d.bank);
    checker_.record_at(Command::REF, banks_[d.bank].slots, d.cycle);
    // Background during refresh is counted as active standby, as DRAMPower does.
    stats_.rank_active_cycles += spec_.timing.tRFC;
    ranks_[banks_[d.bank].address.rank].refresh_due += spec_.timing.tREFI;
    earliest_due_ = UINT64_MAX;
    for (const Rank& rank : ranks_) earliest_due_ = std::min(earliest_due_, rank.refresh_due);
}

template <Command kCommand>
void ChannelController::issue_column(const Decision& d) {
    constexpr bool write = kCommand == Command::WR;
    Bank& bank = banks_[d.bank];
    Entry& e = pool_[bank.chosen_index];
    begin_bank_command(d.bank);
    e.first_command_cycle = std::min(e.first_command_cycle, d.cycle);
    checker_.record_at(kCommand, bank.slots, d.cycle);

    const Timing& t = spec_.timing;
    const uint64_t data_start = d.cycle + (write ? t.CWL : t.CL);
    const uint64_t data_end = data_start + table_.burst_cycles;
    const uint64_t arrival_ps = e.arrival_ps;
    const uint64_t done_ps = to_ps(data_end + config_.backend_cycles);
    completions_.insert({e.id, write, arrival_ps, to_ps(e.first_command_cycle), to_ps(data_start),
                         to_ps(data_end), done_ps},
                        data_end + config_.backend_cycles);

    (write ? stats_.writes : stats_.reads)++;
    (write ? stats_.bytes_written : stats_.bytes_read) += spec_.org.burst_bytes();
    if (e.precharged)
        ++stats_.row_conflicts;
    else if (e.activated)
        ++stats_.row_misses;
    else
        ++stats_.row_hits;
    stats_.data_bus_busy_cycles += table_.burst_cycles;
    stats_.queue_latency_ps_sum += to_ps(d.cycle) - arrival_ps;
    stats_.total_latency_ps_sum += done_ps - arrival_ps;
    stats_.max_latency_ps = std::max(stats_.max_latency_ps, done_ps - arrival_ps);

    // FR-FCFS: older requests to this bank for another row were bypassed once more.
    for (int i = 0; i < d.entry; ++i) {
        Entry& older = pool_[bank.queue[i]];
        if (older.row != e.row && ++older.bypassed == config_.starvation_cap) ++bank.starving;
    }
    if (e.bypassed >= config_.starvation_cap) --bank.starving;
    if (config_.page_policy == PagePolicy::Closed) bank.close_pending = true;
    free_.push_back(bank.chosen_index);
    bank.queue.erase(d.entry);
    --queued_;
    if (config_.scheduler == SchedulerPolicy::Fcfs)  // the oldest request changed
        for (uint32_t b = 0; b < banks_.size(); ++b) invalidate(b);
    end_bank_command(d.bank);
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
