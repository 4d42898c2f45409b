// The DRAM controller of one channel, without SystemC: requests arrive with a time in
// picoseconds, the controller says when each completes. It never ticks. It keeps the state of
// every bank (open row or closed) and, for the queued requests, asks the TimingChecker for
// the earliest legal cycle of each candidate command; the earliest one issues (ties: refresh
// first, then column commands, then the oldest request), the checker records it, and the
// next decision follows. A thin SystemC target drives it: advance_to(now) before submit(),
// then wake up at next_event_time().
//
// What it models: per-bank row buffers, open or closed page policy, a request queue of
// configurable depth with FR-FCFS (row hits first, then oldest; an older request to a bank
// may be bypassed by at most `starvation_cap` row hits to that bank, after which the bank
// serves it next) or FCFS (column commands strictly in arrival order, activates and
// precharges of later requests to other banks overlap), all-bank refresh of every rank every
// tREFI (never postponed: from the moment it is due no other command goes to that rank until
// the REF has issued), one burst per request, and the timing table of timing_table.h.
// Fixed controller delays (front end: request to first possible command; back end: end of
// data to response) are configurable and reported apart from the device's latency.
//
// What it does not model: power-down and self refresh, per-bank refresh, write buffering /
// read-write batching, command-bus split of HBM (row and column commands share one bus
// here), multi-burst requests (the caller splits them), data contents (the caller stores).
//
// How a decision is made fast (pick()): each bank has at most one candidate, made again only
// when the bank's state or queue changes. Its cycle is the maximum of the bank's constraint
// and the request's ready cycle (both fixed while the candidate stands), the bank group's
// constraint, and the rank's and channel's constraints and now, which are the same for all
// banks of a rank and worked out once per command. One branch-free loop over the banks with
// a candidate finds the smallest (cycle, tie-break) key; refresh is looked at only when it
// could come first. The decision is kept until a command issues, and a request that changes
// another bank's candidate is compared with it instead of deciding afresh.
//
// How a command is issued fast: each command has its own path (activate(), precharge(),
// issue_column<RD/WR>(), ...), each with its own copy of the checker's update, so that the
// branches within a path always go the same way; a shared path would be mispredicted at
// every change of command, and the commands come in no predictable order. A driver that
// keeps the queue full calls advance_until_accept(), which issues commands until a place
// frees, without returning to the driver at every command and completion.
#pragma once

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "ip/dram/address_mapping.h"
#include "ip/dram/dram_spec.h"
#include "ip/dram/timing_checker.h"
#include "ip/dram/timing_table.h"

namespace accelvp::dram {

enum class PagePolicy { Open, Closed };
enum class SchedulerPolicy { FrFcfs, Fcfs };

struct ControllerConfig {
    uint32_t queue_depth = 32;
    PagePolicy page_policy = PagePolicy::Open;
    SchedulerPolicy scheduler = SchedulerPolicy::FrFcfs;
    // FR-FCFS: how many row hits to a bank may bypass an older request to that bank.
    uint32_t starvation_cap = 16;
    uint32_t frontend_cycles = 2;  // request arrival -> earliest first command
    uint32_t backend_cycles = 2;   // end of data -> completion
    bool refresh = true;
    bool trace_commands = false;  // keep trace() (costs memory and time on long runs)
    std::string address_mapping = AddressMapping::kDefault;

