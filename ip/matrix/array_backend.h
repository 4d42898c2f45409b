// The systolic array's compute phase of one tile step, behind an interface so that the
// matrix engine runs either on its C++ model (ModelArray below) or on the Verilated RTL tile
// (ip/matrix_rtl/), as soc.matrix.mac_backend chooses. Both give the same bits (the numerics
// of docs/matrix-numerics.md, accumulating over k in order) and take the same cycles
// (step_cycles() of matrix_tiling.h); the co-verification tests hold them to it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <systemc>

#include "ip/matrix/mac.h"
#include "ip/matrix/matrix_tiling.h"

namespace accelvp::matrix {

// One step's operands in the scratchpad and accumulator halves, all dense and row-major.
struct StepOperands {
    float* acc = nullptr;          // m x n: the partial sums a step starts from, then its results
    const uint16_t* a = nullptr;   // m x k, bf16
    const uint16_t* b = nullptr;   // k x n, bf16
    uint32_t m = 0, n = 0, k = 0;  // each >= 1
};

class ArrayBackend {
public:
    virtual ~ArrayBackend() = default;

    // Computes acc[i][j] = mac(a[i][k'], b[k'][j], acc[i][j]) for k' = 0..k-1 on every output,
    // taking simulated time. Called from an SC_THREAD at an edge of the engine clock; returns
    // at an edge, after the step's cycles, which it returns.
    virtual uint64_t run_step(const StepOperands& step) = 0;
};

// Makes the array an engine computes on, during elaboration (the engine calls it from its
// constructor, so an RTL backend's modules become the engine's children).
using ArrayFactory = std::function<std::unique_ptr<ArrayBackend>(
    const ArrayGeometry& geometry, const MacConfig& mac, sc_core::sc_time clock_period)>;

// The C++ model: accumulate_tile() for the bits, step_cycles() for the time.
class ModelArray : public ArrayBackend {
public:
    ModelArray(const ArrayGeometry& geometry, const MacConfig& mac, sc_core::sc_time period)
        : geometry_(geometry), mac_(mac), period_(period) {}

    uint64_t run_step(const StepOperands& step) override;

private:
    ArrayGeometry geometry_;
    MacConfig mac_;
    sc_core::sc_time period_;
};

// The cycles of a step of m x n outputs over depth k (step_cycles() without a TilePlan).
uint64_t step_cycles(const ArrayGeometry& geometry, uint32_t m, uint32_t n, uint32_t k);

}  // namespace accelvp::matrix
