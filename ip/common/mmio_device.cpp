#include "ip/common/mmio_device.h"

namespace accelvp {

MmioDevice::MmioDevice(sc_core::sc_module_name name, sc_core::sc_time access_latency)
    : sc_module(name), socket("socket"), access_latency_(access_latency) {
    socket.register_b_transport(this, &MmioDevice::b_transport);
    socket.register_transport_dbg(this, &MmioDevice::transport_dbg);
}

void MmioDevice::b_transport(tlm::tlm_generic_payload& tx, sc_core::sc_time& delay) {
    delay += access_latency_;
    if (tx.get_byte_enable_ptr() || tx.get_streaming_width() < tx.get_data_length()) {
        tx.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        return;
    }
    access_delay_ = &delay;
    tx.set_response_status(
        regs_.access(tx.get_command(), tx.get_address(), tx.get_data_ptr(), tx.get_data_length()));
    access_delay_ = nullptr;
}

sc_core::sc_time MmioDevice::access_time() const {
    return access_delay_ ? sc_core::sc_time_stamp() + *access_delay_ : sc_core::sc_time_stamp();
}

unsigned int MmioDevice::transport_dbg(tlm::tlm_generic_payload& tx) {
    if (tx.get_command() != tlm::TLM_READ_COMMAND || !debug_read_allowed(tx.get_address()))
        return 0;
    auto status =
        regs_.access(tx.get_command(), tx.get_address(), tx.get_data_ptr(), tx.get_data_length());
    return status == tlm::TLM_OK_RESPONSE ? tx.get_data_length() : 0;
}

}  // namespace accelvp
