/* wild_wfi_far_timer: a long sleep, not a hang. The timer is set 10 s of simulated time
 * ahead (10^8 ticks at 10 MHz), then wfi: the simulator must jump over the idle time (not
 * spin through it, nor call it hung) and take the interrupt; the handler prints and exits 0.
 * With --max-time below 10 s, the limit must end the run while the hart sleeps. */
#include "wild.h"

#define WAIT_TICKS 100000000

    .section .text.init.enter, "ax"
    .globl _start
_start:
    WILD_PUTS msg
    la t0, handler
    csrw mtvec, t0
    li t0, ACCELVP_CLINT_BASE + CLINT_MTIME
1:  lw t2, 4(t0)                /* mtime, high half read twice around the low half */
    lw t1, 0(t0)
    lw t3, 4(t0)
    bne t2, t3, 1b
    li t3, WAIT_TICKS
    add t3, t1, t3              /* low half of mtime + WAIT_TICKS, carry into the high */
    sltu t4, t3, t1
    add t2, t2, t4
    li t0, ACCELVP_CLINT_BASE + CLINT_MTIMECMP
    li t1, -1
    sw t1, 4(t0)                /* high half to all ones first: never fires early */
    sw t3, 0(t0)
    sw t2, 4(t0)
    li t1, 1 << 7               /* MTIE */
    csrw mie, t1
    csrsi mstatus, 8            /* MIE */
2:  wfi
    j 2b                        /* a wake-up without the interrupt: sleep again */

    .balign 4
handler:
    WILD_PUTS woke
    WILD_EXIT 0

    .section .rodata
msg:
    .string "wild_wfi_far_timer: timer in 10 s, wfi\n"
woke:
    .string "wild_wfi_far_timer: timer interrupt after the long sleep\n"
