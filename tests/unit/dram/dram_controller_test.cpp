// The channel controller: idle timing of one request, scheduling (FR-FCFS, its starvation
// cap, FCFS), refresh, a replay of a long command trace against the timing table, and the
// same decisions as a scheduler written for clarity rather than speed (driven event by
// event, and kept full with advance_until_accept()).
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "ip/dram/channel_controller.h"
#include "ip/dram/timing_checker.h"
#include "ip/dram/timing_table.h"

using namespace accelvp::dram;

namespace {

DramSpec preset(const std::string& name) {
    return DramSpec::load(std::string(ACCELVP_SOURCE_DIR) + "/platform/presets/dram/" + name +
                          ".json");
}

constexpr uint64_t kTck = 625;  // DDR4-3200, ps

// Runs until the controller has nothing left in flight; returns the completions in order.
std::vector<Completion> drain(ChannelController& ctl) {
    std::vector<Completion> done;
    while (ctl.busy()) ctl.advance_to(*ctl.next_event_time(), done);
    return done;
}

std::vector<uint64_t> ids(const std::vector<Completion>& done) {
    std::vector<uint64_t> out;
    for (const Completion& c : done) out.push_back(c.id);
    return out;
}

uint64_t address(const ChannelController& ctl, uint32_t bank, uint32_t row, uint32_t column = 0,
                 uint32_t bank_group = 0) {
    DramAddress a;
    a.bank = bank;
    a.bank_group = bank_group;
    a.row = row;
    a.column = column;
    return ctl.mapping().encode(a);
}

// The rules of channel_controller.h, written for clarity: every decision looks at every bank
// afresh and asks a TimingChecker, nothing is cached. The controller is optimised (cached
// choices, candidates kept between decisions, ...); it must make exactly these decisions.
class ReferenceController {
public:
    ReferenceController(const DramSpec& spec, const ControllerConfig& config)
        : spec_(spec),
          config_(config),
          mapping_(config.address_mapping, spec.org),
          table_(build_timing_table(spec)),
          checker_(table_, spec.org),
          banks_(spec.org.ranks * spec.org.banks_per_rank()),
          refresh_due_(spec.org.ranks, config.refresh ? spec.timing.tREFI : UINT64_MAX) {}

    bool can_accept() const { return queued_ < config_.queue_depth; }
    void submit(const Request& r) {
        Queued q;
        q.id = r.id;
        q.is_write = r.is_write;
        q.arrival_ps = std::max(r.arrival_ps, now_ps_);
        q.address = mapping_.decode(r.address);
        q.ready = ceil_cycle(q.arrival_ps) + config_.frontend_cycles;
        q.seq = next_seq_++;
        banks_[index(q.address.rank, q.address.bank_group, q.address.bank)].queue.push_back(q);
        ++queued_;
    }
    std::optional<uint64_t> next_event_time() const {
        std::optional<uint64_t> t;
        if (const std::optional<Decision> d = decide()) t = d->cycle * tck();
        if (!completions_.empty())
            t = t ? std::min(*t, completions_.front().done_ps) : completions_.front().done_ps;
        return t;
    }
    void advance_to(uint64_t time_ps, std::vector<Completion>& done) {
        for (std::optional<Decision> d = decide(); d && d->cycle * tck() <= time_ps; d = decide())
            issue(*d);
        while (!completions_.empty() && completions_.front().done_ps <= time_ps) {
            done.push_back(completions_.front());
            completions_.erase(completions_.begin());
        }
        if (time_ps > now_ps_) now_ps_ = time_ps;
    }
    const std::vector<TraceEntry>& trace() const { return trace_; }

private:
    struct Queued {
        uint64_t id = 0, arrival_ps = 0, ready = 0, seq = 0, first_command = UINT64_MAX;
        DramAddress address;
        bool is_write = false, activated = false, precharged = false;
        uint32_t bypassed = 0;
    };
    struct Bank {
        bool open = false, close_pending = false;
        uint32_t row = 0;
        std::vector<Queued> queue;  // in arrival order
    };
    struct Decision {
        uint64_t cycle;
        int priority;  // 0 refresh, 1 column command, 2 other
        uint64_t seq;
        Command command;
        uint32_t bank;  // for refresh: the rank's first bank
        int request;    // position in the bank's queue, -1 for none
    };

