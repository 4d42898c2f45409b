/* wild_retry_loop: a handler that returns to the faulting instruction without fixing it.
 * The handler itself works (it retires instructions, counts in s1 and mrets), but each mret
 * goes straight back to the same illegal instruction: the same exception (cause, mtval, pc)
 * again and again. The simulator must end the run with 121 after sim.trap_loop_limit rounds. */
#include "wild.h"

    .section .text.init.enter, "ax"
    .globl _start
_start:
    WILD_PUTS msg
    la t0, handler
    csrw mtvec, t0
    li s1, 0
    .option push
    .option norvc
faulting:
    unimp                       /* csrrw x0, cycle, x0: a write to a read-only CSR, illegal */
    .option pop
    WILD_PUTS not_stopped
    WILD_EXIT WILD_NOT_STOPPED

    .balign 4
handler:
    addi s1, s1, 1              /* rounds so far (for a debugger) */
    csrr t0, mcause
    csrr t1, mepc
    mret                        /* back to mepc: the same instruction, not fixed */

    .section .rodata
msg:
    .string "wild_retry_loop: handler returns to the illegal instruction unchanged\n"
not_stopped:
    .string "wild_retry_loop: the instruction did not trap again\n"