    // Keys: queue_depth, page_policy ("open"|"closed"), scheduler ("fr-fcfs"|"fcfs"),
    // starvation_cap, frontend_cycles, backend_cycles, refresh, trace_commands,
    // address_mapping; all optional. Errors name `where` and the key.
    static ControllerConfig from_json(const nlohmann::json& j, const std::string& where);
};

struct Request {
    uint64_t id = 0;
    uint64_t address = 0;  // relative to the start of the memory (all channels)
    bool is_write = false;
    uint64_t arrival_ps = 0;
};

struct Completion {
    uint64_t id = 0;
    bool is_write = false;
    uint64_t arrival_ps = 0;
    uint64_t first_command_ps = 0;  // the first command issued for this request
    uint64_t data_start_ps = 0;     // first beat on the data bus
    uint64_t data_end_ps = 0;       // end of the last beat
    uint64_t done_ps = 0;           // data_end_ps + back-end delay: respond at this time
};

struct TraceEntry {
    uint64_t cycle = 0;
    uint64_t time_ps = 0;
    Command command = Command::ACT;
    uint32_t rank = 0, bank_group = 0, bank = 0, row = 0, column = 0;
};

struct ControllerStats {
    uint64_t commands[kCommandCount] = {};
    uint64_t reads = 0, writes = 0;
    uint64_t row_hits = 0;       // the row was open
    uint64_t row_misses = 0;     // the bank was closed: ACT first
    uint64_t row_conflicts = 0;  // another row was open: PRE, ACT first
    uint64_t bytes_read = 0, bytes_written = 0;
    uint64_t bank_precharges = 0;  // banks closed, by PRE or by PREA
    uint64_t data_bus_busy_cycles = 0;
    uint64_t queue_latency_ps_sum = 0;  // arrival -> column command, over completed requests
    uint64_t total_latency_ps_sum = 0;  // arrival -> done
    uint64_t max_latency_ps = 0;
    // Cycles a rank spent in active standby (a bank open, or refreshing), summed over ranks.
    uint64_t rank_active_cycles = 0;
};

class ChannelController {
public:
    ChannelController(const DramSpec& spec, const ControllerConfig& config, uint32_t channel = 0);

    bool can_accept() const { return queued_ < config_.queue_depth; }
    // Queues a request; false (and nothing queued) when the queue is full. An arrival time
    // before the last advance_to() is taken as that time. Throws std::out_of_range for an
    // address beyond the capacity and std::invalid_argument for another channel's address.
    bool submit(const Request& request);
    // Time of the next command or completion (refresh included, even when idle). Inline: a
    // std::optional returned from a call goes through memory.
    std::optional<uint64_t> next_event_time() {
        if (!next_valid_) {
            has_next_ = pick();
            next_valid_ = true;
        }
        if (!has_next_ && completions_.empty()) return std::nullopt;
        uint64_t cycle = has_next_ ? next_.cycle : UINT64_MAX;
        if (!completions_.empty()) cycle = std::min(cycle, completions_.front_cycle());
        event_cycle_ = cycle;
        event_ps_ = to_ps(cycle);
        return event_ps_;
    }
    // Issues every command due at or before time_ps and appends, in time order, the
    // completions due by then.
    void advance_to(uint64_t time_ps, std::vector<Completion>& done);
    // For a driver that keeps the queue full: while the queue is full, issues commands in
    // time order until a column command frees a place, then advances to that command's time
    // as advance_to() does. The same as calling advance_to(*next_event_time()) until
    // can_accept(), without a round trip per command and per completion. Returns at once if
    // a place is free.
    void advance_until_accept(std::vector<Completion>& done);
    // Requests queued or in flight.
    bool busy() const { return queued_ > 0 || !completions_.empty(); }

    const ControllerStats& stats();  // rank_active_cycles up to the last advance_to()
    const std::vector<TraceEntry>& trace() const { return trace_; }
    const DramSpec& spec() const { return spec_; }
    const AddressMapping& mapping() const { return mapping_; }
    const TimingTable& timing_table() const { return table_; }
    uint64_t now_ps() const { return now_ps_; }

private:
    // A queued request. Requests live in a pool of queue_depth entries; banks queue their
    // indices, so removing a request from the middle of a bank's queue copies no request.
    // Only what the scheduler and the completion need, in 64 bytes (indexing is a shift).
    struct alignas(64) Entry {
        uint64_t id = 0;
        uint64_t arrival_ps = 0;
        uint64_t ready_cycle = 0;
        uint64_t seq = 0;
        uint64_t first_command_cycle = UINT64_MAX;
        uint32_t row = 0, column = 0;
        uint32_t bypassed = 0;
        bool is_write = false, activated = false, precharged = false;
    };
    // A decision: which command goes to which bank when.
    struct Decision {
        uint64_t cycle = 0;
        Command command = Command::ACT;
        uint32_t bank = 0;  // bank index (for PREA/REF: the rank's first bank)
        int entry = -1;     // position in the bank's queue, -1 for refresh and closed-page PRE
    };
    // A bank's requests (pool indices) in arrival order, in a window of a buffer twice the
    // queue depth: removing the oldest, the common case, moves nothing, and removing a later
    // one moves only those before it.
    class RequestQueue {
    public:
        void reserve(uint32_t depth) { slots_.assign(2 * size_t{depth}, 0); }
        bool empty() const { return head_ == tail_; }
        uint32_t size() const { return tail_ - head_; }
        uint32_t operator[](uint32_t i) const { return slots_[head_ + i]; }
        void push_back(uint32_t index) {
            if (tail_ == slots_.size()) {  // at most the depth is queued: move it to the start
                std::copy(slots_.begin() + head_, slots_.begin() + tail_, slots_.begin());
                tail_ -= head_;
                head_ = 0;
            }
            slots_[tail_++] = index;
        }
        void erase(uint32_t i) {
            // The requests before i move up by one (a plain loop: there are few).
            uint32_t carried = slots_[head_];
            for (uint32_t j = head_ + 1; j <= head_ + i; ++j) std::swap(carried, slots_[j]);
            ++head_;
        }

