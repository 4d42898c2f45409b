/* isa_zicsr: the Zicsr instructions (csr_insn.S), which forms count as writes, and every CSR
 * of the board: machine information, trap setup and handling, counters (with mcountinhibit
 * and the U-mode view through mcounteren). The float CSRs are in isa_rv32f.
 *
 * On QEMU: run with -icount shift=0 (minstret/mcycle are host ticks without it) and
 * -cpu rv32,d=false,s=false,h=false (misa, satp). mvendorid/marchid/mimpid are non-zero on
 * QEMU, and it has more mie bits; those checks fail there by design. */
#include <stdint.h>
#include "bsp/bsp.h"
#include "bsp/clint.h"
#include "bsp/csr.h"
#include "bsp/plic.h"
#include "bsp/trap.h"
#include "bsp/uart.h"
#include "common/isa_test.h"

ISA_ASM_GROUP(zicsr_insn);

/* Runs `insn` (a CSR instruction on t0) with exceptions captured; true if it trapped with
 * illegal instruction and mtval held its encoding. */
#define TRAPS_ILLEGAL(insn) ({ \
    isa_trap_clear(); \
    uint32_t pc_; \
    __asm__ volatile("la %0, 1f\n li t0, 0\n1: " insn : "=&r"(pc_) : : "t0", "memory"); \
    isa_trapped_once(CAUSE_ILLEGAL_INSN) && isa_trap.epc == pc_ && \
        isa_trap.tval == *(volatile uint32_t *)(uintptr_t)pc_; })

#define NO_TRAP(insn) ({ \
    isa_trap_clear(); \
    __asm__ volatile("li t0, 0\n" insn : : : "t0", "memory"); \
    isa_trap.count == 0; })

/* Which CSR instruction forms write, shown on a read-only CSR (mhartid): a write traps. */
static void write_forms(void)
{
    isa_catch_exceptions();
    CHECK(NO_TRAP("csrrs t0, mhartid, x0"));
    CHECK(NO_TRAP("csrrc t0, mhartid, x0"));
    CHECK(NO_TRAP("csrrsi t0, mhartid, 0"));
    CHECK(NO_TRAP("csrrci t0, mhartid, 0"));
    CHECK(TRAPS_ILLEGAL("csrrs t0, mhartid, t0"));   /* rs1 != x0 holding 0: still a write */
    CHECK(TRAPS_ILLEGAL("csrrc t0, mhartid, t0"));
    CHECK(TRAPS_ILLEGAL("csrrw x0, mhartid, t0"));
    CHECK(TRAPS_ILLEGAL("csrrwi t0, mhartid, 0"));
    CHECK(TRAPS_ILLEGAL("csrrsi t0, mhartid, 1"));
    CHECK(TRAPS_ILLEGAL("csrw cycle, t0"));
    CHECK(TRAPS_ILLEGAL("csrw mvendorid, t0"));
    isa_release_exceptions();
}

static void machine_info(void)
{
    uint32_t misa = csr_read(misa);
    CHECK_EQ(misa >> 30, 1);                            /* MXL: 32-bit */
    CHECK_EQ(misa & 0x03ffffff, MISA_EXT('I') | MISA_EXT('M') | MISA_EXT('A') | MISA_EXT('F') |
                                MISA_EXT('C') | MISA_EXT('U'));
    CHECK_EQ(csr_read(mhartid), 0);
    CHECK_EQ(csr_read(mhartid), bsp_boot_hartid);        /* a0 at reset */
    CHECK_EQ(csr_read(mvendorid), 0);
    CHECK_EQ(csr_read(marchid), 0);
    CHECK_EQ(csr_read(mimpid), 0);
}

/* mret: MIE <- MPIE, MPIE <- 1, MPP <- U (least privileged), to the mode MPP named (M). */
static uint32_t mret_to_m(uint32_t mpie)
{
    uint32_t after;
    csr_clear(mstatus, MSTATUS_MIE | MSTATUS_MPIE);
    csr_set(mstatus, MSTATUS_MPP_M | mpie);
    __asm__ volatile("la t0, 1f\n csrw mepc, t0\n mret\n1: csrr %0, mstatus"
                     : "=r"(after) : : "t0", "memory");
    csr_clear(mstatus, MSTATUS_MIE);
    return after;
}

