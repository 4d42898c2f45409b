/* isa_traps: every exception the board can raise, with mcause, mepc and mtval, and the
 * board's misaligned-access policy:
 *   - instruction access fault: a call to an unmapped address (mtval = that address);
 *   - illegal instruction: invalid encodings, an unimplemented CSR (satp: no S-mode), a
 *     machine CSR and mret from U-mode, float instructions and CSRs with mstatus.FS = 0,
 *     reserved rounding modes (mtval = the instruction bits);
 *   - breakpoint: ebreak and c.ebreak (mtval = the pc);
 *   - load and store/AMO access faults on unmapped addresses (mtval = the address);
 *   - ecall from U-mode and from M-mode;
 *   - misaligned lr.w (cause 4), sc.w and AMOs (cause 6), mtval = the address;
 *   - while ordinary misaligned loads and stores are performed, not trapped.
 * Instruction-address-misaligned cannot happen with the C extension (any even target is
 * aligned; jalr clears bit 0).
 *
 * On QEMU: run with -cpu rv32,d=false,s=false,h=false, or satp and fadd.d exist. */
#include <stdint.h>
#include "bsp/csr.h"
#include "bsp/trap.h"
#include "common/isa_test.h"

/* Unmapped on the board (below the boot ROM at 0x1000) and on QEMU virt. */
#define UNMAPPED_FETCH 0x00000800u
#define UNMAPPED_LOAD  0x00000810u
#define UNMAPPED_STORE 0x00000820u

/* Executes the instruction(s) in `code` at label 1 with exceptions captured; records the
 * label's address in `pc`. */
#define RUN_AT(pc, code) \
    __asm__ volatile("la %0, 1f\n1: " code : "=&r"(pc) : : "t0", "t1", "ft0", "memory")

/* The bits of the instruction at addr, 16 or 32 of them: what mtval holds for illegal ones. */
static uint32_t insn_at(uint32_t addr)
{
    uint32_t low = *(volatile uint16_t *)(uintptr_t)addr;
    return (low & 3) == 3 ? low | (uint32_t)*(volatile uint16_t *)(uintptr_t)(addr + 2) << 16 : low;
}

static void fetch_faults(void)
{
    isa_catch_exceptions();
    for (uint32_t target = 0; target <= UNMAPPED_FETCH; target += UNMAPPED_FETCH) {
        isa_trap_clear();
        __asm__ volatile("jalr ra, 0(%0)" : : "r"(target) : "ra", "memory");
        CHECK_TRAP(CAUSE_FETCH_ACCESS, target, target);
        CHECK_EQ(isa_trap.epc, target);
        CHECK_EQ(isa_trap.tval, target);
    }
    isa_release_exceptions();
}

#define CHECK_ILLEGAL(code) do { \
    uint32_t pc_; \
    isa_trap_clear(); \
    RUN_AT(pc_, code); \
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, pc_, insn_at(pc_)); \
} while (0)

static void illegal_instructions(void)
{
    isa_catch_exceptions();
    CHECK_ILLEGAL(".word 0xfe000033");              /* OP with funct7 = 0x7f */
    CHECK_EQ(isa_trap.tval, 0xfe000033);
    CHECK_ILLEGAL(".word 0x0000302f");              /* AMO funct5 = 0 width 3 (amoadd.d) */
    CHECK_ILLEGAL(".word 0x00003003");              /* ld: RV64 only */
    CHECK_ILLEGAL(".word 0x02000053");              /* fadd.d ft0, ft0, ft0: no D */
    CHECK_ILLEGAL("csrr t0, satp");                 /* no S-mode: no satp */
    CHECK_ILLEGAL("csrr t0, sstatus");
    CHECK_ILLEGAL(".word 0x7c002073");              /* csrr x0, 0x7c0: custom, unimplemented */

    /* The all-zero halfword is defined illegal; mtval holds its 16 bits (zero). */
    uint32_t pc;
    isa_trap_clear();
    RUN_AT(pc, ".hword 0\n .hword 0x0001");         /* c.nop pads to 4 bytes */
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, pc, 0);

    /* Reserved rounding modes: static rm 5 and 6, and dynamic with frm = 5, 6, 7. */
    CHECK_ILLEGAL(".word 0x00005053");              /* fadd.s ft0, ft0, ft0, rm=5 */
    CHECK_ILLEGAL(".word 0x00006053");              /* rm=6 */
    for (uint32_t frm = 5; frm <= 7; ++frm) {
        csr_write(frm, frm);
        CHECK_ILLEGAL(".word 0x00007053");          /* fadd.s ..., dyn */
        csr_write(frm, 0);
    }
    isa_release_exceptions();
}

