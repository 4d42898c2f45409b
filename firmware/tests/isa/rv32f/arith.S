/* RV32F arithmetic: fadd/fsub/fmul/fdiv/fsqrt, fmin/fmax, the four fused multiply-adds and
 * sign injection. Each check compares the result bits and the fflags it raised (exact,
 * inexact, overflow, underflow, divide-by-zero, invalid), in several static rounding modes.
 * NaN results of arithmetic are the canonical NaN 0x7fc00000 (no payload propagation). */
#include "common/isa_macros.h"
#include "fp_consts.h"

TEST_GROUP rv32f_add
    TEST_F2 fadd.s, THREE, 0, ONE, TWO
    TEST_F2 fadd.s, ONE, FF_NX, ONE, EPS24, rne          /* tie: to even */
    TEST_F2 fadd.s, ONE_P, FF_NX, ONE, EPS24, rup
    TEST_F2 fadd.s, ONE_P, FF_NX, ONE, EPS24, rmm        /* tie: away from zero */
    TEST_F2 fadd.s, P0, 0, ONE_5, M_ONE_5, rne           /* x + -x = +0 ... */
    TEST_F2 fadd.s, N0, 0, ONE_5, M_ONE_5, rdn           /* ... but -0 rounding down */
    TEST_F2 fadd.s, N0, 0, N0, N0
    TEST_F2 fadd.s, 0x00000002, 0, MINSUB, MINSUB        /* subnormals, exact */
    TEST_F2 fadd.s, PINF, FF_OF | FF_NX, MAXF, MAXF, rne
    TEST_F2 fadd.s, MAXF, FF_OF | FF_NX, MAXF, MAXF, rtz
    TEST_F2 fadd.s, QNAN, FF_NV, PINF, NINF
    TEST_F2 fadd.s, QNAN, 0, QNAN_X, ONE                 /* quiet NaN in: canonical out */
    TEST_F2 fadd.s, QNAN, FF_NV, SNAN, ONE

    TEST_F2 fsub.s, TWO, 0, THREE, ONE
    TEST_F2 fsub.s, 0x3f7fffff, 0, ONE, EPS24            /* 1 - 2^-24 is exact */
    TEST_F2 fsub.s, P0, 0, ONE, ONE, rne
    TEST_F2 fsub.s, N0, 0, ONE, ONE, rdn
    TEST_F2 fsub.s, MINSUB, 0, MINN, MAXSUB
    TEST_F2 fsub.s, QNAN, FF_NV, PINF, PINF
TEST_GROUP_END rv32f_add

TEST_GROUP rv32f_mul
    TEST_F2 fmul.s, SIX, 0, TWO, THREE
    TEST_F2 fmul.s, 0xc0c00000, 0, M_TWO, THREE
    TEST_F2 fmul.s, N0, 0, N0, FIVE
    TEST_F2 fmul.s, 0x00400000, 0, MINN, HALF            /* tiny but exact: no underflow */
    TEST_F2 fmul.s, P0, FF_UF | FF_NX, MINN, MINN
    TEST_F2 fmul.s, 0x00400000, FF_UF | FF_NX, 0x00800001, HALF, rne
    TEST_F2 fmul.s, 0x00400001, FF_UF | FF_NX, 0x00800001, HALF, rup
    TEST_F2 fmul.s, PINF, FF_OF | FF_NX, MAXF, TWO, rne
    TEST_F2 fmul.s, MAXF, FF_OF | FF_NX, MAXF, TWO, rdn
    TEST_F2 fmul.s, M_MAXF, FF_OF | FF_NX, M_MAXF, TWO, rup
    TEST_F2 fmul.s, ONE, FF_NX, THIRD, THREE, rne
    TEST_F2 fmul.s, ONE_P, FF_NX, THIRD, THREE, rup
    TEST_F2 fmul.s, QNAN, FF_NV, P0, PINF
TEST_GROUP_END rv32f_mul