static void mstatus_fields(void)
{
    uint32_t saved = csr_read(mstatus);
    csr_set(mstatus, MSTATUS_MPIE);
    CHECK(csr_read(mstatus) & MSTATUS_MPIE);
    csr_clear(mstatus, MSTATUS_MPIE);
    CHECK(!(csr_read(mstatus) & MSTATUS_MPIE));
    csr_set(mstatus, MSTATUS_MIE);                      /* mie is 0: nothing can fire */
    CHECK(csr_read(mstatus) & MSTATUS_MIE);
    csr_clear(mstatus, MSTATUS_MIE);
    CHECK(!(csr_read(mstatus) & MSTATUS_MIE));
    csr_set(mstatus, MSTATUS_MPP_M);
    CHECK_EQ(csr_read(mstatus) & MSTATUS_MPP, MSTATUS_MPP_M);
    csr_clear(mstatus, MSTATUS_MPP);
    CHECK_EQ(csr_read(mstatus) & MSTATUS_MPP, MSTATUS_MPP_U);

    /* FS takes all four values; SD summarises FS == Dirty. No float code runs meanwhile. */
    uint32_t fs_read[4];
    for (uint32_t fs = 0; fs < 4; ++fs) {
        csr_clear(mstatus, MSTATUS_FS);
        csr_set(mstatus, fs << 13);
        fs_read[fs] = csr_read(mstatus);
    }
    csr_set(mstatus, MSTATUS_FS);
    for (uint32_t fs = 0; fs < 4; ++fs) {
        CHECK_EQ((fs_read[fs] & MSTATUS_FS) >> 13, fs);
        CHECK_EQ(!!(fs_read[fs] & MSTATUS_SD), fs == 3);
    }
    /* Writing float state from Initial or Clean makes FS Dirty. */
    uint32_t dirty_from_initial, dirty_from_clean;
    csr_clear(mstatus, MSTATUS_FS);
    csr_set(mstatus, MSTATUS_FS_INITIAL);
    __asm__ volatile("fmv.w.x ft0, zero\n csrr %0, mstatus" : "=r"(dirty_from_initial) : : "ft0");
    csr_clear(mstatus, MSTATUS_FS);
    csr_set(mstatus, MSTATUS_FS_CLEAN);
    __asm__ volatile("fsflags zero\n csrr %0, mstatus" : "=r"(dirty_from_clean));
    CHECK_EQ(dirty_from_initial & MSTATUS_FS, MSTATUS_FS_DIRTY);
    CHECK_EQ(dirty_from_clean & MSTATUS_FS, MSTATUS_FS_DIRTY);

    uint32_t after = mret_to_m(MSTATUS_MPIE);
    CHECK(after & MSTATUS_MIE);
    CHECK(after & MSTATUS_MPIE);
    CHECK_EQ(after & MSTATUS_MPP, MSTATUS_MPP_U);
    after = mret_to_m(0);
    CHECK(!(after & MSTATUS_MIE));
    CHECK(after & MSTATUS_MPIE);

    /* A trap: MPIE <- MIE, MIE <- 0, MPP <- M; mret puts MIE back. */
    isa_catch_exceptions();
    csr_set(mstatus, MSTATUS_MIE);
    __asm__ volatile("ecall" ::: "memory");
    uint32_t back = csr_read(mstatus);
    csr_clear(mstatus, MSTATUS_MIE);
    isa_release_exceptions();
    CHECK(isa_trapped_once(CAUSE_ECALL_M));
    CHECK(!(isa_trap.mstatus & MSTATUS_MIE));
    CHECK(isa_trap.mstatus & MSTATUS_MPIE);
    CHECK_EQ(isa_trap.mstatus & MSTATUS_MPP, MSTATUS_MPP_M);
    CHECK(back & MSTATUS_MIE);
    csr_write(mstatus, saved);
}

