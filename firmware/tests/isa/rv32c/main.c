/* isa_rv32c: every RV32C instruction (RV32FC loads/stores included; c.ebreak in isa_traps). */
#include "common/isa_test.h"

ISA_ASM_GROUP(rv32c_alu);
ISA_ASM_GROUP(rv32c_mem);
ISA_ASM_GROUP(rv32c_ctrl);

int main(void)
{
    RUN_ASM_GROUP(rv32c_alu, "rv32c integer");
    RUN_ASM_GROUP(rv32c_mem, "rv32c loads/stores");
    RUN_ASM_GROUP(rv32c_ctrl, "rv32c jumps/branches");
    return isa_finish("isa_rv32c");
}
