/* wild_trap_loop: the trap vector itself is unmapped. After one line on the UART, mtvec is
 * set to 0x0 (below the boot ROM: nothing there) and an illegal instruction executes: every
 * trap now faults on fetching its own handler, without retiring anything. The simulator must
 * end the run with 121 (trap loop) on its own, quickly, with no limit given. */
#include "wild.h"

    .section .text.init.enter, "ax"
    .globl _start
_start:
    WILD_PUTS msg
    csrw mtvec, zero
    .option push
    .option norvc
    unimp                       /* csrrw x0, cycle, x0: a write to a read-only CSR, illegal */
    .option pop
    /* Only if the simulator let the program go on. */
    WILD_PUTS not_stopped
    WILD_EXIT WILD_NOT_STOPPED

    .section .rodata
msg:
    .string "wild_trap_loop: mtvec = 0x0 (unmapped), now an illegal instruction\n"
not_stopped:
    .string "wild_trap_loop: still running after the trap\n"
