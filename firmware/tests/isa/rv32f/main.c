/* isa_rv32f: every RV32F instruction, fflags for each kind of exception, all rounding modes,
 * canonical NaNs, and the float CSRs. Illegal rounding modes and FS=0 are in isa_traps. */
#include "common/isa_test.h"

ISA_ASM_GROUP(rv32f_add);
ISA_ASM_GROUP(rv32f_mul);
ISA_ASM_GROUP(rv32f_div);
ISA_ASM_GROUP(rv32f_minmax);
ISA_ASM_GROUP(rv32f_fma);
ISA_ASM_GROUP(rv32f_sgnj);
ISA_ASM_GROUP(rv32f_cvt_w);
ISA_ASM_GROUP(rv32f_cvt_s);
ISA_ASM_GROUP(rv32f_move);
ISA_ASM_GROUP(rv32f_compare);
ISA_ASM_GROUP(rv32f_class);
ISA_ASM_GROUP(rv32f_fcsr);

int main(void)
{
    RUN_ASM_GROUP(rv32f_add, "rv32f fadd/fsub");
    RUN_ASM_GROUP(rv32f_mul, "rv32f fmul");
    RUN_ASM_GROUP(rv32f_div, "rv32f fdiv/fsqrt");
    RUN_ASM_GROUP(rv32f_minmax, "rv32f fmin/fmax");
    RUN_ASM_GROUP(rv32f_fma, "rv32f fmadd/fmsub/fnm*");
    RUN_ASM_GROUP(rv32f_sgnj, "rv32f fsgnj/fsgnjn/fsgnjx");
    RUN_ASM_GROUP(rv32f_cvt_w, "rv32f fcvt.w[u].s");
    RUN_ASM_GROUP(rv32f_cvt_s, "rv32f fcvt.s.w[u]");
    RUN_ASM_GROUP(rv32f_move, "rv32f fmv/flw/fsw");
    RUN_ASM_GROUP(rv32f_compare, "rv32f feq/flt/fle");
    RUN_ASM_GROUP(rv32f_class, "rv32f fclass");
    RUN_ASM_GROUP(rv32f_fcsr, "rv32f fcsr/frm/fflags");
    return isa_finish("isa_rv32f");
}