TEST_GROUP rv32f_div
    TEST_F2 fdiv.s, TWO, 0, SIX, THREE
    TEST_F2 fdiv.s, THIRD, FF_NX, ONE, THREE, rne
    TEST_F2 fdiv.s, 0x3eaaaaaa, FF_NX, ONE, THREE, rtz
    TEST_F2 fdiv.s, 0x3eaaaaaa, FF_NX, ONE, THREE, rdn
    TEST_F2 fdiv.s, THIRD, FF_NX, ONE, THREE, rup
    TEST_F2 fdiv.s, THIRD, FF_NX, ONE, THREE, rmm
    TEST_F2 fdiv.s, 0xbeaaaaaa, FF_NX, M_ONE, THREE, rup
    TEST_F2 fdiv.s, 0xbeaaaaab, FF_NX, M_ONE, THREE, rdn
    TEST_F2 fdiv.s, PINF, FF_DZ, ONE, P0
    TEST_F2 fdiv.s, NINF, FF_DZ, M_ONE, P0
    TEST_F2 fdiv.s, NINF, FF_DZ, ONE, N0
    TEST_F2 fdiv.s, PINF, 0, PINF, P0                    /* infinite dividend: no DZ */
    TEST_F2 fdiv.s, QNAN, FF_NV, P0, P0
    TEST_F2 fdiv.s, QNAN, FF_NV, PINF, NINF
    TEST_F2 fdiv.s, PINF, FF_OF | FF_NX, MAXF, HALF
    TEST_F2 fdiv.s, 0x00200000, 0, MINN, FOUR
    TEST_F2 fdiv.s, P0, FF_UF | FF_NX, MINSUB, TWO, rne
    TEST_F2 fdiv.s, MINSUB, FF_UF | FF_NX, MINSUB, TWO, rup

    TEST_F1 fsqrt.s, TWO, 0, FOUR
    TEST_F1 fsqrt.s, 0x3fb504f3, FF_NX, TWO, rne
    TEST_F1 fsqrt.s, 0x3fb504f4, FF_NX, TWO, rup
    TEST_F1 fsqrt.s, 0x1a3504f3, FF_NX, MINSUB
    TEST_F1 fsqrt.s, N0, 0, N0                           /* sqrt(-0) = -0 */
    TEST_F1 fsqrt.s, PINF, 0, PINF
    TEST_F1 fsqrt.s, QNAN, FF_NV, M_ONE
    TEST_F1 fsqrt.s, QNAN, FF_NV, SNAN
TEST_GROUP_END rv32f_div

/* fmin/fmax (F 2.2): -0 < +0; one quiet NaN operand gives the other operand; a signaling
 * NaN operand raises invalid; two NaNs give the canonical NaN. */
TEST_GROUP rv32f_minmax
    TEST_F2 fmin.s, ONE, 0, ONE, TWO
    TEST_F2 fmin.s, M_ONE, 0, TWO, M_ONE
    TEST_F2 fmin.s, N0, 0, P0, N0
    TEST_F2 fmin.s, N0, 0, N0, P0
    TEST_F2 fmin.s, NINF, 0, ONE, NINF
    TEST_F2 fmin.s, ONE, 0, QNAN_X, ONE
    TEST_F2 fmin.s, ONE, FF_NV, SNAN, ONE
    TEST_F2 fmin.s, QNAN, 0, QNAN_X, QNAN_X
    TEST_F2 fmax.s, TWO, 0, ONE, TWO
    TEST_F2 fmax.s, P0, 0, N0, P0
    TEST_F2 fmax.s, P0, 0, P0, N0
    TEST_F2 fmax.s, M_ONE, 0, NINF, M_ONE
    TEST_F2 fmax.s, ONE, 0, ONE, QNAN_X
    TEST_F2 fmax.s, ONE, FF_NV, ONE, SNAN
    TEST_F2 fmax.s, QNAN, FF_NV, SNAN, SNAN
TEST_GROUP_END rv32f_minmax

/* Fused: a*b+c rounded once. (1+2^-23)(1-2^-23) - 1 = -2^-46 exactly, which separate
 * rounding would lose; 2*MAXF - MAXF does not overflow. */
