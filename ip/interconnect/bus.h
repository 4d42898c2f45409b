// The system bus: routes each transaction to the target whose address window contains it.
//
// What it models: address decoding from the configured map (windows may not overlap: add
// refuses with a message naming both), a fixed latency per transaction, decode errors
// (TLM_ADDRESS_ERROR_RESPONSE) for unmapped addresses and accesses that run past the end of
// a window, reserved windows that answer every access with a slave error
// (TLM_GENERIC_ERROR_RESPONSE), DMI and debug transport passed through with address
// translation, DMI invalidations forwarded to every initiator.
// What it does not (yet): data width, bursts, outstanding-transaction limits, arbitration
// and contention; transactions from different initiators do not delay each other.
#pragma once

#include <tlm_utils/multi_passthrough_initiator_socket.h>
#include <tlm_utils/multi_passthrough_target_socket.h>

#include <cstdint>
#include <string>
#include <systemc>
#include <tlm>
#include <vector>

namespace accelvp {

class Bus : public sc_core::sc_module {
public:
    tlm_utils::multi_passthrough_target_socket<Bus> target_socket;        // initiators bind here
    tlm_utils::multi_passthrough_initiator_socket<Bus> initiator_socket;  // bound to targets

    Bus(sc_core::sc_module_name name, sc_core::sc_time latency);

    // Maps [base, base+size) to `target`; offsets seen by the target start at 0.
    void add_target(const std::string& name, uint64_t base, uint64_t size,
                    tlm::tlm_target_socket<>& target);
    // A window that exists but refuses every access (a device not present in this build).
    void add_reserved(const std::string& name, uint64_t base, uint64_t size);

    struct Window {
        std::string name;
        uint64_t base, size;
        int port;  // index into initiator_socket, -1 for a reserved window
    };
    const std::vector<Window>& windows() const { return windows_; }
    const Window* decode(uint64_t addr) const;

    uint64_t transactions() const { return transactions_; }
    uint64_t decode_errors() const { return decode_errors_; }

private:
    void add_window(Window w);
    void b_transport(int id, tlm::tlm_generic_payload& tx, sc_core::sc_time& delay);
    bool get_direct_mem_ptr(int id, tlm::tlm_generic_payload& tx, tlm::tlm_dmi& dmi);
    unsigned int transport_dbg(int id, tlm::tlm_generic_payload& tx);
    void invalidate_direct_mem_ptr(int port, sc_dt::uint64 start, sc_dt::uint64 end);

    std::vector<Window> windows_;  // sorted by base
    sc_core::sc_time latency_;
    int ports_ = 0;
    uint64_t transactions_ = 0, decode_errors_ = 0;
};

}  // namespace accelvp
