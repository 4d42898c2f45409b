// The AXI interconnect: routes each transaction to the target whose address window contains
// it, and times it as a shared AXI fabric would.
//
// What it models, per transaction (b_transport) from a SystemC thread:
// - synchronisation: the caller's local time offset is waited out first, so transactions
//   enter the fabric in simulated-time order whatever the initiators' quanta;
// - bursts: a transaction is split into AXI INCR bursts of at most max_burst_beats beats of
//   data_bytes, none crossing a 4 KiB boundary (AXI forbids it); bursts of one transaction
//   go one after another;
// - a request hop of request_cycles and a response hop of response_cycles per burst;
// - outstanding limits: an initiator port has at most max_outstanding bursts in flight (its
//   threads beyond that wait), a target port at most target_slots (the rest wait at its
//   Arbiter, granted round robin or by priority);
// - the data channels: each target port has a read and a write data channel carrying
//   data_bytes per cycle; a burst occupies its channel for its beats, from its request at the
//   earliest and ending no earlier than the target's response, so initiators that stream to
//   one target share the channel's bandwidth and each sees the queueing delay;
// - errors: an unmapped address or a transaction running past its window is a decode error
//   (TLM_ADDRESS_ERROR_RESPONSE), a reserved window answers with a slave error
//   (TLM_GENERIC_ERROR_RESPONSE), and a target's error response reaches the initiator;
// - per-port statistics: transactions, bursts, bytes, mean and maximum latency (entry to
//   response), data-channel utilisation, errors.
// Called from an SC_METHOD (which cannot wait) or before the simulation starts, a transaction
// is loosely timed instead: the hops and the beats are added to the delay, without
// arbitration or channel occupancy.
//
// What it does not model: the address and write-response channels' own occupancy, reordering
// between bursts of one transaction, exclusive accesses, and the timing of DMI accesses (DMI
// bypasses the fabric: the CPU reaches memories directly, as LT platforms do for speed; see
// docs/interconnect.md).
#pragma once

#include <tlm_utils/multi_passthrough_initiator_socket.h>
#include <tlm_utils/multi_passthrough_target_socket.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <systemc>
#include <tlm>
#include <vector>

#include "ip/common/tracer.h"
#include "ip/interconnect/address_map.h"
#include "ip/interconnect/arbiter.h"

namespace accelvp {

struct InterconnectConfig {
    uint64_t clock_hz = 1'000'000'000;
    uint32_t data_bytes = 32;        // width of each data channel (256 bits)
    uint32_t request_cycles = 1;     // request hop, initiator to target
    uint32_t response_cycles = 1;    // response hop, target to initiator
    uint32_t max_burst_beats = 256;  // AXI4 INCR
    uint32_t max_outstanding = 8;    // bursts in flight per initiator port
    uint32_t target_slots = 4;       // bursts inside one target at once
    ArbitrationPolicy arbitration = ArbitrationPolicy::RoundRobin;

    // Throws std::invalid_argument naming the field.
    void validate() const;
};

// Counters of one port, initiator or target. Derived figures (mean latency, utilisation)
// come from derive(), so that they can also be computed over a region of interest.
struct PortCounters {
    uint64_t transactions = 0;
    uint64_t bursts = 0;
    uint64_t bytes_read = 0, bytes_written = 0;
    uint64_t latency_ps_sum = 0;  // entry into the fabric to response, over transactions
    uint64_t latency_ps_max = 0;
    uint64_t read_busy_ps = 0, write_busy_ps = 0;  // data channels occupied
    uint64_t decode_errors = 0, slave_errors = 0;

    nlohmann::json to_json() const;
    // mean_latency_ns, max_latency_ns, read/write utilisation over elapsed_ps, from to_json()'s
    // counters (or their difference over a region).
    static nlohmann::json derive(const nlohmann::json& counters, uint64_t elapsed_ps);
};

class Interconnect : public sc_core::sc_module {
public:
    tlm_utils::multi_passthrough_target_socket<Interconnect> target_socket;        // initiators
    tlm_utils::multi_passthrough_initiator_socket<Interconnect> initiator_socket;  // targets

    // Throws std::invalid_argument for a bad configuration.
    Interconnect(sc_core::sc_module_name name, const InterconnectConfig& config);

    // Binds an initiator and names its port (statistics, traces). Initiators bound to
    // target_socket directly are named "initiator<N>".
    template <class Socket>
    void connect_initiator(const std::string& port_name, Socket& socket, int priority = 0) {
        socket.bind(target_socket);
        name_initiator(unsigned(target_socket.size()) - 1, port_name, priority);
    }
    // Maps [base, base+size) to `target`; offsets seen by the target start at 0. Throws
    // std::invalid_argument for a window that overlaps another or leaves the address space.
    void add_target(const std::string& name, uint64_t base, uint64_t size,
                    tlm::tlm_target_socket<>& target);
    // A window that exists but refuses every access (a device not present in this build).
    void add_reserved(const std::string& name, uint64_t base, uint64_t size);
    void set_tracer(Tracer* tracer) { tracer_ = tracer; }

    const AddressMap& address_map() const { return map_; }
    const InterconnectConfig& config() const { return config_; }

    struct InitiatorPort {
        std::string name;
        unsigned index = 0;  // into target_socket and each Arbiter
        int priority = 0;
        unsigned in_flight = 0;
        sc_core::sc_event freed;
        PortCounters counters;
        int track = -1;
    };
    struct TargetPort {
        std::string name;  // the window's
        std::unique_ptr<Arbiter> arbiter;
        uint64_t read_free_ps = 0, write_free_ps = 0;  // data channels busy until
        PortCounters counters;
    };
    const std::deque<InitiatorPort>& initiator_ports();
    const std::deque<TargetPort>& target_ports() const { return targets_; }
    uint64_t transactions() const { return transactions_; }  // all, errors included
    uint64_t decode_errors() const { return decode_errors_; }

private:
    void name_initiator(unsigned index, const std::string& name, int priority);
    InitiatorPort& initiator(unsigned index);
    void before_end_of_elaboration() override;
    void b_transport(int id, tlm::tlm_generic_payload& tx, sc_core::sc_time& delay);
    // The timed path: the caller is a thread and has been synchronised.
    void transport_timed(InitiatorPort& in, TargetPort& out, int port,
                         tlm::tlm_generic_payload& tx);
    // One burst of the timed path; false if the target answered with an error.
    bool transport_burst(InitiatorPort& in, TargetPort& out, int port,
                         tlm::tlm_generic_payload& tx);
    bool get_direct_mem_ptr(int id, tlm::tlm_generic_payload& tx, tlm::tlm_dmi& dmi);
    unsigned int transport_dbg(int id, tlm::tlm_generic_payload& tx);
    void invalidate_direct_mem_ptr(int port, sc_dt::uint64 start, sc_dt::uint64 end);
    sc_core::sc_time cycles(uint64_t n) const { return clock_period_ * double(n); }
    uint64_t beats(uint64_t bytes) const {
        return (bytes + config_.data_bytes - 1) / config_.data_bytes;
    }

    InterconnectConfig config_;
    sc_core::sc_time clock_period_;
    AddressMap map_;
    // Deques: ports hold events, which cannot move.
    std::deque<InitiatorPort> initiators_;
    std::deque<TargetPort> targets_;  // by initiator_socket index
    uint64_t transactions_ = 0, decode_errors_ = 0;
    Tracer* tracer_ = nullptr;
};

}  // namespace accelvp
