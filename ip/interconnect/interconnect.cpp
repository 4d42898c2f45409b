#include "ip/interconnect/interconnect.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "ip/common/sc_time_utils.h"

namespace accelvp {

namespace {

constexpr uint64_t kAxiBoundary = 4096;  // an AXI burst may not cross a 4 KiB boundary

void check(bool ok, const char* field, const std::string& rule) {
    if (!ok) throw std::invalid_argument(fmt::format("{} {}", field, rule));
}

}  // namespace

void InterconnectConfig::validate() const {
    check(clock_hz >= 1000 && clock_hz <= 100'000'000'000ull, "clock_hz",
          "must lie in [1 kHz, 100 GHz]");
    check(data_bytes >= 1 && data_bytes <= 128 && (data_bytes & (data_bytes - 1)) == 0,
          "data_bytes", "must be a power of two from 1 to 128 (AXI data widths)");
    check(request_cycles <= 1000, "request_cycles", "must be at most 1000");
    check(response_cycles <= 1000, "response_cycles", "must be at most 1000");
    check(max_burst_beats >= 1 && max_burst_beats <= 256, "max_burst_beats",
          "must lie in [1, 256] (AXI4 INCR)");
    check(max_outstanding >= 1 && max_outstanding <= 1024, "max_outstanding",
          "must lie in [1, 1024]");
    check(target_slots >= 1 && target_slots <= 1024, "target_slots", "must lie in [1, 1024]");
}

nlohmann::json PortCounters::to_json() const {
    return {{"transactions", transactions},     {"bursts", bursts},
            {"bytes_read", bytes_read},         {"bytes_written", bytes_written},
            {"latency_ps_sum", latency_ps_sum}, {"latency_ps_max", latency_ps_max},
            {"read_busy_ps", read_busy_ps},     {"write_busy_ps", write_busy_ps},
            {"decode_errors", decode_errors},   {"slave_errors", slave_errors}};
}

nlohmann::json PortCounters::derive(const nlohmann::json& c, uint64_t elapsed_ps) {
    auto get = [&](const char* key) { return c.value(key, uint64_t{0}); };
    uint64_t n = get("transactions");
    auto share = [&](uint64_t busy) {
        return elapsed_ps ? double(busy) / double(elapsed_ps) : 0.0;
    };
    return {{"mean_latency_ns", n ? double(get("latency_ps_sum")) / double(n) / 1000.0 : 0.0},
            {"max_latency_ns", double(get("latency_ps_max")) / 1000.0},
            {"read_utilisation", share(get("read_busy_ps"))},
            {"write_utilisation", share(get("write_busy_ps"))}};
}

Interconnect::Interconnect(sc_core::sc_module_name name, const InterconnectConfig& config)
    : sc_module(name),
      target_socket("target_socket"),
      initiator_socket("initiator_socket"),
      config_(config),
      clock_period_(1e12 / double(config.clock_hz), sc_core::SC_PS) {
    try {
        config_.validate();
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(fmt::format("{}: {}", this->name(), e.what()));
    }
    target_socket.register_b_transport(this, &Interconnect::b_transport);
    target_socket.register_get_direct_mem_ptr(this, &Interconnect::get_direct_mem_ptr);
    target_socket.register_transport_dbg(this, &Interconnect::transport_dbg);
    initiator_socket.register_invalidate_direct_mem_ptr(this,
                                                        &Interconnect::invalidate_direct_mem_ptr);
}

void Interconnect::add_target(const std::string& name, uint64_t base, uint64_t size,
                              tlm::tlm_target_socket<>& target) {
    map_.add({name, base, size, int(targets_.size())});
    initiator_socket.bind(target);
    TargetPort& port = targets_.emplace_back();
    port.name = name;
    port.arbiter = std::make_unique<Arbiter>(config_.target_slots, config_.arbitration);
}

void Interconnect::add_reserved(const std::string& name, uint64_t base, uint64_t size) {
    map_.add({name, base, size, -1});
}

Interconnect::InitiatorPort& Interconnect::initiator(unsigned index) {
    while (initiators_.size() <= index) {
        InitiatorPort& p = initiators_.emplace_back();
        p.index = unsigned(initiators_.size() - 1);
        p.name = fmt::format("initiator{}", p.index);
    }
    return initiators_[index];
}

void Interconnect::name_initiator(unsigned index, const std::string& name, int priority) {
    InitiatorPort& p = initiator(index);
    p.name = name;
    p.priority = priority;
}

void Interconnect::before_end_of_elaboration() {
    if (target_socket.size() > 0) initiator(unsigned(target_socket.size()) - 1);
    for (TargetPort& t : targets_)
        for (const InitiatorPort& i : initiators_) t.arbiter->add_initiator(i.priority);
}

const std::deque<Interconnect::InitiatorPort>& Interconnect::initiator_ports() {
    if (target_socket.size() > 0) initiator(unsigned(target_socket.size()) - 1);
    return initiators_;
}

void Interconnect::b_transport(int id, tlm::tlm_generic_payload& tx, sc_core::sc_time& delay) {
    InitiatorPort& in = initiator(unsigned(id));
    ++transactions_;
    const uint64_t addr = tx.get_address();
    const AddressMap::Window* w = map_.find(addr, tx.get_data_length());
    if (!w || w->port < 0) {
        // The fabric answers errors itself, after a request and a response hop.
        delay += cycles(config_.request_cycles + config_.response_cycles);
        if (!w) {
            ++in.counters.decode_errors;
            ++decode_errors_;
            tx.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        } else {
            ++in.counters.slave_errors;
            tx.set_response_status(tlm::TLM_GENERIC_ERROR_RESPONSE);
        }
        return;
    }
    TargetPort& out = targets_[size_t(w->port)];
    tx.set_address(addr - w->base);
    if (in_thread_process()) {
        sc_core::wait(delay);  // enter the fabric at the caller's local time
        delay = sc_core::SC_ZERO_TIME;
        transport_timed(in, out, w->port, tx);
    } else {
        const uint64_t len = tx.get_data_length();
        delay += cycles(config_.request_cycles);
        initiator_socket[w->port]->b_transport(tx, delay);
        delay += cycles(config_.response_cycles + beats(len));
        for (PortCounters* c : {&in.counters, &out.counters}) {
            ++c->transactions;
            ++c->bursts;
            (tx.is_write() ? c->bytes_written : c->bytes_read) += tx.is_response_ok() ? len : 0;
        }
    }
    tx.set_address(addr);
}

void Interconnect::transport_timed(InitiatorPort& in, TargetPort& out, int port,
                                   tlm::tlm_generic_payload& tx) {
    const uint64_t begin_ps = to_ps(sc_core::sc_time_stamp());
    const uint64_t addr = tx.get_address();  // the target's offset
    const uint64_t len = tx.get_data_length();
    unsigned char* const data = tx.get_data_ptr();
    // Byte-enabled and streaming transfers go as one burst: splitting them would need their
    // patterns re-based, and no initiator of this platform issues them.
    const bool splittable = !tx.get_byte_enable_ptr() && tx.get_streaming_width() >= len &&
                            (tx.is_read() || tx.is_write());
    const uint64_t max_burst = uint64_t(config_.max_burst_beats) * config_.data_bytes;
    bool ok = true;
    for (uint64_t done = 0; ok && done < len;) {
        uint64_t piece = len - done;
        if (splittable) {
            const uint64_t a = addr + done;
            piece = std::min({piece, max_burst, kAxiBoundary - a % kAxiBoundary});
            tx.set_address(a);
            tx.set_data_ptr(data + done);
            tx.set_data_length(unsigned(piece));
            tx.set_streaming_width(unsigned(piece));
        }
        ok = transport_burst(in, out, port, tx);
        if (ok) (tx.is_write() ? in.counters.bytes_written : in.counters.bytes_read) += piece;
        done += piece;
    }
    tx.set_address(addr);
    tx.set_data_ptr(data);
    tx.set_data_length(unsigned(len));
    tx.set_streaming_width(unsigned(len));

    const uint64_t end_ps = to_ps(sc_core::sc_time_stamp());
    const uint64_t latency = end_ps - begin_ps;
    for (PortCounters* c : {&in.counters, &out.counters}) {
        ++c->transactions;
        c->latency_ps_sum += latency;
        c->latency_ps_max = std::max(c->latency_ps_max, latency);
    }
    if (tracer_) {
        if (in.track < 0) in.track = tracer_->track(name(), in.name);
        tracer_->span(in.track,
                      fmt::format("{} {} B {}", tx.is_write() ? "write" : "read", len, out.name),
                      begin_ps, end_ps);
    }
}

bool Interconnect::transport_burst(InitiatorPort& in, TargetPort& out, int port,
                                   tlm::tlm_generic_payload& tx) {
    while (in.in_flight >= config_.max_outstanding) sc_core::wait(in.freed);
    ++in.in_flight;
    sc_core::wait(cycles(config_.request_cycles));
    out.arbiter->acquire(in.index);
    const uint64_t request_ps = to_ps(sc_core::sc_time_stamp());

    tx.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    initiator_socket[port]->b_transport(tx, delay);
    if (delay > sc_core::SC_ZERO_TIME) sc_core::wait(delay);  // a loosely-timed target

    // The data channel: the burst's beats, starting no earlier than its request and after the
    // channel's previous burst, ending no earlier than the target's response.
    const bool write = tx.is_write();
    uint64_t& channel_free = write ? out.write_free_ps : out.read_free_ps;
    const uint64_t transfer = to_ps(cycles(beats(tx.get_data_length())));
    const uint64_t now = to_ps(sc_core::sc_time_stamp());
    const uint64_t end = std::max(now, std::max(request_ps, channel_free) + transfer);
    channel_free = end;
    for (PortCounters* c : {&in.counters, &out.counters}) {
        ++c->bursts;
        (write ? c->write_busy_ps : c->read_busy_ps) += transfer;
    }
    if (end > now) sc_core::wait(from_ps(end - now));
    out.arbiter->release();

    sc_core::wait(cycles(config_.response_cycles));
    --in.in_flight;
    in.freed.notify();
    const bool ok = tx.is_response_ok();
    if (!ok) {
        ++out.counters.slave_errors;
        ++in.counters.slave_errors;
    } else {
        (write ? out.counters.bytes_written : out.counters.bytes_read) += tx.get_data_length();
    }
    return ok;
}

bool Interconnect::get_direct_mem_ptr(int, tlm::tlm_generic_payload& tx, tlm::tlm_dmi& dmi) {
    uint64_t addr = tx.get_address();
    const AddressMap::Window* w = map_.find(addr);
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
    // Translate the target's range to fabric addresses, clamped to the window.
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

unsigned int Interconnect::transport_dbg(int, tlm::tlm_generic_payload& tx) {
    uint64_t addr = tx.get_address();
    const AddressMap::Window* w = map_.find(addr);
    if (!w || w->port < 0) return 0;
    unsigned len = tx.get_data_length();
    if (len > w->size - (addr - w->base)) tx.set_data_length(unsigned(w->size - (addr - w->base)));
    tx.set_address(addr - w->base);
    unsigned int n = initiator_socket[w->port]->transport_dbg(tx);
    tx.set_address(addr);
    tx.set_data_length(len);
    return n;
}

void Interconnect::invalidate_direct_mem_ptr(int port, sc_dt::uint64 start, sc_dt::uint64 end) {
    for (const AddressMap::Window& w : map_.windows()) {
        if (w.port != port) continue;
        uint64_t s = w.base + std::min<uint64_t>(start, w.size - 1);
        uint64_t e = w.base + std::min<uint64_t>(end, w.size - 1);
        for (unsigned i = 0; i < target_socket.size(); ++i)
            target_socket[i]->invalidate_direct_mem_ptr(s, e);
    }
}

}  // namespace accelvp
