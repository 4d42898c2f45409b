// MACs per host second of the matrix engine's bf16 multiply-add: the scalar mac() in both
// modes (one dependent accumulation chain, as one output element sees it), the tile kernel
// in both modes and on both exact paths, and a whole 512 x 512 x 512 GEMM in one tile call.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>
#include <vector>

#include "ip/matrix/bf16.h"
#include "ip/matrix/mac.h"
#include "ip/matrix/mac_kernel.h"

namespace accelvp::matrix {
namespace {

using Mode = MacConfig::Mode;
using Rounding = MacConfig::Rounding;

const MacConfig kExact{};
const MacConfig kApprox{Mode::Approx, 4, Rounding::NearestEven};

// Operands of GEMM-like magnitude: uniform in (-1, 1), rounded to bf16.
std::vector<uint16_t> operands(size_t n, uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
    std::vector<uint16_t> v(n);
    for (uint16_t& x : v) x = float_to_bf16(dist(rng));
    return v;
}

void set_mac_rate(benchmark::State& state, double macs_per_iteration) {
    state.counters["MACs/s"] =
        benchmark::Counter(macs_per_iteration, benchmark::Counter::kIsIterationInvariantRate);
}

void Scalar(benchmark::State& state, const MacConfig& cfg) {
    const size_t n = 4096;
    const std::vector<uint16_t> a = operands(n, 1), b = operands(n, 2);
    float acc = 0;
    for (auto _ : state) {
        for (size_t i = 0; i < n; ++i) acc = mac(a[i], b[i], acc, cfg);
        benchmark::DoNotOptimize(acc);
    }
    set_mac_rate(state, double(n));
}

// A rows x cols tile of depth state.range(2).
void Tile(benchmark::State& state, const MacConfig& cfg, KernelPath path) {
    const int rows = int(state.range(0)), cols = int(state.range(1)), depth = int(state.range(2));
    const std::vector<uint16_t> a = operands(size_t(rows) * depth, 3);
    const std::vector<uint16_t> b = operands(size_t(depth) * cols, 4);
    std::vector<float> acc(size_t(rows) * cols);
    for (auto _ : state) {
        std::fill(acc.begin(), acc.end(), 0.0f);
        accumulate_tile(acc.data(), rows, cols, a.data(), b.data(), depth, cfg, {}, path);
        benchmark::DoNotOptimize(acc.data());
    }
    set_mac_rate(state, double(rows) * cols * depth);
}

BENCHMARK_CAPTURE(Scalar, Exact, kExact);
BENCHMARK_CAPTURE(Scalar, ApproxG4, kApprox);
BENCHMARK_CAPTURE(Tile, Exact, kExact, KernelPath::Auto)->Args({64, 64, 512});
BENCHMARK_CAPTURE(Tile, ExactPortable, kExact, KernelPath::Portable)->Args({64, 64, 512});
BENCHMARK_CAPTURE(Tile, ApproxG4, kApprox, KernelPath::Auto)->Args({64, 64, 512});
BENCHMARK_CAPTURE(Tile, ApproxG4Portable, kApprox, KernelPath::Portable)->Args({64, 64, 512});
// The engine's budget case: 134 M MACs within 3 host seconds, everything else included.
BENCHMARK_CAPTURE(Tile, Exact, kExact, KernelPath::Auto)
    ->Args({512, 512, 512})
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Tile, ApproxG4, kApprox, KernelPath::Auto)
    ->Args({512, 512, 512})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

}  // namespace
}  // namespace accelvp::matrix

BENCHMARK_MAIN();
