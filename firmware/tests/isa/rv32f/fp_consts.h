/* Single-precision bit patterns the F tests use by name. */
#ifndef FP_CONSTS_H
#define FP_CONSTS_H

#define P0      0x00000000 /* +0 */
#define N0      0x80000000 /* -0 */
#define ONE     0x3f800000
#define TWO     0x40000000
#define THREE   0x40400000
#define FOUR    0x40800000
#define FIVE    0x40a00000
#define SIX     0x40c00000
#define HALF    0x3f000000
#define ONE_5   0x3fc00000 /* 1.5 */
#define TWO_5   0x40200000 /* 2.5 */
#define M_ONE   0xbf800000
#define M_TWO   0xc0000000
#define M_HALF  0xbf000000
#define M_ONE_5 0xbfc00000
#define M_TWO_5 0xc0200000
#define ONE_P   0x3f800001 /* 1 + 2^-23 */
#define ONE_M   0x3f7ffffe /* 1 - 2^-23 */
#define EPS24   0x33800000 /* 2^-24: half an ulp of 1.0 */
#define THIRD   0x3eaaaaab /* 1/3 rounded to nearest */
#define PINF    0x7f800000
#define NINF    0xff800000
#define QNAN    0x7fc00000 /* the canonical NaN */
#define QNAN_X  0x7fc12345 /* a quiet NaN with a payload */
#define M_QNAN  0xffc00000
#define SNAN    0x7f800001
#define MAXF    0x7f7fffff /* largest finite */
#define M_MAXF  0xff7fffff
#define MINN    0x00800000 /* smallest normal */
#define MAXSUB  0x007fffff /* largest subnormal */
#define MINSUB  0x00000001 /* smallest subnormal */
#define M_MINSUB 0x80000001

#endif