static void trap_csrs(void)
{
    uint32_t saved_mtvec = csr_read(mtvec);
    uint32_t base = (uint32_t)(uintptr_t)bsp_trap_vector_table;
    csr_write(mtvec, base | MTVEC_MODE_VECTORED);
    CHECK_EQ(csr_read(mtvec), base | MTVEC_MODE_VECTORED);
    csr_write(mtvec, base | MTVEC_MODE_DIRECT);
    CHECK_EQ(csr_read(mtvec), base);
    csr_write(mtvec, saved_mtvec);

    /* mepc: bit 0 is always zero (IALIGN=16 with C), bit 1 is writable. */
    csr_write(mepc, 0x80001235);
    CHECK_EQ(csr_read(mepc), 0x80001234);
    csr_write(mepc, 0x80001236);
    CHECK_EQ(csr_read(mepc), 0x80001236);

    csr_write(mcause, CAUSE_ILLEGAL_INSN);
    CHECK_EQ(csr_read(mcause), CAUSE_ILLEGAL_INSN);
    csr_write(mcause, MCAUSE_INTERRUPT | IRQ_M_TIMER);
    CHECK_EQ(csr_read(mcause), MCAUSE_INTERRUPT | IRQ_M_TIMER);
    csr_write(mtval, 0x12345678);
    CHECK_EQ(csr_read(mtval), 0x12345678);

    /* mscratch holds the BSP's trap stack: swap it out and back with no trap in between. */
    uint32_t seen, old;
    __asm__ volatile("li t0, 0xa5a55a5a\n csrrw %1, mscratch, t0\n csrr %0, mscratch\n"
                     "csrw mscratch, %1" : "=&r"(seen), "=&r"(old) : : "t0", "memory");
    CHECK_EQ(seen, 0xa5a55a5a);

    /* mie: MSIE, MTIE, MEIE exist, nothing else (no S-mode). */
    csr_write(mie, 0xffffffff);
    CHECK_EQ(csr_read(mie), MIP_MSIP | MIP_MTIP | MIP_MEIP);
    csr_write(mie, 0);
    CHECK_EQ(csr_read(mie), 0);
}

/* Polls mip until (mip & bit) == want or ~1 ms of mtime passes. */
static bool mip_becomes(uint32_t bit, bool want)
{
    uint64_t deadline = clint_mtime() + CLINT_TIMEBASE_HZ / 1000;
    while (((csr_read(mip) & bit) != 0) != want)
        if (clint_mtime() > deadline)
            return false;
    return true;
}

/* mip's machine bits follow the devices and ignore writes. mie stays 0: nothing is taken. */
static void mip_bits(void)
{
    clint_disable_timer();
    clint_set_msip(0);
    CHECK_EQ(csr_read(mip) & (MIP_MSIP | MIP_MTIP | MIP_MEIP), 0);
    csr_set(mip, MIP_MSIP | MIP_MTIP | MIP_MEIP);
    CHECK_EQ(csr_read(mip) & (MIP_MSIP | MIP_MTIP | MIP_MEIP), 0);

    clint_set_mtimecmp(0);
    CHECK(mip_becomes(MIP_MTIP, true));
    clint_disable_timer();
    CHECK(mip_becomes(MIP_MTIP, false));

    clint_set_msip(1);
    CHECK(mip_becomes(MIP_MSIP, true));
    clint_set_msip(0);
    CHECK(mip_becomes(MIP_MSIP, false));

    /* UART THR-empty through the PLIC: pending while priority > threshold. */
    unsigned src = bsp_uart0_irq();
    plic_set_priority(src, 1);
    plic_set_threshold(0);
    plic_enable(src);
    uart_set_ier(UART_IER_THRI);
    CHECK(mip_becomes(MIP_MEIP, true));
    plic_set_threshold(1);
    CHECK(mip_becomes(MIP_MEIP, false));
    uart_set_ier(0);
    plic_disable(src);
    plic_set_threshold(0);
    plic_set_priority(src, 0);
}

#define READ_PAIR(lo_csr, hi_csr) ({ uint32_t h_, l_; \
    do { h_ = csr_read(hi_csr); l_ = csr_read(lo_csr); } while (h_ != csr_read(hi_csr)); \
    ((uint64_t)h_ << 32) | l_; })

