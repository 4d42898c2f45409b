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
#pragma once

#include <cstdint>
#include <deque>
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
    // Time of the next command or completion (refresh included, even when idle).
    std::optional<uint64_t> next_event_time();
    // Issues every command due at or before time_ps and appends, in time order, the
    // completions due by then.
    void advance_to(uint64_t time_ps, std::vector<Completion>& done);
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
    struct Entry {
        Request request;
        DramAddress address;
        uint64_t ready_cycle = 0;
        uint64_t seq = 0;
        uint64_t first_command_cycle = UINT64_MAX;
        bool activated = false, precharged = false;
        uint32_t bypassed = 0;
    };
    struct Candidate {
        Command command = Command::ACT;
        uint32_t bank = 0;  // bank index (for PREA/REF: any bank of the rank)
        int entry = -1;     // position in the bank's queue, -1 for refresh and closed-page PRE
        uint64_t cycle = 0;
        int priority = 0;  // 0 refresh, 1 column command, 2 other
        uint64_t seq = 0;
        uint64_t ready = 0;  // the request's ready cycle (refresh: the due cycle)
    };
    struct Bank {
        BankAddress address;
        TimingChecker::Slots slots;  // where the checker keeps this bank's constraints
        bool open = false;
        bool close_pending = false;  // closed page policy: precharge after the access
        uint32_t row = 0;
        std::vector<uint32_t> queue;  // this bank's requests (pool indices), in arrival order
        uint32_t starving = 0;        // queued requests bypassed starvation_cap times
        // The scheduler's choice for this bank (which request, which command), kept until
        // the bank's state or queue changes; its cycle is recomputed at every decision.
        bool choice_valid = false;
        int chosen = 0;
        Command chosen_command = Command::ACT;
        // The bank's candidate (its cycle as of when it was made), kept like the choice.
        bool slot_valid = false;
        bool has_slot = false;
        Candidate slot;
    };
    // What pick() reads of a bank's candidate, packed so that the scan over the banks is a
    // short loop without unpredictable branches.
    // Of the four scopes' constraints, the bank's own cannot change while the candidate
    // stands (a command to the bank replaces it), so it is folded in with the request's
    // ready cycle; the bank group's is looked up; the rank's and channel's are the same for
    // every bank of a rank and are worked out once per decision.
    struct Hot {
        uint64_t fixed = 0;   // max(bank-scope constraint, ready cycle)
        uint64_t order = 0;   // priority << 56 | seq (seq < 2^56): the tie-break after the cycle
        uint32_t group = 0;   // index of the bank group's constraint in the checker's table
        uint32_t shared = 0;  // rank * kCommandCount + command, into pick()'s shared_
    };
    struct Rank {
        uint64_t refresh_due = 0;  // cycle
        uint32_t open_banks = 0;
        uint64_t active_since = 0;
    };

    // The next decision into `best`; false if there is none.
    bool pick(Candidate& best);
    static bool before(const Candidate& a, const Candidate& b);
    void consider(bool& found, Candidate& best, const Candidate& c) const;
    void invalidate(Bank& bank) {
        bank.choice_valid = bank.slot_valid = false;
        const size_t b = &bank - banks_.data();
        candidates_[b / 64] &= ~(uint64_t{1} << (b % 64));
        stale_[b / 64] |= uint64_t{1} << (b % 64);
    }
    void choose(Bank& bank);
    // The candidate command of bank b into `c`, without its cycle (false if the bank has
    // nothing to do or must wait).
    bool bank_candidate(uint32_t b, uint64_t oldest_seq, Candidate& c);
    // Makes bank b's candidate again (slot, hot_, candidates_).
    void refresh_slot(uint32_t b, uint64_t oldest_seq);
    void update_active(uint32_t b);
    void issue(const Candidate& c);
    void issue_command(const Candidate& c, Bank& bank, Entry* e);
    void open_bank(Bank& bank, uint32_t row, uint64_t cycle);
    void close_bank(Bank& bank, uint64_t cycle);
    void set_now(uint64_t time_ps);
    uint64_t to_ps(uint64_t cycle) const { return cycle * spec_.timing.tCK_ps; }
    uint64_t to_cycle_ceil(uint64_t ps) const {
        return (ps + spec_.timing.tCK_ps - 1) / spec_.timing.tCK_ps;
    }

    DramSpec spec_;
    ControllerConfig config_;
    uint32_t channel_;
    AddressMapping mapping_;
    TimingTable table_;
    TimingChecker checker_;
    std::vector<Bank> banks_;
    std::vector<Rank> ranks_;
    std::vector<Entry> pool_;     // queue_depth requests
    std::vector<uint32_t> free_;  // unused pool entries
    uint32_t queued_ = 0;
    // Banks with queued requests or a pending precharge, one bit each.
    std::vector<uint64_t> active_;
    // Banks whose candidate is valid and exists (so hot_ holds it), one bit each.
    std::vector<uint64_t> candidates_;
    // Banks whose candidate is out of date, one bit each.
    std::vector<uint64_t> stale_;
    std::vector<Hot> hot_;                // by bank
    std::vector<uint64_t> shared_;        // per rank and command: max(rank, channel, now)
    uint32_t banks_per_rank_shift_ = 0;   // log2(banks per rank), a power of two
    std::deque<Completion> completions_;  // by done_ps
    std::vector<TraceEntry> trace_;
    ControllerStats stats_;
    uint64_t now_ps_ = 0;
    uint64_t now_cycle_ = 0;  // to_cycle_ceil(now_ps_): no command issues before it
    uint64_t next_seq_ = 0;
    Candidate next_;  // cached decision, when next_valid_ and has_next_
    bool has_next_ = false;
    bool next_valid_ = false;
};

}  // namespace accelvp::dram
