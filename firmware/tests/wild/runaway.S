/* wild_runaway: one line on the UART, then an endless loop of one jump. Only a limit ends
 * it: --max-instructions (125) or --max-time (124); uart.log must still hold the line. */
#include "wild.h"

    .section .text.init.enter, "ax"
    .globl _start
_start:
    WILD_PUTS msg
1:  j 1b

    .section .rodata
msg:
    .string "wild_runaway: looping forever now\n"
