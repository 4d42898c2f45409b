// The machine-mode CSR file of the hart (see docs/riscv-host.md for the list). A CSR that is
// not listed here does not exist: any access raises illegal instruction.
#include "ip/riscv/hart.h"

namespace accelvp::rv {

namespace csr {
enum : uint32_t {
    fflags = 0x001,
    frm = 0x002,
    fcsr = 0x003,
    cycle = 0xC00,
    time = 0xC01,
    instret = 0xC02,
    cycleh = 0xC80,
    timeh = 0xC81,
    instreth = 0xC82,
    mstatus = 0x300,
    misa = 0x301,
    mie = 0x304,
    mtvec = 0x305,
    mcounteren = 0x306,
    mstatush = 0x310,
    mcountinhibit = 0x320,
    mscratch = 0x340,
    mepc = 0x341,
    mcause = 0x342,
    mtval = 0x343,
    mip = 0x344,
    mcycle = 0xB00,
    minstret = 0xB02,
    mcycleh = 0xB80,
    minstreth = 0xB82,
    mvendorid = 0xF11,
    marchid = 0xF12,
    mimpid = 0xF13,
    mhartid = 0xF14,
    mconfigptr = 0xF15,
};
}  // namespace csr

namespace {
// RV32 (MXL = 1) with A, C, F, I, M and U.
constexpr uint32_t kMisa =
    (1u << 30) | (1u << 0) | (1u << 2) | (1u << 5) | (1u << 8) | (1u << 12) | (1u << 20);
constexpr uint32_t kMstatusWritable = (1u << 3) | (1u << 7) | (3u << 11) | (3u << 13);
constexpr uint32_t kMieWritable = (1u << kIrqMsi) | (1u << kIrqMti) | (1u << kIrqMei);
constexpr uint32_t kFsMask = 3u << 13;

uint32_t lo(uint64_t v) {
    return uint32_t(v);
}
uint32_t hi(uint64_t v) {
    return uint32_t(v >> 32);
}
uint64_t with_lo(uint64_t v, uint32_t l) {
    return (v & ~uint64_t(0xffffffff)) | l;
}
uint64_t with_hi(uint64_t v, uint32_t h) {
    return (v & 0xffffffff) | (uint64_t(h) << 32);
}

bool is_fp_csr(uint32_t n) {
    return n >= csr::fflags && n <= csr::fcsr;
}
bool is_user_counter(uint32_t n) {
    return (n >= csr::cycle && n <= csr::instret) || (n >= csr::cycleh && n <= csr::instreth);
}
}  // namespace

bool Hart::csr_accessible(uint32_t n, bool write) const {
    bool read_only = (n >> 10) == 3;
    if (write && read_only) return false;
    if (is_fp_csr(n)) return (mstatus & kFsMask) != 0;
    if (is_user_counter(n)) return priv == Privilege::Machine || (mcounteren >> (n & 0x1f) & 1);
    return uint32_t(priv) >= ((n >> 8) & 3);
}

bool Hart::csr_read(uint32_t n, uint32_t& v) {
    switch (n) {
        case csr::fflags:
            v = fflags;
            return true;
        case csr::frm:
            v = frm;
            return true;
        case csr::fcsr:
            v = (frm << 5) | fflags;
            return true;
        case csr::cycle:
        case csr::mcycle:
            v = lo(mcycle_csr.read(cycle));
            return true;
        case csr::cycleh:
        case csr::mcycleh:
            v = hi(mcycle_csr.read(cycle));
            return true;
        case csr::instret:
        case csr::minstret:
            v = lo(minstret_csr.read(instret));
            return true;
        case csr::instreth:
        case csr::minstreth:
            v = hi(minstret_csr.read(instret));
            return true;
        case csr::time:
            v = lo(bus_.read_time());
            return true;
        case csr::timeh:
            v = hi(bus_.read_time());
            return true;
        case csr::mstatus: {
            bool dirty = (mstatus & kFsMask) == kFsMask;  // SD summarises FS
            v = mstatus | (dirty ? 0x80000000u : 0);
            return true;
        }
        case csr::mstatush:
            v = 0;
            return true;
        case csr::misa:
            v = kMisa;
            return true;
        case csr::mie:
            v = mie_;
            return true;
        case csr::mip:
            v = mip_;
            return true;
        case csr::mtvec:
            v = mtvec;
            return true;
        case csr::mcounteren:
            v = mcounteren;
            return true;
        case csr::mcountinhibit:
            v = mcountinhibit;
            return true;
        case csr::mscratch:
            v = mscratch;
            return true;
        case csr::mepc:
            v = mepc;
            return true;
        case csr::mcause:
            v = mcause;
            return true;
        case csr::mtval:
            v = mtval;
            return true;
        case csr::mvendorid:
        case csr::marchid:
        case csr::mimpid:
        case csr::mconfigptr:
            v = 0;
            return true;
        case csr::mhartid:
            v = hartid;
            return true;
        default:
            return false;
    }
}

// Counter writes take effect as the value the next instruction reads: the writing
// instruction's own retirement (and cycles) are not added on top.
bool Hart::csr_write(uint32_t n, uint32_t v, const DecodedInsn& d) {
    uint64_t next_instret = instret + 1, next_cycle = cycle + d.cycles;
    switch (n) {
        case csr::fflags:
            fflags = v & 0x1f;
            break;
        case csr::frm:
            frm = v & 7;
            break;
        case csr::fcsr:
            fflags = v & 0x1f;
            frm = (v >> 5) & 7;
            break;
        case csr::mcycle:
            mcycle_csr.write(next_cycle, with_lo(mcycle_csr.read(next_cycle), v));
            break;
        case csr::mcycleh:
            mcycle_csr.write(next_cycle, with_hi(mcycle_csr.read(next_cycle), v));
            break;
        case csr::minstret:
            minstret_csr.write(next_instret, with_lo(minstret_csr.read(next_instret), v));
            break;
        case csr::minstreth:
            minstret_csr.write(next_instret, with_hi(minstret_csr.read(next_instret), v));
            break;
        case csr::mstatus: {
            uint32_t value = v & kMstatusWritable;
            uint32_t mpp = (value >> 11) & 3;
            if (mpp != 0 && mpp != 3)
                value = (value & ~(3u << 11)) | (mstatus & (3u << 11));  // WARL
            mstatus = value;
            break;
        }
        case csr::mstatush:
            break;
        case csr::misa:
            break;  // WARL, fixed
        case csr::mie:
            mie_ = v & kMieWritable;
            break;
        case csr::mip:
            break;  // MSIP, MTIP, MEIP are driven by the CLINT and PLIC
        case csr::mtvec:
            mtvec = (v & 3) <= 1 ? v : (v & ~3u);
            break;  // modes 2, 3 reserved
        case csr::mcounteren:
            mcounteren = v & 7;
            break;
        case csr::mcountinhibit:
            // CY and IR (TM does not exist). As in Spike, the new state already applies to the
            // writing instruction: inhibiting does not count it, un-inhibiting does.
            mcountinhibit = v & 5;
            mcycle_csr.inhibit(v & 1, cycle);
            minstret_csr.inhibit(v & 4, instret);
            break;
        case csr::mscratch:
            mscratch = v;
            break;
        case csr::mepc:
            mepc = v & ~1u;
            break;
        case csr::mcause:
            mcause = v;
            break;
        case csr::mtval:
            mtval = v;
            break;
        default:
            return false;
    }
    if (is_fp_csr(n)) mstatus |= kFsMask;
    after_csr_write();
    return true;
}

}  // namespace accelvp::rv
