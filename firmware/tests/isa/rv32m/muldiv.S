/* RV32M: multiplications (low word and the three high-word signednesses) and divisions,
 * including the defined results of division by zero and of signed overflow (no traps). */
#include "common/isa_macros.h"

TEST_GROUP rv32m_mul
    TEST_RR mul, 0x00000015, 0x00000003, 0x00000007
    TEST_RR mul, 0x242d2080, 0x12345678, 0x9abcdef0
    TEST_RR mul, 0x00000001, 0x7fffffff, 0x7fffffff
    TEST_RR mul, 0x00000001, 0xffffffff, 0xffffffff
    TEST_RR mul, 0x80000000, 0x80000000, 0xffffffff
    TEST_RR mul, 0xfffffffe, 0xffffffff, 0x00000002
    TEST_RR_RD_RS1 mul, 143, 13, 11
    TEST_RR_SAME mul, 169, 13
    TEST_RR_X0_RS1 mul, 0, 0x12345678

    TEST_RR mulh, 0xf8cc93d6, 0x12345678, 0x9abcdef0
    TEST_RR mulh, 0x3fffffff, 0x7fffffff, 0x7fffffff
    TEST_RR mulh, 0x40000000, 0x80000000, 0x80000000
    TEST_RR mulh, 0x00000000, 0xffffffff, 0xffffffff
    TEST_RR mulh, 0xffffffff, 0xffffffff, 0x00000002
    TEST_RR_RD_RS2 mulh, 0x00000000, 0x80000000, 0xffffffff

    TEST_RR mulhsu, 0x0b00ea4e, 0x12345678, 0x9abcdef0
    TEST_RR mulhsu, 0xc0000000, 0x80000000, 0x80000000
    TEST_RR mulhsu, 0xffffffff, 0xffffffff, 0xffffffff
    TEST_RR mulhsu, 0x80000000, 0x80000000, 0xffffffff
    TEST_RR mulhsu, 0x3fffffff, 0x7fffffff, 0x7fffffff

    TEST_RR mulhu, 0x0b00ea4e, 0x12345678, 0x9abcdef0
    TEST_RR mulhu, 0x40000000, 0x80000000, 0x80000000
    TEST_RR mulhu, 0xfffffffe, 0xffffffff, 0xffffffff
    TEST_RR mulhu, 0x7fffffff, 0x80000000, 0xffffffff
    TEST_RR mulhu, 0x00000001, 0xffffffff, 0x00000002
    TEST_RR_X0_RD mulhu, 0xffffffff, 0xffffffff
TEST_GROUP_END rv32m_mul

TEST_GROUP rv32m_div
    TEST_RR div, 3, 20, 6
    TEST_RR div, -3, -20, 6                 /* rounds toward zero */
    TEST_RR div, -3, 20, -6
    TEST_RR div, 3, -20, -6
    TEST_RR div, 0xffffffff, 20, 0          /* by zero: all ones */
    TEST_RR div, 0x80000000, 0x80000000, -1 /* overflow: the dividend */
    TEST_RR_RD_RS1 div, 7, 77, 11

    TEST_RR divu, 3, 20, 6
    TEST_RR divu, 0x2aaaaaa7, -20, 6
    TEST_RR divu, 0, 20, -6
    TEST_RR divu, 0x7fffffff, 0xffffffff, 2
    TEST_RR divu, 0xffffffff, 20, 0          /* by zero: all ones */
    TEST_RR divu, 0, 0x80000000, -1

    TEST_RR rem, 2, 20, 6
    TEST_RR rem, -2, -20, 6                  /* sign of the dividend */
    TEST_RR rem, 2, 20, -6
    TEST_RR rem, -2, -20, -6
    TEST_RR rem, 20, 20, 0                   /* by zero: the dividend */
    TEST_RR rem, 0, 0x80000000, -1           /* overflow: zero */
    TEST_RR_RD_RS2 rem, 0, 77, 11

    TEST_RR remu, 2, 20, 6
    TEST_RR remu, 2, -20, 6
    TEST_RR remu, 20, 20, -6
    TEST_RR remu, 0, 0xffffffff, 3
    TEST_RR remu, 0xfffffffe, 0xfffffffe, 0  /* by zero: the dividend */
    TEST_RR remu, 0x80000000, 0x80000000, -1
TEST_GROUP_END rv32m_div
