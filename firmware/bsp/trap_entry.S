/* Trap entry: saves the whole interrupted state into a struct trap_frame (trap.h) and calls
 * bsp_trap_dispatch(frame); restores the (possibly edited) frame and returns with mret.
 *
 * The frame lives on the trap stack, whose top mscratch holds: the first instruction swaps
 * it with sp, so a trap works even if the interrupted code had sp (or gp, tp) in use for
 * something else -- the ISA tests use every register. gp and tp are reloaded for C.
 * The float state is saved too (handlers are C, compiled for ilp32f): FS is switched on for
 * the save and the handler, and put back as it was by restoring mstatus. */
#include "trap.h"
#include "csr.h"

    .option norelax             /* gp may hold anything at a trap: no gp-relative la */

    .section .text.bsp_trap, "ax"

    /* Vectored mode: interrupt code n enters at base + 4n (exceptions at base + 0). Each
     * slot must be one 4-byte jump, hence norvc; the slot number lands in frame->vector. */
    .balign 256
    .globl bsp_trap_vector_table
bsp_trap_vector_table:
    .option push
    .option norvc
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
    jal x0, trap_vector_\n
    .endr
    .option pop

    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
trap_vector_\n:
    csrrw sp, mscratch, sp
    addi sp, sp, -TRAP_FRAME_SIZE
    sw t0, TRAP_FRAME_X(5)(sp)
    li t0, \n
    j trap_save_rest
    .endr

    /* Direct mode: mtvec points here (4-byte aligned: mtvec's low bits are the mode). */
    .balign 4
    .globl bsp_trap_entry
bsp_trap_entry:
    csrrw sp, mscratch, sp
    addi sp, sp, -TRAP_FRAME_SIZE
    sw t0, TRAP_FRAME_X(5)(sp)
    li t0, -1
trap_save_rest:
    sw t0, TRAP_FRAME_VECTOR(sp)
    sw x1, TRAP_FRAME_X(1)(sp)
    sw x3, TRAP_FRAME_X(3)(sp)
    sw x4, TRAP_FRAME_X(4)(sp)
    .irp n, 6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    sw x\n, TRAP_FRAME_X(\n)(sp)
    .endr
    csrr t0, mscratch           /* the interrupted sp */
    sw t0, TRAP_FRAME_X(2)(sp)
    csrr t0, mstatus
    sw t0, TRAP_FRAME_MSTATUS(sp)
    li t1, MSTATUS_FS
    csrs mstatus, t1
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    fsw f\n, TRAP_FRAME_F(\n)(sp)
    .endr
    frcsr t0
    sw t0, TRAP_FRAME_FCSR(sp)
    csrr t0, mepc
    sw t0, TRAP_FRAME_MEPC(sp)
    csrr t0, mcause
    sw t0, TRAP_FRAME_MCAUSE(sp)
    csrr t0, mtval
    sw t0, TRAP_FRAME_MTVAL(sp)

    la gp, __global_pointer$
    la tp, __tls_base
    mv a0, sp
    call bsp_trap_dispatch

    lw t0, TRAP_FRAME_FCSR(sp)
    fscsr t0
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    flw f\n, TRAP_FRAME_F(\n)(sp)
    .endr
    lw t0, TRAP_FRAME_MEPC(sp)
    csrw mepc, t0
    lw t0, TRAP_FRAME_MSTATUS(sp)
    csrw mstatus, t0
    addi t0, sp, TRAP_FRAME_SIZE
    csrw mscratch, t0
    lw x1, TRAP_FRAME_X(1)(sp)
    lw x3, TRAP_FRAME_X(3)(sp)
    lw x4, TRAP_FRAME_X(4)(sp)
    .irp n, 5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    lw x\n, TRAP_FRAME_X(\n)(sp)
    .endr
    lw sp, TRAP_FRAME_X(2)(sp)
    mret

    /* umode_call(fn, arg): runs fn(arg) in U-mode with ra = umode_return_ecall, whose
     * ecall bsp_trap_dispatch turns into a return to umode_resume in M-mode. MPIE takes
     * the caller's MIE so that the caller's interrupt enable survives the round trip. */
    .section .text.umode_call, "ax"
    .globl umode_call
    .globl umode_return_ecall
    .globl umode_resume
umode_call:
    addi sp, sp, -16
    sw ra, 12(sp)
    csrw mepc, a0
    mv a0, a1
    la ra, umode_return_ecall
    li t0, MSTATUS_MPP | MSTATUS_MPIE
    csrc mstatus, t0            /* MPP = U */
    csrr t0, mstatus
    andi t0, t0, MSTATUS_MIE
    slli t0, t0, 4              /* MIE (bit 3) -> MPIE (bit 7) */
    csrs mstatus, t0
    mret
umode_return_ecall:
    ecall
umode_resume:
    lw ra, 12(sp)
    addi sp, sp, 16
    ret
