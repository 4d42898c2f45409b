/* isa_rv32m: every RV32M instruction. */
#include "common/isa_test.h"

ISA_ASM_GROUP(rv32m_mul);
ISA_ASM_GROUP(rv32m_div);

int main(void)
{
    RUN_ASM_GROUP(rv32m_mul, "rv32m mul/mulh/mulhsu/mulhu");
    RUN_ASM_GROUP(rv32m_div, "rv32m div/divu/rem/remu");
    return isa_finish("isa_rv32m");
}
