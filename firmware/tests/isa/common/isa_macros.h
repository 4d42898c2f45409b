/* Macros for the assembly ISA tests (include from a .S file).
 *
 *   TEST_GROUP name            starts the group isa_group_<name> (run it with RUN_ASM_GROUP)
 *   TEST_xxx ...               one numbered check each
 *   TEST_GROUP_END name        ends it and records how many checks it has
 *
 * Operands go in x11/x12/x13 (f1/f2/f3 for floats), the result in x14 (f4); x31 holds the
 * expected value and a0..a2 carry a failure out, so tests that need those registers as
 * operands write the check out by hand with CHECK_BEGIN / EXPECT / EXPECT_REG / FAIL_NOW.
 * The files assemble without relaxation (gp belongs to the test) and without compressed
 * instructions unless they say .option rvc (the RV32I/M/A/F encodings are what is tested). */
#ifndef ISA_MACROS_H
#define ISA_MACROS_H

#include "bsp/csr.h"

    .option norelax
    .option norvc

.macro TEST_GROUP name
    .section .text.isa_group_\name, "ax"
    .globl isa_group_\name
    .balign 4
isa_group_\name:
    .set testnum, 0
.endm

.macro TEST_GROUP_END name
    j isa_group_pass
    .section .rodata.isa_checks_\name, "a"
    .globl isa_checks_\name
    .balign 4
isa_checks_\name:
    .word testnum
    .previous
.endm

.macro CHECK_BEGIN
    .set testnum, testnum + 1
.endm

/* Leaves the group: check `testnum` failed; got/expected are reported from a1/a2. */
.macro FAIL_WITH got, expected
    mv a1, \got
    mv a2, \expected
    li a0, testnum
    j isa_group_fail
.endm

.macro FAIL_NOW
    li a1, 0
    li a2, 0
    li a0, testnum
    j isa_group_fail
.endm

.macro EXPECT reg, value
    li x31, \value
    beq \reg, x31, .Lok\@
    FAIL_WITH \reg, x31
.Lok\@:
.endm

.macro EXPECT_REG reg, expected_reg
    beq \reg, \expected_reg, .Lok\@
    FAIL_WITH \reg, \expected_reg
.Lok\@:
.endm

/* ---- integer register-register and register-immediate operations ---- */

.macro TEST_RR op, result, v1, v2
    CHECK_BEGIN
    li x11, \v1
    li x12, \v2
    \op x14, x11, x12
    EXPECT x14, \result
.endm

/* Destination is the first source. */
.macro TEST_RR_RD_RS1 op, result, v1, v2
    CHECK_BEGIN
    li x11, \v1
    li x12, \v2
    \op x11, x11, x12
    EXPECT x11, \result
.endm

/* Destination is the second source. */
.macro TEST_RR_RD_RS2 op, result, v1, v2
    CHECK_BEGIN
    li x11, \v1
    li x12, \v2
    \op x12, x11, x12
    EXPECT x12, \result
.endm

/* Both sources are the same register. */
.macro TEST_RR_SAME op, result, v1
    CHECK_BEGIN
    li x11, \v1
    \op x14, x11, x11
    EXPECT x14, \result
.endm

/* x0 as a source reads zero; x0 as destination stays zero. */
.macro TEST_RR_X0_RS1 op, result, v2
    CHECK_BEGIN
    li x12, \v2
    \op x14, x0, x12
    EXPECT x14, \result
.endm

.macro TEST_RR_X0_RD op, v1, v2
    CHECK_BEGIN
    li x11, \v1
    li x12, \v2
    \op x0, x11, x12
    EXPECT x0, 0
.endm

.macro TEST_RI op, result, v1, imm
    CHECK_BEGIN
    li x11, \v1
    \op x14, x11, \imm
    EXPECT x14, \result
.endm

.macro TEST_RI_RD_RS1 op, result, v1, imm
    CHECK_BEGIN
    li x11, \v1
    \op x11, x11, \imm
    EXPECT x11, \result
.endm

/* ---- branches ---- */

.macro TEST_BR_TAKEN op, v1, v2
    CHECK_BEGIN
    li x11, \v1
    li x12, \v2
    \op x11, x12, .Ltaken\@
    FAIL_NOW
.Ltaken\@:
.endm