TEST_GROUP rv32f_fma
    TEST_F3 fmadd.s, FIVE, 0, ONE, TWO, THREE
    TEST_F3 fmadd.s, 0xa8800000, 0, ONE_P, ONE_M, M_ONE
    TEST_F3 fmadd.s, MAXF, 0, MAXF, TWO, M_MAXF
    TEST_F3 fmadd.s, NINF, 0, MAXF, TWO, NINF
    TEST_F3 fmadd.s, 0x3f800002, FF_NX, ONE_P, ONE_P, P0, rne
    TEST_F3 fmadd.s, 0x3f800003, FF_NX, ONE_P, ONE_P, P0, rup
    TEST_F3 fmadd.s, QNAN, FF_NV, PINF, P0, QNAN_X       /* inf*0 is invalid even with a qNaN */
    TEST_F3 fmadd.s, QNAN, FF_NV, ONE, ONE, SNAN
    TEST_F3 fmadd.s, QNAN, 0, ONE, QNAN_X, ONE

    TEST_F3 fmsub.s, M_ONE, 0, ONE, TWO, THREE
    TEST_F3 fmsub.s, 0xa8800000, 0, ONE_P, ONE_M, ONE
    TEST_F3 fmsub.s, P0, 0, TWO, THREE, SIX, rne
    TEST_F3 fmsub.s, N0, 0, TWO, THREE, SIX, rdn
    TEST_F3 fmsub.s, QNAN, FF_NV, PINF, ONE, PINF

    TEST_F3 fnmsub.s, ONE, 0, ONE, TWO, THREE            /* -(a*b) + c */
    TEST_F3 fnmsub.s, 0x28800000, 0, ONE_P, ONE_M, ONE
    TEST_F3 fnmsub.s, P0, 0, TWO, THREE, SIX, rne
    TEST_F3 fnmsub.s, N0, 0, TWO, THREE, SIX, rdn

    TEST_F3 fnmadd.s, 0xc0a00000, 0, ONE, TWO, THREE     /* -(a*b) - c */
    TEST_F3 fnmadd.s, N0, 0, ONE, P0, P0
    TEST_F3 fnmadd.s, 0xbf800002, FF_NX, ONE_P, ONE_P, P0, rne
    TEST_F3 fnmadd.s, 0xbf800003, FF_NX, ONE_P, ONE_P, P0, rdn
    TEST_F3 fnmadd.s, QNAN, FF_NV, P0, NINF, ONE
TEST_GROUP_END rv32f_fma

/* Sign injection: bit operations, no NaN canonicalisation, no flags. */
TEST_GROUP rv32f_sgnj
    TEST_F2 fsgnj.s, M_ONE, 0, ONE, M_TWO
    TEST_F2 fsgnj.s, ONE, 0, M_ONE, TWO
    TEST_F2 fsgnj.s, 0xffc12345, 0, QNAN_X, M_ONE
    TEST_F2 fsgnj.s, 0xff800001, 0, SNAN, M_ONE
    TEST_F2 fsgnjn.s, ONE, 0, ONE, M_TWO
    TEST_F2 fsgnjn.s, M_ONE, 0, ONE, TWO
    TEST_F2 fsgnjn.s, 0x7f800001, 0, SNAN, NINF
    TEST_F2 fsgnjx.s, ONE, 0, M_ONE, M_TWO
    TEST_F2 fsgnjx.s, M_ONE, 0, M_ONE, TWO
    TEST_F2 fsgnjx.s, M_ONE, 0, ONE, M_TWO
    TEST_F1 fmv.s, M_TWO_5, 0, M_TWO_5                   /* fsgnj x, x */
    TEST_F1 fneg.s, 0x80000000, 0, P0                    /* fsgnjn x, x */
    TEST_F1 fabs.s, 0x7fc12345, 0, 0xffc12345            /* fsgnjx x, x */
TEST_GROUP_END rv32f_sgnj
