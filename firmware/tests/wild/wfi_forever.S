/* wild_wfi_forever: every interrupt disabled in mie, then wfi: nothing can ever wake the
 * hart. The simulator must end the run with 122 (hung) at once. */
#include "wild.h"

    .section .text.init.enter, "ax"
    .globl _start
_start:
    WILD_PUTS msg
    csrw mie, zero
    csrci mstatus, 8            /* MIE off too */
    wfi
    WILD_PUTS not_stopped
    WILD_EXIT WILD_NOT_STOPPED

    .section .rodata
msg:
    .string "wild_wfi_forever: mie = 0, wfi\n"
not_stopped:
    .string "wild_wfi_forever: wfi returned\n"