/* Taken to a target behind the branch. */
.macro TEST_BR_TAKEN_BACK op, v1, v2
    CHECK_BEGIN
    li x11, \v1
    li x12, \v2
    j .Lbranch\@
.Ltarget\@:
    j .Ldone\@
.Lbranch\@:
    \op x11, x12, .Ltarget\@
    FAIL_NOW
.Ldone\@:
.endm

.macro TEST_BR_NOT_TAKEN op, v1, v2
    CHECK_BEGIN
    li x11, \v1
    li x12, \v2
    \op x11, x12, .Lbad\@
    j .Lgood\@
.Lbad\@:
    FAIL_NOW
.Lgood\@:
.endm

/* ---- loads and stores ---- */

.macro TEST_LD op, result, offset, base
    CHECK_BEGIN
    la x11, \base
    \op x14, \offset(x11)
    EXPECT x14, \result
.endm

/* Stores value, loads it back with ld_op, expects result (the loaded, extended value). */
.macro TEST_ST st_op, ld_op, result, value, offset, base
    CHECK_BEGIN
    la x11, \base
    li x12, \value
    \st_op x12, \offset(x11)
    \ld_op x14, \offset(x11)
    EXPECT x14, \result
.endm

/* ---- single precision: operands and results are bit patterns ---- */

/* fcsr.fflags after an operation; the flag names of the F extension. */
#define FF_NX 0x01
#define FF_UF 0x02
#define FF_OF 0x04
#define FF_DZ 0x08
#define FF_NV 0x10

.macro FLOAD freg, bits
    li x11, \bits
    fmv.w.x \freg, x11
.endm

.macro EXPECT_FLAGS flags
    frflags x13
    EXPECT x13, \flags
.endm

/* op f4, f1, f2[, rm]: result bits and fflags. rm may be empty (the op's default: dyn). */
.macro TEST_F2 op, result, flags, a, b, rm=
    CHECK_BEGIN
    FLOAD f1, \a
    FLOAD f2, \b
    fsflags x0
    .ifb \rm
    \op f4, f1, f2
    .else
    \op f4, f1, f2, \rm
    .endif
    fmv.x.w x14, f4
    EXPECT x14, \result
    EXPECT_FLAGS \flags
.endm

.macro TEST_F1 op, result, flags, a, rm=
    CHECK_BEGIN
    FLOAD f1, \a
    fsflags x0
    .ifb \rm
    \op f4, f1
    .else
    \op f4, f1, \rm
    .endif
    fmv.x.w x14, f4
    EXPECT x14, \result
    EXPECT_FLAGS \flags
.endm

.macro TEST_F3 op, result, flags, a, b, c, rm=
    CHECK_BEGIN
    FLOAD f1, \a
    FLOAD f2, \b
    FLOAD f3, \c
    fsflags x0
    .ifb \rm
    \op f4, f1, f2, f3
    .else
    \op f4, f1, f2, f3, \rm
    .endif
    fmv.x.w x14, f4
    EXPECT x14, \result
    EXPECT_FLAGS \flags
.endm

/* Float to integer: fcvt.w[u].s x14, f1[, rm]; also fclass.s. */
.macro TEST_F_TO_X op, result, flags, a, rm=
    CHECK_BEGIN
    FLOAD f1, \a
    fsflags x0
    .ifb \rm
    \op x14, f1
    .else
    \op x14, f1, \rm
    .endif
    EXPECT x14, \result
    EXPECT_FLAGS \flags
.endm

/* Integer to float: fcvt.s.w[u] f4, x12[, rm]. */
.macro TEST_X_TO_F op, result, flags, v, rm=
    CHECK_BEGIN
    li x12, \v
    fsflags x0
    .ifb \rm
    \op f4, x12
    .else
    \op f4, x12, \rm
    .endif
    fmv.x.w x14, f4
    EXPECT x14, \result
    EXPECT_FLAGS \flags
.endm

/* Comparisons: feq/flt/fle x14, f1, f2. */
.macro TEST_FCMP op, result, flags, a, b
    CHECK_BEGIN
    FLOAD f1, \a
    FLOAD f2, \b
    fsflags x0
    \op x14, f1, f2
    EXPECT x14, \result
    EXPECT_FLAGS \flags
.endm

#endif
