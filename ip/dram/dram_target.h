// A timed DRAM as a TLM-2.0 target: functional storage plus one ChannelController per
// channel that times every access.
//
// How requests from different initiators are ordered and timed. A b_transport is split into
// bursts (DramSpec::Organisation::burst_bytes()). Called from a SystemC thread (the normal
// case: the interconnect calls from its initiators' threads), the caller first waits out its
// local time offset, so every burst reaches its channel's controller at its true arrival
// time, in simulated-time order, whichever initiator sent it and however far ahead within its
// quantum that initiator had run. Each controller is driven by one SC_METHOD that wakes at
// the controller's next command or completion; the caller waits until its last burst
// completes and returns with no further delay. The FR-FCFS queue therefore holds the bursts
// of every initiator at once and reorders them as the hardware would; the cost of this
// accuracy is a context switch per transaction, which is why the CPU reaches the DRAM
// through DMI (untimed, see below). Bursts arriving at the same instant enter the queue in
// the order the kernel runs their threads (deterministic for a given design).
//
// Called from an SC_METHOD or outside the simulation (no thread to suspend), a transaction
// is served loosely timed instead: its bursts arrive at sc_time_stamp() + delay, the
// controller runs until they complete, and the delay returned ends at their completion.
//
// DMI, when enabled, hands out the storage: such accesses are untimed and uncounted (the
// loosely-timed trade-off for the CPU's speed, docs/dram.md). Debug transport reads and
// writes the storage untimed.
#pragma once

#include <tlm_utils/simple_target_socket.h>

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <systemc>
#include <tlm>
#include <unordered_map>
#include <vector>

#include "ip/common/tracer.h"
#include "ip/dram/channel_controller.h"
#include "ip/dram/dram_spec.h"
#include "ip/dram/energy.h"
#include "ip/memory/backing_store.h"

namespace accelvp {

struct DramTargetConfig {
    dram::ControllerConfig controller;
    uint64_t size = 0;         // bytes of storage from address 0; 0: the whole capacity
    bool dmi = false;          // grant DMI (untimed) to initiators that ask
    Tracer* tracer = nullptr;  // DRAM commands go to the trace, one track per bank
};

class DramTarget : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<DramTarget> socket;

    // Throws dram::DramConfigError for a bad mapping or a size beyond the capacity.
    DramTarget(sc_core::sc_module_name name, const dram::DramSpec& spec,
               const DramTargetConfig& config = {});

    uint64_t size() const { return store_.size(); }
    uint8_t* data() { return store_.data(); }
    unsigned channels() const { return unsigned(channels_.size()); }
    const dram::DramSpec& spec() const { return spec_; }
    // Counters of one channel, up to the current simulated time.
    const dram::ControllerStats& stats(unsigned channel);
    // Every channel's counters and energy (cumulative pJ), for the statistics registry:
    // {"channels": [...], "energy": {act_pj, ..., total_pj}, "bytes_read", ...}.
    nlohmann::json stats_json();

private:
    struct Call {  // a b_transport waiting for its bursts
        uint32_t remaining = 0;
        uint64_t done_ps = 0;
        sc_core::sc_event done;
    };

    SC_HAS_PROCESS(DramTarget);
    void b_transport(tlm::tlm_generic_payload& tx, sc_core::sc_time& delay);
    unsigned int transport_dbg(tlm::tlm_generic_payload& tx);
    bool get_direct_mem_ptr(tlm::tlm_generic_payload& tx, tlm::tlm_dmi& dmi);
    // True if the request is in range and plain; sets the response status otherwise.
    bool check(tlm::tlm_generic_payload& tx);
    void copy_data(tlm::tlm_generic_payload& tx);
    // The thread path: submits every burst at the current time and waits for the last.
    void transport_in_thread(tlm::tlm_generic_payload& tx);
    // The loosely-timed path; returns the completion time of the last burst.
    uint64_t transport_loosely(tlm::tlm_generic_payload& tx, uint64_t arrival_ps);
    unsigned channel_of(uint64_t address) const;
    // Runs channel c up to time_ps and delivers the completions.
    void advance(unsigned c, uint64_t time_ps);
    void deliver();
    void service();  // the SC_METHOD that drives the controllers
    void trace_commands(unsigned c);

    dram::DramSpec spec_;
    DramTargetConfig config_;
    std::vector<std::unique_ptr<dram::ChannelController>> channels_;
    dram::EnergyModel energy_;
    uint64_t burst_bytes_;
    BackingStore store_;
    uint64_t next_id_ = 0;
    std::vector<dram::Completion> done_;
    std::unordered_map<uint64_t, Call*> waiting_;  // request id -> its call
    sc_core::sc_event wake_;        // a request arrived: the service reconsiders its wake-up
    sc_core::sc_event space_;       // a queue slot freed
    std::vector<size_t> traced_;    // per channel: command log entries already traced
    std::vector<int> bank_tracks_;  // per channel and bank, -1 until first used
};

}  // namespace accelvp
