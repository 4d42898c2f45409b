/* The minimal I/O of the assembly wild programs, which have no BSP: polled UART output and
 * an exit through the test finisher. Leaf routines, no stack. */
#include "wild.h"

    .text
    /* wild_puts(a0 = zero-terminated string): clobbers a0, t0-t2. */
    .globl wild_puts
wild_puts:
    li t0, ACCELVP_UART0_BASE
1:  lbu t1, 0(a0)
    beqz t1, 3f
2:  lbu t2, UART_LSR(t0)
    andi t2, t2, UART_LSR_THRE
    beqz t2, 2b
    sb t1, UART_THR(t0)
    addi a0, a0, 1
    j 1b
3:  ret

    /* wild_exit(a0 = code): never returns (clobbers t0-t2). */
    .globl wild_exit
wild_exit:
    li t0, ACCELVP_FINISHER_BASE
    li t1, FINISHER_PASS
    beqz a0, 1f
    slli t1, a0, 16
    li t2, FINISHER_FAIL
    or t1, t1, t2
1:  sw t1, FINISHER_REG(t0)
2:  j 2b
