/* wild_wfi_no_timer: the timer interrupt is enabled in mie (and globally), but mtimecmp is
 * all ones: mtime would reach it after 2^64 ticks (58 000 years at 10 MHz), and no other
 * source is enabled. So wfi waits for an event that never comes; the simulator must see
 * that nothing is left in the simulation and end the run with 122 (hung). */
#include "wild.h"

    .section .text.init.enter, "ax"
    .globl _start
_start:
    WILD_PUTS msg
    la t0, handler
    csrw mtvec, t0
    li t0, ACCELVP_CLINT_BASE + CLINT_MTIMECMP
    li t1, -1
    sw t1, 4(t0)                /* high half first: never below the final value */
    sw t1, 0(t0)
    li t1, 1 << 7               /* MTIE only */
    csrw mie, t1
    csrsi mstatus, 8            /* MIE */
    wfi
    WILD_PUTS not_stopped
    WILD_EXIT WILD_NOT_STOPPED

    .balign 4
handler:                        /* a timer interrupt 2^64 ticks early: also wrong */
    WILD_PUTS trapped
    WILD_EXIT 2

    .section .rodata
msg:
    .string "wild_wfi_no_timer: mie = MTIE, mtimecmp = all ones, wfi\n"
not_stopped:
    .string "wild_wfi_no_timer: wfi returned\n"
trapped:
    .string "wild_wfi_no_timer: trap taken\n"
