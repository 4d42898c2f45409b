// RV32IMAFC hart with machine and user modes: the instruction-set simulator at the heart of
// the host CPU model, free of SystemC so that it can be tested and benchmarked on its own
// (ip/riscv/cpu.h wraps it as a TLM-2.0 initiator).
//
// What it models: the architectural state and every RV32IMAFC + Zicsr + Zifencei
// instruction, precise exceptions and M-mode interrupts (mtvec direct and vectored), the
// machine CSRs listed in docs/riscv-host.md, misaligned loads and stores performed in
// hardware (not trapped), bit-exact IEEE 754 single precision through ip/riscv/softfloat.h.
// What it does not: S mode, virtual memory, PMP, the hpm counters (their CSRs are illegal),
// other harts (LR/SC reservations are only broken by this hart's own SC or a trap).
//
// Speed: instructions are decoded once into per-4-KiB-page caches of DecodedInsn and run by
// a direct-threaded interpreter (interpreter.cpp); loads, stores and fetches go straight to
// host memory through DMI regions obtained from the bus. A page flag marks pages holding decoded code (or
// watched addresses such as HTIF's tohost): a store there takes a slower path that drops the
// page's decodes, so self-modifying code stays correct even without fence.i.
//
// Timing: each instruction costs cycles from its class in CycleCosts; bus accesses that
// leave the fast path add the latency the bus reports, rounded up to whole cycles.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ip/riscv/cycle_costs.h"
#include "ip/riscv/decoded_insn.h"

#define ACCELVP_LIKELY(x) __builtin_expect(!!(x), 1)
#define ACCELVP_UNLIKELY(x) __builtin_expect(!!(x), 0)

namespace accelvp::rv {

// A range of guest physical memory the hart may access directly in host memory.
struct DmiRegion {
    uint64_t base = 0;
    uint64_t size = 0;  // bytes; 0 = empty
    uint8_t* host = nullptr;
    bool writable = false;
};

// What the hart needs from the outside world for everything that leaves the fast path.
class HartBus {
public:
    virtual ~HartBus() = default;
    // Blocking accesses; false means the bus answered with an error (an access fault).
    virtual bool read(uint32_t addr, void* data, unsigned len) = 0;
    virtual bool write(uint32_t addr, const void* data, unsigned len) = 0;
    // Asks for direct access around `addr`. On success fills `region` (readable at least).
    // On refusal may narrow `region` to the range the refusal covers (base/size, host null).
    virtual bool request_dmi(uint32_t addr, DmiRegion& region) = 0;
    // The platform timer's count, for the time/timeh CSRs.
    virtual uint64_t read_time() = 0;
};

enum class Privilege : uint8_t { User = 0, Machine = 3 };

enum class RunResult : uint8_t {
    LimitReached,  // the cycle or instruction limit given to run()
    Wfi,           // WFI with no interrupt pending: the caller sleeps until one is
    Stopped,       // request_stop() or a fatal condition, see stop_reason()
};

enum class StopReason : uint8_t { None, Requested, TrapLoop, WfiForever };

namespace cause {
constexpr uint32_t kInsnMisaligned = 0, kInsnAccessFault = 1, kIllegalInsn = 2, kBreakpoint = 3,
                   kLoadMisaligned = 4, kLoadAccessFault = 5, kStoreMisaligned = 6,
                   kStoreAccessFault = 7, kEcallU = 8, kEcallM = 11;
constexpr uint32_t kInterrupt = 0x80000000u;
}  // namespace cause

// Bits of mip/mie: machine software, timer and external interrupts.
constexpr unsigned kIrqMsi = 3, kIrqMti = 7, kIrqMei = 11;

// A CSR view of a raw event counter (mcycle, minstret) that firmware may write and inhibit.
struct CounterCsr {
    uint64_t offset = 0;
    uint64_t frozen = 0;
    bool inhibited = false;
    uint64_t read(uint64_t raw) const { return inhibited ? frozen : raw + offset; }
    void write(uint64_t raw, uint64_t value) {
        if (inhibited)
            frozen = value;
        else
            offset = value - raw;
    }
    void inhibit(bool on, uint64_t raw);
};

class Hart {
public:
    static constexpr uint32_t kPageBytes = 4096;

    Hart(HartBus& bus, uint32_t hartid = 0, const CycleCosts& costs = {});
    ~Hart();
    Hart(const Hart&) = delete;
    Hart& operator=(const Hart&) = delete;

    void reset(uint32_t pc);

    // Executes until cycle >= cycle_limit or instret >= instret_limit, a WFI, or a stop.
    RunResult run(uint64_t cycle_limit, uint64_t instret_limit);

    // Level of a machine interrupt input (kIrqMsi, kIrqMti, kIrqMei).
    void set_interrupt(unsigned bit, bool level);
    bool interrupt_pending() const { return (mip_ & mie_) != 0; }

    void request_stop();
    StopReason stop_reason() const { return stop_reason_; }
    const std::string& stop_message() const { return stop_message_; }

    // Stores that touch [addr, addr+len) make the hart call `on_store` once the storing
    // instruction has completed (HTIF's tohost). on_store may call defer_watch() to be called
    // again after the next instruction instead (a 64-bit value written as two words).
    void watch_stores(uint32_t addr, unsigned len, std::function<void()> on_store);
    void defer_watch() { watch_pending_ = attention_ = true; }

    // The bus revoked direct access to [start, end]: forget the regions and decodes.
    void invalidate_dmi(uint64_t start, uint64_t end);
    // Drops every cached decode (fence.i; also used when code is loaded).
    void flush_decode_cache();

    // Reads guest memory as the hart sees it, without side effects on the hart (HTIF, tests).
    bool peek(uint32_t addr, void* data, unsigned len);
    bool poke(uint32_t addr, const void* data, unsigned len);

