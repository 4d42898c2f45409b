/* RV32C: every RV32C instruction, written with its c. mnemonic so the assembler must emit
 * the 16-bit form (it refuses operands that do not fit one). The FC loads/stores (c.flw,
 * c.fsw, c.flwsp, c.fswsp) are included; c.ebreak is in isa_traps. Operands of the CL/CS/CB
 * and CA forms must be x8..x15 (s0, s1, a0..a5); results are checked with 32-bit code. */
#include "common/isa_macros.h"

    .section .data.rv32c, "aw"
    .balign 16
c_data:
    .word 0x11223344, 0x55667788, 0x99aabbcc, 0xddeeff00
c_stack:                            /* sp-relative forms use this as the stack */
    .space 256
c_stack_top:

TEST_GROUP rv32c_alu
    .option push
    .option rvc
    CHECK_BEGIN                     /* c.li, c.lui: sign-extended 6-bit immediates */
    c.li a0, 31
    EXPECT a0, 31
    c.li a0, -32
    EXPECT a0, 0xffffffe0
    c.lui a1, 1
    EXPECT a1, 0x00001000
    c.lui a1, 0xfffe0               /* nzimm = -32 */
    EXPECT a1, 0xfffe0000
    c.lui a1, 0x1f
    EXPECT a1, 0x0001f000

    CHECK_BEGIN                     /* c.addi, c.nop */
    li a2, 100
    c.addi a2, 31
    EXPECT a2, 131
    c.addi a2, -32
    EXPECT a2, 99
    c.nop
    EXPECT a2, 99

    CHECK_BEGIN                     /* c.addi16sp, c.addi4spn */
    mv s1, sp
    la sp, c_stack
    c.addi16sp sp, 496
    la a3, c_stack + 496
    EXPECT_REG sp, a3
    c.addi16sp sp, -512
    addi a3, a3, -512
    EXPECT_REG sp, a3
    c.addi4spn a4, sp, 1020
    addi a3, a3, 1020
    EXPECT_REG a4, a3
    c.addi4spn a5, sp, 4
    la a3, c_stack + 496 - 512 + 4
    EXPECT_REG a5, a3
    mv sp, s1

    CHECK_BEGIN                     /* c.slli, c.srli, c.srai */
    li s0, 0x80000001
    c.slli s0, 4
    EXPECT s0, 0x00000010
    li s0, 0x80000010
    c.srli s0, 4
    EXPECT s0, 0x08000001
    li s0, 0x80000010
    c.srai s0, 4
    EXPECT s0, 0xf8000001
    li s0, 0x80000000
    c.srai s0, 31
    EXPECT s0, 0xffffffff
    li s0, 0xffffffff
    c.slli s0, 31
    EXPECT s0, 0x80000000

    CHECK_BEGIN                     /* c.andi */
    li s1, 0x12345678
    c.andi s1, 0x1f
    EXPECT s1, 0x18
    li s1, 0x12345678
    c.andi s1, -32
    EXPECT s1, 0x12345660

    CHECK_BEGIN                     /* c.mv, c.add (any registers) */
    li t1, 0x5a5a5a5a
    c.mv t2, t1
    EXPECT t2, 0x5a5a5a5a
    li t3, 0x01010101
    c.add t2, t3
    EXPECT t2, 0x5b5b5b5b

    CHECK_BEGIN                     /* c.sub, c.xor, c.or, c.and */
    li a0, 100
    li a1, 58
    c.sub a0, a1
    EXPECT a0, 42
    li a0, 0xff00ff00
    li a1, 0x0ff00ff0
    c.xor a0, a1
    EXPECT a0, 0xf0f0f0f0
    li a0, 0xff00ff00
    c.or a0, a1
    EXPECT a0, 0xfff0fff0
    li a0, 0xff00ff00
    c.and a0, a1
    EXPECT a0, 0x0f000f00
    .option pop
TEST_GROUP_END rv32c_alu

TEST_GROUP rv32c_mem
    .option push
    .option rvc
    CHECK_BEGIN                     /* c.lw, c.sw */
    la a0, c_data
    c.lw a1, 4(a0)
    EXPECT a1, 0x55667788
    li a2, 0xcafef00d
    c.sw a2, 124(a0)
    lw a3, 124(a0)
    EXPECT a3, 0xcafef00d
    c.lw a4, 0(a0)
    EXPECT a4, 0x11223344

    CHECK_BEGIN                     /* c.lwsp, c.swsp */
    mv s1, sp
    la sp, c_stack
    li t1, 0x0badcafe
    c.swsp t1, 252(sp)
    lw t2, 252(sp)
    EXPECT t2, 0x0badcafe
    li t1, 0x13572468
    sw t1, 8(sp)
    c.lwsp t3, 8(sp)
    EXPECT t3, 0x13572468
    mv sp, s1

    CHECK_BEGIN                     /* c.flw, c.fsw */
    la a0, c_data
    c.flw fa0, 8(a0)
    fmv.x.w a1, fa0
    EXPECT a1, 0x99aabbcc
    c.fsw fa0, 120(a0)
    lw a1, 120(a0)
    EXPECT a1, 0x99aabbcc

    CHECK_BEGIN                     /* c.flwsp, c.fswsp */
    mv s1, sp
    la sp, c_stack
    li t1, 0x3f800000
    sw t1, 252(sp)
    c.flwsp ft5, 252(sp)
    fmv.x.w t2, ft5
    EXPECT t2, 0x3f800000
    c.fswsp ft5, 4(sp)
    lw t2, 4(sp)
    EXPECT t2, 0x3f800000
    mv sp, s1
    .option pop
TEST_GROUP_END rv32c_mem

TEST_GROUP rv32c_ctrl
    .option push
    .option rvc
    CHECK_BEGIN                     /* c.j forward and backward */
    c.j 2f
1:  c.j 3f
2:  c.j 1b
    FAIL_NOW
3:

    CHECK_BEGIN                     /* c.jal links pc + 2 */
    la a3, 1f
    c.jal 2f
1:  FAIL_NOW
2:  EXPECT_REG ra, a3

    CHECK_BEGIN                     /* c.jr */
    la t1, 2f
    c.jr t1
    FAIL_NOW
2:

    CHECK_BEGIN                     /* c.jalr links pc + 2 */
    la t1, 2f
    la a3, 1f
    c.jalr t1
1:  FAIL_NOW
2:  EXPECT_REG ra, a3

    CHECK_BEGIN                     /* c.beqz */
    li s0, 0
    c.beqz s0, 2f
    FAIL_NOW
2:  li s0, 1
    c.beqz s0, 3f
    j 4f
3:  FAIL_NOW
4:

    CHECK_BEGIN                     /* c.bnez, taken backward */
    li s0, 3
    li a0, 0
1:  addi a0, a0, 1
    addi s0, s0, -1
    c.bnez s0, 1b
    EXPECT a0, 3
    li s1, 0
    c.bnez s1, 2f
    j 3f
2:  FAIL_NOW
3:

    CHECK_BEGIN                     /* mixed 16/32-bit code: 32-bit ops at 2-byte offsets */
    c.nop
    li a0, 0x12345678
    c.addi a0, 1
    addi a0, a0, 1
    EXPECT a0, 0x1234567a
    .option pop
TEST_GROUP_END rv32c_ctrl
