/* isa_zifencei: self-modifying code. Instructions are written into a buffer as data,
 * fence.i makes them visible to instruction fetch, the buffer is called, then rewritten and
 * called again: a simulator that caches decoded instructions must drop the stale ones. */
#include <stdint.h>
#include "common/isa_test.h"

#define ADDI_A0(imm) (((uint32_t)(imm) << 20) | (10u << 7) | 0x13u) /* addi a0, x0, imm */
#define RET          0x00008067u                                      /* jalr x0, 0(ra) */
#define C_LI_A0(imm) (0x4001u | (10u << 7) | (((imm) & 0x1fu) << 2) | \
                      ((((imm) >> 5) & 1u) << 12))                /* c.li a0, imm */
#define C_JR_RA      0x8082u                                          /* c.jr ra */

/* Written as words, halfwords and bytes: a union keeps that within C's aliasing rules. */
static volatile union {
    uint32_t w[8];
    uint16_t h[16];
    uint8_t b[32];
} code __attribute__((aligned(64)));

static uint32_t run(void)
{
    __asm__ volatile("fence.i" ::: "memory");
    return ((uint32_t(*)(void))(uintptr_t)&code)();
}

static void self_modifying(void)
{
    code.w[0] = ADDI_A0(1);
    code.w[1] = RET;
    CHECK_EQ(run(), 1);
    code.w[0] = ADDI_A0(2);                         /* overwrite what was just executed */
    CHECK_EQ(run(), 2);
    for (int i = 3; i < 6; ++i) {                   /* again and again: no stale copy */
        code.w[0] = ADDI_A0(i);
        CHECK_EQ(run(), (uint32_t)i);
    }

    /* A byte store changing only the immediate (bits 31:20 of addi: byte 2 holds imm[3:0]). */
    code.w[0] = ADDI_A0(1);
    CHECK_EQ(run(), 1);
    code.b[2] = 0x70;                               /* imm 1 -> 7 */
    CHECK_EQ(run(), 7);

    /* Compressed code: two 16-bit instructions in one word, then one of them replaced. */
    code.w[0] = C_LI_A0(9) | (C_JR_RA << 16);
    CHECK_EQ(run(), 9);
    code.h[0] = (uint16_t)C_LI_A0(13);
    CHECK_EQ(run(), 13);

    /* A 32-bit instruction replacing two 16-bit ones and the reverse. */
    code.w[0] = ADDI_A0(100);
    CHECK_EQ(run(), 100);
    code.w[0] = C_LI_A0(-1) | (C_JR_RA << 16);
    CHECK_EQ(run(), 0xffffffffu);
}

int main(void)
{
    isa_run_c_group("zifencei self-modifying code", self_modifying);
    return isa_finish("isa_zifencei");
}
