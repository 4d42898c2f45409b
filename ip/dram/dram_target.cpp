#include "ip/dram/dram_target.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "ip/common/sc_time_utils.h"

namespace accelvp {

namespace {

uint64_t checked_size(const dram::DramSpec& spec, const DramTargetConfig& config,
                      uint64_t capacity) {
    if (config.size > capacity)
        throw dram::DramConfigError(
            fmt::format("size {:#x} is larger than the capacity of DRAM preset {} ({:#x} bytes)",
                        config.size, spec.name, capacity));
    return config.size ? config.size : capacity;
}

}  // namespace

DramTarget::DramTarget(sc_core::sc_module_name name, const dram::DramSpec& spec,
                       const DramTargetConfig& config)
    : sc_module(name),
      socket("socket"),
      spec_(spec),
      config_(config),
      channels_([&] {
          std::vector<std::unique_ptr<dram::ChannelController>> v;
          dram::ControllerConfig controller = config.controller;
          controller.trace_commands = controller.trace_commands || config.tracer;
          for (uint32_t c = 0; c < spec.org.channels; ++c)
              v.push_back(std::make_unique<dram::ChannelController>(spec, controller, c));
          return v;
      }()),
      energy_(spec),
      burst_bytes_(spec.org.burst_bytes()),
      store_(this->name(),
             checked_size(spec, config, channels_.front()->mapping().capacity_bytes())),
      traced_(channels_.size(), 0),
      bank_tracks_(channels_.size() * spec.org.ranks * spec.org.banks_per_rank(), -1) {
    socket.register_b_transport(this, &DramTarget::b_transport);
    socket.register_transport_dbg(this, &DramTarget::transport_dbg);
    socket.register_get_direct_mem_ptr(this, &DramTarget::get_direct_mem_ptr);
    SC_METHOD(service);
    sensitive << wake_;
    dont_initialize();
}

unsigned DramTarget::channel_of(uint64_t address) const {
    return channels_.size() == 1 ? 0 : channels_.front()->mapping().decode(address).channel;
}

bool DramTarget::check(tlm::tlm_generic_payload& tx) {
    if (!store_.contains(tx.get_address(), tx.get_data_length())) {
        tx.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return false;
    }
    if (tx.get_byte_enable_ptr() || tx.get_streaming_width() < tx.get_data_length()) {
        tx.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        return false;
    }
    if (!tx.is_read() && !tx.is_write()) {
        tx.set_response_status(tlm::TLM_OK_RESPONSE);
        return false;
    }
    return true;
}

void DramTarget::copy_data(tlm::tlm_generic_payload& tx) {
    uint8_t* mem = store_.data() + tx.get_address();
    if (tx.is_read())
        std::memcpy(tx.get_data_ptr(), mem, tx.get_data_length());
    else
        std::memcpy(mem, tx.get_data_ptr(), tx.get_data_length());
    tx.set_response_status(tlm::TLM_OK_RESPONSE);
}

void DramTarget::b_transport(tlm::tlm_generic_payload& tx, sc_core::sc_time& delay) {
    if (!check(tx)) return;
    if (in_thread_process()) {
        sc_core::wait(delay);
        delay = sc_core::SC_ZERO_TIME;
        transport_in_thread(tx);
    } else {
        const sc_core::sc_time now = sc_core::sc_time_stamp();
        uint64_t done_ps = transport_loosely(tx, to_ps(now + delay));
        delay = from_ps(done_ps) - now;
    }
    copy_data(tx);
}

void DramTarget::transport_in_thread(tlm::tlm_generic_payload& tx) {
    Call call;
    const uint64_t addr = tx.get_address(), end = addr + tx.get_data_length();
    for (uint64_t burst = addr & ~(burst_bytes_ - 1); burst < end; burst += burst_bytes_) {
        const unsigned c = channel_of(burst);
        dram::ChannelController& ch = *channels_[c];
        advance(c, to_ps(sc_core::sc_time_stamp()));
        while (!ch.can_accept()) {
            sc_core::wait(space_);
            advance(c, to_ps(sc_core::sc_time_stamp()));
        }
        const uint64_t id = next_id_++;
        ch.submit({id, burst, tx.is_write(), to_ps(sc_core::sc_time_stamp())});
        waiting_[id] = &call;
        ++call.remaining;
        wake_.notify(sc_core::SC_ZERO_TIME);  // the service reconsiders its next wake-up
    }
    while (call.remaining > 0) sc_core::wait(call.done);
}

uint64_t DramTarget::transport_loosely(tlm::tlm_generic_payload& tx, uint64_t arrival_ps) {
    Call call;
    const uint64_t addr = tx.get_address(), end = addr + tx.get_data_length();
    for (uint64_t burst = addr & ~(burst_bytes_ - 1); burst < end; burst += burst_bytes_) {
        const unsigned c = channel_of(burst);
        const uint64_t id = next_id_++;
        while (!channels_[c]->submit({id, burst, tx.is_write(), arrival_ps}))
            advance(c, *channels_[c]->next_event_time());  // queue full: run until a slot frees
        waiting_[id] = &call;
        ++call.remaining;
    }
    // Run the channels, earliest event first, until the last burst completes.
    while (call.remaining > 0) {
        unsigned next = 0;
        uint64_t next_ps = UINT64_MAX;
        for (unsigned c = 0; c < channels_.size(); ++c) {
            auto t = channels_[c]->busy() ? channels_[c]->next_event_time() : std::nullopt;
            if (t && *t < next_ps) next_ps = *t, next = c;
        }
        advance(next, next_ps);
    }
    wake_.notify(sc_core::SC_ZERO_TIME);
    return call.done_ps;
}

void DramTarget::advance(unsigned c, uint64_t time_ps) {
    if (time_ps > channels_[c]->now_ps()) channels_[c]->advance_to(time_ps, done_);
    if (config_.tracer) trace_commands(c);
    deliver();
}

void DramTarget::deliver() {
    if (done_.empty()) return;
    for (const dram::Completion& c : done_) {
        auto it = waiting_.find(c.id);
        Call* call = it->second;
        waiting_.erase(it);
        call->done_ps = std::max(call->done_ps, c.done_ps);
        if (--call->remaining == 0) call->done.notify();
    }
    done_.clear();
    space_.notify();
}

void DramTarget::service() {
    const uint64_t now = to_ps(sc_core::sc_time_stamp());
    uint64_t next = UINT64_MAX;
    for (unsigned c = 0; c < channels_.size(); ++c) {
        advance(c, now);
        if (channels_[c]->busy())
            if (auto t = channels_[c]->next_event_time()) next = std::min(next, *t);
    }
    // An idle controller is left asleep even though refresh would be due: it catches up on
    // the next request, and an idle board keeps no event pending (the hang detection).
    if (next == UINT64_MAX)
        next_trigger(wake_);
    else
        next_trigger(next > now ? from_ps(next - now) : sc_core::SC_ZERO_TIME, wake_);
}

const dram::ControllerStats& DramTarget::stats(unsigned channel) {
    if (sc_core::sc_is_running()) advance(channel, to_ps(sc_core::sc_time_stamp()));
    return channels_.at(channel)->stats();
}

nlohmann::json DramTarget::stats_json() {
    const uint64_t now = to_ps(sc_core::sc_time_stamp());
    nlohmann::json channels = nlohmann::json::array();
    dram::EnergyReport total;
    uint64_t bytes_read = 0, bytes_written = 0;
    for (unsigned c = 0; c < channels_.size(); ++c) {
        const dram::ControllerStats& s = stats(c);
        dram::EnergyReport e = energy_.channel_energy(s, now);
        total.act_pj += e.act_pj;
        total.pre_pj += e.pre_pj;
        total.rd_pj += e.rd_pj;
        total.wr_pj += e.wr_pj;
        total.ref_pj += e.ref_pj;
        total.background_pj += e.background_pj;
        total.total_pj += e.total_pj;
        bytes_read += s.bytes_read;
        bytes_written += s.bytes_written;
        nlohmann::json ch = {{"reads", s.reads},
                             {"writes", s.writes},
                             {"row_hits", s.row_hits},
                             {"row_misses", s.row_misses},
                             {"row_conflicts", s.row_conflicts},
                             {"bytes_read", s.bytes_read},
                             {"bytes_written", s.bytes_written},
                             {"data_bus_busy_cycles", s.data_bus_busy_cycles},
                             {"latency_ps_sum", s.total_latency_ps_sum},
                             {"latency_ps_max", s.max_latency_ps},
                             {"energy", [&] {
                                  auto j = e.to_json();
                                  j.erase("average_power_mw");
                                  return j;
                              }()}};
        for (int k = 0; k < dram::kCommandCount; ++k)
            ch["commands"][dram::to_string(dram::Command(k))] = s.commands[k];
        channels.push_back(std::move(ch));
    }
    total.average_power_mw = now ? total.total_pj / (double(now) * 1e-12) * 1e-9 : 0.0;
    nlohmann::json energy = total.to_json();
    energy.erase("average_power_mw");  // cumulative counters only: power is derived per run
    return {{"preset", spec_.name},
            {"bytes_read", bytes_read},
            {"bytes_written", bytes_written},
            {"channels", std::move(channels)},
            {"energy", std::move(energy)}};
}

void DramTarget::trace_commands(unsigned c) {
    const std::vector<dram::TraceEntry>& log = channels_[c]->trace();
    const dram::Organisation& org = spec_.org;
    for (size_t i = traced_[c]; i < log.size(); ++i) {
        const dram::TraceEntry& e = log[i];
        const uint32_t bank =
            (e.rank * org.bank_groups + e.bank_group) * org.banks_per_group + e.bank;
        int& track = bank_tracks_[c * org.ranks * org.banks_per_rank() + bank];
        if (track < 0)
            track = config_.tracer->track(
                name(), fmt::format("ch{} rank{} bg{} bank{}", c, e.rank, e.bank_group, e.bank));
        // A command holds the command bus for one clock.
        config_.tracer->span(track, dram::to_string(e.command), e.time_ps,
                             e.time_ps + spec_.timing.tCK_ps);
    }
    traced_[c] = log.size();
}

unsigned int DramTarget::transport_dbg(tlm::tlm_generic_payload& tx) {
    if (!tx.is_read() && !tx.is_write()) return 0;
    return store_.debug_copy(tx.is_write(), tx.get_address(), tx.get_data_ptr(),
                             tx.get_data_length());
}

bool DramTarget::get_direct_mem_ptr(tlm::tlm_generic_payload&, tlm::tlm_dmi& dmi) {
    dmi.set_start_address(0);
    dmi.set_end_address(store_.size() - 1);
    if (!config_.dmi) return false;
    dmi.set_dmi_ptr(store_.data());
    dmi.allow_read_write();
    // The row-hit read latency and the write recovery stand for a DMI access's latency; the
    // CPU charges its own cycle costs and does not use them.
    dmi.set_read_latency(from_ps(spec_.timing.tCK_ps * spec_.timing.CL));
    dmi.set_write_latency(from_ps(spec_.timing.tCK_ps * spec_.timing.CWL));
    return true;
}

}  // namespace accelvp