    void set_trap_loop_limit(uint32_t limit) { trap_loop_limit_ = limit; }

    // --- Architectural state, visible to the instruction handlers (ip/riscv/exec_*.cpp) ---
    uint32_t x[33] = {};  // x[32] is the sink for writes to x0
    uint32_t f[32] = {};
    uint32_t pc = 0;
    Privilege priv = Privilege::Machine;
    uint64_t cycle = 0;    // raw clock cycles since reset (stalls and sleep included)
    uint64_t instret = 0;  // raw retired instructions since reset
    uint64_t exceptions = 0, interrupts = 0;  // traps taken, for the statistics
    uint32_t mstatus = 0, mtvec = 0, mepc = 0, mcause = 0, mtval = 0, mscratch = 0;
    uint32_t mcounteren = 0, mcountinhibit = 0;
    uint32_t fflags = 0, frm = 0;
    CounterCsr mcycle_csr, minstret_csr;
    bool reservation_valid = false;
    uint32_t reservation_addr = 0;
    const CycleCosts costs;
    const uint32_t hartid;

    // --- Services for the handlers ---
    // Takes an exception at `pc`; returns the new pc (the trap vector).
    uint32_t raise(uint32_t cause, uint32_t tval);
    uint32_t illegal(const DecodedInsn& d) { return raise(cause::kIllegalInsn, d.raw); }
    uint32_t do_mret();
    void do_wfi();
    void after_csr_write() { attention_ = true; }  // mie/mstatus may enable an interrupt
    bool csr_read(uint32_t csr, uint32_t& value);
    bool csr_write(uint32_t csr, uint32_t value, const DecodedInsn& d);
    bool csr_accessible(uint32_t csr, bool write) const;
    uint32_t mip() const { return mip_; }
    uint32_t mie() const { return mie_; }

    template <typename T>
    bool load(uint32_t addr, T& value) {
        uint64_t off = uint64_t(addr - rd_.base);
        if (ACCELVP_LIKELY(off + sizeof(T) <= rd_.size)) {
            std::memcpy(&value, rd_.host + off, sizeof(T));
            return true;
        }
        return load_slow(addr, &value, sizeof(T), cause::kLoadAccessFault);
    }

    template <typename T>
    bool store(uint32_t addr, T value) {
        uint64_t off = uint64_t(addr - wr_.base);
        if (ACCELVP_LIKELY(
                off + sizeof(T) <= wr_.size &&
                !(page_flags_[addr >> 12] | page_flags_[(addr + sizeof(T) - 1) >> 12]))) {
            std::memcpy(wr_.host + off, &value, sizeof(T));
            return true;
        }
        return store_slow(addr, &value, sizeof(T), cause::kStoreAccessFault);
    }

    // Word access for LR/SC/AMOs: faults are reported as `fault_cause` (AMOs: store faults).
    bool load_word(uint32_t addr, uint32_t& value, uint32_t fault_cause) {
        return load_slow(addr, &value, 4, fault_cause);
    }
    bool store_word(uint32_t addr, uint32_t value, uint32_t fault_cause) {
        return store_slow(addr, &value, 4, fault_cause);
    }

private:
    struct CodePage {
        DecodedInsn insn[kPageBytes / 2];  // one slot per halfword: compressed code is dense
    };
    struct StoreWatch {
        uint32_t addr;
        unsigned len;
        std::function<void()> on_store;
    };
    enum PageFlag : uint8_t { kCode = 1, kWatched = 2 };

    const DecodedInsn* enter_page(uint32_t pc);
    bool fetch_raw(uint32_t addr, uint32_t& raw);
    static uint32_t exec_fetch_fault(Hart& h, const DecodedInsn& d, uint32_t pc);
    void reset_page(CodePage& page);
    void note_code_store(uint32_t addr, unsigned len);

    bool load_slow(uint32_t addr, void* data, unsigned len, uint32_t fault_cause);
    bool store_slow(uint32_t addr, const void* data, unsigned len, uint32_t fault_cause);
    const DmiRegion* find_dmi(uint32_t addr, unsigned len);
    bool service_attention(RunResult& result);
    bool take_interrupt();
    void stop(StopReason reason, std::string message);

    HartBus& bus_;

    // Fast paths: the regions that served the last load and store, and the current code page.
    DmiRegion rd_, wr_;
    CodePage* cur_page_ = nullptr;
    uint64_t cur_page_base_ = ~uint64_t{0};
    std::unique_ptr<uint8_t[]> page_flags_;  // one byte per 4 KiB page of the 4 GiB space

    std::vector<DmiRegion> dmi_;         // granted regions
    std::vector<DmiRegion> dmi_denied_;  // ranges the bus refused, not asked again
    std::unordered_map<uint32_t, std::unique_ptr<CodePage>> pages_;
    std::vector<StoreWatch> watches_;
    DecodedInsn scratch_{};      // decode of an instruction outside any cacheable page
    DecodedInsn fetch_fault_{};  // "instruction" that raises the pending fetch fault

    uint32_t mip_ = 0, mie_ = 0;
    bool attention_ = false;  // an interrupt, a stop or a WFI needs the run loop's attention
    bool watch_pending_ = false;
    bool wfi_ = false;
    StopReason stop_reason_ = StopReason::None;
    std::string stop_message_;

    // Trap-loop detection (see raise()).
    uint64_t last_trap_instret_ = ~uint64_t{0};
    uint32_t nested_traps_ = 0;
    uint64_t mret_instret_ = ~uint64_t{0};
    uint32_t mret_target_ = 0;
    uint32_t last_cause_ = 0, last_tval_ = 0, repeated_traps_ = 0;
    uint32_t trap_loop_limit_ = 1000;
};

}  // namespace accelvp::rv
