/* wild_trap_progress: many exceptions, all making progress: the simulator must NOT call
 * this a trap loop. 5000 times the same illegal instruction at the same pc, then 5000 ecalls
 * and 5000 ebreaks, each stepped over by a handler that advances mepc (more than
 * sim.trap_loop_limit in a row, from the same pc with the same cause and mtval). Exits 0
 * once the handler counted all 15000; 3 if the count is wrong. */
#include "wild.h"

#define ROUNDS 5000

    .section .text.init.enter, "ax"
    .globl _start
_start:
    WILD_PUTS msg
    la t0, handler
    csrw mtvec, t0
    li s1, 0                    /* traps taken (the handler counts) */

    .option push
    .option norvc               /* every trapping instruction 4 bytes: mepc += 4 */
    li s2, ROUNDS
1:  unimp                       /* csrrw x0, cycle, x0: illegal */
    addi s2, s2, -1
    bnez s2, 1b

    li s2, ROUNDS
2:  ecall
    addi s2, s2, -1
    bnez s2, 2b

    li s2, ROUNDS
3:  ebreak
    addi s2, s2, -1
    bnez s2, 3b
    .option pop

    li t0, 3 * ROUNDS
    bne s1, t0, 4f
    WILD_PUTS done
    WILD_EXIT 0
4:  WILD_PUTS wrong
    WILD_EXIT 3

    .balign 4
handler:
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    addi s1, s1, 1
    mret

    .section .rodata
msg:
    .string "wild_trap_progress: 15000 exceptions, each stepped over\n"
done:
    .string "wild_trap_progress: all 15000 traps handled\n"
wrong:
    .string "wild_trap_progress: wrong number of traps\n"
