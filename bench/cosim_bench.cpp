// Co-simulation speed: the matrix engine's array computing tile steps on the Verilated RTL
// tile (every tile this build has, ACCELVP_RTL_TILES) and on the C++ model, in MACs and tile
// cycles per host second. The steps are the default board's: a full 128 x 128 x 256 tile
// step (64 blocks) and a small 32 x 32 x 32 one, on realistic bf16 values. Host time is CPU
// time of this process (std::clock), so a loaded machine slows it less than wall time; the
// simulated cycles are exact and the same for both backends.
//
//   build/bench/cosim_bench [repetitions]      (default 3; the best of them is printed)
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <systemc>
#include <vector>

#include "ip/matrix/array_backend.h"
#include "ip/matrix/bf16.h"
#include "ip/matrix_rtl/rtl_tiles.h"

namespace accelvp::matrix {
namespace {

struct Shape {
    uint32_t m, n, k;
};

struct Backend {
    std::string name;
    ArrayGeometry geometry;
    std::unique_ptr<ArrayBackend> array;
};

class Bench : public sc_core::sc_module {
public:
    SC_HAS_PROCESS(Bench);
    Bench(sc_core::sc_module_name name, int repetitions)
        : sc_module(name), repetitions_(repetitions) {
        const sc_core::sc_time period(1, sc_core::SC_NS);
        for (const RtlTileVariant& v : rtl_tile_variants()) {
            ArrayGeometry g;
            g.rows = v.rows;
            g.cols = v.cols;
            const std::string tile = describe_tile(v.rows, v.cols, v.mac);
            backends_.push_back({"rtl   " + tile, g, rtl_array_factory(g, v.mac, "")(g, v.mac, period)});
            backends_.push_back({"model " + tile, g, std::make_unique<ModelArray>(g, v.mac, period)});
        }
        SC_THREAD(run);
    }

private:
    void run() {
        fmt::print("{:<40} {:>14} {:>10} {:>14} {:>16}\n", "backend", "step", "cycles",
                   "MACs / host s", "cycles / host s");
        for (const Shape shape : {Shape{128, 128, 256}, Shape{32, 32, 32}})
            for (Backend& b : backends_) measure(b, shape);
    }

    void measure(Backend& b, Shape s) {
        std::mt19937_64 rng(1);
        std::normal_distribution<float> normal(0.0f, 1.0f);
        std::vector<uint16_t> a(size_t{s.m} * s.k), bm(size_t{s.k} * s.n);
        for (uint16_t& x : a) x = float_to_bf16(normal(rng));
        for (uint16_t& x : bm) x = float_to_bf16(normal(rng));
        std::vector<float> acc(size_t{s.m} * s.n, 0.0f);
        double best = 1e30;
        uint64_t cycles = 0;
        for (int r = 0; r < repetitions_; ++r) {
            const std::clock_t start = std::clock();
            cycles = b.array->run_step({acc.data(), a.data(), bm.data(), s.m, s.n, s.k});
            best = std::min(best, double(std::clock() - start) / CLOCKS_PER_SEC);
        }
        const double macs = double(s.m) * s.n * s.k;
        fmt::print("{:<40} {:>14} {:>10} {:>14.3g} {:>16.3g}\n", b.name,
                   fmt::format("{}x{}x{}", s.m, s.n, s.k), cycles, macs / best, cycles / best);
    }

    int repetitions_;
    std::vector<Backend> backends_;
};

}  // namespace
}  // namespace accelvp::matrix

int sc_main(int argc, char* argv[]) {
    const int repetitions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    if (accelvp::matrix::rtl_tile_variants().empty()) {
        fmt::print(stderr, "cosim_bench: this build has no RTL tiles (ACCELVP_RTL_TILES is empty)\n");
        return 1;
    }
    accelvp::matrix::Bench bench("bench", repetitions);
    sc_core::sc_start();
    return 0;
}
