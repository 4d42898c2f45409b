#include "ip/dram/dram_target.h"

#include <algorithm>
#include <cstring>

namespace accelvp {

namespace {
uint64_t to_ps(const sc_core::sc_time& t) { return uint64_t(t.to_seconds() * 1e12 + 0.5); }
}  // namespace

DramTarget::DramTarget(sc_core::sc_module_name name, const dram::DramSpec& spec,
                       const dram::ControllerConfig& config)
    : sc_module(name),
      socket("socket"),
      channels_([&] {
          std::vector<std::unique_ptr<dram::ChannelController>> v;
          for (uint32_t c = 0; c < spec.org.channels; ++c)
              v.push_back(std::make_unique<dram::ChannelController>(spec, config, c));
          return v;
      }()),
      burst_bytes_(spec.org.burst_bytes()),
      store_(this->name(), channels_.front()->mapping().capacity_bytes()) {
    socket.register_b_transport(this, &DramTarget::b_transport);
    socket.register_transport_dbg(this, &DramTarget::transport_dbg);
}

uint64_t DramTarget::time_burst(uint64_t address, bool is_write, uint64_t arrival_ps) {
    dram::ChannelController& ch = *channels_[channels_.front()->mapping().decode(address).channel];
    uint64_t id = next_id_++;
    while (!ch.submit({id, address, is_write, arrival_ps})) {
        // Queue full (cannot happen with one blocking initiator per channel): make room.
        ch.advance_to(*ch.next_event_time(), done_);
    }
    for (;;) {
        auto it = std::find_if(done_.begin(), done_.end(),
                               [&](const dram::Completion& c) { return c.id == id; });
        if (it != done_.end()) {
            uint64_t done_ps = it->done_ps;
            done_.erase(it);
            return done_ps;
        }
        ch.advance_to(*ch.next_event_time(), done_);
    }
}

void DramTarget::b_transport(tlm::tlm_generic_payload& tx, sc_core::sc_time& delay) {
    uint64_t addr = tx.get_address();
    unsigned len = tx.get_data_length();
    if (!store_.contains(addr, len)) {
        tx.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    if (tx.get_byte_enable_ptr() || tx.get_streaming_width() < len) {
        tx.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        return;
    }
    if (!tx.is_read() && !tx.is_write()) {
        tx.set_response_status(tlm::TLM_OK_RESPONSE);
        return;
    }
    uint64_t arrival_ps = to_ps(sc_core::sc_time_stamp() + delay);
    uint64_t done_ps = arrival_ps;
    for (uint64_t burst = addr & ~(burst_bytes_ - 1); burst < addr + len; burst += burst_bytes_)
        done_ps = std::max(done_ps, time_burst(burst, tx.is_write(), arrival_ps));
    if (tx.is_read()) std::memcpy(tx.get_data_ptr(), store_.data() + addr, len);
    else std::memcpy(store_.data() + addr, tx.get_data_ptr(), len);
    delay = sc_core::sc_time(double(done_ps), sc_core::SC_PS) - sc_core::sc_time_stamp();
    tx.set_response_status(tlm::TLM_OK_RESPONSE);
}

unsigned int DramTarget::transport_dbg(tlm::tlm_generic_payload& tx) {
    if (!tx.is_read() && !tx.is_write()) return 0;
    return store_.debug_copy(tx.is_write(), tx.get_address(), tx.get_data_ptr(),
                             tx.get_data_length());
}

}  // namespace accelvp