/* mstatus.FS = Off: every float instruction and float CSR access is illegal. */
#define CHECK_ILLEGAL_FS_OFF(code) do { \
    uint32_t pc_; \
    isa_trap_clear(); \
    csr_clear(mstatus, MSTATUS_FS); \
    RUN_AT(pc_, code); \
    csr_set(mstatus, MSTATUS_FS_DIRTY); \
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, pc_, insn_at(pc_)); \
} while (0)

uint32_t fs_off_scratch; /* named from assembly below */

static void float_off(void)
{
    isa_catch_exceptions();
    CHECK_ILLEGAL_FS_OFF("fadd.s ft0, ft0, ft0");
    CHECK_ILLEGAL_FS_OFF("fmadd.s ft0, ft0, ft0, ft0");
    CHECK_ILLEGAL_FS_OFF("fmv.x.w t0, ft0");
    CHECK_ILLEGAL_FS_OFF("fmv.w.x ft0, zero");
    CHECK_ILLEGAL_FS_OFF("fcvt.s.w ft0, zero");
    CHECK_ILLEGAL_FS_OFF("flw ft0, 0(sp)");        /* assembled as c.flwsp: 16-bit mtval */
    CHECK_ILLEGAL_FS_OFF("fsw ft0, 0(sp)");
    CHECK_ILLEGAL_FS_OFF(".option push\n .option norvc\n flw ft0, 0(sp)\n .option pop");
    CHECK_ILLEGAL_FS_OFF("frcsr t0");
    CHECK_ILLEGAL_FS_OFF("frflags t0");
    CHECK_ILLEGAL_FS_OFF("fsrmi 1");

    /* The compressed float load: 16-bit, so mtval holds 16 bits. */
    uint32_t pc;
    isa_trap_clear();
    csr_clear(mstatus, MSTATUS_FS);
    __asm__ volatile("la a5, fs_off_scratch\n la %0, 1f\n .option push\n .option rvc\n"
                     "1: c.flw fa0, 0(a5)\n .option pop" : "=&r"(pc) : : "a5", "fa0", "memory");
    csr_set(mstatus, MSTATUS_FS_DIRTY);
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, pc, insn_at(pc));
    isa_release_exceptions();
}

static void breakpoints(void)
{
    uint32_t pc;
    isa_catch_exceptions();
    RUN_AT(pc, "ebreak");
    CHECK_TRAP(CAUSE_BREAKPOINT, pc, pc);
    isa_trap_clear();
    RUN_AT(pc, ".option push\n .option rvc\n c.ebreak\n c.nop\n .option pop");
    CHECK_TRAP(CAUSE_BREAKPOINT, pc, pc);
    isa_release_exceptions();
}

static void access_faults(void)
{
    uint32_t pc, v = 0x12345678;
    isa_catch_exceptions();
    __asm__ volatile("la %0, 1f\n1: lw %1, 0(%2)"
                     : "=&r"(pc), "+r"(v) : "r"(UNMAPPED_LOAD) : "memory");
    CHECK_TRAP(CAUSE_LOAD_ACCESS, pc, UNMAPPED_LOAD);
    CHECK_EQ(v, 0x12345678);                      /* rd not written */
    isa_trap_clear();
    __asm__ volatile("la %0, 1f\n1: lbu %1, 3(%2)"
                     : "=&r"(pc), "=r"(v) : "r"(UNMAPPED_LOAD) : "memory");
    CHECK_TRAP(CAUSE_LOAD_ACCESS, pc, UNMAPPED_LOAD + 3);
    isa_trap_clear();
    __asm__ volatile("la %0, 1f\n1: sw zero, 0(%1)" : "=&r"(pc) : "r"(UNMAPPED_STORE) : "memory");
    CHECK_TRAP(CAUSE_STORE_ACCESS, pc, UNMAPPED_STORE);
    isa_trap_clear();
    __asm__ volatile("la %0, 1f\n1: sh zero, 2(%1)" : "=&r"(pc) : "r"(UNMAPPED_STORE) : "memory");
    CHECK_TRAP(CAUSE_STORE_ACCESS, pc, UNMAPPED_STORE + 2);
    isa_trap_clear();
    __asm__ volatile("la %0, 1f\n1: lr.w %1, (%2)"
                     : "=&r"(pc), "=r"(v) : "r"(UNMAPPED_LOAD) : "memory");
    CHECK_TRAP(CAUSE_LOAD_ACCESS, pc, UNMAPPED_LOAD);
    isa_trap_clear();
    __asm__ volatile("la %0, 1f\n1: amoadd.w %1, %1, (%2)"
                     : "=&r"(pc), "+r"(v) : "r"(UNMAPPED_STORE) : "memory");
    CHECK_TRAP(CAUSE_STORE_ACCESS, pc, UNMAPPED_STORE);
    isa_release_exceptions();
}

