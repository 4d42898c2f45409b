// A RAM or ROM: untimed storage behind a TLM-2.0 target socket, with DMI.
//
// Storage is reserved, not allocated (backing_store.h): a 1 GiB DRAM costs nothing until used
// and reads as zero. Every access costs `latency` (b_transport adds it to the
// initiator's delay; DMI grants report it). A ROM refuses writes with a command error and
// grants read-only DMI; debug writes are allowed everywhere (that is how loaders fill ROM).
//
// This is the functional memory of the board; DRAM timing (banks, rows, refresh) belongs to
// the DRAM controller model of ip/dram.
#pragma once

#include <tlm_utils/simple_target_socket.h>

#include "ip/memory/backing_store.h"

#include <cstdint>
#include <systemc>
#include <tlm>

namespace accelvp {

class Memory : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<Memory> socket;

    Memory(sc_core::sc_module_name name, uint64_t size_bytes, sc_core::sc_time latency,
           bool read_only = false);
    Memory(const Memory&) = delete;
    Memory& operator=(const Memory&) = delete;

    uint64_t size() const { return store_.size(); }
    uint8_t* data() { return store_.data(); }

    uint64_t reads() const { return reads_; }
    uint64_t writes() const { return writes_; }

private:
    void b_transport(tlm::tlm_generic_payload& tx, sc_core::sc_time& delay);
    bool get_direct_mem_ptr(tlm::tlm_generic_payload& tx, tlm::tlm_dmi& dmi);
    unsigned int transport_dbg(tlm::tlm_generic_payload& tx);

    BackingStore store_;
    sc_core::sc_time latency_;
    bool read_only_;
    uint64_t reads_ = 0, writes_ = 0;  // b_transport accesses (DMI accesses are not seen)
};

}  // namespace accelvp
