// The instruction-set simulator alone, without SystemC: MIPS of the hart's interpreter on
// small kernels held in plain memory (the same RamBus the unit tests use).
#include <benchmark/benchmark.h>

#include "tests/unit/riscv/hart_fixture.h"

namespace accelvp::rv::test {
namespace {

// Runs `words` (an endless loop) for state.range(0) instructions per iteration.
void run_kernel(benchmark::State& state, const std::vector<uint32_t>& words) {
    HartFixture f;
    f.program(words);
    f.hart.x[2] = kRamBase + 0x8000;
    uint64_t n = uint64_t(state.range(0));
    for (auto _ : state) f.hart.run(~uint64_t{0}, f.hart.instret + n);
    state.counters["MIPS"] =
        benchmark::Counter(double(n) * double(state.iterations()) / 1e6, benchmark::Counter::kIsRate);
}

// Integer ALU and branch: x1 counts, x3 accumulates.
void AluLoop(benchmark::State& state) {
    run_kernel(state, {addi(1, 1, 1), add(3, 3, 1), r_type(0, 1, 3, 4, 3, 0x33) /* xor */,
                       bne(1, 0, -12)});
}
// Loads and stores through DMI.
void MemoryLoop(benchmark::State& state) {
    run_kernel(state, {lw(5, 2, 0), addi(5, 5, 1), sw(5, 2, 4), lw(6, 2, 4), bne(6, 0, -16)});
}

BENCHMARK(AluLoop)->Arg(10'000'000);
BENCHMARK(MemoryLoop)->Arg(10'000'000);

}  // namespace
}  // namespace accelvp::rv::test

BENCHMARK_MAIN();
