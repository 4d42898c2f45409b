/* RV32I control transfer (branches, jal, jalr), loads, stores and fence. */
#include "common/isa_macros.h"

TEST_GROUP rv32i_branch
    TEST_BR_TAKEN beq, 0, 0
    TEST_BR_TAKEN beq, -1, -1
    TEST_BR_NOT_TAKEN beq, 0, 1
    TEST_BR_TAKEN_BACK beq, 1, 1

    TEST_BR_TAKEN bne, 0, 1
    TEST_BR_NOT_TAKEN bne, 1, 1
    TEST_BR_TAKEN_BACK bne, -1, 1

    TEST_BR_TAKEN blt, 0, 1
    TEST_BR_TAKEN blt, -1, 1
    TEST_BR_NOT_TAKEN blt, 1, 0
    TEST_BR_NOT_TAKEN blt, 1, 1
    TEST_BR_TAKEN_BACK blt, 0x80000000, 0x7fffffff

    TEST_BR_TAKEN bge, 1, 0
    TEST_BR_TAKEN bge, 1, 1
    TEST_BR_NOT_TAKEN bge, -1, 1
    TEST_BR_TAKEN bge, 0x7fffffff, 0x80000000
    TEST_BR_TAKEN_BACK bge, 0, -1

    TEST_BR_TAKEN bltu, 0, 1
    TEST_BR_TAKEN bltu, 1, 0xffffffff
    TEST_BR_NOT_TAKEN bltu, 0xffffffff, 1
    TEST_BR_NOT_TAKEN bltu, 1, 1
    TEST_BR_TAKEN_BACK bltu, 0x7fffffff, 0x80000000

    TEST_BR_TAKEN bgeu, 0xffffffff, 1
    TEST_BR_TAKEN bgeu, 1, 1
    TEST_BR_NOT_TAKEN bgeu, 1, 0xffffffff
    TEST_BR_TAKEN_BACK bgeu, 0x80000000, 0x7fffffff
TEST_GROUP_END rv32i_branch

TEST_GROUP rv32i_jump
    CHECK_BEGIN                     /* jal: jumps forward, links the next pc */
    la x13, 1f
    jal x1, 2f
1:
    FAIL_NOW
2:
    EXPECT_REG x1, x13

    CHECK_BEGIN                     /* jal backward, another link register */
    j 2f
1:
    j 3f
2:
    la x13, 4f
    jal x5, 1b
4:
    FAIL_NOW
3:
    EXPECT_REG x5, x13

    CHECK_BEGIN                     /* jalr: register target, links the next pc */
    la x11, 2f
    la x13, 1f
    jalr x1, 0(x11)
1:
    FAIL_NOW
2:
    EXPECT_REG x1, x13

    CHECK_BEGIN                     /* jalr with positive and negative offsets */
    la x11, 2f - 8
    jalr x0, 8(x11)
    FAIL_NOW
2:
    la x11, 3f + 12
    jalr x0, -12(x11)
    FAIL_NOW
3:

    CHECK_BEGIN                     /* jalr clears bit 0 of the target */
    la x11, 2f
    addi x11, x11, 1
    jalr x0, 0(x11)
    FAIL_NOW
    .balign 4
2:

    CHECK_BEGIN                     /* jalr with rd == rs1: target read before the link */
    la x11, 2f
    la x13, 1f
    jalr x11, 0(x11)
1:
    FAIL_NOW
2:
    EXPECT_REG x11, x13
TEST_GROUP_END rv32i_jump

    .section .data.rv32i_mem, "aw"
    .balign 16
ld_data:
    .byte 0xff, 0x00, 0xf0, 0x0f
    .hword 0x00ff, 0xff00
    .hword 0x0ff0, 0xf00f
    .word 0x00ff00ff, 0xff00ff00, 0x0ff00ff0, 0xf00ff00f
st_data:
    .space 32

TEST_GROUP rv32i_load
    TEST_LD lb, 0xffffffff, 0, ld_data
    TEST_LD lb, 0x00000000, 1, ld_data
    TEST_LD lb, 0xfffffff0, 2, ld_data
    TEST_LD lb, 0x0000000f, 3, ld_data
    TEST_LD lb, 0xffffffff, -3, ld_data + 3

    TEST_LD lbu, 0x000000ff, 0, ld_data
    TEST_LD lbu, 0x000000f0, 2, ld_data
    TEST_LD lbu, 0x0000000f, -1, ld_data + 4

    TEST_LD lh, 0x000000ff, 4, ld_data
    TEST_LD lh, 0xffffff00, 6, ld_data
    TEST_LD lh, 0x00000ff0, 8, ld_data
    TEST_LD lh, 0xfffff00f, -2, ld_data + 12

    TEST_LD lhu, 0x0000ff00, 6, ld_data
    TEST_LD lhu, 0x0000f00f, 10, ld_data
    TEST_LD lhu, 0x000000ff, -4, ld_data + 8

    TEST_LD lw, 0x0ff000ff, 0, ld_data  /* little-endian byte order */
    TEST_LD lw, 0x00ff00ff, 12, ld_data
    TEST_LD lw, 0xff00ff00, 16, ld_data
    TEST_LD lw, 0x0ff00ff0, 20, ld_data
    TEST_LD lw, 0xf00ff00f, -4, ld_data + 28
TEST_GROUP_END rv32i_load

TEST_GROUP rv32i_store
    TEST_ST sb, lb, 0xffffffaa, 0x000000aa, 0, st_data
    TEST_ST sb, lbu, 0x000000a0, 0x123456a0, 1, st_data
    TEST_ST sh, lh, 0xffffaa00, 0x0000aa00, 2, st_data
    TEST_ST sh, lhu, 0x0000a00a, 0x1234a00a, 4, st_data
    TEST_ST sw, lw, 0xaa00aa00, 0xaa00aa00, 8, st_data
    TEST_ST sw, lw, 0x12345678, 0x12345678, -4, st_data + 16

    CHECK_BEGIN                     /* narrow stores touch only their bytes, little-endian */
    la x11, st_data
    li x12, -1
    sw x12, 16(x11)
    sb x0, 17(x11)
    lw x14, 16(x11)
    EXPECT x14, 0xffff00ff
    sh x0, 18(x11)
    lw x14, 16(x11)
    EXPECT x14, 0x000000ff
    li x12, 0x11223344
    sw x12, 20(x11)
    lbu x14, 20(x11)
    EXPECT x14, 0x44
    lhu x14, 22(x11)
    EXPECT x14, 0x1122
TEST_GROUP_END rv32i_store

/* fence orders memory accesses; on one hart it must act as a no-op, whatever its sets
 * (fence.tso and unusual predecessor/successor sets included). */
TEST_GROUP rv32i_fence
    CHECK_BEGIN
    la x11, st_data
    li x12, 0x5a5a1234
    sw x12, 24(x11)
    fence
    fence rw, rw
    fence w, r
    fence iorw, iorw
    fence i, o
    fence.tso
    lw x14, 24(x11)
    EXPECT x14, 0x5a5a1234
TEST_GROUP_END rv32i_fence
