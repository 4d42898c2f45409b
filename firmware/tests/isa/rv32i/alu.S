/* RV32I computational instructions: register-register, register-immediate, lui, auipc, and
 * the register file itself (every register holds its own value, x0 stays zero). */
#include "common/isa_macros.h"

TEST_GROUP rv32i_rr
    TEST_RR add, 0x00000000, 0x00000000, 0x00000000
    TEST_RR add, 0x00000003, 0x00000001, 0x00000002
    TEST_RR add, 0x80000000, 0x7fffffff, 0x00000001
    TEST_RR add, 0xfffffffe, 0xffffffff, 0xffffffff
    TEST_RR add, 0x00000000, 0x80000000, 0x80000000
    TEST_RR_RD_RS1 add, 24, 13, 11
    TEST_RR_RD_RS2 add, 25, 14, 11
    TEST_RR_SAME add, 26, 13
    TEST_RR_X0_RS1 add, 5, 5
    TEST_RR_X0_RD add, 1, 2

    TEST_RR sub, 0x00000000, 0x00000000, 0x00000000
    TEST_RR sub, 0xffffffff, 0x00000001, 0x00000002
    TEST_RR sub, 0x7fffffff, 0x80000000, 0x00000001
    TEST_RR sub, 0x80000000, 0x7fffffff, 0xffffffff
    TEST_RR_RD_RS1 sub, 2, 13, 11
    TEST_RR_RD_RS2 sub, 3, 14, 11
    TEST_RR_SAME sub, 0, 0x12345678
    TEST_RR_X0_RS1 sub, 0xfffffffb, 5

    TEST_RR sll, 0x00000001, 0x00000001, 0
    TEST_RR sll, 0x00000080, 0x00000001, 7
    TEST_RR sll, 0x80000000, 0x00000001, 31
    TEST_RR sll, 0x90909080, 0x21212121, 7
    TEST_RR sll, 0x42424242, 0x21212121, 0xffffffc1 /* only rs2[4:0] counts */
    TEST_RR_RD_RS1 sll, 0x00000100, 1, 8

    TEST_RR slt, 0, 0x00000000, 0x00000000
    TEST_RR slt, 1, 0x00000003, 0x00000007
    TEST_RR slt, 1, 0xffffffff, 0x00000000
    TEST_RR slt, 0, 0x00000000, 0xffffffff
    TEST_RR slt, 1, 0x80000000, 0x7fffffff
    TEST_RR slt, 0, 0x7fffffff, 0x80000000
    TEST_RR_SAME slt, 0, 5

    TEST_RR sltu, 0, 0xffffffff, 0x00000000
    TEST_RR sltu, 1, 0x00000000, 0xffffffff
    TEST_RR sltu, 0, 0x80000000, 0x7fffffff
    TEST_RR sltu, 1, 0x7fffffff, 0x80000000
    TEST_RR_X0_RS1 sltu, 1, 5                 /* snez */
    TEST_RR_X0_RS1 sltu, 0, 0

    TEST_RR xor, 0xf0f0f0f0, 0xff00ff00, 0x0ff00ff0
    TEST_RR xor, 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0
    TEST_RR_SAME xor, 0, 0x12345678
    TEST_RR_RD_RS2 xor, 0x000000ff, 0x0f0f0f0f, 0x0f0f0ff0

    TEST_RR srl, 0x7fffffff, 0xffffffff, 1
    TEST_RR srl, 0x01000000, 0x80000000, 7
    TEST_RR srl, 0x00000001, 0x80000000, 31
    TEST_RR srl, 0x00424242, 0x21212121, 7
    TEST_RR srl, 0x80000000, 0x80000000, 0xffffffe0 /* shift by 0 */

    TEST_RR sra, 0xff000000, 0x80000000, 7
    TEST_RR sra, 0xffffffff, 0x80000000, 31
    TEST_RR sra, 0x00000001, 0x7fffffff, 30
    TEST_RR sra, 0xc0000000, 0x80000000, 0xffffffc1
    TEST_RR sra, 0x00424242, 0x21212121, 7

    TEST_RR or, 0xff0fff0f, 0xff00ff00, 0x0f0f0f0f
    TEST_RR or, 0xfff0fff0, 0x0ff00ff0, 0xf0f0f0f0
    TEST_RR_X0_RS1 or, 0x12345678, 0x12345678
    TEST_RR_SAME or, 0x0f0f0f0f, 0x0f0f0f0f

    TEST_RR and, 0x0f000f00, 0xff00ff00, 0x0f0f0f0f
    TEST_RR and, 0x00f000f0, 0x0ff00ff0, 0xf0f0f0f0
    TEST_RR_SAME and, 0x12345678, 0x12345678
    TEST_RR_X0_RS1 and, 0, 0xffffffff
TEST_GROUP_END rv32i_rr

