// The host CPU: an rv::Hart run as a loosely-timed TLM-2.0 initiator.
//
// Temporal decoupling: the hart runs ahead of SystemC time for up to one quantum
// (soc.cpu.quantum_ns) without yielding, keeping its local time as a cycle count; it
// synchronises at the end of each quantum, at WFI and when it stops. Memories are accessed
// through DMI (granted by the bus, honouring invalidation); devices through b_transport with
// the local time offset as the delay, so a device sees the exact time of each access.
// Interrupts raised by other processes are seen at the next synchronisation point, so their
// latency is at most one quantum; interrupts caused by the hart's own device accesses (a
// CLINT msip write, a PLIC claim) are seen before the next instruction.
#pragma once

#include <tlm_utils/simple_initiator_socket.h>

#include <csignal>
#include <cstdint>
#include <functional>
#include <systemc>
#include <tlm>

#include "ip/common/irq.h"
#include "ip/common/tracer.h"
#include "ip/riscv/hart.h"

namespace accelvp {

struct CpuConfig {
    uint64_t clock_hz = 1'000'000'000;
    sc_core::sc_time quantum = sc_core::sc_time(1, sc_core::SC_US);
    uint32_t hartid = 0;
    uint32_t reset_pc = 0x1000;
    uint32_t trap_loop_limit = 1000;
    rv::CycleCosts costs;
};

class Cpu : public sc_core::sc_module, public IrqSink, private rv::HartBus {
public:
    enum class Halt { Running, Stopped, InstructionLimit, TrapLoop, WfiForever, Cancelled };

    tlm_utils::simple_initiator_socket<Cpu> socket;

    Cpu(sc_core::sc_module_name name, const CpuConfig& config);

    rv::Hart& hart() { return hart_; }
    const CpuConfig& config() const { return config_; }

    // Lines are mip bit numbers: rv::kIrqMsi, rv::kIrqMti, rv::kIrqMei.
    void set_irq(unsigned line, bool level) override;

    // Source of the time CSR: the platform timer's count at a given simulated time.
    void set_time_source(std::function<uint64_t(sc_core::sc_time)> source);
    // Stop before retiring instruction number `count` + 1 (0: no limit).
    void set_instruction_limit(uint64_t count);
    // Never run ahead past this simulated time (the end of a time-limited run), so that the
    // run stops there exactly rather than at the end of the quantum it falls in.
    void set_time_limit(sc_core::sc_time limit) { time_limit_ = limit; }
    // A flag set from a signal handler (Ctrl-C): the hart halts at its next synchronisation.
    void set_cancel_flag(const volatile std::sig_atomic_t* flag) { cancel_ = flag; }
    // Called once when the hart halts, after SystemC time has caught up with the hart.
    void set_halt_handler(std::function<void(Halt)> handler);
    // Reports "run" (executing, bus waits included) and "wfi" (asleep) spans to a trace.
    void set_tracer(Tracer* tracer);

    // Ends execution after the current instruction (e.g. a test finisher was written).
    void request_stop();

    Halt halt_reason() const { return halt_; }
    // The hart's local time: SystemC time plus what the hart has run ahead.
    sc_core::sc_time local_time() const;
    uint64_t sleep_cycles() const { return sleep_cycles_; }

private:
    void thread();
    void sync();
    void trace(const char* what, const sc_core::sc_time& begin);  // a span up to now
    void halt(Halt reason);
    void catch_up_cycles(const sc_core::sc_time& local);

    bool read(uint32_t addr, void* data, unsigned len) override;
    bool write(uint32_t addr, const void* data, unsigned len) override;
    bool request_dmi(uint32_t addr, rv::DmiRegion& region) override;
    uint64_t read_time() override;
    bool transport(tlm::tlm_command cmd, uint32_t addr, void* data, unsigned len);
    void invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end);

    CpuConfig config_;
    rv::Hart hart_;
    sc_core::sc_time period_;
    uint64_t quantum_cycles_;
    uint64_t instruction_limit_ = ~uint64_t{0};
    sc_core::sc_time time_limit_ = sc_core::SC_ZERO_TIME;  // zero: none
    std::function<uint64_t(sc_core::sc_time)> time_source_;
    std::function<void(Halt)> on_halt_;
    sc_core::sc_event irq_event_;
    sc_core::sc_time sync_time_;  // SystemC time at the last synchronisation
    uint64_t sync_cycle_ = 0;     // hart cycle count at the last synchronisation
    uint64_t sleep_cycles_ = 0;
    Tracer* tracer_ = nullptr;
    int track_ = -1;
    Halt halt_ = Halt::Running;
    const volatile std::sig_atomic_t* cancel_ = nullptr;
    tlm::tlm_generic_payload tx_;
};

}  // namespace accelvp
