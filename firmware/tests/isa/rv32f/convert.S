/* RV32F conversions, moves, comparisons, classification, loads/stores and the float CSRs.
 * fcvt to integer: NaN and too-large values give the largest integer, too-small ones the
 * smallest, with invalid; in-range inexact results raise inexact only. All five static
 * rounding modes, and the dynamic mode through frm. */
#include "common/isa_macros.h"
#include "fp_consts.h"

TEST_GROUP rv32f_cvt_w
    TEST_F_TO_X fcvt.w.s, 1, 0, ONE
    TEST_F_TO_X fcvt.w.s, -1, 0, M_ONE
    TEST_F_TO_X fcvt.w.s, 2, FF_NX, TWO_5, rne
    TEST_F_TO_X fcvt.w.s, 2, FF_NX, TWO_5, rtz
    TEST_F_TO_X fcvt.w.s, 2, FF_NX, TWO_5, rdn
    TEST_F_TO_X fcvt.w.s, 3, FF_NX, TWO_5, rup
    TEST_F_TO_X fcvt.w.s, 3, FF_NX, TWO_5, rmm
    TEST_F_TO_X fcvt.w.s, -2, FF_NX, M_TWO_5, rne
    TEST_F_TO_X fcvt.w.s, -2, FF_NX, M_TWO_5, rtz
    TEST_F_TO_X fcvt.w.s, -3, FF_NX, M_TWO_5, rdn
    TEST_F_TO_X fcvt.w.s, -2, FF_NX, M_TWO_5, rup
    TEST_F_TO_X fcvt.w.s, -3, FF_NX, M_TWO_5, rmm
    TEST_F_TO_X fcvt.w.s, 2, FF_NX, ONE_5, rne
    TEST_F_TO_X fcvt.w.s, 0, FF_NX, M_HALF, rne
    TEST_F_TO_X fcvt.w.s, 0x80000000, 0, 0xcf000000, rtz /* -2^31 fits */
    TEST_F_TO_X fcvt.w.s, 0x80000000, FF_NV, 0xcf000001, rtz
    TEST_F_TO_X fcvt.w.s, 0x7fffffff, FF_NV, 0x4f000000, rtz /* 2^31 does not */
    TEST_F_TO_X fcvt.w.s, 0x7fffffff, FF_NV, PINF, rtz
    TEST_F_TO_X fcvt.w.s, 0x80000000, FF_NV, NINF, rtz
    TEST_F_TO_X fcvt.w.s, 0x7fffffff, FF_NV, QNAN, rtz
    TEST_F_TO_X fcvt.w.s, 0x7fffffff, FF_NV, M_QNAN, rtz /* NaN: largest, whatever its sign */

    TEST_F_TO_X fcvt.wu.s, 1, 0, ONE
    TEST_F_TO_X fcvt.wu.s, 0xb2d05e00, 0, 0x4f32d05e, rtz /* 3e9 */
    TEST_F_TO_X fcvt.wu.s, 2, FF_NX, TWO_5, rne
    TEST_F_TO_X fcvt.wu.s, 3, FF_NX, TWO_5, rmm
    TEST_F_TO_X fcvt.wu.s, 0, FF_NX, M_HALF, rtz         /* rounds to 0: in range */
    TEST_F_TO_X fcvt.wu.s, 0, FF_NV, M_HALF, rdn         /* rounds to -1: out of range */
    TEST_F_TO_X fcvt.wu.s, 0, FF_NV, M_ONE, rtz
    TEST_F_TO_X fcvt.wu.s, 0xffffffff, FF_NV, 0x4f800000, rtz /* 2^32 */
    TEST_F_TO_X fcvt.wu.s, 0xffffffff, FF_NV, PINF, rtz
    TEST_F_TO_X fcvt.wu.s, 0, FF_NV, NINF, rtz
    TEST_F_TO_X fcvt.wu.s, 0xffffffff, FF_NV, QNAN, rtz
TEST_GROUP_END rv32f_cvt_w

