/* RV32A: lr.w/sc.w (success, failure without a reservation, failure outside the reserved
 * word) and every AMO, each returning the old value and leaving the new one, in plain,
 * .aq, .rl and .aqrl forms. Misaligned and faulting addresses are in isa_traps. */
#include "common/isa_macros.h"

    .section .data.rv32a, "aw"
    .balign 64
amo_word:
    .word 0
    .balign 64
amo_far:                            /* another reservation granule */
    .word 0

/* Memory holds `old`, op x14, x12 (= operand), (x11); expects x14 = old, memory = new. */
.macro TEST_AMO op, new, old, operand
    CHECK_BEGIN
    la x11, amo_word
    li x12, \old
    sw x12, 0(x11)
    li x12, \operand
    \op x14, x12, (x11)
    EXPECT x14, \old
    lw x14, 0(x11)
    EXPECT x14, \new
.endm

TEST_GROUP rv32a_lrsc
    CHECK_BEGIN                     /* lr reads; sc after it succeeds (rd = 0) and writes */
    la x11, amo_word
    li x12, 0x11111111
    sw x12, 0(x11)
    lr.w x14, (x11)
    EXPECT x14, 0x11111111
    li x12, 0x22222222
    sc.w x14, x12, (x11)
    EXPECT x14, 0
    lw x14, 0(x11)
    EXPECT x14, 0x22222222

    CHECK_BEGIN                     /* a second sc has no reservation: fails (rd = 1), no write */
    li x12, 0x33333333
    sc.w x14, x12, (x11)
    EXPECT x14, 1
    lw x14, 0(x11)
    EXPECT x14, 0x22222222

    CHECK_BEGIN                     /* sc outside the reserved granule fails, no write */
    la x13, amo_far
    sw x0, 0(x13)
    lr.w x14, (x11)
    li x12, 0x44444444
    sc.w x14, x12, (x13)
    EXPECT x14, 1
    lw x14, 0(x13)
    EXPECT x14, 0

    CHECK_BEGIN                     /* ordering-annotated forms behave the same */
    lr.w.aq x14, (x11)
    EXPECT x14, 0x22222222
    li x12, 0x55555555
    sc.w.rl x14, x12, (x11)
    EXPECT x14, 0
    lr.w.aqrl x14, (x11)
    EXPECT x14, 0x55555555
    li x12, 0x66666666
    sc.w.aqrl x14, x12, (x11)
    EXPECT x14, 0
    lw x14, 0(x11)
    EXPECT x14, 0x66666666

    CHECK_BEGIN                     /* an lr/sc increment loop, as compilers emit it */
    li x12, 41
    sw x12, 0(x11)
1:  lr.w x14, (x11)
    addi x14, x14, 1
    sc.w x15, x14, (x11)
    bnez x15, 1b
    lw x14, 0(x11)
    EXPECT x14, 42
TEST_GROUP_END rv32a_lrsc

TEST_GROUP rv32a_amo
    TEST_AMO amoswap.w, 0xaaaaaaaa, 0x12345678, 0xaaaaaaaa
    TEST_AMO amoswap.w.aq, 0x00000000, 0xffffffff, 0x00000000

    TEST_AMO amoadd.w, 0x00000003, 0x00000001, 0x00000002
    TEST_AMO amoadd.w, 0x00000000, 0xffffffff, 0x00000001
    TEST_AMO amoadd.w.rl, 0x80000000, 0x7fffffff, 0x00000001

    TEST_AMO amoxor.w, 0xf0f0f0f0, 0xff00ff00, 0x0ff00ff0
    TEST_AMO amoxor.w.aqrl, 0x00000000, 0x12345678, 0x12345678

    TEST_AMO amoand.w, 0x0f000f00, 0xff00ff00, 0x0f0f0f0f
    TEST_AMO amoand.w.aq, 0x00000000, 0xffff0000, 0x0000ffff

    TEST_AMO amoor.w, 0xff0fff0f, 0xff00ff00, 0x0f0f0f0f
    TEST_AMO amoor.w.rl, 0xffffffff, 0xffff0000, 0x0000ffff

    TEST_AMO amomin.w, 0x80000000, 0x00000001, 0x80000000   /* signed */
    TEST_AMO amomin.w, 0xffffffff, 0xffffffff, 0x00000001
    TEST_AMO amomin.w.aqrl, 0x00000005, 0x00000007, 0x00000005

    TEST_AMO amomax.w, 0x00000001, 0x00000001, 0x80000000
    TEST_AMO amomax.w, 0x7fffffff, 0xffffffff, 0x7fffffff
    TEST_AMO amomax.w.aq, 0x00000007, 0x00000007, 0x00000005

    TEST_AMO amominu.w, 0x00000001, 0x00000001, 0x80000000  /* unsigned */
    TEST_AMO amominu.w, 0x00000001, 0xffffffff, 0x00000001
    TEST_AMO amominu.w.rl, 0x00000000, 0x00000000, 0xffffffff

    TEST_AMO amomaxu.w, 0x80000000, 0x00000001, 0x80000000
    TEST_AMO amomaxu.w, 0xffffffff, 0xffffffff, 0x00000001
    TEST_AMO amomaxu.w.aqrl, 0xffffffff, 0x00000000, 0xffffffff

    CHECK_BEGIN                     /* rd = x0: the memory update still happens */
    la x11, amo_word
    li x12, 10
    sw x12, 0(x11)
    li x12, 5
    amoadd.w x0, x12, (x11)
    lw x14, 0(x11)
    EXPECT x14, 15
    EXPECT x0, 0

    CHECK_BEGIN                     /* rd = rs2: the old value replaces the operand */
    li x12, 0x77
    amoswap.w x12, x12, (x11)
    EXPECT x12, 15
    lw x14, 0(x11)
    EXPECT x14, 0x77
TEST_GROUP_END rv32a_amo