TEST_GROUP rv32i_ri
    TEST_RI addi, 0x00000000, 0x00000000, 0
    TEST_RI addi, 0x00000003, 0x00000001, 2
    TEST_RI addi, 0xfffff800, 0x00000000, -2048
    TEST_RI addi, 0x000007ff, 0x00000000, 2047
    TEST_RI addi, 0x80000000, 0x7fffffff, 1
    TEST_RI addi, 0x7fffffff, 0x80000000, -1
    TEST_RI_RD_RS1 addi, 24, 13, 11
    CHECK_BEGIN                                 /* x0 destination: result dropped */
    li x11, 7
    addi x0, x11, 5
    EXPECT x0, 0

    TEST_RI slti, 1, 0xffffffff, 0
    TEST_RI slti, 0, 0x00000000, -1
    TEST_RI slti, 1, 0x80000000, -2048
    TEST_RI slti, 0, 0x7fffffff, 2047
    TEST_RI slti, 1, 0x000007fe, 2047

    TEST_RI sltiu, 1, 0x00000000, -1             /* immediate sign-extended, then unsigned */
    TEST_RI sltiu, 0, 0xffffffff, -1
    TEST_RI sltiu, 1, 0xfffffffe, -1
    TEST_RI sltiu, 0, 0x00000001, 0
    TEST_RI sltiu, 1, 0x00000000, 1              /* seqz */

    TEST_RI xori, 0xff00f00f, 0x00ff0f00, -241
    TEST_RI xori, 0x00ff0ff0, 0x00ff0f00, 0x0f0
    TEST_RI xori, 0xedcba987, 0x12345678, -1     /* not */
    TEST_RI_RD_RS1 xori, 0x0000ffff, 0x0000ff00, 0xff

    TEST_RI ori, 0xffffff0f, 0xff00ff00, -241
    TEST_RI ori, 0x00ff07ff, 0x00ff0000, 0x7ff
    TEST_RI_RD_RS1 ori, 0x0f0f0fff, 0x0f0f0f0f, 0xf0

    TEST_RI andi, 0xff00ff00, 0xff00ff00, -241
    TEST_RI andi, 0x000000f0, 0x0ff00ff0, 0x0f0
    TEST_RI andi, 0x000007f0, 0x0ff00ff0, 0x7ff
    TEST_RI_RD_RS1 andi, 0x00000000, 0xff00ff00, 0x0ff

    TEST_RI slli, 0x00000001, 0x00000001, 0
    TEST_RI slli, 0x80000000, 0x00000001, 31
    TEST_RI slli, 0x90909080, 0x21212121, 7
    TEST_RI slli, 0x42424242, 0x21212121, 1

    TEST_RI srli, 0x80000000, 0x80000000, 0
    TEST_RI srli, 0x00000001, 0x80000000, 31
    TEST_RI srli, 0x01ffffff, 0xffffffff, 7
    TEST_RI_RD_RS1 srli, 0x00424242, 0x21212121, 7

    TEST_RI srai, 0x80000000, 0x80000000, 0
    TEST_RI srai, 0xff000000, 0x80000000, 7
    TEST_RI srai, 0xffffffff, 0x80000000, 31
    TEST_RI srai, 0x00ffffff, 0x7fffffff, 7
TEST_GROUP_END rv32i_ri

.macro TEST_LUI imm, result
    CHECK_BEGIN
    lui x14, \imm
    EXPECT x14, \result
.endm

/* auipc x14, imm gives the address of the auipc plus imm << 12 (byte_offset). */
.macro TEST_AUIPC imm, byte_offset
    CHECK_BEGIN
.Lpc\@:
    auipc x14, \imm
    lui x13, %hi(.Lpc\@ + \byte_offset)
    addi x13, x13, %lo(.Lpc\@ + \byte_offset)
    EXPECT_REG x14, x13
.endm

TEST_GROUP rv32i_upper
    TEST_LUI 0x00000, 0x00000000
    TEST_LUI 0x00001, 0x00001000
    TEST_LUI 0x7ffff, 0x7ffff000
    TEST_LUI 0xfffff, 0xfffff000
    CHECK_BEGIN
    lui x0, 0x12345
    EXPECT x0, 0
    TEST_AUIPC 0, 0
    TEST_AUIPC 1, 0x1000
    TEST_AUIPC 0x100, 0x100000
    TEST_AUIPC 0xfffff, -0x1000
TEST_GROUP_END rv32i_upper

/* All 31 registers hold distinct values at once (no aliasing in the register file), and
 * writes to x0 by any kind of instruction are dropped. */
TEST_GROUP rv32i_regs
    CHECK_BEGIN
    .irp n, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
    li x\n, (0x01010101 * \n) ^ 0x5a000000
    .endr
    li x31, 0xa5a5a5a5
    li x30, 0xa5a5a5a5
    beq x31, x30, 1f
    FAIL_WITH x31, x30
1:
    li x30, (0x01010101 * 30) ^ 0x5a000000
    .irp n, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
    EXPECT x\n, (0x01010101 * \n) ^ 0x5a000000
    .endr

    CHECK_BEGIN
    la x11, rv32i_regs_word
    li x12, 123
    addi x0, x12, 1
    lui x0, 1
    auipc x0, 1
    lw x0, 0(x11)
    jal x0, 1f
1:
    EXPECT x0, 0
TEST_GROUP_END rv32i_regs

    .section .data.rv32i_regs_word, "aw"
    .balign 4
rv32i_regs_word:
    .word 0x12345678