TEST_GROUP rv32f_cvt_s
    TEST_X_TO_F fcvt.s.w, ONE, 0, 1
    TEST_X_TO_F fcvt.s.w, M_ONE, 0, -1
    TEST_X_TO_F fcvt.s.w, P0, 0, 0
    TEST_X_TO_F fcvt.s.w, 0xcf000000, 0, 0x80000000
    TEST_X_TO_F fcvt.s.w, 0x4f000000, FF_NX, 0x7fffffff, rne
    TEST_X_TO_F fcvt.s.w, 0x4effffff, FF_NX, 0x7fffffff, rtz
    TEST_X_TO_F fcvt.s.w, 0x4b800000, FF_NX, 16777217, rne /* 2^24 + 1: a tie */
    TEST_X_TO_F fcvt.s.w, 0x4b800001, FF_NX, 16777217, rup
    TEST_X_TO_F fcvt.s.w, 0x4b800001, FF_NX, 16777217, rmm
    TEST_X_TO_F fcvt.s.w, 0xcb800000, FF_NX, -16777217, rne
    TEST_X_TO_F fcvt.s.w, 0xcb800001, FF_NX, -16777217, rdn

    TEST_X_TO_F fcvt.s.wu, ONE, 0, 1
    TEST_X_TO_F fcvt.s.wu, 0x4f000000, 0, 0x80000000
    TEST_X_TO_F fcvt.s.wu, 0x4f800000, FF_NX, 0xffffffff, rne
    TEST_X_TO_F fcvt.s.wu, 0x4f7fffff, FF_NX, 0xffffffff, rtz
    TEST_X_TO_F fcvt.s.wu, 0x4b800002, FF_NX, 0x01000003, rne
    TEST_X_TO_F fcvt.s.wu, 0x4b800001, FF_NX, 0x01000003, rtz
TEST_GROUP_END rv32f_cvt_s

/* fmv.w.x / fmv.x.w move bits untouched: no canonicalisation, no flags. */
.macro TEST_FMV bits
    CHECK_BEGIN
    li x12, \bits
    fsflags x0
    fmv.w.x f4, x12
    fmv.x.w x14, f4
    EXPECT x14, \bits
    EXPECT_FLAGS 0
.endm

TEST_GROUP rv32f_move
    TEST_FMV ONE
    TEST_FMV SNAN
    TEST_FMV N0
    TEST_FMV 0xdeadbeef

    CHECK_BEGIN                     /* flw/fsw: bits kept, positive and negative offsets */
    la x11, fp_data
    flw f5, 0(x11)
    fmv.x.w x14, f5
    EXPECT x14, SNAN
    flw f6, 4(x11)
    fsw f6, 8(x11)
    lw x14, 8(x11)
    EXPECT x14, QNAN_X
    addi x11, x11, 16
    fsw f5, -4(x11)
    flw f7, -4(x11)
    fmv.x.w x14, f7
    EXPECT x14, SNAN
    lw x14, 12 - 16(x11)
    EXPECT x14, SNAN
TEST_GROUP_END rv32f_move

TEST_GROUP rv32f_compare
    TEST_FCMP feq.s, 1, 0, ONE, ONE
    TEST_FCMP feq.s, 0, 0, ONE, TWO
    TEST_FCMP feq.s, 1, 0, N0, P0
    TEST_FCMP feq.s, 0, 0, QNAN, ONE                     /* quiet comparison */
    TEST_FCMP feq.s, 0, 0, QNAN, QNAN
    TEST_FCMP feq.s, 0, FF_NV, SNAN, ONE
    TEST_FCMP flt.s, 1, 0, ONE, TWO
    TEST_FCMP flt.s, 0, 0, TWO, ONE
    TEST_FCMP flt.s, 0, 0, ONE, ONE
    TEST_FCMP flt.s, 0, 0, N0, P0
    TEST_FCMP flt.s, 1, 0, NINF, M_MAXF
    TEST_FCMP flt.s, 0, FF_NV, QNAN, ONE                 /* signaling comparison */
    TEST_FCMP fle.s, 1, 0, ONE, ONE
    TEST_FCMP fle.s, 0, 0, TWO, ONE
    TEST_FCMP fle.s, 1, 0, N0, P0
    TEST_FCMP fle.s, 1, 0, NINF, NINF
    TEST_FCMP fle.s, 0, FF_NV, ONE, QNAN
TEST_GROUP_END rv32f_compare

