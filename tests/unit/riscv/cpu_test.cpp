// Cpu: the hart as a loosely-timed TLM-2.0 initiator, on an Interconnect with a Memory and a Clint.
// Every TEST elaborates its own design (one per process, see tests/CMakeLists.txt).
#include "ip/riscv/cpu.h"

#include <gtest/gtest.h>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include <cstring>
#include <vector>

#include "ip/clint/clint.h"
#include "ip/clint/clint_regs.h"
#include "ip/interconnect/interconnect.h"
#include "ip/memory/memory.h"
#include "tests/unit/riscv/hart_fixture.h"
#include "tests/unit/support/test_initiator.h"

using namespace sc_core;
using accelvp::Interconnect;
using accelvp::InterconnectConfig;
using accelvp::Clint;
using accelvp::Cpu;
using accelvp::CpuConfig;
using accelvp::Memory;
using accelvp::test::TestInitiator;
namespace rv = accelvp::rv;
using namespace accelvp::rv::test;  // instruction encoders

namespace {

constexpr uint32_t kClintBase = 0x0200'0000;
constexpr uint32_t kRam = 0x8000'0000, kRamBytes = 0x2'0000;
constexpr uint32_t kT0 = 5, kT1 = 6, kT2 = 7, kT3 = 28, kA0 = 10, kA1 = 11, kA2 = 12, kA3 = 13;
constexpr uint32_t kMstatus = 0x300, kMie = 0x304, kMtvec = 0x305, kMepc = 0x341, kMcause = 0x342,
                   kMcycle = 0xB00, kTime = 0xC01, kTimeh = 0xC81;
constexpr uint32_t kJalSelf = 0x0000006f;  // jal x0, 0

uint32_t csrr(uint32_t rd, uint32_t csr) {
    return csrrs(rd, csr, 0);
}
uint32_t csrrsi(uint32_t rd, uint32_t csr, uint32_t uimm) {
    return i_type(int32_t(csr), uimm, 6, rd, 0x73);
}

CpuConfig cpu_config(uint64_t clock_hz = 1'000'000'000, sc_time quantum = sc_time(1, SC_US)) {
    CpuConfig c;
    c.clock_hz = clock_hz;
    c.quantum = quantum;
    c.reset_pc = kRam;
    return c;
}

// An interconnect at 1 GHz whose request hop takes `latency` (whole nanoseconds); a data
// beat adds one more cycle to each access.
InterconnectConfig hops(sc_time latency) {
    InterconnectConfig c;
    c.request_cycles = uint32_t(latency.to_seconds() * 1e9 + 0.5);
    c.response_cycles = 0;
    return c;
}

// Cpu -> Interconnect -> {RAM at kRam, CLINT at kClintBase}. The CLINT drives MSIP/MTIP and is the
// time CSR's source. A halt of the hart stops the simulation.
struct Bench {
    Cpu cpu;
    Interconnect bus;
    Memory ram{"ram", kRamBytes, sc_time(10, SC_NS)};
    Clint clint;