static uint32_t user_ecall(uint32_t arg)
{
    register uint32_t a0 __asm__("a0") = arg;
    __asm__ volatile("ecall" : "+r"(a0) : : "memory");
    return a0;
}

static uint32_t user_machine_csr(uint32_t unused)
{
    (void)unused;
    uint32_t v;
    __asm__ volatile("csrr %0, mstatus" : "=r"(v));
    return v;
}

static uint32_t user_mret(uint32_t unused)
{
    (void)unused;
    __asm__ volatile("mret" ::: "memory");
    return 0;
}

static uint32_t ecall_pc;
static void on_ecall_m(struct trap_frame *frame)
{
    ecall_pc = frame->mepc;
    frame->x[10] += 1;                /* a0: the handler can answer through the frame */
    trap_skip_instruction(frame);
}

static void ecalls(void)
{
    uint32_t pc;
    isa_catch_exceptions();
    RUN_AT(pc, "ecall");
    CHECK_TRAP(CAUSE_ECALL_M, pc, 0);
    CHECK_EQ(isa_trap.mstatus & MSTATUS_MPP, MSTATUS_MPP_M);

    isa_trap_clear();
    CHECK_EQ(umode_call(user_ecall, 41), 41);
    CHECK(isa_trapped_once(CAUSE_ECALL_U));
    CHECK_EQ(isa_trap.tval, 0);
    CHECK_EQ(isa_trap.mstatus & MSTATUS_MPP, MSTATUS_MPP_U);

    isa_trap_clear();
    umode_call(user_machine_csr, 0);
    CHECK(isa_trapped_once(CAUSE_ILLEGAL_INSN));
    CHECK_EQ(isa_trap.tval, insn_at(isa_trap.epc));
    isa_trap_clear();
    umode_call(user_mret, 0);
    CHECK(isa_trapped_once(CAUSE_ILLEGAL_INSN));
    CHECK_EQ(isa_trap.tval, 0x30200073);          /* mret */
    isa_release_exceptions();

    /* A handler that edits the frame: a0 + 1 comes back. */
    trap_set_exception_handler(CAUSE_ECALL_M, on_ecall_m);
    uint32_t answer;
    __asm__ volatile("li a0, 99\n la %0, 1f\n1: ecall\n mv %1, a0"
                     : "=&r"(pc), "=r"(answer) : : "a0", "memory");
    trap_set_exception_handler(CAUSE_ECALL_M, 0);
    CHECK_EQ(answer, 100);
    CHECK_EQ(ecall_pc, pc);
}

static uint8_t misaligned_buf[16] __attribute__((aligned(16)));

/* The board performs misaligned loads and stores (no trap), so these must give the data a
 * byte-by-byte access would. */
