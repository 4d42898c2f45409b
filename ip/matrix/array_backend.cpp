#include "ip/matrix/array_backend.h"

#include "ip/matrix/mac_kernel.h"

namespace accelvp::matrix {

uint64_t step_cycles(const ArrayGeometry& geometry, uint32_t m, uint32_t n, uint32_t k) {
    TileStep step;
    step.m = m;
    step.n = n;
    step.k = k;
    return step_cycles(geometry, step);
}

uint64_t ModelArray::run_step(const StepOperands& s) {
    accumulate_tile(s.acc, int(s.m), int(s.n), s.a, s.b, int(s.k), mac_);
    const uint64_t cycles = step_cycles(geometry_, s.m, s.n, s.k);
    sc_core::wait(period_ * double(cycles));
    return cycles;
}

}  // namespace accelvp::matrix