    private:
        std::vector<uint32_t> slots_;
        uint32_t head_ = 0, tail_ = 0;
    };
    struct Bank {
        BankAddress address;
        TimingChecker::Slots slots;  // where the checker keeps this bank's constraints
        bool open = false;
        bool close_pending = false;  // closed page policy: precharge after the access
        uint32_t row = 0;
        RequestQueue queue;     // this bank's requests
        uint32_t starving = 0;  // queued requests bypassed starvation_cap times
        // The scheduler's choice for this bank (which request, which command), kept until
        // the bank's state or queue changes; with the request's pool index, seq and ready
        // cycle at hand.
        bool choice_valid = false;
        int chosen = 0;  // position in the queue
        uint32_t chosen_index = 0;
        Command chosen_command = Command::ACT;
        uint64_t chosen_seq = 0, chosen_ready = 0;
        int entry = -1;  // the candidate's Decision::entry
    };
    struct Rank {
        uint64_t refresh_due = 0;  // cycle
        uint32_t open_banks = 0;
        uint64_t active_since = 0;
        TimingChecker::Slots slots;            // of the rank's first bank
        uint32_t rank_at = 0, channel_at = 0;  // slots.offset of the rank and channel scopes
        // Where the rank's banks lie in the bit sets: words [word_begin, word_end), masked.
        uint32_t word_begin = 0, word_end = 0;
        uint64_t word_mask = 0;
    };
    // Completions in flight, ordered by done_ps: a ring buffer whose size is a power of two.
    // Each keeps its done cycle beside it, so that advancing to its time needs no division.
    class CompletionQueue {
    public:
        bool empty() const { return size_ == 0; }
        const Completion& front() const { return slots_[head_].completion; }
        uint64_t front_cycle() const { return slots_[head_].done_cycle; }
        void pop_front() {
            head_ = (head_ + 1) & mask_;
            --size_;
        }
        // After those due at or before c.done_ps.
        void insert(const Completion& c, uint64_t done_cycle) {
            if (size_ > mask_) grow();
            size_t pos = head_ + size_;
            for (; pos != head_ && slots_[(pos - 1) & mask_].completion.done_ps > c.done_ps; --pos)
                slots_[pos & mask_] = slots_[(pos - 1) & mask_];
            slots_[pos & mask_] = {c, done_cycle};
            ++size_;
        }

    private:
        struct Slot {
            Completion completion;
            uint64_t done_cycle;
        };
        void grow();

        std::vector<Slot> slots_ = std::vector<Slot>(16);
        size_t mask_ = 15, head_ = 0, size_ = 0;
    };