    uint64_t tck() const { return spec_.timing.tCK_ps; }
    uint64_t ceil_cycle(uint64_t ps) const { return (ps + tck() - 1) / tck(); }
    uint64_t now_cycle() const { return ceil_cycle(now_ps_); }
    uint32_t per_rank() const { return spec_.org.banks_per_rank(); }
    uint32_t index(uint32_t rank, uint32_t group, uint32_t bank) const {
        return (rank * spec_.org.bank_groups + group) * spec_.org.banks_per_group + bank;
    }
    BankAddress address(uint32_t b) const {
        return {b / per_rank(), b % per_rank() / spec_.org.banks_per_group,
                b % spec_.org.banks_per_group};
    }
    // FR-FCFS: a request bypassed starvation_cap times, else the oldest row hit, else the
    // oldest. FCFS: the oldest.
    int choose(const Bank& bank) const {
        if (config_.scheduler == SchedulerPolicy::Fcfs) return 0;
        for (size_t i = 0; i < bank.queue.size(); ++i)
            if (bank.queue[i].bypassed >= config_.starvation_cap) return static_cast<int>(i);
        if (bank.open)
            for (size_t i = 0; i < bank.queue.size(); ++i)
                if (bank.queue[i].address.row == bank.row) return static_cast<int>(i);
        return 0;
    }
    std::optional<Decision> decide() const {
        std::optional<Decision> best;
        auto consider = [&](const Decision& c) {
            // Refresh is never postponed: from its due cycle nothing else goes to the rank.
            if (c.priority != 0 && c.cycle >= refresh_due_[c.bank / per_rank()]) return;
            if (!best || std::tie(c.cycle, c.priority, c.seq) <
                             std::tie(best->cycle, best->priority, best->seq))
                best = c;
        };
        for (uint32_t r = 0; r < refresh_due_.size(); ++r) {
            if (refresh_due_[r] == UINT64_MAX) continue;
            bool open = false;
            for (uint32_t b = r * per_rank(); b < (r + 1) * per_rank(); ++b) open |= banks_[b].open;
            const Command command = open ? Command::PREA : Command::REF;
            const uint64_t cycle =
                std::max({checker_.earliest(command, {r, 0, 0}), refresh_due_[r], now_cycle()});
            consider({cycle, 0, 0, command, r * per_rank(), -1});
        }
        uint64_t oldest = UINT64_MAX;  // FCFS: only the oldest request's column command
        if (config_.scheduler == SchedulerPolicy::Fcfs)
            for (const Bank& bank : banks_)
                if (!bank.queue.empty()) oldest = std::min(oldest, bank.queue.front().seq);
        for (uint32_t b = 0; b < banks_.size(); ++b) {
            const Bank& bank = banks_[b];
            if (bank.close_pending) {
                consider({std::max(checker_.earliest(Command::PRE, address(b)), now_cycle()), 2, 0,
                          Command::PRE, b, -1});
                continue;
            }
            if (bank.queue.empty()) continue;
            const int i = choose(bank);
            const Queued& q = bank.queue[i];
            const Command command = !bank.open                  ? Command::ACT
                                    : bank.row != q.address.row ? Command::PRE
                                    : q.is_write                ? Command::WR
                                                                : Command::RD;
            const bool column = command == Command::RD || command == Command::WR;
            if (column && oldest != UINT64_MAX && q.seq != oldest) continue;
            consider({std::max({checker_.earliest(command, address(b)), q.ready, now_cycle()}),
                      column ? 1 : 2, q.seq, command, b, i});
        }
        return best;
    }
    void issue(const Decision& d) {
        Bank& bank = banks_[d.bank];
        Queued* q = d.request >= 0 ? &bank.queue[d.request] : nullptr;
        if (q && q->first_command == UINT64_MAX) q->first_command = d.cycle;
        const BankAddress a = address(d.bank);
        checker_.record(d.command, a, d.cycle);
        trace_.push_back({d.cycle, d.cycle * tck(), d.command, a.rank, a.bank_group, a.bank,
                          q ? q->address.row : 0, q ? q->address.column : 0});
        switch (d.command) {
            case Command::ACT:
                bank.open = true;
                bank.row = q->address.row;
                q->activated = true;
                break;
            case Command::PRE:
                bank.open = bank.close_pending = false;
                if (q) q->precharged = true;
                break;
            case Command::PREA:
                for (uint32_t b = d.bank; b < d.bank + per_rank(); ++b)
                    banks_[b].open = banks_[b].close_pending = false;
                break;
            case Command::REF:
                refresh_due_[a.rank] += spec_.timing.tREFI;
                break;
            case Command::RD:
            case Command::WR: {
                const Timing& t = spec_.timing;
                const uint64_t start = d.cycle + (q->is_write ? t.CWL : t.CL);
                const uint64_t end = start + table_.burst_cycles;
                Completion c;
                c.id = q->id;
                c.is_write = q->is_write;
                c.arrival_ps = q->arrival_ps;
                c.first_command_ps = q->first_command * tck();
                c.data_start_ps = start * tck();
                c.data_end_ps = end * tck();
                c.done_ps = (end + config_.backend_cycles) * tck();
                auto pos = completions_.end();
                while (pos != completions_.begin() && std::prev(pos)->done_ps > c.done_ps) --pos;
                completions_.insert(pos, c);
                for (int i = 0; i < d.request; ++i)
                    if (bank.queue[i].address.row != q->address.row) ++bank.queue[i].bypassed;
                if (config_.page_policy == PagePolicy::Closed) bank.close_pending = true;
                bank.queue.erase(bank.queue.begin() + d.request);
                --queued_;
                break;
            }
        }
    }