static void misaligned_data(void)
{
    for (int i = 0; i < 16; ++i)
        misaligned_buf[i] = (uint8_t)(0x10 + i);
    isa_catch_exceptions();
    uint32_t w1, w2, w3, h1, h3, hu;
    uintptr_t b = (uintptr_t)misaligned_buf;
    __asm__ volatile("lw %0, 1(%3)\n lw %1, 2(%3)\n lw %2, 3(%3)"
                     : "=&r"(w1), "=&r"(w2), "=&r"(w3) : "r"(b) : "memory");
    __asm__ volatile("lh %0, 1(%3)\n lh %1, 3(%3)\n lhu %2, 7(%3)"
                     : "=&r"(h1), "=&r"(h3), "=&r"(hu) : "r"(b) : "memory");
    CHECK_EQ(isa_trap.count, 0);
    CHECK_EQ(w1, 0x14131211);
    CHECK_EQ(w2, 0x15141312);
    CHECK_EQ(w3, 0x16151413);
    CHECK_EQ(h1, 0x00001211);
    CHECK_EQ(h3, 0x00001413);
    CHECK_EQ(hu, 0x00001817);
    misaligned_buf[10] = 0x80;                    /* sign bit in the second word */
    __asm__ volatile("lh %0, 8(%1)" : "=r"(h1) : "r"(b + 1) : "memory");
    CHECK_EQ(h1, 0xffff8019u);

    __asm__ volatile("sw %0, 5(%2)\n sh %1, 11(%2)"
                     : : "r"(0xa1b2c3d4u), "r"(0xe5f6u), "r"(b) : "memory");
    CHECK_EQ(isa_trap.count, 0);
    CHECK_EQ(misaligned_buf[4], 0x14);
    CHECK_EQ(misaligned_buf[5], 0xd4);
    CHECK_EQ(misaligned_buf[6], 0xc3);
    CHECK_EQ(misaligned_buf[7], 0xb2);
    CHECK_EQ(misaligned_buf[8], 0xa1);
    CHECK_EQ(misaligned_buf[9], 0x19);
    CHECK_EQ(misaligned_buf[10], 0x80);
    CHECK_EQ(misaligned_buf[11], 0xf6);
    CHECK_EQ(misaligned_buf[12], 0xe5);
    CHECK_EQ(misaligned_buf[13], 0x1d);
    isa_release_exceptions();
}

/* Misaligned atomics trap: lr.w with load-address-misaligned, sc.w and AMOs with
 * store/AMO-address-misaligned; memory is left alone. */
static void misaligned_atomics(void)
{
    uint32_t pc, v = 0x5a5a5a5a;
    uintptr_t b = (uintptr_t)misaligned_buf;
    for (int i = 0; i < 16; ++i)
        misaligned_buf[i] = 0;
    isa_catch_exceptions();
    __asm__ volatile("la %0, 1f\n1: lr.w %1, (%2)" : "=&r"(pc), "+r"(v) : "r"(b + 1) : "memory");
    CHECK_TRAP(CAUSE_MISALIGNED_LOAD, pc, b + 1);
    CHECK_EQ(v, 0x5a5a5a5a);
    isa_trap_clear();
    __asm__ volatile("lr.w t0, (%1)\n la %0, 1f\n1: sc.w %2, %2, (%3)"
                     : "=&r"(pc) : "r"(b), "r"(v), "r"(b + 2) : "t0", "memory");
    CHECK_TRAP(CAUSE_MISALIGNED_STORE, pc, b + 2);
    isa_trap_clear();
    __asm__ volatile("la %0, 1f\n1: amoadd.w %1, %1, (%2)"
                     : "=&r"(pc), "+r"(v) : "r"(b + 1) : "memory");
    CHECK_TRAP(CAUSE_MISALIGNED_STORE, pc, b + 1);
    isa_trap_clear();
    __asm__ volatile("la %0, 1f\n1: amoswap.w %1, %1, (%2)"
                     : "=&r"(pc), "+r"(v) : "r"(b + 3) : "memory");
    CHECK_TRAP(CAUSE_MISALIGNED_STORE, pc, b + 3);
    isa_release_exceptions();
    uint32_t any = 0;
    for (int i = 0; i < 16; ++i)
        any |= misaligned_buf[i];
    CHECK_EQ(any, 0);
}

int main(void)
{
    isa_run_c_group("trap fetch access fault", fetch_faults);
    isa_run_c_group("trap illegal instruction", illegal_instructions);
    isa_run_c_group("trap float with FS=0", float_off);
    isa_run_c_group("trap breakpoint", breakpoints);
    isa_run_c_group("trap load/store fault", access_faults);
    isa_run_c_group("trap ecall U/M", ecalls);
    isa_run_c_group("misaligned load/store", misaligned_data);
    isa_run_c_group("trap misaligned atomics", misaligned_atomics);
    return isa_finish("isa_traps");
}
