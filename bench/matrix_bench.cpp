// MACs per host second of the whole matrix engine model: a square GEMM from 64^3 to 1024^3
// through the registers, the engine's DMA, the interconnect and the timed DDR4-3200 DRAM, as
// on the default board (16 x 16 array at 1 GHz, 32-byte bus), in exact and approx (G = 4)
// mode. Each iteration is one command from doorbell to the end of its write-back; the
// counters give the simulated figures of the last one: busy cycles, DMA stall cycles and
// utilisation = MACs / (rows * cols * busy cycles).
#include <benchmark/benchmark.h>

#include <memory>

#include "ip/matrix/matrix_engine.h"
#include "tests/unit/matrix/matrix_engine_fixture.h"

namespace accelvp::test {
namespace {

// Runs the command it is given as its own thread, then pauses the simulation, so that every
// sc_start() runs one command. One SystemC design per process: both harnesses are built
// before the first sc_start(), and a driver that has nothing to do sleeps in steps of 10 us.
class GemmDriver : public sc_core::sc_module {
public:
    SC_HAS_PROCESS(GemmDriver);
    GemmDriver(sc_core::sc_module_name name, MatrixBench& bench) : sc_module(name), bench_(bench) {
        SC_THREAD(thread);
    }
    void request(const matrix::GemmCommand& command) {
        command_ = command;
        pending_ = true;
    }

private:
    void thread() {
        for (;;) {
            if (pending_) {
                pending_ = false;
                bench_.submit(command_);
                bench_.wait_idle(sc_core::sc_time(1, sc_core::SC_US));
                sc_core::sc_pause();
            }
            sc_core::wait(10, sc_core::SC_US);
        }
    }
    MatrixBench& bench_;
    matrix::GemmCommand command_;
    bool pending_ = false;
};

struct Harness : sc_core::sc_module {
    MatrixBench bench;
    GemmDriver driver{"driver", bench};
    Harness(sc_core::sc_module_name name, const MatrixEngineConfig& config)
        : sc_module(name), bench(config, MemoryKind::Ddr4) {}
};

Harness& harness(bool approx) {
    static const auto make = [](const char* name, bool approx_mode) {
        MatrixEngineConfig config;
        if (approx_mode) {
            config.mac.mode = matrix::MacConfig::Mode::Approx;
            config.mac.norm_group_bits = 4;
        }
        return std::make_unique<Harness>(name, config);
    };
    static std::unique_ptr<Harness> exact = make("exact", false);
    static std::unique_ptr<Harness> approximate = make("approx", true);
    return approx ? *approximate : *exact;
}

void Gemm(benchmark::State& state, bool approx) {
    Harness& h = harness(approx);
    const uint32_t size = uint32_t(state.range(0));
    const matrix::GemmCommand c = dense_command(size, size, size);
    fill_operands(h.bench, c, 1);
    MatrixEngine::Totals before{}, after{};
    for (auto _ : state) {
        before = h.bench.engine.totals();
        h.driver.request(c);
        sc_core::sc_start();
        after = h.bench.engine.totals();
    }
    const double macs = double(after.macs - before.macs);
    const double busy = double(after.busy_cycles - before.busy_cycles);
    const auto& array = h.bench.engine.config().array;
    state.counters["MACs/s"] =
        benchmark::Counter(macs, benchmark::Counter::kIsIterationInvariantRate);
    state.counters["busy_cycles"] = busy;
    state.counters["stall_cycles"] = double(after.dma_stall_cycles - before.dma_stall_cycles);
    state.counters["util"] = macs / (double(array.rows) * array.cols * busy);
    state.counters["errors"] = double(after.errors);
}

BENCHMARK_CAPTURE(Gemm, exact, false)
    ->RangeMultiplier(2)
    ->Range(64, 1024)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Gemm, approx_g4, true)->Arg(512)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace accelvp::test

BENCHMARK_MAIN();
