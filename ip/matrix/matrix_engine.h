// The matrix engine: a bf16 GEMM accelerator, C = A x B (+ C) (+ bias), with fp32
// accumulation, programmed through ip/matrix/matrix_regs.h (behaviour: docs/matrix-engine.md).
//
// Models: the register map; a command queue of queue_depth entries (the running command
// included) fed by DOORBELL; one command at a time, in order, on an R x C output-stationary
// systolic array with double-buffered operand scratchpad and accumulator SRAMs
// (matrix_tiling.h: dataflow, tile sizes, cycles per step; matrix_pipeline.h: the overlap of
// loads, compute and write-back); its own DmaEngine, whose socket the board binds to the
// interconnect, for every byte it moves; the numerics of docs/matrix-numerics.md (exact or
// approx MAC); performance counters; a level interrupt, INT_STATUS & INT_ENABLE.
// Errors (a bad command, a DMA error response, a doorbell on a full queue) set ERROR_CODE and
// ERROR_INFO (the first since cleared) and INT_STATUS.ERROR, drop the command and go on with
// the next one; nothing a program writes stops the simulation.
// Does not model: overlap between commands, a command's own decode time, power states,
// parity or ECC, DMA address translation, or coherence with the CPU (which reaches DRAM by
// DMI, so the engine's writes are visible to it at once).
// Timing: the engine runs at clock_hz; a command starts at the first engine clock edge at or
// after its DOORBELL write's time and ends at the edge after its last write-back; busy
// cycles are that span. Register accesses cost `access_latency` and take effect at once.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <nlohmann/json.hpp>
#include <systemc>

#include "ip/common/irq.h"
#include "ip/common/mmio_device.h"
#include "ip/dma/dma_engine.h"
#include "ip/matrix/array_backend.h"
#include "ip/matrix/mac.h"
#include "ip/matrix/matrix_command.h"
#include "ip/matrix/matrix_pipeline.h"
#include "ip/matrix/matrix_tiling.h"

namespace accelvp {

struct MatrixEngineConfig {
    uint64_t clock_hz = 1'000'000'000;
    matrix::ArrayGeometry array;  // rows, cols, spad_bytes, acc_bytes
    uint32_t queue_depth = 4;
    matrix::MacConfig mac;
    DmaConfig dma;  // its clock_hz is ignored: the DMA runs at the engine clock
    matrix::ArrayFactory array_factory;  // the array to compute on; empty: the C++ model

    // Throws std::invalid_argument naming the field (as in the board's soc.matrix keys).
    void validate() const;
};

class MatrixEngine : public MmioDevice {
public:
    static constexpr uint32_t kVersion = 0x0001'0000;  // 1.0

    IrqLine irq;
    DmaEngine dma;  // its socket goes to the interconnect

    // Throws std::invalid_argument for a bad configuration.
    MatrixEngine(sc_core::sc_module_name name, const MatrixEngineConfig& config,
                 sc_core::sc_time access_latency = sc_core::SC_ZERO_TIME);

    // Totals since construction (CONTROL never clears them), busy cycles up to now.
    struct Totals {
        uint64_t macs = 0, busy_cycles = 0, compute_cycles = 0, dma_stall_cycles = 0;
        uint64_t bytes_read = 0, bytes_written = 0;            // by the DMA
        uint64_t sram_bytes_read = 0, sram_bytes_written = 0;  // scratchpad and accumulator
        uint64_t commands = 0, errors = 0;  // completed commands; errors of any kind
    };
    Totals totals() const { return totals_at(sc_core::sc_time_stamp()); }
    nlohmann::json totals_json() const;
    // The derived figures for the statistics: utilisation = macs / (R * C * busy_cycles).
    nlohmann::json derive(const nlohmann::json& totals, uint64_t elapsed_ps) const;

    const MatrixEngineConfig& config() const { return config_; }

protected:
    bool debug_read_allowed(uint64_t offset) const override;

private:
    struct Queued {
        matrix::GemmCommand cmd;
        sc_core::sc_time ready;  // the DOORBELL write's time
    };
    enum Perf { kBusy, kMacs, kDmaStall, kBytesRead, kBytesWritten, kPerfCount };

    SC_HAS_PROCESS(MatrixEngine);
    void add_registers();
    void add_command_register(const char* name, uint64_t offset, uint32_t* field);
    void add_address_registers(const char* name, uint64_t lo_offset, uint64_t* field);
    void add_perf_register(const char* name, uint64_t lo_offset, Perf counter);

    void control(uint64_t value);
    void doorbell(uint64_t value);
    void run_thread();
    void execute(const matrix::GemmCommand& cmd);
    void report_error(const matrix::CommandError& error);
    void update_irq() { irq.set((int_status_ & int_enable_) != 0); }
    void wait_for_clock_edge();
    uint64_t cycles_between(sc_core::sc_time from, sc_core::sc_time to) const;

    Totals totals_at(sc_core::sc_time t) const;
    uint64_t perf_total(Perf counter, sc_core::sc_time t) const;
    uint32_t status() const;
    uint32_t queue_used() const { return uint32_t(queue_.size()) + (running_ ? 1 : 0); }

    MatrixEngineConfig config_;
    sc_core::sc_time period_;
    std::unique_ptr<matrix::ArrayBackend> array_;
    matrix::GemmPipeline pipeline_;

    matrix::GemmCommand command_regs_;  // what DOORBELL copies
    std::deque<Queued> queue_;
    sc_core::sc_event queued_;
    bool running_ = false;         // a command left the queue and has not ended
    bool busy_ = false;            // ... and has started (STATUS.BUSY)
    bool cancel_running_ = false;  // CONTROL.RESET came while it ran
    sc_core::sc_time busy_since_;

    uint32_t int_enable_ = 0, int_status_ = 0;
    uint32_t error_code_ = MATRIX_ERR_NONE, error_info_ = 0;
    uint32_t done_count_ = 0;
    uint64_t busy_cycles_ = 0, commands_ = 0, errors_ = 0;  // busy: commands that ended
    uint64_t perf_base_[kPerfCount] = {};                   // totals at the last perf reset
    uint32_t perf_hi_latch_[kPerfCount] = {};
};

}  // namespace accelvp
