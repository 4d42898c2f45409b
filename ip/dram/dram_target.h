// A timed DRAM as a TLM-2.0 target: functional storage for the whole capacity plus one
// ChannelController per channel that times every access.
//
// Loosely timed: a b_transport is split into bursts (DramSpec::Organisation::burst_bytes());
// each burst arrives at the initiator's local time (sc_time_stamp() + delay), the channel's
// controller runs until the burst completes, and the returned delay ends at the completion
// of the last burst. Requests are served in the order of the b_transport calls: an initiator
// whose local time lies behind the controller's (another initiator ran ahead within its
// quantum) is served at the controller's time, so it sees the queueing it would see at that
// point, but not a reordering in its favour. Each blocking call drains its own bursts, so the
// FR-FCFS queue holds at most one initiator's bursts at a time. DMI is refused, so that no
// access escapes timing; debug transport reads and writes the storage untimed.
//
// Not yet wired into the board: the board's DRAM is the functional ip/memory model, which
// the CPU reaches through DMI (see docs/dram.md).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "ip/dram/channel_controller.h"
#include "ip/dram/dram_spec.h"
#include "ip/memory/backing_store.h"

namespace accelvp {

class DramTarget : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<DramTarget> socket;

    // The capacity is the address mapping's; throws dram::DramConfigError for a bad mapping.
    DramTarget(sc_core::sc_module_name name, const dram::DramSpec& spec,
               const dram::ControllerConfig& config = {});

    uint64_t size() const { return store_.size(); }
    uint8_t* data() { return store_.data(); }
    unsigned channels() const { return unsigned(channels_.size()); }
    const dram::ControllerStats& stats(unsigned channel) { return channels_.at(channel)->stats(); }

private:
    void b_transport(tlm::tlm_generic_payload& tx, sc_core::sc_time& delay);
    unsigned int transport_dbg(tlm::tlm_generic_payload& tx);
    // Times one burst arriving at `arrival_ps`; returns its completion time.
    uint64_t time_burst(uint64_t address, bool is_write, uint64_t arrival_ps);

    std::vector<std::unique_ptr<dram::ChannelController>> channels_;
    uint64_t burst_bytes_;
    BackingStore store_;
    uint64_t next_id_ = 0;
    std::vector<dram::Completion> done_;
};

}  // namespace accelvp
