#include "ip/riscv/cpu.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "ip/common/sc_time_utils.h"

namespace accelvp {

Cpu::Cpu(sc_core::sc_module_name name, const CpuConfig& config)
    : sc_module(name),
      socket("socket"),
      config_(config),
      hart_(*this, config.hartid, config.costs) {
    if (config.clock_hz == 0 || config.clock_hz > 1'000'000'000'000ull)
        throw std::invalid_argument(fmt::format("{}: clock_hz {} is out of range (1 Hz to 1 THz)",
                                                this->name(), config.clock_hz));
    period_ = sc_core::sc_time(1e12 / double(config.clock_hz), sc_core::SC_PS);
    if (period_ == sc_core::SC_ZERO_TIME)
        throw std::invalid_argument(
            fmt::format("{}: clock period below the time resolution", this->name()));
    quantum_cycles_ = std::max<uint64_t>(1, uint64_t(config.quantum / period_));
    if (config.costs.branch_taken < config.costs.branch)
        throw std::invalid_argument(
            fmt::format("{}: cycles.branch_taken must be >= cycles.branch", this->name()));
    hart_.set_trap_loop_limit(config.trap_loop_limit);
    socket.register_invalidate_direct_mem_ptr(this, &Cpu::invalidate_direct_mem_ptr);
    SC_HAS_PROCESS(Cpu);
    SC_THREAD(thread);
}

void Cpu::set_irq(unsigned line, bool level) {
    hart_.set_interrupt(line, level);
    if (level) irq_event_.notify(sc_core::SC_ZERO_TIME);
}

void Cpu::set_time_source(std::function<uint64_t(sc_core::sc_time)> source) {
    time_source_ = std::move(source);
}
void Cpu::set_instruction_limit(uint64_t count) {
    instruction_limit_ = count ? count : ~uint64_t{0};
}
void Cpu::set_halt_handler(std::function<void(Halt)> handler) {
    on_halt_ = std::move(handler);
}
void Cpu::set_tracer(Tracer* tracer) {
    tracer_ = tracer;
    if (tracer_) track_ = tracer_->track(name(), "hart" + std::to_string(config_.hartid));
}

void Cpu::trace(const char* what, const sc_core::sc_time& begin) {
    if (tracer_ && sc_core::sc_time_stamp() > begin)
        tracer_->span(track_, what, to_ps(begin), to_ps(sc_core::sc_time_stamp()));
}

void Cpu::request_stop() {
    hart_.request_stop();
}

sc_core::sc_time Cpu::local_time() const {
    return sync_time_ + period_ * double(hart_.cycle - sync_cycle_);
}

void Cpu::thread() {
    hart_.reset(config_.reset_pc);
    sync_time_ = sc_core::sc_time_stamp();
    sync_cycle_ = hart_.cycle;
    for (;;) {
        uint64_t cycle_limit = sync_cycle_ + quantum_cycles_;
        if (time_limit_ != sc_core::SC_ZERO_TIME) {
            if (time_limit_ <= sync_time_) return;  // SystemC ends the run at the limit
            double to_limit = (time_limit_ - sync_time_) / period_;
            uint64_t cycles = uint64_t(to_limit);
            if (double(cycles) < to_limit) ++cycles;
            cycle_limit = std::min(cycle_limit, sync_cycle_ + cycles);
        }
        const sc_core::sc_time run_begin = sync_time_;
        rv::RunResult result = hart_.run(cycle_limit, instruction_limit_);
        sync();
        trace("run", run_begin);
        if (result == rv::RunResult::Stopped) {
            switch (hart_.stop_reason()) {
                case rv::StopReason::TrapLoop:
                    return halt(Halt::TrapLoop);
                case rv::StopReason::WfiForever:
                    return halt(Halt::WfiForever);
                default:
                    return halt(Halt::Stopped);
            }
        }
        if (cancel_ && *cancel_) return halt(Halt::Cancelled);
        if (result == rv::RunResult::LimitReached && hart_.instret >= instruction_limit_)
            return halt(Halt::InstructionLimit);
        if (result == rv::RunResult::Wfi) {
            // Sleep until an interrupt arrives; the clock keeps counting (mcycle).
            const sc_core::sc_time sleep_begin = sc_core::sc_time_stamp();
            while (!hart_.interrupt_pending()) wait(irq_event_);
            trace("wfi", sleep_begin);
            uint64_t before = hart_.cycle;
            catch_up_cycles(sc_core::sc_time_stamp());
            sleep_cycles_ += hart_.cycle - before;
            sync_time_ = sc_core::sc_time_stamp();
            sync_cycle_ = hart_.cycle;
        }
    }
}

// Lets SystemC time catch up with the hart's local time.
void Cpu::sync() {
    sc_core::sc_time local = local_time();
    if (local > sc_core::sc_time_stamp()) wait(local - sc_core::sc_time_stamp());
    sync_time_ = sc_core::sc_time_stamp();
    sync_cycle_ = hart_.cycle;
}

void Cpu::halt(Halt reason) {
    halt_ = reason;
    if (on_halt_) on_halt_(reason);
}

// Advances the hart's cycle count to cover `local` (rounding up to whole cycles).
void Cpu::catch_up_cycles(const sc_core::sc_time& local) {
    if (local <= sync_time_) return;
    double cycles = (local - sync_time_) / period_;
    uint64_t target = sync_cycle_ + uint64_t(cycles);
    if (double(target - sync_cycle_) < cycles) ++target;
    if (target > hart_.cycle) hart_.cycle = target;
}

bool Cpu::transport(tlm::tlm_command cmd, uint32_t addr, void* data, unsigned len) {
    tx_.set_command(cmd);
    tx_.set_address(addr);
    tx_.set_data_ptr(static_cast<unsigned char*>(data));
    tx_.set_data_length(len);
    tx_.set_streaming_width(len);
    tx_.set_byte_enable_ptr(nullptr);
    tx_.set_dmi_allowed(false);
    tx_.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    sc_core::sc_time delay = local_time() - sc_core::sc_time_stamp();
    socket->b_transport(tx_, delay);
    catch_up_cycles(sc_core::sc_time_stamp() + delay);
    return tx_.is_response_ok();
}

bool Cpu::read(uint32_t addr, void* data, unsigned len) {
    return transport(tlm::TLM_READ_COMMAND, addr, data, len);
}

bool Cpu::write(uint32_t addr, const void* data, unsigned len) {
    return transport(tlm::TLM_WRITE_COMMAND, addr, const_cast<void*>(data), len);
}

bool Cpu::request_dmi(uint32_t addr, rv::DmiRegion& region) {
    tlm::tlm_generic_payload tx;
    tlm::tlm_dmi dmi;
    tx.set_command(tlm::TLM_READ_COMMAND);
    tx.set_address(addr);
    bool granted = socket->get_direct_mem_ptr(tx, dmi);
    region.base = dmi.get_start_address();
    region.size = dmi.get_end_address() - dmi.get_start_address() + 1;
    region.host = nullptr;
    region.writable = false;
    if (!granted || !dmi.is_read_allowed()) return false;
    region.host = dmi.get_dmi_ptr();
    region.writable = dmi.is_write_allowed();
    return true;
}

uint64_t Cpu::read_time() {
    return time_source_ ? time_source_(local_time()) : 0;
}

void Cpu::invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end) {
    hart_.invalidate_dmi(start, end);
}

}  // namespace accelvp
