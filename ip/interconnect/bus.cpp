#include "ip/interconnect/bus.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace accelvp {

Bus::Bus(sc_core::sc_module_name name, sc_core::sc_time latency)
    : sc_module(name),
      target_socket("target_socket"),
      initiator_socket("initiator_socket"),
      latency_(latency) {
    target_socket.register_b_transport(this, &Bus::b_transport);
    target_socket.register_get_direct_mem_ptr(this, &Bus::get_direct_mem_ptr);
    target_socket.register_transport_dbg(this, &Bus::transport_dbg);
    initiator_socket.register_invalidate_direct_mem_ptr(this, &Bus::invalidate_direct_mem_ptr);
}

void Bus::add_target(const std::string& name, uint64_t base, uint64_t size,
                     tlm::tlm_target_socket<>& target) {
    add_window({name, base, size, ports_});
    initiator_socket.bind(target);
    ++ports_;
}

void Bus::add_reserved(const std::string& name, uint64_t base, uint64_t size) {
    add_window({name, base, size, -1});
}

void Bus::add_window(Window w) {
    if (w.size == 0)
        throw std::invalid_argument(fmt::format("{}: window {} has size 0", name(), w.name));
    if (w.base + w.size < w.base || w.base + w.size > (uint64_t(1) << 32))
        throw std::invalid_argument(
            fmt::format("{}: window {} [{:#x}, +{:#x}) does not fit the 32-bit "
                        "address space",
                        name(), w.name, w.base, w.size));
    for (const Window& o : windows_) {
        if (w.base < o.base + o.size && o.base < w.base + w.size)
            throw std::invalid_argument(fmt::format(
                "{}: window {} [{:#x}, {:#x}) overlaps window {} [{:#x}, {:#x})", name(), w.name,
                w.base, w.base + w.size, o.name, o.base, o.base + o.size));
    }
    auto pos = std::lower_bound(windows_.begin(), windows_.end(), w.base,
                                [](const Window& a, uint64_t b) { return a.base < b; });
    windows_.insert(pos, std::move(w));
}

const Bus::Window* Bus::decode(uint64_t addr) const {
    auto it = std::upper_bound(windows_.begin(), windows_.end(), addr,
                               [](uint64_t a, const Window& w) { return a < w.base; });
    if (it == windows_.begin()) return nullptr;
    const Window& w = *std::prev(it);
    return addr - w.base < w.size ? &w : nullptr;
}

void Bus::b_transport(int, tlm::tlm_generic_payload& tx, sc_core::sc_time& delay) {
    ++transactions_;
    delay += latency_;
    uint64_t addr = tx.get_address();
    const Window* w = decode(addr);
    if (!w || tx.get_data_length() > w->size - (addr - w->base)) {
        ++decode_errors_;
        tx.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    if (w->port < 0) {
        tx.set_response_status(tlm::TLM_GENERIC_ERROR_RESPONSE);
        return;
    }
    tx.set_address(addr - w->base);
    initiator_socket[w->port]->b_transport(tx, delay);
    tx.set_address(addr);
}

bool Bus::get_direct_mem_ptr(int, tlm::tlm_generic_payload& tx, tlm::tlm_dmi& dmi) {
    uint64_t addr = tx.get_address();
    const Window* w = decode(addr);
    bool granted = false;
    if (w && w->port >= 0) {
        tx.set_address(addr - w->base);
        granted = initiator_socket[w->port]->get_direct_mem_ptr(tx, dmi);
        tx.set_address(addr);
    }
    if (!w) {  // refuse for this one address only
        dmi.set_start_address(addr);
        dmi.set_end_address(addr);
        return false;
    }
    // Translate the target's range to bus addresses, clamped to the window.
    uint64_t start = std::max<uint64_t>(dmi.get_start_address(), 0) + w->base;
    uint64_t end = std::min<uint64_t>(dmi.get_end_address(), w->size - 1) + w->base;
    if (w->port < 0 || dmi.get_end_address() < dmi.get_start_address()) {
        start = w->base;
        end = w->base + w->size - 1;
    }
    dmi.set_start_address(start);
    dmi.set_end_address(end);
    return granted;
}

unsigned int Bus::transport_dbg(int, tlm::tlm_generic_payload& tx) {
    uint64_t addr = tx.get_address();
    const Window* w = decode(addr);
    if (!w || w->port < 0) return 0;
    unsigned len = tx.get_data_length();
    if (len > w->size - (addr - w->base)) tx.set_data_length(unsigned(w->size - (addr - w->base)));
    tx.set_address(addr - w->base);
    unsigned int n = initiator_socket[w->port]->transport_dbg(tx);
    tx.set_address(addr);
    tx.set_data_length(len);
    return n;
}

void Bus::invalidate_direct_mem_ptr(int port, sc_dt::uint64 start, sc_dt::uint64 end) {
    for (const Window& w : windows_) {
        if (w.port != port) continue;
        uint64_t s = w.base + std::min<uint64_t>(start, w.size - 1);
        uint64_t e = w.base + std::min<uint64_t>(end, w.size - 1);
        for (unsigned i = 0; i < target_socket.size(); ++i)
            target_socket[i]->invalidate_direct_mem_ptr(s, e);
    }
}

}  // namespace accelvp