    // The next decision into next_; false if there is none.
    bool pick();
    using Key = unsigned __int128;  // a candidate's cycle << 64 | order_
    // The smallest key below `limit` of the rank's candidates, else limit. shared: the
    // rank's and channel's part of each command's cycle.
    Key scan_rank(const Rank& rank, const uint64_t shared[], Key limit) const;
    // Makes bank b's candidate (fixed_, order_, command_, group_, has_candidate_) from its
    // state; none if the bank has nothing to do or must wait. oldest_seq: FCFS, the oldest
    // request's seq.
    void make_candidate(uint32_t b, uint64_t oldest_seq);
    // The bank's state or queue changed: its choice and candidate are made again.
    void invalidate(uint32_t b) {
        banks_[b].choice_valid = false;
        has_candidate_[b / 64] &= ~(uint64_t{1} << (b % 64));
        stale_[b / 64] |= uint64_t{1} << (b % 64);
        any_stale_ = true;
    }
    void choose(Bank& bank);
    uint64_t oldest_seq() const;
    void issue(const Decision& d);
    void trace_command(const Decision& d);
    // Before a command to one bank, its choice and candidate go; after it, FR-FCFS makes
    // them again (an ACT or PRE may keep the choice). FCFS makes the candidate at the next
    // decision, as its candidates depend on the oldest request.
    void begin_bank_command(uint32_t b);
    void end_bank_command(uint32_t b);
    void activate(const Decision& d);
    void precharge(const Decision& d);
    template <Command kCommand>
    void issue_column(const Decision& d);  // RD or WR
    void precharge_all(const Decision& d);
    void refresh(const Decision& d);
    void open_bank(Bank& bank, uint32_t row, uint64_t cycle);
    void close_bank(Bank& bank, uint64_t cycle);
    void set_now(uint64_t time_ps);
    uint64_t to_ps(uint64_t cycle) const { return cycle * spec_.timing.tCK_ps; }
    uint64_t to_cycle_ceil(uint64_t ps) const {
        return (ps + spec_.timing.tCK_ps - 1) / spec_.timing.tCK_ps;
    }
    // max(rank's and channel's constraints on `command`, now): the part of a candidate's
    // cycle shared by all banks of the rank.
    uint64_t shared_cycle(const Rank& rank, Command command) const {
        const int c = static_cast<int>(command);
        return std::max({checker_.entry(rank.rank_at + c), checker_.entry(rank.channel_at + c),
                         checker_.earliest_any(), now_cycle_});
    }

    DramSpec spec_;
    ControllerConfig config_;
    uint32_t channel_;
    AddressMapping mapping_;
    struct Field {
        uint64_t mask;   // the field's bits in an address
        uint32_t shift;  // the lowest of them
    };
    // As mapping_.decode() has them, for submit() to decode without a call and loops.
    Field fields_[6] = {};       // channel, rank, bank group, bank, row, column (bursts)
    uint32_t column_shift_ = 0;  // log2(burst_length): a burst's beats within a column
    TimingTable table_;
    TimingChecker checker_;
    std::vector<Bank> banks_;
    std::vector<Rank> ranks_;
    std::vector<Entry> pool_;     // queue_depth requests
    std::vector<uint32_t> free_;  // unused pool entries
    uint32_t queued_ = 0;
    uint32_t words_ = 0;  // 64-bit words of a bit set over the banks
    // Banks with a candidate, one bit each.
    std::vector<uint64_t> has_candidate_;
    // Banks whose candidate is out of date, one bit each; any_stale_ if one is set.
    std::vector<uint64_t> stale_;
    bool any_stale_ = false;
    // Each bank's candidate as pick() reads it, by bank. A candidate's cycle is the maximum
    // of its four scopes' constraints, its request's ready cycle and now. The bank's own
    // constraint cannot change while the candidate stands (a command to the bank replaces
    // it), nor can the ready cycle: fixed_ holds both. The bank group's is read afresh (other
    // banks' commands change it); the rank's and channel's, the same for every bank of the
    // rank, are worked out once per rank and command at each decision.
    std::vector<uint64_t> fixed_;   // max(bank constraint, ready cycle)
    std::vector<uint32_t> group_;   // index of the bank group's constraint in the checker
    std::vector<Command> command_;  // the candidate's command
    // The tie-break after the cycle: priority << 62 | seq << bank_bits_ | bank index, so that
    // the smallest (cycle, order) is the earliest candidate, then column commands before
    // others, the oldest request and the lowest bank index. Refresh counts as order 0,
    // before all. Seq stays below 2^(62 - bank_bits_), over 10^15 requests.
    std::vector<uint64_t> order_;
    uint32_t bank_bits_ = 0;
    uint64_t earliest_due_ = 0;  // the earliest refresh_due of the ranks
    CompletionQueue completions_;
    std::vector<TraceEntry> trace_;
    ControllerStats stats_;
    uint64_t now_ps_ = 0;
    uint64_t now_cycle_ = 0;  // to_cycle_ceil(now_ps_): no command issues before it
    // The last time next_event_time() answered (or advance_until_accept() went to), and its
    // cycle (to_cycle_ceil(event_ps_)): set_now() to it needs no division.
    uint64_t event_ps_ = 0, event_cycle_ = 0;
    uint64_t next_seq_ = 0;
    Decision next_;            // cached decision, when next_valid_ and has_next_
    uint64_t next_order_ = 0;  // its order_ (0 for refresh)
    bool has_next_ = false;
    bool next_valid_ = false;
};

}  // namespace accelvp::dram