    DramSpec spec_;
    ControllerConfig config_;
    AddressMapping mapping_;
    TimingTable table_;
    TimingChecker checker_;
    std::vector<Bank> banks_;
    std::vector<uint64_t> refresh_due_;    // per rank, cycle
    std::vector<Completion> completions_;  // by done_ps
    std::vector<TraceEntry> trace_;
    uint32_t queued_ = 0;
    uint64_t next_seq_ = 0, now_ps_ = 0;
};

TEST(DramController, OneReadToAClosedBank) {
    ControllerConfig config;
    config.trace_commands = true;
    ChannelController ctl(preset("ddr4-3200"), config);
    ASSERT_TRUE(ctl.submit({7, address(ctl, 0, 3), false, 100 * kTck}));
    const std::vector<Completion> done = drain(ctl);
    ASSERT_EQ(done.size(), 1u);
    const Completion& c = done[0];
    EXPECT_EQ(c.id, 7u);
    // Front end 2, ACT, tRCD 22, RD, CL 22, burst 4, back end 2.
    EXPECT_EQ(c.first_command_ps, (100 + 2) * kTck);
    EXPECT_EQ(c.data_start_ps, (100 + 2 + 22 + 22) * kTck);
    EXPECT_EQ(c.data_end_ps, (100 + 2 + 22 + 22 + 4) * kTck);
    EXPECT_EQ(c.done_ps, (100 + 2 + 22 + 22 + 4 + 2) * kTck);
    ASSERT_EQ(ctl.trace().size(), 2u);
    EXPECT_EQ(ctl.trace()[0].command, Command::ACT);
    EXPECT_EQ(ctl.trace()[0].row, 3u);
    EXPECT_EQ(ctl.trace()[1].command, Command::RD);
    EXPECT_EQ(ctl.stats().row_misses, 1u);
}

TEST(DramController, RowHitMissAndConflictAreCounted) {
    ChannelController ctl(preset("ddr4-3200"), {});
    ctl.submit({1, address(ctl, 0, 3), false, 0});
    ctl.submit({2, address(ctl, 0, 3, 8), true, 0});
    ctl.submit({3, address(ctl, 0, 4), false, 0});
    drain(ctl);
    const ControllerStats& s = ctl.stats();
    EXPECT_EQ(s.row_misses, 1u);
    EXPECT_EQ(s.row_hits, 1u);
    EXPECT_EQ(s.row_conflicts, 1u);
    EXPECT_EQ(s.reads, 2u);
    EXPECT_EQ(s.writes, 1u);
    EXPECT_EQ(s.bytes_read, 128u);
    EXPECT_EQ(s.bytes_written, 64u);
    EXPECT_EQ(s.data_bus_busy_cycles, 12u);
    EXPECT_EQ(s.commands[static_cast<int>(Command::ACT)], 2u);
    EXPECT_EQ(s.commands[static_cast<int>(Command::PRE)], 1u);
}

TEST(DramController, FullQueueRefusesRequests) {
    ControllerConfig config;
    config.queue_depth = 4;
    ChannelController ctl(preset("ddr4-3200"), config);
    for (uint64_t i = 0; i < 4; ++i)
        EXPECT_TRUE(ctl.submit({i, address(ctl, 0, uint32_t(i)), false, 0}));
    EXPECT_FALSE(ctl.can_accept());
    EXPECT_FALSE(ctl.submit({9, 0, false, 0}));
    EXPECT_EQ(drain(ctl).size(), 4u);
}

TEST(DramController, ClosedPagePolicyPrechargesAfterEachAccess) {
    ControllerConfig config;
    config.page_policy = PagePolicy::Closed;
    config.trace_commands = true;
    ChannelController ctl(preset("ddr4-3200"), config);
    ctl.submit({1, address(ctl, 0, 3), false, 0});
    ctl.submit({2, address(ctl, 0, 3, 8), false, 0});
    drain(ctl);
    std::vector<Completion> done;
    ctl.advance_to(ctl.now_ps() + 1'000'000, done);  // the last precharge follows the data
    std::vector<Command> commands;
    for (const TraceEntry& t : ctl.trace()) commands.push_back(t.command);
    const std::vector<Command> expected = {Command::ACT, Command::RD, Command::PRE,
                                           Command::ACT, Command::RD, Command::PRE};
    EXPECT_EQ(commands, expected);
    EXPECT_EQ(ctl.stats().row_hits, 0u);
}

TEST(DramController, AddressOfAnotherChannelIsRefused) {
    DramSpec spec = preset("ddr4-3200");
    spec.org.channels = 2;
    ChannelController ctl(spec, {}, 0);
    EXPECT_THROW(ctl.submit({1, 64, false, 0}), std::invalid_argument);  // ch is the low bit
    EXPECT_TRUE(ctl.submit({1, 128, false, 0}));
}

TEST(DramController, ConfigFromJson) {
    const ControllerConfig c = ControllerConfig::from_json(
        {{"queue_depth", 8}, {"scheduler", "fcfs"}, {"page_policy", "closed"}}, "board.json");
    EXPECT_EQ(c.queue_depth, 8u);
    EXPECT_EQ(c.scheduler, SchedulerPolicy::Fcfs);
    EXPECT_EQ(c.page_policy, PagePolicy::Closed);
    try {
        ControllerConfig::from_json({{"scheduler", "lifo"}}, "board.json");
        ADD_FAILURE();
    } catch (const DramConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("'scheduler'"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("board.json"), std::string::npos);
    }
    EXPECT_THROW(ControllerConfig::from_json({{"queue_depht", 8}}, "b"), DramConfigError);
    EXPECT_THROW(ControllerConfig::from_json({{"queue_depth", 0}}, "b"), DramConfigError);
}

// A bank holds row 5 open; then a conflicting request (row 6) arrives just before a row hit.
std::vector<uint64_t> conflict_then_hit(SchedulerPolicy policy) {
    ControllerConfig config;
    config.scheduler = policy;
    ChannelController ctl(preset("ddr4-3200"), config);
    ctl.submit({1, address(ctl, 0, 5), false, 0});
    drain(ctl);
    ctl.submit({2, address(ctl, 0, 6), false, 1'000'000});
    ctl.submit({3, address(ctl, 0, 5, 8), false, 1'000'000});
    return ids(drain(ctl));
}

TEST(DramScheduler, FrFcfsServesRowHitsFirst) {
    EXPECT_EQ(conflict_then_hit(SchedulerPolicy::FrFcfs), (std::vector<uint64_t>{3, 2}));
}

TEST(DramScheduler, FcfsServesInArrivalOrder) {
    EXPECT_EQ(conflict_then_hit(SchedulerPolicy::Fcfs), (std::vector<uint64_t>{2, 3}));
}

TEST(DramScheduler, FcfsCompletesEverythingInArrivalOrder) {
    ControllerConfig config;
    config.scheduler = SchedulerPolicy::Fcfs;
    ChannelController ctl(preset("ddr4-3200"), config);
    std::mt19937_64 rng(3);
    std::vector<uint64_t> expected;
    std::vector<Completion> done;
    uint64_t now = 0;
    for (uint64_t id = 0; id < 500; ++id) {
        while (!ctl.can_accept()) {
            now = *ctl.next_event_time();
            ctl.advance_to(now, done);
        }
        ctl.submit({id, address(ctl, rng() % 4, rng() % 3, (rng() % 4) * 8, rng() % 2),
                    rng() % 3 == 0, now});
        expected.push_back(id);
    }
    while (ctl.busy()) ctl.advance_to(*ctl.next_event_time(), done);
    EXPECT_EQ(ids(done), expected);
}

// Row 5 open; one request for row 6, then `hits` row hits, all at once.
std::vector<uint64_t> starvation(uint32_t cap, int hits) {
    ControllerConfig config;
    config.starvation_cap = cap;
    config.queue_depth = 64;
    ChannelController ctl(preset("ddr4-3200"), config);
    ctl.submit({1, address(ctl, 0, 5), false, 0});
    drain(ctl);
    ctl.submit({1000, address(ctl, 0, 6), false, 1'000'000});
    for (int i = 0; i < hits; ++i)
        ctl.submit({uint64_t(i), address(ctl, 0, 5, 8 * (i % 128)), false, 1'000'000});
    return ids(drain(ctl));
}

TEST(DramScheduler, StarvationCapLimitsBypassingRowHits) {
    const std::vector<uint64_t> order = starvation(4, 20);
    const auto pos = std::find(order.begin(), order.end(), 1000u) - order.begin();
    EXPECT_EQ(pos, 4);  // exactly `cap` row hits went ahead of it
}

TEST(DramScheduler, WithoutTheCapRowHitsStarveTheConflict) {
    const std::vector<uint64_t> order = starvation(1000, 20);
    EXPECT_EQ(order.back(), 1000u);
}

TEST(DramRefresh, IdleRefreshEveryTrefi) {
    ControllerConfig config;
    config.trace_commands = true;
    ChannelController ctl(preset("ddr4-3200"), config);
    std::vector<Completion> done;
    ctl.advance_to(10 * 12480 * kTck + 1, done);
    ASSERT_EQ(ctl.trace().size(), 10u);
    for (size_t k = 0; k < 10; ++k) {
        EXPECT_EQ(ctl.trace()[k].command, Command::REF);
        EXPECT_EQ(ctl.trace()[k].cycle, (k + 1) * 12480);
    }
    EXPECT_EQ(*ctl.next_event_time(), 11 * 12480 * kTck);
}

TEST(DramRefresh, NothingGoesToTheRankFromDueTimeUntilTrfcAfterRef) {
    ControllerConfig config;
    config.trace_commands = true;
    ChannelController ctl(preset("ddr4-3200"), config);
    std::vector<Completion> done;
    std::mt19937_64 rng(5);
    uint64_t now = 0, id = 0;
    const uint64_t end = 6 * 12480 * kTck;
    while (now < end) {
        while (ctl.can_accept())
            ctl.submit({id++, (rng() % (uint64_t(1) << 24)) & ~uint64_t{63}, rng() % 4 == 0, now});
        now = *ctl.next_event_time();
        ctl.advance_to(now, done);
    }
    const std::vector<TraceEntry>& trace = ctl.trace();
    int refreshes = 0;
    for (size_t i = 0; i < trace.size(); ++i) {
        if (trace[i].command != Command::REF) continue;
        ++refreshes;
        const uint64_t due = uint64_t(refreshes) * 12480;
        EXPECT_GE(trace[i].cycle, due);
        // Between the due cycle and the REF: only the precharge-all.
        for (size_t j = 0; j < i; ++j) {
            if (trace[j].cycle >= due) {
                EXPECT_EQ(trace[j].command, Command::PREA) << "cycle " << trace[j].cycle;
            }
        }
        // No command to the rank during tRFC.
        if (i + 1 < trace.size()) {
            EXPECT_GE(trace[i + 1].cycle, trace[i].cycle + 576);
        }
        // The REF follows its due time closely (only the banks' closing delays it).
        EXPECT_LE(trace[i].cycle, due + 52 + 44 + 22);
    }
    EXPECT_EQ(refreshes, 5);
    EXPECT_GT(id, 1000u);
}

TEST(DramRefresh, RefreshCanBeDisabled) {
    ControllerConfig config;
    config.refresh = false;
    ChannelController ctl(preset("ddr4-3200"), config);
    EXPECT_FALSE(ctl.next_event_time().has_value());
}

void expect_same_completions(const std::vector<Completion>& done,
                             const std::vector<Completion>& ref_done) {
    ASSERT_EQ(done.size(), ref_done.size());
    for (size_t i = 0; i < done.size(); ++i) {
        ASSERT_EQ(done[i].id, ref_done[i].id) << "completion " << i;
        ASSERT_EQ(done[i].arrival_ps, ref_done[i].arrival_ps);
        ASSERT_EQ(done[i].first_command_ps, ref_done[i].first_command_ps);
        ASSERT_EQ(done[i].data_start_ps, ref_done[i].data_start_ps);
        ASSERT_EQ(done[i].done_ps, ref_done[i].done_ps);
    }
}

void expect_same_trace(const ChannelController& ctl, const ReferenceController& ref) {
    ASSERT_EQ(ctl.trace().size(), ref.trace().size());
    for (size_t i = 0; i < ctl.trace().size(); ++i) {
        const TraceEntry &a = ctl.trace()[i], &b = ref.trace()[i];
        ASSERT_TRUE(a.cycle == b.cycle && a.command == b.command && a.rank == b.rank &&
                    a.bank_group == b.bank_group && a.bank == b.bank && a.row == b.row &&
                    a.column == b.column)
            << "command " << i << ": " << to_string(a.command) << " at " << a.cycle
            << ", reference " << to_string(b.command) << " at " << b.cycle;
    }
}

// Random traffic, through both controllers in the same calls: requests at odd times, runs to
// the next event or to any time, idle gaps. Few rows and a small starvation cap, so that
// row hits, conflicts and starving requests all occur.
void same_decisions(DramSpec spec, ControllerConfig config, uint32_t seed) {
    config.trace_commands = true;
    ChannelController ctl(spec, config);
    ReferenceController ref(spec, config);
    std::mt19937_64 rng(seed);
    std::vector<Completion> done, ref_done;
    uint64_t now = 0, id = 0;
    while (id < 3000 || ctl.busy()) {
        const uint32_t what = rng() % 8;
        if (what < 3 && id < 3000 && ctl.can_accept()) {
            ASSERT_TRUE(ref.can_accept());
            DramAddress a;
            a.rank = rng() % spec.org.ranks;
            a.bank_group = rng() % spec.org.bank_groups;
            a.bank = rng() % spec.org.banks_per_group;
            a.row = rng() % 3;
            a.column = (rng() % 8) * spec.org.burst_length;
            const uint64_t arrival = now + (rng() % 4 == 0 ? rng() % 20000 : 0);
            const Request r{id++, ctl.mapping().encode(a), rng() % 3 == 0, arrival};
            ASSERT_TRUE(ctl.submit(r));
            ref.submit(r);
        } else {
            const std::optional<uint64_t> t = ctl.next_event_time();
            ASSERT_EQ(t, ref.next_event_time());
            now = what < 6 && t ? std::max(now, *t) : now + rng() % (what == 7 ? 3'000'000 : 5000);
            ctl.advance_to(now, done);
            ref.advance_to(now, ref_done);
        }
        if (done.size() > 100) {  // compare as we go: a difference shows where it began
            ASSERT_NO_FATAL_FAILURE(expect_same_completions(done, ref_done));
            done.clear();
            ref_done.clear();
        }
    }
    ASSERT_NO_FATAL_FAILURE(expect_same_completions(done, ref_done));
    ASSERT_NO_FATAL_FAILURE(expect_same_trace(ctl, ref));
    EXPECT_GT(ctl.stats().commands[static_cast<int>(Command::REF)], 0u);
}

TEST(DramScheduler, SameDecisionsAsTheReferenceFrFcfs) {
    ControllerConfig config;
    config.starvation_cap = 2;
    same_decisions(preset("ddr4-3200"), config, 1);
    config.queue_depth = 4;
    same_decisions(preset("hbm2"), config, 2);
}

TEST(DramScheduler, SameDecisionsAsTheReferenceFcfsAndClosedPage) {
    ControllerConfig config;
    config.scheduler = SchedulerPolicy::Fcfs;
    same_decisions(preset("ddr4-3200"), config, 3);
    config.scheduler = SchedulerPolicy::FrFcfs;
    config.page_policy = PagePolicy::Closed;
    config.frontend_cycles = 0;
    same_decisions(preset("hbm2"), config, 4);
}

TEST(DramScheduler, SameDecisionsAsTheReferenceTwoRanks) {
    DramSpec spec = preset("ddr4-3200");
    spec.org.ranks = 2;
    ControllerConfig config;
    config.starvation_cap = 3;
    config.backend_cycles = 5;
    same_decisions(spec, config, 5);
    config.scheduler = SchedulerPolicy::Fcfs;
    config.page_policy = PagePolicy::Closed;
    same_decisions(spec, config, 6);
}

// A closed loop that keeps the queue full, as the characterisation drives the controller: with
// advance_until_accept(), against the reference driven event by event until a place frees.
// The requests go in at the same times, and the completions and commands are the same.
void same_decisions_kept_full(DramSpec spec, ControllerConfig config, uint32_t seed,
                              uint32_t rows) {
    config.trace_commands = true;
    ChannelController ctl(spec, config);
    ReferenceController ref(spec, config);
    std::mt19937_64 rng(seed);
    std::vector<Completion> done, ref_done;
    uint64_t ref_now = 0;
    for (uint64_t id = 0; id < 4000; ++id) {
        ctl.advance_until_accept(done);
        while (!ref.can_accept()) {
            ref_now = *ref.next_event_time();
            ref.advance_to(ref_now, ref_done);
        }
        ASSERT_EQ(ctl.now_ps(), ref_now) << "request " << id;
        DramAddress a;
        a.rank = rng() % spec.org.ranks;
        a.bank_group = rng() % spec.org.bank_groups;
        a.bank = rng() % spec.org.banks_per_group;
        a.row = rng() % rows;
        a.column = (rng() % 8) * spec.org.burst_length;
        const Request r{id, ctl.mapping().encode(a), rng() % 3 == 0, ref_now};
        ASSERT_TRUE(ctl.submit(r));
        ref.submit(r);
    }
    while (ctl.busy()) {  // the last requests drain, both to the same times
        const uint64_t t = *ctl.next_event_time();
        ctl.advance_to(t, done);
        ref.advance_to(t, ref_done);
    }
    ASSERT_NO_FATAL_FAILURE(expect_same_completions(done, ref_done));
    ASSERT_NO_FATAL_FAILURE(expect_same_trace(ctl, ref));
}

TEST(DramScheduler, KeptFullSameDecisionsAsTheReference) {
    ControllerConfig config;
    same_decisions_kept_full(preset("ddr4-3200"), config, 7, 1 << 16);  // every read activates
    config.starvation_cap = 2;
    same_decisions_kept_full(preset("hbm2"), config, 8, 3);
    config.scheduler = SchedulerPolicy::Fcfs;
    same_decisions_kept_full(preset("ddr4-3200"), config, 9, 3);
    config.scheduler = SchedulerPolicy::FrFcfs;
    config.page_policy = PagePolicy::Closed;
    config.queue_depth = 5;
    DramSpec two_ranks = preset("ddr4-3200");
    two_ranks.org.ranks = 2;
    same_decisions_kept_full(two_ranks, config, 10, 3);
}

TEST(DramController, AdvanceUntilAcceptReturnsAtOnceWithAPlaceFree) {
    ChannelController ctl(preset("ddr4-3200"), ControllerConfig{});
    ASSERT_TRUE(ctl.submit({1, address(ctl, 0, 5), false, 1000}));
    std::vector<Completion> done;
    ctl.advance_until_accept(done);
    EXPECT_EQ(ctl.now_ps(), 0u);
    EXPECT_TRUE(done.empty());
    EXPECT_EQ(drain(ctl).size(), 1u);
}

// The controller decodes addresses itself (for speed): as the mapping does, for every field.
TEST(DramController, DecodesAddressesAsTheMapping) {
    for (const char* mapping :
         {AddressMapping::kDefault, "ch-ra-bg-ba-ro-co", "ro-co-ba-bg-ra-ch"}) {
        DramSpec spec = preset("ddr4-3200");
        spec.org.ranks = 2;
        ControllerConfig config;
        config.address_mapping = mapping;
        config.trace_commands = true;
        config.refresh = false;
        ChannelController ctl(spec, config);
        std::mt19937_64 rng(7);
        std::vector<DramAddress> sent;
        std::vector<Completion> done;
        for (uint64_t id = 0; id < 200; ++id) {
            const uint64_t address = rng() % ctl.mapping().capacity_bytes();
            ASSERT_TRUE(ctl.submit({id, address, false, 0}));
            sent.push_back(ctl.mapping().decode(address));
            while (ctl.busy()) ctl.advance_to(*ctl.next_event_time(), done);
            const TraceEntry& rd = ctl.trace().back();
            ASSERT_EQ(rd.command, Command::RD);
            EXPECT_EQ(rd.rank, sent.back().rank) << mapping;
            EXPECT_EQ(rd.bank_group, sent.back().bank_group) << mapping;
            EXPECT_EQ(rd.bank, sent.back().bank) << mapping;
            EXPECT_EQ(rd.row, sent.back().row) << mapping;
            EXPECT_EQ(rd.column, sent.back().column) << mapping;
        }
        EXPECT_THROW(ctl.submit({999, ctl.mapping().capacity_bytes(), false, 0}),
                     std::out_of_range);
    }
}

// Replays a long trace of mixed random traffic through a fresh checker: every command is
// legal at its cycle (timing), every column command finds its row open (state).
void replay(const std::string& name, PagePolicy policy) {
    DramSpec spec = preset(name);
    spec.org.ranks = 2;
    ControllerConfig config;
    config.trace_commands = true;
    config.page_policy = policy;
    ChannelController ctl(spec, config);
    std::vector<Completion> done;
    std::mt19937_64 rng(11);
    uint64_t now = 0;
    for (uint64_t id = 0; id < 20000; ++id) {
        while (!ctl.can_accept()) {
            now = *ctl.next_event_time();
            ctl.advance_to(now, done);
        }
        // Few rows, so that hits, misses and conflicts all occur.
        DramAddress a;
        a.rank = rng() % 2;
        a.bank_group = rng() % spec.org.bank_groups;
        a.bank = rng() % spec.org.banks_per_group;
        a.row = rng() % 4;
        a.column = (rng() % 16) * spec.org.burst_length;
        ctl.submit({id, ctl.mapping().encode(a), rng() % 3 == 0, now});
    }
    while (ctl.busy()) ctl.advance_to(*ctl.next_event_time(), done);
    EXPECT_EQ(done.size(), 20000u);

    TimingChecker checker(ctl.timing_table(), spec.org);
    std::vector<int64_t> open_row(2 * spec.org.banks_per_rank(), -1);
    uint64_t last = 0;
    for (const TraceEntry& t : ctl.trace()) {
        const BankAddress b{t.rank, t.bank_group, t.bank};
        const size_t bank =
            (t.rank * spec.org.bank_groups + t.bank_group) * spec.org.banks_per_group + t.bank;
        ASSERT_TRUE(checker.can_issue(t.command, b, t.cycle))
            << to_string(t.command) << " at " << t.cycle << " earliest "
            << checker.earliest(t.command, b);
        ASSERT_GE(t.cycle, last);
        last = t.cycle;
        switch (t.command) {
            case Command::ACT:
                ASSERT_EQ(open_row[bank], -1);
                open_row[bank] = t.row;
                break;
            case Command::PRE:
                open_row[bank] = -1;
                break;
            case Command::PREA:
                for (uint32_t i = 0; i < spec.org.banks_per_rank(); ++i)
                    open_row[t.rank * spec.org.banks_per_rank() + i] = -1;
                break;
            case Command::REF:
                for (uint32_t i = 0; i < spec.org.banks_per_rank(); ++i)
                    ASSERT_EQ(open_row[t.rank * spec.org.banks_per_rank() + i], -1);
                break;
            case Command::RD:
            case Command::WR:
                ASSERT_EQ(open_row[bank], int64_t(t.row));
                break;
        }
        checker.record(t.command, b, t.cycle);
    }
    const ControllerStats& s = ctl.stats();
    EXPECT_GT(s.row_misses, 0u);
    if (policy == PagePolicy::Open) {
        EXPECT_GT(s.row_hits, 0u);
        EXPECT_GT(s.row_conflicts, 0u);
    } else {
        EXPECT_EQ(s.row_hits, 0u);
        EXPECT_EQ(s.row_conflicts, 0u);
    }
    EXPECT_GT(s.commands[static_cast<int>(Command::REF)], 0u);
}

TEST(DramController, Ddr4TraceReplaysLegallyOpenPage) {
    replay("ddr4-3200", PagePolicy::Open);
}
TEST(DramController, Ddr4TraceReplaysLegallyClosedPage) {
    replay("ddr4-3200", PagePolicy::Closed);
}
TEST(DramController, Hbm2TraceReplaysLegally) {
    replay("hbm2", PagePolicy::Open);
}

}  // namespace