TEST_GROUP rv32f_class
    TEST_F_TO_X fclass.s, 1 << 0, 0, NINF
    TEST_F_TO_X fclass.s, 1 << 1, 0, M_ONE
    TEST_F_TO_X fclass.s, 1 << 2, 0, M_MINSUB
    TEST_F_TO_X fclass.s, 1 << 3, 0, N0
    TEST_F_TO_X fclass.s, 1 << 4, 0, P0
    TEST_F_TO_X fclass.s, 1 << 5, 0, MAXSUB
    TEST_F_TO_X fclass.s, 1 << 6, 0, MAXF
    TEST_F_TO_X fclass.s, 1 << 7, 0, PINF
    TEST_F_TO_X fclass.s, 1 << 8, 0, SNAN
    TEST_F_TO_X fclass.s, 1 << 9, 0, QNAN_X
TEST_GROUP_END rv32f_class

/* fcsr = frm << 5 | fflags; the flags are sticky; the dynamic rounding mode is frm and a
 * static rm in the instruction overrides it. */
TEST_GROUP rv32f_fcsr
    CHECK_BEGIN
    li x12, 0xffffffff
    fscsr x12                       /* only bits 7:0 exist */
    frcsr x14
    EXPECT x14, 0xff
    frrm x14
    EXPECT x14, 7
    frflags x14
    EXPECT x14, 0x1f

    CHECK_BEGIN                     /* swaps return the old value; the halves are independent */
    fscsr x0
    li x12, 3
    fsrm x14, x12
    EXPECT x14, 0
    fsflagsi x14, FF_DZ
    EXPECT x14, 0
    frcsr x14
    EXPECT x14, (3 << 5) | FF_DZ
    fsrmi x14, 1
    EXPECT x14, 3
    li x12, FF_NV
    fsflags x14, x12
    EXPECT x14, FF_DZ
    frcsr x14
    EXPECT x14, (1 << 5) | FF_NV
    csrsi fflags, FF_NX
    csrci fflags, FF_NV
    frflags x14
    EXPECT x14, FF_NX
    csrwi frm, 0
    frcsr x14
    EXPECT x14, FF_NX

    CHECK_BEGIN                     /* flags accumulate over operations */
    fsflags x0
    FLOAD f1, ONE
    FLOAD f2, P0
    fdiv.s f4, f1, f2
    FLOAD f2, EPS24
    fadd.s f4, f1, f2
    EXPECT_FLAGS FF_DZ | FF_NX

    CHECK_BEGIN                     /* dynamic rounding mode (frm) */
    FLOAD f1, ONE
    FLOAD f2, THREE
    fsrmi 1                         /* rtz */
    fdiv.s f4, f1, f2, dyn
    fmv.x.w x14, f4
    EXPECT x14, 0x3eaaaaaa
    fsrmi 3                         /* rup */
    fdiv.s f4, f1, f2, dyn
    fmv.x.w x14, f4
    EXPECT x14, THIRD
    FLOAD f1, TWO_5
    fcvt.w.s x14, f1, dyn
    EXPECT x14, 3
    fsrmi 4                         /* rmm */
    FLOAD f1, M_TWO_5
    fcvt.w.s x14, f1, dyn
    EXPECT x14, -3
    fsrmi 2                         /* rdn */
    FLOAD f1, ONE_5
    FLOAD f2, M_ONE_5
    fadd.s f4, f1, f2, dyn
    fmv.x.w x14, f4
    EXPECT x14, N0
    FLOAD f1, ONE
    FLOAD f2, ONE_P
    fmul.s f4, f2, f2, dyn          /* (1+2^-23)^2 rounded down */
    fmv.x.w x14, f4
    EXPECT x14, 0x3f800002

    CHECK_BEGIN                     /* a static mode overrides frm */
    fsrmi 3                         /* rup */
    FLOAD f1, ONE
    FLOAD f2, THREE
    fdiv.s f4, f1, f2, rtz
    fmv.x.w x14, f4
    EXPECT x14, 0x3eaaaaaa
    fsrmi 0
TEST_GROUP_END rv32f_fcsr

    .section .data.rv32f, "aw"
    .balign 16
fp_data:
    .word SNAN, QNAN_X, 0, 0
