/* isa_rv32a: every RV32A instruction (misaligned/faulting cases are in isa_traps). */
#include "common/isa_test.h"

ISA_ASM_GROUP(rv32a_lrsc);
ISA_ASM_GROUP(rv32a_amo);

int main(void)
{
    RUN_ASM_GROUP(rv32a_lrsc, "rv32a lr.w/sc.w");
    RUN_ASM_GROUP(rv32a_amo, "rv32a amo*.w");
    return isa_finish("isa_rv32a");
}
