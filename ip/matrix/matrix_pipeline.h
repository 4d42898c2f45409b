// The matrix engine's datapath for one GEMM command: the double-buffered operand
// scratchpad and accumulator, the systolic array, and the DMA traffic that feeds them.
// Three processes work on the tile steps of matrix_tiling.h at once:
//  - the loader (a thread) DMA-reads the A and B operands of step s + 1 into the free
//    scratchpad half and, before a tile's first step, initialises its accumulator half:
//    zero, C (ACCUMULATE, widened to fp32), the bias row (BIAS), or C + bias (one fp32
//    addition, rounded to nearest even);
//  - the array (the caller of run()) waits until step s is loaded and computes it on the
//    ArrayBackend (array_backend.h: the C++ model or the Verilated RTL tile), so every
//    output accumulates sequentially over k, across steps too, since the partial sums stay
//    in fp32 in the accumulator; the time it waits for the loader counts as DMA stall;
//  - the writer (a thread) DMA-writes each finished tile to C, as fp32 or bf16 rounded to
//    nearest even, while the array goes on with the next tile.
// DMA transfers are real TLM transactions (DmaEngine), so their time is whatever the
// interconnect and the memory make of them; whole tile rows go as one strided block, and
// rows that are contiguous in memory as one row.
// A DMA error response, or abort(), stops all three at their next step boundary; transfers
// already issued complete, and what the writer wrote stays written. Not modelled: overlap
// between commands (the next command's loads start when this one has ended), reuse of an
// operand already in the scratchpad by the next step, and the scratchpad's banking.
#pragma once

#include <cstdint>
#include <systemc>
#include <vector>

#include "ip/dma/dma_engine.h"
#include "ip/matrix/array_backend.h"
#include "ip/matrix/matrix_command.h"
#include "ip/matrix/matrix_tiling.h"

namespace accelvp::matrix {

// Cumulative over every command run; the engine turns them into registers and statistics.
struct PipelineCounters {
    uint64_t macs = 0;
    uint64_t compute_cycles = 0;                 // the array running steps
    uint64_t dma_stall_cycles = 0;               // the array waiting for the loader
    uint64_t bytes_read = 0, bytes_written = 0;  // by the DMA, successful transfers only
    SramTraffic sram;
};

class GemmPipeline : public sc_core::sc_module {
public:
    struct Outcome {
        bool ok = true;  // false: a DMA transfer failed or abort() was called
        bool dma_error = false;
        uint64_t error_address = 0;  // of the first failed burst
    };

    GemmPipeline(sc_core::sc_module_name name, DmaEngine& dma, ArrayBackend& array,
                 const ArrayGeometry& geometry, sc_core::sc_time clock_period);

    // Runs `plan` of `cmd` (already checked) to its end. Call from an SC_THREAD, at an edge
    // of the engine clock; returns at one, after the last write-back.
    Outcome run(const GemmCommand& cmd, const TilePlan& plan);

    // Stops the command being run at its next step boundary (CONTROL.RESET).
    void abort();

    const PipelineCounters& counters() const { return counters_; }

private:
    struct OperandHalf {  // one half of the operand scratchpad
        std::vector<uint16_t> a, b;
    };
    struct AccumulatorHalf {
        std::vector<float> values;   // the tile, m x n, dense
        std::vector<uint16_t> bf16;  // C as bf16, on its way in or out
    };

    SC_HAS_PROCESS(GemmPipeline);
    void loader_thread();
    void writer_thread();
    bool load_step(uint64_t index);
    bool init_accumulator(const TileStep& step, AccumulatorHalf& acc);
    bool write_tile(const TileStep& last_step);
    void compute_step(uint64_t index);

    bool dma_read(DmaBlock block, void* local);
    bool dma_write(DmaBlock block, const void* local);
    void fail(uint64_t address);
    template <class Ready>
    void wait_until(Ready ready);
    void align_to_clock();
    void changed() { changed_.notify(sc_core::SC_ZERO_TIME); }

    DmaEngine& dma_;
    ArrayBackend& array_;
    ArrayGeometry geometry_;
    sc_core::sc_time period_;
    uint64_t period_ps_;
    PipelineCounters counters_;

    // The command being run and how far each process has got.
    const GemmCommand* cmd_ = nullptr;
    const TilePlan* plan_ = nullptr;
    uint64_t loaded_steps_ = 0, computed_steps_ = 0;
    uint32_t computed_tiles_ = 0, written_tiles_ = 0;
    bool loader_busy_ = false, writer_busy_ = false;
    bool stop_ = false;
    Outcome outcome_;
    sc_core::sc_event start_, changed_;

    OperandHalf operands_[2];
    AccumulatorHalf accumulators_[2];
    std::vector<float> bias_row_;
    std::vector<uint16_t> b_transposed_;  // B of a step as k x n, for the kernel
};

}  // namespace accelvp::matrix
