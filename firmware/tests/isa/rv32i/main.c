/* isa_rv32i: every RV32I instruction except ecall/ebreak (isa_traps) and fence.i
 * (isa_zifencei). */
#include "common/isa_test.h"

ISA_ASM_GROUP(rv32i_rr);
ISA_ASM_GROUP(rv32i_ri);
ISA_ASM_GROUP(rv32i_upper);
ISA_ASM_GROUP(rv32i_regs);
ISA_ASM_GROUP(rv32i_branch);
ISA_ASM_GROUP(rv32i_jump);
ISA_ASM_GROUP(rv32i_load);
ISA_ASM_GROUP(rv32i_store);
ISA_ASM_GROUP(rv32i_fence);

int main(void)
{
    RUN_ASM_GROUP(rv32i_rr, "rv32i register-register");
    RUN_ASM_GROUP(rv32i_ri, "rv32i register-immediate");
    RUN_ASM_GROUP(rv32i_upper, "rv32i lui/auipc");
    RUN_ASM_GROUP(rv32i_regs, "rv32i register file, x0");
    RUN_ASM_GROUP(rv32i_branch, "rv32i branches");
    RUN_ASM_GROUP(rv32i_jump, "rv32i jal/jalr");
    RUN_ASM_GROUP(rv32i_load, "rv32i loads");
    RUN_ASM_GROUP(rv32i_store, "rv32i stores");
    RUN_ASM_GROUP(rv32i_fence, "rv32i fence");
    return isa_finish("isa_rv32i");
}
