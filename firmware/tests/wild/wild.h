/* Shared by the wild programs: device addresses (one source of truth, shared with the
 * simulator) and, for the assembly programs, the two helpers in wild_io.S. */
#ifndef WILD_H
#define WILD_H

#include "platform/memory_map.h"
#include "ip/uart/uart_regs.h"
#include "ip/finisher/finisher_regs.h"
#include "ip/clint/clint_regs.h"

/* The code a program exits with when the simulator let it go on where it should have
 * stopped the run: the test then fails at once instead of timing out. */
#define WILD_NOT_STOPPED 1

#ifdef __ASSEMBLER__
/* Prints the zero-terminated string at `label` on UART0 (clobbers a0, t0-t2, ra). */
.macro WILD_PUTS label
    la a0, \label
    call wild_puts
.endm
/* Ends the run through the test finisher with exit code `code` (1..63). */
.macro WILD_EXIT code
    li a0, \code
    j wild_exit
.endm
#endif

#endif
