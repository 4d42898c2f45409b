#include "ip/matrix/matrix_pipeline.h"

#include <algorithm>

#include "ip/common/sc_time_utils.h"
#include "ip/matrix/bf16.h"

namespace accelvp::matrix {

GemmPipeline::GemmPipeline(sc_core::sc_module_name name, DmaEngine& dma, ArrayBackend& array,
                           const ArrayGeometry& geometry, sc_core::sc_time clock_period)
    : sc_module(name),
      dma_(dma),
      array_(array),
      geometry_(geometry),
      period_(clock_period),
      period_ps_(to_ps(clock_period)) {
    SC_THREAD(loader_thread);
    SC_THREAD(writer_thread);
}

GemmPipeline::Outcome GemmPipeline::run(const GemmCommand& cmd, const TilePlan& plan) {
    cmd_ = &cmd;
    plan_ = &plan;
    loaded_steps_ = computed_steps_ = 0;
    computed_tiles_ = written_tiles_ = 0;
    stop_ = false;
    outcome_ = {};
    const size_t a_size = size_t{plan.tile_m} * plan.tile_k;
    const size_t b_size = size_t{plan.tile_k} * plan.tile_n;
    const size_t c_size = size_t{plan.tile_m} * plan.tile_n;
    for (OperandHalf& half : operands_) {
        half.a.resize(a_size);
        half.b.resize(b_size);
    }
    for (AccumulatorHalf& half : accumulators_) {
        half.values.resize(c_size);
        half.bf16.resize(cmd.out_bf16() ? c_size : 0);
    }
    loader_busy_ = writer_busy_ = true;
    start_.notify(sc_core::SC_ZERO_TIME);

    for (uint64_t s = 0; s < plan.steps(); ++s) {
        const sc_core::sc_time waiting_since = sc_core::sc_time_stamp();
        wait_until([&] { return stop_ || s < loaded_steps_; });
        if (stop_) break;
        align_to_clock();
        counters_.dma_stall_cycles += to_ps(sc_core::sc_time_stamp() - waiting_since) / period_ps_;
        compute_step(s);
    }
    wait_until([&] { return !loader_busy_ && !writer_busy_; });
    align_to_clock();
    cmd_ = nullptr;
    plan_ = nullptr;
    return outcome_;
}

void GemmPipeline::abort() {
    if (!cmd_) return;
    outcome_.ok = false;
    stop_ = true;
    changed();
}

void GemmPipeline::loader_thread() {
    for (;;) {
        while (!loader_busy_) wait(start_);
        for (uint64_t s = 0; s < plan_->steps(); ++s)
            if (!load_step(s)) break;
        loader_busy_ = false;
        changed();
    }
}

void GemmPipeline::writer_thread() {
    for (;;) {
        while (!writer_busy_) wait(start_);
        for (uint32_t t = 0; t < plan_->tiles(); ++t) {
            wait_until([&] { return stop_ || t < computed_tiles_; });
            if (stop_) break;
            if (!write_tile(plan_->step(uint64_t{t} * plan_->k_steps + plan_->k_steps - 1))) break;
            written_tiles_ = t + 1;
            changed();
        }
        writer_busy_ = false;
        changed();
    }
}

bool GemmPipeline::load_step(uint64_t index) {
    // A scratchpad half is free once the array has finished the step before the previous one.
    wait_until([&] { return stop_ || index < computed_steps_ + 2; });
    if (stop_) return false;
    const GemmCommand& c = *cmd_;
    const TileStep step = plan_->step(index);
    OperandHalf& half = operands_[index % 2];
    const DmaBlock a{c.a + (uint64_t{step.m0} * c.lda + step.k0) * 2, uint64_t{c.lda} * 2, step.m,
                     uint64_t{step.k} * 2};
    if (!dma_read(a, half.a.data())) return false;
    // B goes into the scratchpad as it lies in memory; transposed, its rows are rows of k.
    const DmaBlock b = c.b_transposed()
                           ? DmaBlock{c.b + (uint64_t{step.n0} * c.ldb + step.k0) * 2,
                                      uint64_t{c.ldb} * 2, step.n, uint64_t{step.k} * 2}
                           : DmaBlock{c.b + (uint64_t{step.k0} * c.ldb + step.n0) * 2,
                                      uint64_t{c.ldb} * 2, step.k, uint64_t{step.n} * 2};
    if (!dma_read(b, half.b.data())) return false;
    if (step.first) {
        // The tile's accumulator half is free once the tile two before it is written back.
        wait_until([&] { return stop_ || step.tile < written_tiles_ + 2; });
        if (stop_) return false;
        if (!init_accumulator(step, accumulators_[step.tile % 2])) return false;
    }
    loaded_steps_ = index + 1;
    changed();
    return true;
}

bool GemmPipeline::init_accumulator(const TileStep& step, AccumulatorHalf& acc) {
    const GemmCommand& c = *cmd_;
    const size_t count = size_t{step.m} * step.n;
    float* values = acc.values.data();
    if (!c.accumulate() && !c.has_bias()) {
        std::fill(values, values + count, 0.0f);  // the PEs start from +0, no SRAM traffic
        return true;
    }
    if (c.accumulate()) {
        const uint64_t bytes = c.c_element_bytes();
        const DmaBlock block{c.c + (uint64_t{step.m0} * c.ldc + step.n0) * bytes, c.ldc * bytes,
                             step.m, step.n * bytes};
        if (c.out_bf16()) {
            if (!dma_read(block, acc.bf16.data())) return false;
            for (size_t i = 0; i < count; ++i) values[i] = bf16_to_float(acc.bf16[i]);
        } else if (!dma_read(block, values)) {
            return false;
        }
    }
    if (c.has_bias()) {
        bias_row_.resize(step.n);
        const uint64_t row_bytes = uint64_t{step.n} * 4;
        if (!dma_read(DmaBlock{c.bias + uint64_t{step.n0} * 4, row_bytes, 1, row_bytes},
                      bias_row_.data()))
            return false;
        for (uint32_t i = 0; i < step.m; ++i) {
            float* row = values + size_t{i} * step.n;
            for (uint32_t j = 0; j < step.n; ++j)
                row[j] = c.accumulate() ? row[j] + bias_row_[j] : bias_row_[j];
        }
    }
    counters_.sram += tile_init_traffic(step);
    return true;
}

void GemmPipeline::compute_step(uint64_t index) {
    const TileStep step = plan_->step(index);
    const OperandHalf& half = operands_[index % 2];
    const uint16_t* b = half.b.data();
    if (cmd_->b_transposed()) {  // the array reads B's columns; the kernel wants k x n
        b_transposed_.resize(size_t{step.k} * step.n);
        for (uint32_t j = 0; j < step.n; ++j)
            for (uint32_t kk = 0; kk < step.k; ++kk)
                b_transposed_[size_t{kk} * step.n + j] = half.b[size_t{j} * step.k + kk];
        b = b_transposed_.data();
    }
    const uint64_t cycles = array_.run_step(
        {accumulators_[step.tile % 2].values.data(), half.a.data(), b, step.m, step.n, step.k});
    counters_.compute_cycles += cycles;
    counters_.macs += uint64_t{step.m} * step.n * step.k;
    counters_.sram += step_sram_traffic(geometry_, step, cmd_->accumulate() || cmd_->has_bias());
    computed_steps_ = index + 1;
    if (step.last) computed_tiles_ = step.tile + 1;
    changed();
}

bool GemmPipeline::write_tile(const TileStep& step) {
    const GemmCommand& c = *cmd_;
    AccumulatorHalf& acc = accumulators_[step.tile % 2];
    const uint64_t bytes = c.c_element_bytes();
    const DmaBlock block{c.c + (uint64_t{step.m0} * c.ldc + step.n0) * bytes, c.ldc * bytes, step.m,
                         step.n * bytes};
    const void* data = acc.values.data();
    if (c.out_bf16()) {
        const size_t count = size_t{step.m} * step.n;
        for (size_t i = 0; i < count; ++i) acc.bf16[i] = float_to_bf16(acc.values[i]);
        data = acc.bf16.data();
    }
    if (!dma_write(block, data)) return false;
    counters_.sram += tile_writeback_traffic(step);
    return true;
}

namespace {

// Rows that follow each other in memory go as one row: fewer, longer bursts.
DmaBlock merge_contiguous_rows(DmaBlock block) {
    if (block.rows > 1 && block.stride == block.row_bytes) {
        block.row_bytes *= block.rows;
        block.rows = 1;
    }
    return block;
}

}  // namespace

bool GemmPipeline::dma_read(DmaBlock block, void* local) {
    block = merge_contiguous_rows(block);
    const DmaResult r = dma_.read(block, static_cast<uint8_t*>(local));
    if (!r.ok) {
        fail(r.error_address);
        return false;
    }
    counters_.bytes_read += block.rows * block.row_bytes;
    return true;
}

bool GemmPipeline::dma_write(DmaBlock block, const void* local) {
    block = merge_contiguous_rows(block);
    const DmaResult r = dma_.write(block, static_cast<const uint8_t*>(local));
    if (!r.ok) {
        fail(r.error_address);
        return false;
    }
    counters_.bytes_written += block.rows * block.row_bytes;
    return true;
}

void GemmPipeline::fail(uint64_t address) {
    if (outcome_.ok) outcome_ = {false, true, address};
    stop_ = true;
    changed();
}

template <class Ready>
void GemmPipeline::wait_until(Ready ready) {
    while (!ready()) wait(changed_);
}

void GemmPipeline::align_to_clock() {
    const uint64_t now = to_ps(sc_core::sc_time_stamp());
    if (now % period_ps_) wait(from_ps(period_ps_ - now % period_ps_));
}

}  // namespace accelvp::matrix
