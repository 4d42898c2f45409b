#include "ip/memory/memory.h"

#include <fmt/format.h>
#include <cstring>
#include <new>
#include <stdexcept>

namespace accelvp {

Memory::Memory(sc_core::sc_module_name name, uint64_t size_bytes, sc_core::sc_time latency,
               bool read_only)
    : sc_module(name),
      socket("socket"),
      store_(this->name(), size_bytes),
      latency_(latency),
      read_only_(read_only) {
    socket.register_b_transport(this, &Memory::b_transport);
    socket.register_get_direct_mem_ptr(this, &Memory::get_direct_mem_ptr);
    socket.register_transport_dbg(this, &Memory::transport_dbg);
}

void Memory::b_transport(tlm::tlm_generic_payload& tx, sc_core::sc_time& delay) {
    uint64_t addr = tx.get_address();
    unsigned len = tx.get_data_length();
    delay += latency_;
    if (!store_.contains(addr, len)) {
        tx.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    if (tx.get_byte_enable_ptr() || tx.get_streaming_width() < len) {
        tx.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        return;
    }
    if (tx.is_read()) {
        std::memcpy(tx.get_data_ptr(), store_.data() + addr, len);
        ++reads_;
    } else if (tx.is_write()) {
        if (read_only_) {
            tx.set_response_status(tlm::TLM_COMMAND_ERROR_RESPONSE);
            return;
        }
        std::memcpy(store_.data() + addr, tx.get_data_ptr(), len);
        ++writes_;
    }
    tx.set_dmi_allowed(true);
    tx.set_response_status(tlm::TLM_OK_RESPONSE);
}

bool Memory::get_direct_mem_ptr(tlm::tlm_generic_payload& tx, tlm::tlm_dmi& dmi) {
    dmi.set_dmi_ptr(store_.data());
    dmi.set_start_address(0);
    dmi.set_end_address(store_.size() - 1);
    dmi.set_read_latency(latency_);
    dmi.set_write_latency(latency_);
    dmi.set_granted_access(read_only_ ? tlm::tlm_dmi::DMI_ACCESS_READ
                                      : tlm::tlm_dmi::DMI_ACCESS_READ_WRITE);
    return !(read_only_ && tx.is_write());
}

unsigned int Memory::transport_dbg(tlm::tlm_generic_payload& tx) {
    if (!tx.is_read() && !tx.is_write()) return 0;
    return store_.debug_copy(tx.is_write(), tx.get_address(), tx.get_data_ptr(),
                             tx.get_data_length());
}

}  // namespace accelvp
