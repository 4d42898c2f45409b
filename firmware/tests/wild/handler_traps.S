/* wild_handler_traps: the trap handler's first instruction traps itself (ebreak). Every
 * exception enters the handler, which raises the next one before anything retires: the
 * simulator must end the run with 121 (trap loop). */
#include "wild.h"

    .section .text.init.enter, "ax"
    .globl _start
_start:
    WILD_PUTS msg
    la t0, handler
    csrw mtvec, t0
    ecall
    WILD_PUTS not_stopped
    WILD_EXIT WILD_NOT_STOPPED

    .balign 4
handler:
    ebreak
    mret

    .section .rodata
msg:
    .string "wild_handler_traps: the handler starts with ebreak, now ecall\n"
not_stopped:
    .string "wild_handler_traps: still running after the trap\n"
