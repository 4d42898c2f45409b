// Characterisation of a DRAM preset with built-in traffic generators driving one
// ChannelController: idle read latencies (row hit, closed bank, row conflict), sustained
// bandwidth of three closed-loop streams (the queue is kept full), the peak bandwidth, and the
// simulator's own speed. The simulated figures are deterministic (fixed random seed); only
// the host figures depend on the host. Host seconds are the process's CPU seconds (wall
// seconds on an idle host; on a shared one, without the time spent waiting for a core).
//
// Latency split: latency_ns (device) runs from the first command the access needs (RD, ACT
// or PRE) to its first data beat, as the reference figures count it (CL, tRCD + CL,
// tRP + tRCD + CL); transfer_ns is the burst itself (BL/2 cycles); controller_latency_ns is
// what the controller adds on top (front end, back end), so that arrival to completion =
// controller + device + transfer.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "ip/dram/channel_controller.h"
#include "ip/dram/dram_spec.h"

namespace accelvp::dram {

struct CharacterizationOptions {
    uint64_t transactions = 200000;  // per bandwidth stream
    ControllerConfig controller;     // default: open page, FR-FCFS, queue of 32
    uint64_t seed = 1;
};

struct CharacterizationResult {
    std::string preset;
    double latency_row_hit_ns = 0, latency_closed_ns = 0, latency_conflict_ns = 0;
    double controller_latency_ns = 0;
    double transfer_ns = 0;
    double seq_read_gbs = 0;     // consecutive bursts
    double random_read_gbs = 0;  // random rows, every read needs an activate
    double mixed_gbs = 0;        // two sequential read streams per sequential write stream
    double peak_gbs = 0;
    double faw_bound_gbs = 0;   // tFAW limit of random activates: 4 bursts per tFAW
    uint64_t transactions = 0;  // simulated by the bandwidth streams
    double host_seconds = 0;
    double transactions_per_host_second = 0;  // all three streams
    // Each stream on its own (host-dependent like the above).
    double seq_read_tps = 0, random_read_tps = 0, mixed_tps = 0;

    nlohmann::json to_json() const;
};

CharacterizationResult characterize(const DramSpec& spec,
                                    const CharacterizationOptions& options = {});

}  // namespace accelvp::dram
