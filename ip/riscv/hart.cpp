#include "ip/riscv/hart.h"

#include <fmt/format.h>

#include <algorithm>

#include "ip/riscv/decode.h"

namespace accelvp::rv {

namespace {
constexpr uint32_t kMstatusMie = 1u << 3;
constexpr uint32_t kMstatusMpie = 1u << 7;
constexpr uint32_t kMstatusMpp = 3u << 11;
// Traps taken with no instruction retired in between: the handler itself faults at once.
constexpr uint32_t kNestedTrapLimit = 64;
}  // namespace

void CounterCsr::inhibit(bool on, uint64_t raw) {
    if (on && !inhibited) frozen = raw + offset;
    if (!on && inhibited) offset = frozen - raw;
    inhibited = on;
}

Hart::Hart(HartBus& bus, uint32_t hartid_, const CycleCosts& costs_)
    : costs(costs_), hartid(hartid_), bus_(bus), page_flags_(new uint8_t[1u << 20]()) {
    fetch_fault_.op = Op::Call;
    fetch_fault_.exec = &Hart::exec_fetch_fault;
    fetch_fault_.len = 4;
    reset(0);
}

Hart::~Hart() = default;

void Hart::reset(uint32_t reset_pc) {
    std::fill(std::begin(x), std::end(x), 0);
    std::fill(std::begin(f), std::end(f), 0);
    pc = reset_pc;
    priv = Privilege::Machine;
    mstatus = mtvec = mepc = mcause = mtval = mscratch = 0;
    mcounteren = mcountinhibit = 0;
    fflags = frm = 0;
    mcycle_csr = minstret_csr = CounterCsr{};
    reservation_valid = false;
    mie_ = 0;
    wfi_ = false;
    stop_reason_ = StopReason::None;
    stop_message_.clear();
    attention_ = mip_ != 0;
    flush_decode_cache();
}

// Interrupts, WFI and stops are rare: they raise attention_ and are handled here, between
// instructions, so the interpreter tests one flag after each call out of its loop.
bool Hart::service_attention(RunResult& result) {
    attention_ = false;
    if (watch_pending_) {
        watch_pending_ = false;
        for (const StoreWatch& w : watches_) w.on_store();
    }
    if (stop_reason_ != StopReason::None) {
        result = RunResult::Stopped;
        return true;
    }
    if (take_interrupt()) wfi_ = false;
    if (wfi_) {
        if (interrupt_pending()) {
            wfi_ = false;  // an enabled interrupt is pending but globally masked: WFI ends
            return false;
        }
        if (mie_ == 0) {
            stop(StopReason::WfiForever,
                 fmt::format("WFI at pc {:#010x} with every interrupt disabled in mie: the hart "
                             "would sleep forever",
                             pc - 4));
            result = RunResult::Stopped;
            return true;
        }
        attention_ = true;  // re-examined when the caller resumes us
        result = RunResult::Wfi;
        return true;
    }
    return false;
}

bool Hart::take_interrupt() {
    uint32_t pending = mip_ & mie_;
    if (!pending) return false;
    if (priv == Privilege::Machine && !(mstatus & kMstatusMie)) return false;
    // Priority among M-mode interrupts: external, software, timer.
    unsigned irq = (pending & (1u << kIrqMei))   ? kIrqMei
                   : (pending & (1u << kIrqMsi)) ? kIrqMsi
                                                 : kIrqMti;
    uint32_t saved_pc = pc;
    raise(cause::kInterrupt | irq, 0);
    ++instret;  // raise() un-counts the current instruction; an interrupt interrupts none
    mepc = saved_pc;
    if ((mtvec & 3) == 1) pc = (mtvec & ~3u) + 4 * irq;
    return true;
}

void Hart::set_interrupt(unsigned bit, bool level) {
    uint32_t mask = 1u << bit;
    mip_ = level ? (mip_ | mask) : (mip_ & ~mask);
    attention_ = true;
}

void Hart::request_stop() {
    stop(StopReason::Requested, "stop requested");
}

void Hart::stop(StopReason reason, std::string message) {
    if (stop_reason_ == StopReason::None) {
        stop_reason_ = reason;
        stop_message_ = std::move(message);
    }
    attention_ = true;
}

// A trap never retires the instruction that caused it: raise() takes back the increment the
// run loop makes after every handler. Two patterns mean the firmware can make no progress,
// and end the run instead of spinning forever even when no limit is set:
//  - kNestedTrapLimit traps in a row with no instruction retired between them (the trap
//    vector itself faults, e.g. mtvec unset);
//  - trap_loop_limit_ identical exceptions (cause, tval, pc) each taken by the first
//    instruction after an mret to that same pc (a handler that returns without fixing).
uint32_t Hart::raise(uint32_t cause_value, uint32_t tval) {
    uint64_t retired = instret;  // instructions retired before this one
    --instret;
    bool is_interrupt = cause_value & cause::kInterrupt;
    ++(is_interrupt ? interrupts : exceptions);
    if (!is_interrupt) {
        nested_traps_ = retired == last_trap_instret_ ? nested_traps_ + 1 : 0;
        last_trap_instret_ = retired;
        bool retried = retired == mret_instret_ && pc == mret_target_ &&
                       cause_value == last_cause_ && tval == last_tval_;
        repeated_traps_ = retried ? repeated_traps_ + 1 : 0;
        last_cause_ = cause_value;
        last_tval_ = tval;
        if (nested_traps_ >= kNestedTrapLimit || repeated_traps_ >= trap_loop_limit_) {
            stop(StopReason::TrapLoop,
                 fmt::format("trap loop: exception cause {} (tval {:#010x}) at pc {:#010x} taken "
                             "{} times without progress; mtvec = {:#010x}",
                             cause_value, tval, pc, std::max(nested_traps_, repeated_traps_) + 1,
                             mtvec));
        }
    }
    mepc = pc;
    mcause = cause_value;
    mtval = tval;
    uint32_t mie_bit = (mstatus & kMstatusMie) ? kMstatusMpie : 0;
    mstatus =
        (mstatus & ~(kMstatusMie | kMstatusMpie | kMstatusMpp)) | mie_bit | (uint32_t(priv) << 11);
    priv = Privilege::Machine;
    reservation_valid = false;
    pc = mtvec & ~3u;
    return pc;
}

uint32_t Hart::do_mret() {
    uint32_t mpp = (mstatus & kMstatusMpp) >> 11;
    priv = mpp == 3 ? Privilege::Machine : Privilege::User;
    uint32_t mie_bit = (mstatus & kMstatusMpie) ? kMstatusMie : 0;
    // MPP becomes the least-privileged mode (U); MPIE is set.
    mstatus = (mstatus & ~(kMstatusMie | kMstatusMpp)) | mie_bit | kMstatusMpie;
    pc = mepc;
    mret_instret_ = instret + 1;
    mret_target_ = mepc;
    attention_ = true;
    return pc;
}

void Hart::do_wfi() {
    if (interrupt_pending()) return;
    wfi_ = true;
    attention_ = true;
}

void Hart::watch_stores(uint32_t addr, unsigned len, std::function<void()> on_store) {
    watches_.push_back({addr, len, std::move(on_store)});
    for (uint64_t a = addr & ~uint64_t(kPageBytes - 1); a < uint64_t(addr) + len; a += kPageBytes)
        page_flags_[a >> 12] |= kWatched;
    wr_ = DmiRegion{};  // the fast store path must see the new flag
}

// ---- Decode cache ------------------------------------------------------------------------

// Only the operation is replaced: the instruction executing now may be the one whose page
// is reset (a store into its own page), and it still reads its operands, length and cost.
void Hart::reset_page(CodePage& page) {
    for (DecodedInsn& d : page.insn) d.op = Op::Decode;
}

void Hart::flush_decode_cache() {
    // Pages are reset in place, never freed: the handler running now may live in one.
    for (auto& [number, page] : pages_) {
        reset_page(*page);
        page_flags_[number] &= ~kCode;
    }
}

const DecodedInsn* Hart::enter_page(uint32_t addr) {
    uint32_t number = addr >> 12;
    auto it = pages_.find(number);
    if (it == pages_.end()) {
        const DmiRegion* region = find_dmi(addr & ~(kPageBytes - 1), kPageBytes);
        if (!region) {
            // Not plain memory (or no DMI): decode afresh every time, cache nothing.
            uint32_t raw;
            if (!fetch_raw(addr, raw)) return &fetch_fault_;
            scratch_ = decode(raw, costs);
            return &scratch_;
        }
        auto page = std::make_unique<CodePage>();  // value-initialised: all fields zero
        reset_page(*page);
        it = pages_.emplace(number, std::move(page)).first;
    }
    cur_page_ = it->second.get();
    cur_page_base_ = uint64_t(number) << 12;
    return &cur_page_->insn[(addr & (kPageBytes - 1)) >> 1];
}

bool Hart::fetch_raw(uint32_t addr, uint32_t& raw) {
    uint16_t lo, hi;
    if (!peek(addr, &lo, 2)) {
        mtval = addr;
        return false;
    }
    raw = lo;
    if ((lo & 3) == 3) {
        if (!peek(addr + 2, &hi, 2)) {
            mtval = addr + 2;
            return false;
        }
        raw |= uint32_t(hi) << 16;
    }
    return true;
}

uint32_t Hart::exec_fetch_fault(Hart& h, const DecodedInsn&, uint32_t) {
    return h.raise(cause::kInsnAccessFault, h.mtval);
}

void Hart::note_code_store(uint32_t addr, unsigned len) {
    for (uint64_t a = addr & ~uint64_t(kPageBytes - 1); a < uint64_t(addr) + len; a += kPageBytes) {
        uint32_t number = uint32_t(a >> 12);
        if (!(page_flags_[number] & kCode)) continue;
        auto it = pages_.find(number);
        if (it != pages_.end()) reset_page(*it->second);
        page_flags_[number] &= ~kCode;
    }
}

// ---- Memory: DMI regions and the bus -----------------------------------------------------

const DmiRegion* Hart::find_dmi(uint32_t addr, unsigned len) {
    auto covers = [&](const DmiRegion& r) {
        return addr >= r.base && uint64_t(addr) + len <= r.base + r.size;
    };
    for (const DmiRegion& r : dmi_)
        if (covers(r)) return &r;
    for (const DmiRegion& r : dmi_denied_)
        if (addr >= r.base && addr < r.base + r.size) return nullptr;
    DmiRegion region;
    region.base = addr;
    region.size = 1;
    if (bus_.request_dmi(addr, region) && region.host && covers(region)) {
        dmi_.push_back(region);
        return &dmi_.back();
    }
    // Remember a refusal only when it names a bounded range that contains the address.
    if (dmi_denied_.size() >= 64) dmi_denied_.clear();
    if (!region.host && region.size && region.size < (uint64_t(1) << 32) && addr >= region.base &&
        addr < region.base + region.size)
        dmi_denied_.push_back(DmiRegion{region.base, region.size, nullptr, false});
    return nullptr;
}

bool Hart::load_slow(uint32_t addr, void* data, unsigned len, uint32_t fault_cause) {
    if (const DmiRegion* r = find_dmi(addr, len)) {
        rd_ = *r;
        std::memcpy(data, r->host + (addr - r->base), len);
        return true;
    }
    if (len > 1 && (find_dmi(addr, 1) || find_dmi(addr + len - 1, 1))) {
        // Straddles the edge of a memory: byte by byte, each byte where it lives.
        for (unsigned i = 0; i < len; ++i)
            if (!load_slow(addr + i, static_cast<uint8_t*>(data) + i, 1, fault_cause)) return false;
        return true;
    }
    if (bus_.read(addr, data, len)) return true;
    raise(fault_cause, addr);
    return false;
}

bool Hart::store_slow(uint32_t addr, const void* data, unsigned len, uint32_t fault_cause) {
    const DmiRegion* r = find_dmi(addr, len);
    if (r && r->writable) {
        std::memcpy(r->host + (addr - r->base), data, len);
        uint8_t flags = page_flags_[addr >> 12] | page_flags_[(addr + len - 1) >> 12];
        if (!flags) wr_ = *r;
        if (flags & kCode) note_code_store(addr, len);
        if (flags & kWatched) {
            for (const StoreWatch& w : watches_)
                if (addr < uint64_t(w.addr) + w.len && w.addr < uint64_t(addr) + len) defer_watch();
        }
        return true;
    }
    if (!r && len > 1 && (find_dmi(addr, 1) || find_dmi(addr + len - 1, 1))) {  // straddles
        for (unsigned i = 0; i < len; ++i)
            if (!store_slow(addr + i, static_cast<const uint8_t*>(data) + i, 1, fault_cause))
                return false;
        return true;
    }
    if (bus_.write(addr, data, len)) {
        // A bus write may land on code in memory without DMI write access.
        if (page_flags_[addr >> 12] & kCode) note_code_store(addr, len);
        return true;
    }
    raise(fault_cause, addr);
    return false;
}

bool Hart::peek(uint32_t addr, void* data, unsigned len) {
    if (const DmiRegion* r = find_dmi(addr, len)) {
        std::memcpy(data, r->host + (addr - r->base), len);
        return true;
    }
    return bus_.read(addr, data, len);
}

bool Hart::poke(uint32_t addr, const void* data, unsigned len) {
    const DmiRegion* r = find_dmi(addr, len);
    bool ok = r && r->writable;
    if (ok)
        std::memcpy(r->host + (addr - r->base), data, len);
    else
        ok = bus_.write(addr, data, len);
    if (ok) note_code_store(addr, len);
    return ok;
}

void Hart::invalidate_dmi(uint64_t start, uint64_t end) {
    auto overlaps = [&](const DmiRegion& r) { return r.base <= end && start < r.base + r.size; };
    dmi_.erase(std::remove_if(dmi_.begin(), dmi_.end(), overlaps), dmi_.end());
    dmi_denied_.clear();
    rd_ = wr_ = DmiRegion{};
    flush_decode_cache();
}

}  // namespace accelvp::rv
