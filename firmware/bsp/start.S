/* Reset entry of every firmware image. The boot ROM (and QEMU with -bios none) jumps here in
 * M-mode with a0 = mhartid. Everything is already in place in DRAM (the ELF is loaded as
 * linked), so start-up only sets up registers, clears .bss and calls main. */
#include "csr.h"

    .section .text.init.enter, "ax"
    .globl _start
_start:
    .option push
    .option norelax             /* gp is not set yet: no gp-relative addressing here */
    la gp, __global_pointer$
    .option pop
    la sp, __stack_top
    mv s0, a0                   /* hart id, stored once .bss is clear */

    /* Cores with PMP (QEMU) deny U-mode every access until an entry allows it: open the
     * whole address space (NAPOT, RWX). Our board has no PMP and raises illegal-instruction
     * on the pmp CSRs, so do it with mtvec pointing at the label after: a trap lands there. */
    la t0, 1f
    csrw mtvec, t0
    li t0, -1
    csrw pmpaddr0, t0
    li t0, 0x1f                 /* pmp0cfg: A=NAPOT, X, W, R */
    csrw pmpcfg0, t0
    .balign 4
1:
    la t0, bsp_trap_entry
    csrw mtvec, t0
    la t0, __trap_stack_top
    csrw mscratch, t0

    /* FP on (the ABI is ilp32f: any C code may use f registers), rounding mode RNE, no flags. */
    li t0, MSTATUS_FS_INITIAL
    csrs mstatus, t0
    fscsr zero

    la t0, __bss_start          /* .tbss is the first part of it */
    la t1, __bss_end
2:  bgeu t0, t1, 3f
    sw zero, 0(t0)
    addi t0, t0, 4
    j 2b
3:
    /* One thread: the linked .tdata/.tbss is the TLS block itself (picolibc's errno). */
    la tp, __tls_base
    la t0, bsp_boot_hartid
    sw s0, 0(t0)

    call __libc_init_array
    li a0, 0                    /* argc */
    li a1, 0                    /* argv */
    call main
    call exit
4:  j 4b

    .section .bss.bsp_boot_hartid, "aw", @nobits
    .balign 4
    .globl bsp_boot_hartid
bsp_boot_hartid:
    .space 4
