#include "ip/dram/characterize.h"

#include <time.h>

#include <optional>
#include <vector>

#include "ip/dram/block_mt19937_64.h"

namespace accelvp::dram {
namespace {

double process_cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

struct IdleLatency {
    double device_ns = 0, controller_ns = 0, transfer_ns = 0;
};

// Runs the controller until request `id` completes; returns its completion.
Completion run_until(ChannelController& ctl, uint64_t id) {
    std::vector<Completion> done;
    while (auto t = ctl.next_event_time()) {
        ctl.advance_to(*t, done);
        for (const Completion& c : done)
            if (c.id == id) return c;
        done.clear();
    }
    return {};
}

// One read at 1 µs into an idle controller, after an optional read at time 0 that leaves
// a row open in the same bank (`setup_row`). Both fall before the first refresh.
IdleLatency idle_read(const DramSpec& spec, const ControllerConfig& config,
                      std::optional<uint32_t> setup_row, uint32_t row, uint32_t column) {
    ChannelController ctl(spec, config);
    const AddressMapping& map = ctl.mapping();
    DramAddress a;
    if (setup_row) {
        a.row = *setup_row;
        ctl.submit({1, map.encode(a), false, 0});
        run_until(ctl, 1);
    }
    a.row = row;
    a.column = column;
    const uint64_t at_ps = 1'000'000;
    std::vector<Completion> ignored;
    ctl.advance_to(at_ps - 1, ignored);
    ctl.submit({2, map.encode(a), false, at_ps});
    const Completion c = run_until(ctl, 2);
    IdleLatency l;
    l.device_ns = (c.data_start_ps - c.first_command_ps) / 1000.0;
    l.transfer_ns = (c.data_end_ps - c.data_start_ps) / 1000.0;
    l.controller_ns = ((c.done_ps - c.arrival_ps) - (c.data_end_ps - c.first_command_ps)) / 1000.0;
    return l;
}

// Keeps the queue full with next(i) -> (address, is_write) for n requests; returns the
// bandwidth in GB/s from time 0 to the end of the last burst.
template <typename Next>
double stream(const DramSpec& spec, const ControllerConfig& config, uint64_t n, Next&& next) {
    ChannelController ctl(spec, config);
    std::vector<Completion> done;
    uint64_t submitted = 0, completed = 0, now = 0, last_end = 0;
    while (completed < n) {
        while (submitted < n && ctl.can_accept()) {
            const auto [address, is_write] = next(submitted);
            ctl.submit({submitted, address, is_write, now});
            ++submitted;
        }
        if (submitted < n) {  // the next request goes in when a place frees
            ctl.advance_until_accept(done);
            now = ctl.now_ps();
        } else {  // the last requests drain
            now = *ctl.next_event_time();
            ctl.advance_to(now, done);
        }
        completed += done.size();
        for (const Completion& c : done) last_end = std::max(last_end, c.data_end_ps);
        done.clear();
    }
    return static_cast<double>(n) * spec.org.burst_bytes() / (last_end / 1000.0);
}

}  // namespace

CharacterizationResult characterize(const DramSpec& spec, const CharacterizationOptions& options) {
    CharacterizationResult r;
    r.preset = spec.name;
    ControllerConfig config = options.controller;
    config.trace_commands = false;

    const uint32_t burst = spec.org.burst_length;
    const IdleLatency hit = idle_read(spec, config, 5, 5, burst);
    const IdleLatency closed = idle_read(spec, config, std::nullopt, 5, 0);
    const IdleLatency conflict = idle_read(spec, config, 5, 6, 0);
    r.latency_row_hit_ns = hit.device_ns;
    r.latency_closed_ns = closed.device_ns;
    r.latency_conflict_ns = conflict.device_ns;
    r.controller_latency_ns = hit.controller_ns;
    r.transfer_ns = hit.transfer_ns;

    const uint64_t n = options.transactions;
    const uint64_t burst_bytes = spec.org.burst_bytes();
    const AddressMapping map(config.address_mapping, spec.org);
    const uint64_t capacity = map.capacity_bytes() / spec.org.channels;  // channel 0 only
    // Host time of each stream, and of all three: the CPU time of this process, which is the
    // wall time on an idle host and leaves out the waits for a core on a shared one (the
    // characterisation is single-threaded and does no I/O).
    auto rate = [n](double from) {
        const double s = process_cpu_seconds() - from;
        return s > 0 ? n / s : 0;
    };
    const double start = process_cpu_seconds();

    double lap = process_cpu_seconds();
    r.seq_read_gbs = stream(spec, config, n, [&](uint64_t i) {
        return std::pair{(i * burst_bytes) & (capacity - 1), false};
    });
    r.seq_read_tps = rate(lap);

    lap = process_cpu_seconds();
    BlockMt19937_64 rng(options.seed);  // std::mt19937_64's numbers, drawn faster
    const Organisation& o = spec.org;
    const uint32_t banks = o.ranks * o.banks_per_rank();
    std::vector<uint32_t> last_row(banks, UINT32_MAX);
    // The counts are powers of two (DramSpec checks it): a mask is the remainder. Worked out
    // here, once: in the generator they would be again at every request.
    const uint32_t rank_mask = o.ranks - 1, group_mask = o.bank_groups - 1,
                   bank_mask = o.banks_per_group - 1, column_mask = o.columns / burst - 1,
                   row_mask = o.rows - 1;
    r.random_read_gbs = stream(spec, config, n, [&](uint64_t) {
        DramAddress a;
        a.rank = rng() & rank_mask;
        a.bank_group = rng() & group_mask;
        a.bank = rng() & bank_mask;
        a.column = (rng() & column_mask) * burst;
        uint32_t& last =
            last_row[(a.rank * o.bank_groups + a.bank_group) * o.banks_per_group + a.bank];
        do a.row = rng() & row_mask;
        while (a.row == last);  // a different row each time: every read needs an activate
        last = a.row;
        return std::pair{map.encode(a), false};
    });
    r.random_read_tps = rate(lap);

    lap = process_cpu_seconds();
    r.mixed_gbs = stream(spec, config, n, [&](uint64_t i) {
        const uint64_t k = i / 3;
        if (i % 3 == 2) return std::pair{(capacity / 2 + k * burst_bytes) & (capacity - 1), true};
        return std::pair{((2 * k + i % 3) * burst_bytes) & (capacity / 2 - 1), false};
    });
    r.mixed_tps = rate(lap);

    r.host_seconds = process_cpu_seconds() - start;
    r.transactions = 3 * n;
    r.transactions_per_host_second = r.host_seconds > 0 ? r.transactions / r.host_seconds : 0;
    r.peak_gbs = spec.peak_bytes_per_second() / 1e9;
    r.faw_bound_gbs = 4.0 * burst_bytes / (spec.timing.tFAW * spec.timing.tCK_ps / 1000.0);
    return r;
}

nlohmann::json CharacterizationResult::to_json() const {
    return {{"preset", preset},
            {"latency_ns",
             {{"row_hit", latency_row_hit_ns},
              {"closed", latency_closed_ns},
              {"conflict", latency_conflict_ns}}},
            {"controller_latency_ns", controller_latency_ns},
            {"transfer_ns", transfer_ns},
            {"bandwidth_gbs",
             {{"seq_read", seq_read_gbs}, {"random_read", random_read_gbs}, {"mixed", mixed_gbs}}},
            {"peak_gbs", peak_gbs},
            {"faw_bound_gbs", faw_bound_gbs},
            {"transactions", transactions},
            {"host_seconds", host_seconds},
            {"transactions_per_host_second", transactions_per_host_second},
            {"stream_transactions_per_host_second",
             {{"seq_read", seq_read_tps}, {"random_read", random_read_tps}, {"mixed", mixed_tps}}}};
}

}  // namespace accelvp::dram