    explicit Bench(const CpuConfig& config, sc_time bus_latency = SC_ZERO_TIME,
                   uint64_t timebase_hz = 1'000'000'000)
        : cpu("cpu", config), bus("bus", hops(bus_latency)), clint("clint", SC_ZERO_TIME, timebase_hz) {
        cpu.socket.bind(bus.target_socket);
        bus.add_target("ram", kRam, kRamBytes, ram.socket);
        bus.add_target("clint", kClintBase, 0x1'0000, clint.socket);
        clint.msip_irq.bind(cpu, rv::kIrqMsi);
        clint.mtip_irq.bind(cpu, rv::kIrqMti);
        cpu.set_time_source([this](sc_time t) { return clint.mtime_at(t); });
        cpu.set_halt_handler([](Cpu::Halt) { sc_stop(); });
    }

    void program(const std::vector<uint32_t>& words, uint32_t offset = 0) {
        std::memcpy(ram.data() + offset, words.data(), words.size() * 4);
    }
    uint32_t x(unsigned r) { return cpu.hart().x[r]; }
};

// lui t0 so that -8(t0) is the CLINT's mtime.
uint32_t lui_mtime_page() {
    return lui(kT0, (kClintBase + CLINT_MTIME + 8) >> 12);
}

}  // namespace

TEST(Cpu, LocalTimeRunsAheadOfSystemCTimeByWholeQuanta) {
    // 1 GHz, a quantum of 999 cycles, a loop of 3-cycle jumps: every quantum ends exactly on
    // its limit, so the hart synchronises at multiples of 999 ns.
    Bench b(cpu_config(1'000'000'000, sc_time(999, SC_NS)));
    b.program({kJalSelf});
    TestInitiator observer("observer");  // only a thread that samples the hart's local time
    observer.socket.bind(b.bus.target_socket);
    std::vector<sc_time> samples;
    observer.run([&] {
        for (double t : {100.0, 1500.0, 2500.0, 2996.0}) {
            wait(sc_time(t, SC_NS) - sc_time_stamp());
            samples.push_back(b.cpu.local_time());
        }
    });
    sc_start(sc_time(10, SC_US));
    EXPECT_EQ(sc_time_stamp(), sc_time(2996, SC_NS));
    ASSERT_EQ(samples.size(), 4u);
    // At 100 ns the hart has run its first quantum: it is at 999 ns. At 1500 ns, one more...
    EXPECT_EQ(samples[0], sc_time(999, SC_NS));
    EXPECT_EQ(samples[1], sc_time(1998, SC_NS));
    EXPECT_EQ(samples[2], sc_time(2997, SC_NS));
    EXPECT_EQ(samples[3], sc_time(2997, SC_NS));
    EXPECT_EQ(b.cpu.hart().cycle, 2997u);
    EXPECT_EQ(b.cpu.hart().instret, 999u);
    EXPECT_EQ(b.cpu.halt_reason(), Cpu::Halt::Running);
}

TEST(Cpu, LocalTimeStaysAheadWhenTheSimulationPausesMidQuantum) {
    Bench b(cpu_config(1'000'000'000, sc_time(999, SC_NS)));
    b.program({kJalSelf});
    sc_start(sc_time(2500, SC_NS));
    EXPECT_EQ(sc_time_stamp(), sc_time(2500, SC_NS));
    EXPECT_EQ(b.cpu.local_time(), sc_time(2997, SC_NS)) << "three whole quanta";
    sc_start(sc_time(500, SC_NS));
    EXPECT_EQ(sc_time_stamp(), sc_time(3000, SC_NS));
    EXPECT_EQ(b.cpu.local_time(), sc_time(3996, SC_NS)) << "four whole quanta";
    EXPECT_EQ(b.cpu.hart().cycle % 999, 0u);
}

TEST(Cpu, DeviceAccessCarriesTheLocalTime) {
    // 500 MHz (2 ns a cycle), bus latency 3 ns (rounded up to 2 cycles), CLINT mtime at 1 GHz
    // (one tick a nanosecond).
    Bench b(cpu_config(500'000'000), sc_time(3, SC_NS));
    std::vector<uint32_t> code = {lui_mtime_page(), lw(kA0, kT0, -8)};
    for (int i = 0; i < 10; ++i) code.push_back(addi(kA2, kA2, 1));
    code.push_back(lw(kA1, kT0, -8));
    code.push_back(kWfi);  // mie = 0: the hart halts
    b.program(code);
    sc_start();
    EXPECT_EQ(b.cpu.halt_reason(), Cpu::Halt::WfiForever);
    // First lw at cycle 1 (after the lui): 2 ns local time + 3 ns on the bus.
    EXPECT_EQ(b.x(kA0), 5u);
    // Between the two reads: 2 cycles of bus latency + 2 for the lw + 10 addi = 14 cycles.
    EXPECT_EQ(b.x(kA1) - b.x(kA0), 14u * 2u);
    EXPECT_EQ(b.x(kA1), 33u);
}

TEST(Cpu, TimeCsrReadsTheClintMtimeAtLocalTime) {
    // 1 GHz and a 1 GHz timebase: mtime counts cycles; no latencies.
    Bench b(cpu_config());
    const uint32_t kStart = 1'000'000;  // written to mtime at cycle 3
    b.program({
        lui_mtime_page(),                         // 0: cycle 0
        lui(kT1, kStart >> 12),                   // 1
        addi(kT1, kT1, int32_t(kStart & 0xfff)),  // 2
        sw(kT1, kT0, -8),                         // 3: mtime (low) = kStart at 3 ns
        addi(kT2, 0, 500),                        // the loop runs ~2 quanta
        addi(kT2, kT2, -1),
        bne(kT2, 0, -4),
        csrr(kA0, kTime),    // mtime at local time
        csrr(kA1, kMcycle),  // the cycle count 2 cycles later
        csrr(kA2, kTimeh),
        lw(kA3, kT0, -8),  // mtime via the bus, 4 cycles later
        kWfi,
    });
    sc_start();
    EXPECT_EQ(b.cpu.halt_reason(), Cpu::Halt::WfiForever);
    uint32_t time_read_cycle = b.x(kA1) - 2;  // a CSR instruction costs 2 cycles
    EXPECT_GT(time_read_cycle, 1000u) << "read after at least one synchronisation";
    EXPECT_EQ(b.x(kA0), kStart + (time_read_cycle - 3));
    EXPECT_EQ(b.x(kA2), 0u);
    EXPECT_EQ(b.x(kA3) - b.x(kA0), 6u);
}

TEST(Cpu, TimerInterruptWakesWfiAndIsTaken) {
    Bench b(cpu_config());  // 1 GHz, mtime at 1 GHz: mtimecmp = 5000 is 5 us
    const uint32_t kHandler = 0x100;
    b.program({
        lui(kT0, (kClintBase + CLINT_MTIMECMP) >> 12), sw(0, kT0, 4),         // mtimecmp high = 0
        lui(kT1, 5000 >> 12), addi(kT1, kT1, 5000 & 0xfff), sw(kT1, kT0, 0),  // mtimecmp = 5000
        lui(kT2, kRam >> 12), addi(kT2, kT2, int32_t(kHandler)), csrrw(0, kMtvec, kT2),
        addi(kT3, 0, 0x80), csrrs(0, kMie, kT3),  // MTIE
        csrrsi(0, kMstatus, 8),                   // MIE
        kWfi,                                     // at 0x2c
        kJalSelf,                                 // 0x30: not reached before the interrupt
    });
    b.program({csrr(kA0, kMcause), csrr(kA1, kMcycle), csrr(kA2, kMepc), csrrw(0, kMie, 0), kWfi},
              kHandler);
    sc_start();
    EXPECT_EQ(b.cpu.halt_reason(), Cpu::Halt::WfiForever) << b.cpu.hart().stop_message();
    EXPECT_EQ(b.x(kA0), 0x80000007u);
    EXPECT_EQ(b.cpu.hart().mcause, 0x80000007u);
    EXPECT_EQ(b.x(kA2), kRam + 0x30) << "mepc: the instruction after the WFI";
    EXPECT_GE(b.x(kA1), 5000u) << "taken when mtime reached mtimecmp";
    EXPECT_LT(b.x(kA1), 5010u);
    EXPECT_GT(b.cpu.sleep_cycles(), 4900u);
    EXPECT_GE(sc_time_stamp(), sc_time(5, SC_US));
    EXPECT_LT(sc_time_stamp(), sc_time(5020, SC_NS));
}

TEST(Cpu, TimerInterruptWhileRunningIsTakenAtTheNextSynchronisation) {
    Bench b(cpu_config());  // 1 GHz, quantum 1 us, mtime at 1 GHz: mtimecmp = 5500 is 5.5 us
    const uint32_t kHandler = 0x100;
    b.program({
        lui(kT0, (kClintBase + CLINT_MTIMECMP) >> 12), sw(0, kT0, 4),         // mtimecmp high = 0
        lui(kT1, 5500 >> 12), addi(kT1, kT1, 5500 & 0xfff), sw(kT1, kT0, 0),  // mtimecmp = 5500
        lui(kT2, kRam >> 12), addi(kT2, kT2, int32_t(kHandler)), csrrw(0, kMtvec, kT2),
        addi(kT3, 0, 0x80), csrrs(0, kMie, kT3),  // MTIE
        csrrsi(0, kMstatus, 8),                   // MIE
        kJalSelf,                                 // at 0x2c: spin
    });
    b.program({csrr(kA0, kMcause), csrr(kA1, kMcycle), csrr(kA2, kMepc), csrrw(0, kMie, 0), kWfi},
              kHandler);
    sc_start();
    EXPECT_EQ(b.cpu.halt_reason(), Cpu::Halt::WfiForever) << b.cpu.hart().stop_message();
    EXPECT_EQ(b.x(kA0), 0x80000007u);
    EXPECT_EQ(b.x(kA2), kRam + 0x2c);
    // MTIP rises at 5.5 us while the hart, synchronised at ~5 us, has run ahead to ~6 us: it
    // sees the interrupt when it synchronises there, at most one quantum late.
    EXPECT_GE(b.x(kA1), 6000u);
    EXPECT_LT(b.x(kA1), 5500u + 1000u + 20u);
    EXPECT_EQ(b.cpu.sleep_cycles(), 0u);
}

TEST(Cpu, OwnMsipWriteInterruptsBeforeTheNextInstruction) {
    Bench b(cpu_config());
    const uint32_t kHandler = 0x100;
    b.program({
        lui(kT0, (kClintBase + CLINT_MSIP) >> 12),
        addi(kT3, 0, 0x8),
        csrrs(0, kMie, kT3),     // MSIE
        csrrsi(0, kMstatus, 8),  // MIE
        lui(kT2, kRam >> 12),
        addi(kT2, kT2, int32_t(kHandler)),
        csrrw(0, kMtvec, kT2),
        addi(kT1, 0, 1),
        sw(kT1, kT0, 0),  // 0x20: msip = 1
        addi(kA3, 0, 1),  // 0x24: must not run before the interrupt is taken
        kJalSelf,
    });
    b.program({csrr(kA0, kMcause), csrr(kA2, kMepc), sw(0, kT0, 0), csrrw(0, kMie, 0), kWfi},
              kHandler);
    sc_start();
    EXPECT_EQ(b.cpu.halt_reason(), Cpu::Halt::WfiForever) << b.cpu.hart().stop_message();
    EXPECT_EQ(b.x(kA0), 0x80000003u);
    EXPECT_EQ(b.x(kA2), kRam + 0x24);
    EXPECT_EQ(b.x(kA3), 0u);
    EXPECT_EQ(b.cpu.hart().mip() & (1u << rv::kIrqMsi), 0u) << "the handler cleared msip";
}

namespace {

// Between the bus and a memory: passes everything through, counts DMI requests and can refuse
// them; forwards the memory's DMI invalidations back to the bus.
class DmiGate : public sc_module {
public:
    tlm_utils::simple_target_socket<DmiGate> target_socket;
    tlm_utils::simple_initiator_socket<DmiGate> initiator_socket;
    bool allow_dmi = true;
    int dmi_requests = 0;

    explicit DmiGate(sc_module_name name)
        : sc_module(name), target_socket("target_socket"), initiator_socket("initiator_socket") {
        target_socket.register_b_transport(this, &DmiGate::b_transport);
        target_socket.register_get_direct_mem_ptr(this, &DmiGate::get_direct_mem_ptr);
        target_socket.register_transport_dbg(this, &DmiGate::transport_dbg);
        initiator_socket.register_invalidate_direct_mem_ptr(this, &DmiGate::invalidate);
    }

private:
    void b_transport(tlm::tlm_generic_payload& tx, sc_time& delay) {
        initiator_socket->b_transport(tx, delay);
    }
    bool get_direct_mem_ptr(tlm::tlm_generic_payload& tx, tlm::tlm_dmi& dmi) {
        ++dmi_requests;
        return allow_dmi && initiator_socket->get_direct_mem_ptr(tx, dmi);
    }
    unsigned int transport_dbg(tlm::tlm_generic_payload& tx) {
        return initiator_socket->transport_dbg(tx);
    }
    void invalidate(sc_dt::uint64 start, sc_dt::uint64 end) {
        target_socket->invalidate_direct_mem_ptr(start, end);
    }
};

// Increments the word at kRam + 0x10000 kLoops times (8 cycles an iteration: 8 us at 1 GHz),
// then halts.
constexpr uint32_t kLoops = 1000, kCounter = 0x1'0000;
const std::vector<uint32_t> kCountingLoop = {
    lui(kT0, (kRam + kCounter) >> 12),
    addi(kT2, 0, int32_t(kLoops)),
    lw(kT1, kT0, 0),  // loop
    addi(kT1, kT1, 1),
    sw(kT1, kT0, 0),
    addi(kT2, kT2, -1),
    bne(kT2, 0, -16),
    kWfi,
};

struct GatedBench {
    Cpu cpu{"cpu", cpu_config()};
    Interconnect bus{"bus", hops(SC_ZERO_TIME)};
    DmiGate gate{"gate"};
    Memory ram{"ram", kRamBytes, sc_time(10, SC_NS)};
    TestInitiator tester{"tester"};  // the thread that invalidates

    GatedBench() {
        cpu.socket.bind(bus.target_socket);
        tester.socket.bind(bus.target_socket);
        bus.add_target("ram", kRam, kRamBytes, gate.target_socket);
        gate.initiator_socket.bind(ram.socket);
        std::memcpy(ram.data(), kCountingLoop.data(), kCountingLoop.size() * 4);
    }
    uint32_t counter() {
        uint32_t w;
        std::memcpy(&w, ram.data() + kCounter, 4);
        return w;
    }
    // Waits (in the tester's thread) until the hart has halted, for at most 1 ms.
    void wait_for_halt() {
        for (int i = 0; i < 1000 && cpu.halt_reason() == Cpu::Halt::Running; ++i) wait(1, SC_US);
    }
};

}  // namespace

TEST(Cpu, DmiInvalidationDropsTheRegions) {
    GatedBench b;
    uint32_t counter_at_invalidation = 0;
    b.tester.run([&] {
        wait(3500, SC_NS);  // between two synchronisations
        EXPECT_GE(b.gate.dmi_requests, 1);
        EXPECT_EQ(b.ram.reads(), 0u) << "so far everything went through DMI";
        EXPECT_EQ(b.ram.writes(), 0u);
        counter_at_invalidation = b.counter();
        b.gate.allow_dmi = false;
        b.ram.socket->invalidate_direct_mem_ptr(0, ~uint64_t{0});
        b.wait_for_halt();
    });
    sc_start();
    EXPECT_EQ(b.cpu.halt_reason(), Cpu::Halt::WfiForever);
    EXPECT_GT(counter_at_invalidation, 0u);
    EXPECT_LT(counter_at_invalidation, kLoops);
    EXPECT_EQ(b.counter(), kLoops) << "the loop ran on correctly";
    EXPECT_EQ(b.cpu.hart().x[kT2], 0u);
    // Without DMI every remaining store (and load, and fetch to re-decode) is a transaction.
    EXPECT_EQ(b.ram.writes(), kLoops - counter_at_invalidation);
    EXPECT_GE(b.ram.reads(), kLoops - counter_at_invalidation);
}

TEST(Cpu, AfterAnInvalidationDmiIsRequestedAgain) {
    GatedBench b;
    int requests_before = 0;
    uint32_t counter_at_invalidation = 0;
    b.tester.run([&] {
        wait(3500, SC_NS);
        requests_before = b.gate.dmi_requests;
        counter_at_invalidation = b.counter();
        b.ram.socket->invalidate_direct_mem_ptr(0, ~uint64_t{0});
        b.wait_for_halt();
    });
    sc_start();
    EXPECT_EQ(b.cpu.halt_reason(), Cpu::Halt::WfiForever);
    EXPECT_GT(counter_at_invalidation, 0u);
    EXPECT_GT(b.gate.dmi_requests, requests_before);
    EXPECT_EQ(b.counter(), kLoops);
    EXPECT_EQ(b.ram.reads(), 0u) << "everything went through DMI again";
    EXPECT_EQ(b.ram.writes(), 0u);
}
