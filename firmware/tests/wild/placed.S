/* wild_outside_memory, wild_straddle_memory, wild_bss_overflow: one tiny program, linked
 * (placed.ld) where it does not fit the board's memories: the loader must refuse it (65)
 * with a message naming the segment. Should it ever run, it says so and exits 0, which is
 * what wild_bss_overflow does on a board with a larger DRAM. */
#include "wild.h"

    .section .text.init.enter, "ax"
    .globl _start
_start:
    WILD_PUTS msg
    WILD_EXIT 0

    .section .rodata
msg:
    .string "wild placed program: loaded and running\n"