static void counters(void)
{
    csr_write(mcountinhibit, 0);
    uint64_t c0 = READ_PAIR(mcycle, mcycleh);
    uint64_t i0 = READ_PAIR(minstret, minstreth);
    for (volatile int i = 0; i < 100; ++i)
        ;
    uint64_t c1 = READ_PAIR(mcycle, mcycleh);
    uint64_t i1 = READ_PAIR(minstret, minstreth);
    CHECK(c1 > c0);
    CHECK(i1 - i0 >= 300);              /* the loop is more than 3 instructions a turn */

    /* minstret counts retired instructions exactly: 10 between two reads, plus the first read. */
    uint32_t a, b;
    __asm__ volatile(".option push\n .option norvc\n csrr %0, minstret\n"
                     ".rept 10\n addi x0, x0, 0\n .endr\n csrr %1, minstret\n .option pop"
                     : "=&r"(a), "=&r"(b));
    CHECK_EQ(b - a, 11);

    /* A write replaces the increment of the writing instruction: read right after, the
     * counter holds exactly the value written. Then the carry into the high half. */
    __asm__ volatile(".option push\n .option norvc\n csrw minstret, %1\n csrr %0, minstret\n"
                     ".option pop" : "=r"(a) : "r"(0x1000u));
    CHECK_EQ(a, 0x1000);
    csr_write(minstret, 0x1000);
    uint32_t v = csr_read(minstret);
    CHECK(v >= 0x1000 && v < 0x1000 + 16);
    csr_write(minstreth, 5);
    csr_write(minstret, 0xfffffff8);
    for (volatile int i = 0; i < 10; ++i)
        ;
    CHECK_EQ(csr_read(minstreth), 6);
    csr_write(mcycle, 0x1000);
    v = csr_read(mcycle);
    CHECK(v >= 0x1000 && v < 0x1000 + 1000);
    csr_write(mcycleh, 7);
    csr_write(mcycle, 0xfffffff0);
    for (volatile int i = 0; i < 100; ++i)
        ;
    CHECK_EQ(csr_read(mcycleh), 8);

    /* mcountinhibit: CY (bit 0) and IR (bit 2) stop mcycle and minstret. */
    csr_write(mcountinhibit, 0x5);
    CHECK_EQ(csr_read(mcountinhibit) & 0x5, 0x5);
    c0 = csr_read(mcycle);
    i0 = csr_read(minstret);
    for (volatile int i = 0; i < 10; ++i)
        ;
    CHECK_EQ(csr_read(mcycle), (uint32_t)c0);
    CHECK_EQ(csr_read(minstret), (uint32_t)i0);
    csr_write(mcountinhibit, 0);
    CHECK(csr_read(minstret) != (uint32_t)i0);

    /* The user counters shadow the machine ones; time is the CLINT's mtime. */
    uint32_t m0 = csr_read(mcycle), u = csr_read(cycle), m1 = csr_read(mcycle);
    CHECK(m0 <= u && u <= m1);
    m0 = csr_read(minstret);
    u = csr_read(instret);
    m1 = csr_read(minstret);
    CHECK(m0 < u && u < m1);
    uint64_t t0 = clint_mtime();
    uint64_t t = READ_PAIR(time, timeh);
    uint64_t t1 = clint_mtime();
    CHECK(t0 <= t && t <= t1);
    CHECK_EQ(csr_read(cycleh), csr_read(mcycleh));
    CHECK_EQ(csr_read(instreth), csr_read(minstreth));
}

/* U-mode reads of the six user counter CSRs; returns how many of them trapped. */
static uint32_t user_read_counters(uint32_t unused)
{
    (void)unused;
    uint32_t before = isa_trap.count, v;
    __asm__ volatile("csrr %0, cycle" : "=r"(v));
    __asm__ volatile("csrr %0, time" : "=r"(v));
    __asm__ volatile("csrr %0, instret" : "=r"(v));
    __asm__ volatile("csrr %0, cycleh" : "=r"(v));
    __asm__ volatile("csrr %0, timeh" : "=r"(v));
    __asm__ volatile("csrr %0, instreth" : "=r"(v));
    return isa_trap.count - before;
}

static uint32_t user_read_cycle(uint32_t unused)
{
    (void)unused;
    uint32_t before = isa_trap.count, v;
    __asm__ volatile("csrr %0, cycle" : "=r"(v));
    return isa_trap.count - before;
}

static void user_counters(void)
{
    csr_write(mcounteren, 0x7);
    CHECK_EQ(csr_read(mcounteren) & 0x7, 0x7);
    isa_catch_exceptions();
    CHECK_EQ(umode_call(user_read_counters, 0), 0);
    csr_write(mcounteren, 0);
    CHECK_EQ(umode_call(user_read_counters, 0), 6);
    CHECK_EQ(isa_trap.cause, CAUSE_ILLEGAL_INSN);
    CHECK_EQ(isa_trap.mstatus & MSTATUS_MPP, MSTATUS_MPP_U);
    csr_write(mcounteren, 0x1);                         /* CY only */
    CHECK_EQ(umode_call(user_read_cycle, 0), 0);
    CHECK_EQ(umode_call(user_read_counters, 0), 4);     /* time, instret and their h */
    csr_write(mcounteren, 0);
    isa_release_exceptions();
}

int main(void)
{
    RUN_ASM_GROUP(zicsr_insn, "zicsr instructions");
    isa_run_c_group("zicsr write forms", write_forms);
    isa_run_c_group("csr misa/mhartid/ids", machine_info);
    isa_run_c_group("csr mstatus", mstatus_fields);
    isa_run_c_group("csr mtvec/mepc/mcause/...", trap_csrs);
    isa_run_c_group("csr mip", mip_bits);
    isa_run_c_group("csr counters", counters);
    isa_run_c_group("csr mcounteren (U-mode)", user_counters);
    return isa_finish("isa_zicsr");
}
