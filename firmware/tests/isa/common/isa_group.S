/* Calling convention of the assembly test groups. A group may use every register (sp, gp,
 * tp included), mscratch, the float registers and fcsr, and it ends by jumping to
 * isa_group_pass or isa_group_fail instead of returning: isa_call_group saved everything the
 * C caller needs, and those two put it back.
 *   uint32_t isa_call_group(void (*entry)(void)): 0 if the group passed, else the number of
 *   its failed check (a1/a2 of the failure land in isa_fail_got / isa_fail_expected). */
    .option norelax             /* gp is not ours inside a group */

    .section .bss.isa_context, "aw", @nobits
    .balign 4
isa_context:
    .space 4 * 20

    .section .text.isa_call_group, "ax"
    .globl isa_call_group
isa_call_group:
    la t0, isa_context
    sw ra, 0(t0)
    sw sp, 4(t0)
    sw gp, 8(t0)
    sw tp, 12(t0)
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11
    sw s\n, (16 + 4 * \n)(t0)
    .endr
    csrr t1, mscratch
    sw t1, 64(t0)
    frcsr t1
    sw t1, 68(t0)
    csrr t1, mstatus
    sw t1, 72(t0)
    jr a0

    .globl isa_group_pass
    .globl isa_group_fail
isa_group_pass:
    li a0, 0
isa_group_fail:
    la t0, isa_context
    lw t1, 72(t0)
    csrw mstatus, t1            /* first: FS must be on for fscsr below */
    lw t1, 64(t0)
    csrw mscratch, t1
    lw t1, 68(t0)
    fscsr t1
    lw ra, 0(t0)
    lw sp, 4(t0)
    lw gp, 8(t0)
    lw tp, 12(t0)
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11
    lw s\n, (16 + 4 * \n)(t0)
    .endr
    la t0, isa_fail_got
    sw a1, 0(t0)
    la t0, isa_fail_expected
    sw a2, 0(t0)
    ret
