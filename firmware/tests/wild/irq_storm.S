/* wild_irq_storm: a machine software interrupt that the handler never clears (msip stays 1):
 * after each mret the interrupt is taken again before the main program retires anything.
 * Like a runaway loop, only a limit ends it: --max-instructions (125) or --max-time (124),
 * which must still work while the hart does nothing but enter and leave the handler. */
#include "wild.h"

    .section .text.init.enter, "ax"
    .globl _start
_start:
    WILD_PUTS msg
    la t0, handler
    csrw mtvec, t0
    li t0, ACCELVP_CLINT_BASE + CLINT_MSIP
    li t1, 1
    sw t1, 0(t0)                /* msip = 1, never cleared */
    li t1, 1 << 3               /* MSIE */
    csrw mie, t1
    csrsi mstatus, 8            /* MIE: from here on, only the handler runs */
    WILD_PUTS not_stopped       /* reached only if the interrupt is not taken */
    WILD_EXIT WILD_NOT_STOPPED

    .balign 4
handler:
    addi s1, s1, 1
    mret

    .section .rodata
msg:
    .string "wild_irq_storm: msip set and never cleared\n"
not_stopped:
    .string "wild_irq_storm: the interrupt was not taken\n"
