// Base of every memory-mapped peripheral: a TLM-2.0 target socket in front of a
// RegisterBank. Subclasses add their registers in the constructor and keep their behaviour
// in the callbacks. Accesses cost `access_latency` (added to the initiator's delay); DMI is
// always refused, so every access reaches the callbacks. Debug accesses read registers
// without side effects only where the register has no read side effects: they go through
// the same callbacks, so devices with destructive reads override debug_read_allowed().
#pragma once

#include <tlm_utils/simple_target_socket.h>

#include <cstdint>
#include <systemc>
#include <tlm>

#include "ip/common/register_bank.h"

namespace accelvp {

class MmioDevice : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<MmioDevice> socket;

    MmioDevice(sc_core::sc_module_name name, sc_core::sc_time access_latency);

    RegisterBank& registers() { return regs_; }

protected:
    // The simulated time of the access being served (sc_time_stamp() plus the initiator's
    // local-time offset), or sc_time_stamp() outside an access. Register callbacks use it
    // for anything time-dependent (a timer's count), so temporal decoupling stays exact.
    sc_core::sc_time access_time() const;

    virtual bool debug_read_allowed(uint64_t offset) const { return true; }

private:
    void b_transport(tlm::tlm_generic_payload& tx, sc_core::sc_time& delay);
    unsigned int transport_dbg(tlm::tlm_generic_payload& tx);

    RegisterBank regs_;
    sc_core::sc_time access_latency_;
    const sc_core::sc_time* access_delay_ = nullptr;  // set while an access is served
};

}  // namespace accelvp
