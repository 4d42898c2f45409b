/* The six Zicsr instructions on mscratch (the one CSR whose every bit is read-write; the
 * group runner restores it): old value to rd, new value per the instruction, the rd=x0 and
 * rs1=x0 / uimm=0 forms, rd == rs1. Which forms write (and so trap on read-only CSRs) is
 * checked in C (main.c). */
#include "common/isa_macros.h"

/* mscratch = init; op x14, mscratch, src; expects x14 = init, mscratch = result. */
.macro TEST_CSR_REG op, result, init, src
    CHECK_BEGIN
    li x11, \init
    csrw mscratch, x11
    li x12, \src
    \op x14, mscratch, x12
    EXPECT x14, \init
    csrr x14, mscratch
    EXPECT x14, \result
.endm

.macro TEST_CSR_IMM op, result, init, uimm
    CHECK_BEGIN
    li x11, \init
    csrw mscratch, x11
    \op x14, mscratch, \uimm
    EXPECT x14, \init
    csrr x14, mscratch
    EXPECT x14, \result
.endm

TEST_GROUP zicsr_insn
    TEST_CSR_REG csrrw, 0x12345678, 0xaaaa5555, 0x12345678
    TEST_CSR_REG csrrs, 0xff0fff0f, 0xff00ff00, 0x0f0f0f0f
    TEST_CSR_REG csrrc, 0xf000f000, 0xff00ff00, 0x0f0f0f0f
    TEST_CSR_IMM csrrwi, 0x0000001f, 0xffffffff, 31
    TEST_CSR_IMM csrrsi, 0x12345679, 0x12345678, 1
    TEST_CSR_IMM csrrci, 0x12345660, 0x12345678, 0x18
    TEST_CSR_IMM csrrsi, 0x87654321, 0x87654321, 0        /* uimm = 0: no write */
    TEST_CSR_IMM csrrci, 0x87654321, 0x87654321, 0

    CHECK_BEGIN                     /* rs1 = x0: csrrs/csrrc only read */
    li x11, 0x5a5a5a5a
    csrw mscratch, x11
    csrrs x14, mscratch, x0
    EXPECT x14, 0x5a5a5a5a
    csrrc x14, mscratch, x0
    EXPECT x14, 0x5a5a5a5a
    csrr x14, mscratch
    EXPECT x14, 0x5a5a5a5a

    CHECK_BEGIN                     /* rd = x0: the write still happens, x0 stays 0 */
    li x12, 0x0000ffff
    csrrw x0, mscratch, x12
    EXPECT x0, 0
    csrr x14, mscratch
    EXPECT x14, 0x0000ffff
    csrrs x0, mscratch, x11         /* | 0x5a5a5a5a */
    csrrci x0, mscratch, 0x1f
    csrr x14, mscratch
    EXPECT x14, 0x5a5affe0

    CHECK_BEGIN                     /* rd == rs1: the old value comes back, the register's */
    li x13, 0x01234567              /* value before the instruction is written */
    csrrw x13, mscratch, x13
    EXPECT x13, 0x5a5affe0
    csrr x14, mscratch
    EXPECT x14, 0x01234567
    li x13, 0x10000000
    csrrs x13, mscratch, x13
    EXPECT x13, 0x01234567
    csrr x14, mscratch
    EXPECT x14, 0x11234567
TEST_GROUP_END zicsr_insn
