#include "ip/matrix/matrix_engine.h"

#include <fmt/format.h>

#include <stdexcept>

#include "ip/common/sc_time_utils.h"
#include "ip/matrix/matrix_regs.h"

namespace accelvp {

using matrix::CommandError;
using matrix::GemmCommand;

void MatrixEngineConfig::validate() const {
    auto check = [](bool ok, const char* field, const char* rule) {
        if (!ok) throw std::invalid_argument(fmt::format("{} {}", field, rule));
    };
    check(clock_hz >= 1'000'000 && clock_hz <= 10'000'000'000ull, "clock_hz",
          "must lie in [1 MHz, 10 GHz]");
    check(array.rows >= 1 && array.rows <= 256, "rows", "must lie in [1, 256]");
    check(array.cols >= 1 && array.cols <= 256, "cols", "must lie in [1, 256]");
    check(queue_depth >= 2 && queue_depth <= 1024, "queue_depth", "must lie in [2, 1024]");
    constexpr uint64_t kGiB = uint64_t{1} << 30;
    check(array.spad_bytes >= 64 && array.spad_bytes <= kGiB && array.spad_bytes % 64 == 0,
          "spad_bytes", "must be a multiple of 64 in [64, 1 GiB]");
    check(array.acc_bytes >= 64 && array.acc_bytes <= kGiB && array.acc_bytes % 64 == 0,
          "acc_bytes", "must be a multiple of 64 in [64, 1 GiB]");
    mac.validate();
    DmaConfig d = dma;
    d.clock_hz = clock_hz;
    d.validate();
}

namespace {

const MatrixEngineConfig& validated(const MatrixEngineConfig& config) {
    config.validate();
    return config;
}

DmaConfig dma_at_engine_clock(const MatrixEngineConfig& config) {
    DmaConfig d = config.dma;
    d.clock_hz = config.clock_hz;
    return d;
}

// The engine clock in whole picoseconds (the kernel's resolution); 1 GHz is exact.
sc_core::sc_time clock_period(uint64_t clock_hz) {
    return from_ps((1'000'000'000'000ull + clock_hz / 2) / clock_hz);
}

std::unique_ptr<matrix::ArrayBackend> make_array(const MatrixEngineConfig& config,
                                                 sc_core::sc_time period) {
    if (!config.array_factory)
        return std::make_unique<matrix::ModelArray>(config.array, config.mac, period);
    return config.array_factory(config.array, config.mac, period);
}

}  // namespace

MatrixEngine::MatrixEngine(sc_core::sc_module_name name, const MatrixEngineConfig& config,
                           sc_core::sc_time access_latency)
    : MmioDevice(name, access_latency),
      dma("dma", dma_at_engine_clock(validated(config))),
      config_(config),
      period_(clock_period(config.clock_hz)),
      array_(make_array(config, period_)),
      pipeline_("pipeline", dma, *array_, config.array, period_) {
    add_registers();
    SC_THREAD(run_thread);
}

void MatrixEngine::add_registers() {
    RegisterBank& regs = registers();
    auto constant = [&](const char* name, uint64_t offset, uint64_t value) {
        regs.add({name, offset, 4, [value] { return value; }, nullptr});
    };
    constant("id", MATRIX_ID, MATRIX_ID_VALUE);
    constant("version", MATRIX_VERSION, kVersion);
    constant("array_rows", MATRIX_ARRAY_ROWS, config_.array.rows);
    constant("array_cols", MATRIX_ARRAY_COLS, config_.array.cols);
    constant("queue_depth", MATRIX_QUEUE_DEPTH, config_.queue_depth);
    constant("spad_bytes", MATRIX_SPAD_BYTES, config_.array.spad_bytes);
    constant("acc_bytes", MATRIX_ACC_BYTES, config_.array.acc_bytes);
    constant("clock_mhz", MATRIX_CLOCK_MHZ, config_.clock_hz / 1'000'000);

    regs.add({"control", MATRIX_CONTROL, 4, nullptr, [this](uint64_t v) { control(v); }});
    regs.add({"status", MATRIX_STATUS, 4, [this] { return uint64_t{status()}; }, nullptr});
    regs.add({"int_enable", MATRIX_INT_ENABLE, 4, [this] { return uint64_t{int_enable_}; },
              [this](uint64_t v) {
                  int_enable_ = uint32_t(v) & (MATRIX_INT_DONE | MATRIX_INT_ERROR);
                  update_irq();
              }});
    regs.add({"int_status", MATRIX_INT_STATUS, 4, [this] { return uint64_t{int_status_}; },
              [this](uint64_t v) {
                  int_status_ &= ~uint32_t(v);
                  update_irq();
              }});
    regs.add({"error_code", MATRIX_ERROR_CODE, 4, [this] { return uint64_t{error_code_}; },
              [this](uint64_t) {
                  error_code_ = MATRIX_ERR_NONE;
                  error_info_ = 0;
              }});
    regs.add(
        {"error_info", MATRIX_ERROR_INFO, 4, [this] { return uint64_t{error_info_}; }, nullptr});
    regs.add(
        {"queue_used", MATRIX_QUEUE_USED, 4, [this] { return uint64_t{queue_used()}; }, nullptr});
    regs.add(
        {"done_count", MATRIX_DONE_COUNT, 4, [this] { return uint64_t{done_count_}; }, nullptr});

    add_address_registers("a", MATRIX_A_LO, &command_regs_.a);
    add_address_registers("b", MATRIX_B_LO, &command_regs_.b);
    add_address_registers("c", MATRIX_C_LO, &command_regs_.c);
    add_address_registers("bias", MATRIX_BIAS_LO, &command_regs_.bias);
    add_command_register("m", MATRIX_M, &command_regs_.m);
    add_command_register("n", MATRIX_N, &command_regs_.n);
    add_command_register("k", MATRIX_K, &command_regs_.k);
    add_command_register("lda", MATRIX_LDA, &command_regs_.lda);
    add_command_register("ldb", MATRIX_LDB, &command_regs_.ldb);
    add_command_register("ldc", MATRIX_LDC, &command_regs_.ldc);
    add_command_register("flags", MATRIX_FLAGS, &command_regs_.flags);
    regs.add({"doorbell", MATRIX_DOORBELL, 4, nullptr, [this](uint64_t v) { doorbell(v); }});

    add_perf_register("perf_busy_cycles", MATRIX_PERF_BUSY_CYCLES_LO, kBusy);
    add_perf_register("perf_macs", MATRIX_PERF_MACS_LO, kMacs);
    add_perf_register("perf_dma_stall", MATRIX_PERF_DMA_STALL_LO, kDmaStall);
    add_perf_register("perf_bytes_read", MATRIX_PERF_BYTES_READ_LO, kBytesRead);
    add_perf_register("perf_bytes_written", MATRIX_PERF_BYTES_WRITTEN_LO, kBytesWritten);
}

void MatrixEngine::add_command_register(const char* name, uint64_t offset, uint32_t* field) {
    registers().add({name, offset, 4, [field] { return uint64_t{*field}; },
                     [field](uint64_t v) { *field = uint32_t(v); }});
}

void MatrixEngine::add_address_registers(const char* name, uint64_t lo_offset, uint64_t* field) {
    registers().add(
        {fmt::format("{}_lo", name), lo_offset, 4, [field] { return *field & 0xffff'ffffu; },
         [field](uint64_t v) { *field = (*field & ~0xffff'ffffull) | (v & 0xffff'ffffu); }});
    registers().add({fmt::format("{}_hi", name), lo_offset + 4, 4, [field] { return *field >> 32; },
                     [field](uint64_t v) { *field = (*field & 0xffff'ffffu) | (v << 32); }});
}

// Reading LO latches HI, so that LO then HI is one consistent 64-bit value.
void MatrixEngine::add_perf_register(const char* name, uint64_t lo_offset, Perf counter) {
    registers().add({fmt::format("{}_lo", name), lo_offset, 4,
                     [this, counter] {
                         const uint64_t v =
                             perf_total(counter, access_time()) - perf_base_[counter];
                         perf_hi_latch_[counter] = uint32_t(v >> 32);
                         return v & 0xffff'ffffu;
                     },
                     nullptr});
    registers().add({fmt::format("{}_hi", name), lo_offset + 4, 4,
                     [this, counter] { return uint64_t{perf_hi_latch_[counter]}; }, nullptr});
}

bool MatrixEngine::debug_read_allowed(uint64_t offset) const {
    for (uint64_t lo : {MATRIX_PERF_BUSY_CYCLES_LO, MATRIX_PERF_MACS_LO, MATRIX_PERF_DMA_STALL_LO,
                        MATRIX_PERF_BYTES_READ_LO, MATRIX_PERF_BYTES_WRITTEN_LO})
        if (offset == lo) return false;  // reading it latches the high word
    return true;
}

uint32_t MatrixEngine::status() const {
    return (busy_ ? MATRIX_STATUS_BUSY : 0) |
           (queue_used() >= config_.queue_depth ? MATRIX_STATUS_QUEUE_FULL : 0);
}

void MatrixEngine::control(uint64_t value) {
    const sc_core::sc_time now = access_time();
    if (value & MATRIX_CONTROL_RESET) {
        queue_.clear();
        if (running_) {
            cancel_running_ = true;
            pipeline_.abort();
        }
        int_status_ = 0;
        error_code_ = MATRIX_ERR_NONE;
        error_info_ = 0;
        done_count_ = 0;
        update_irq();
    }
    if (value & (MATRIX_CONTROL_RESET | MATRIX_CONTROL_RESET_PERF))
        for (int p = 0; p < kPerfCount; ++p) perf_base_[p] = perf_total(Perf(p), now);
}

void MatrixEngine::doorbell(uint64_t value) {
    if (!(value & 1)) return;
    if (queue_used() >= config_.queue_depth) {
        report_error({MATRIX_ERR_QUEUE_FULL, config_.queue_depth});
        return;
    }
    queue_.push_back({command_regs_, access_time()});
    queued_.notify(access_time() - sc_core::sc_time_stamp());
}

void MatrixEngine::run_thread() {
    for (;;) {
        while (queue_.empty()) wait(queued_);
        const Queued next = queue_.front();
        queue_.pop_front();
        running_ = true;
        if (next.ready > sc_core::sc_time_stamp()) wait(next.ready - sc_core::sc_time_stamp());
        wait_for_clock_edge();
        if (!cancel_running_) {
            busy_ = true;
            busy_since_ = sc_core::sc_time_stamp();
            execute(next.cmd);
            busy_cycles_ += cycles_between(busy_since_, sc_core::sc_time_stamp());
            busy_ = false;
        }
        running_ = false;
        cancel_running_ = false;
    }
}

void MatrixEngine::execute(const GemmCommand& cmd) {
    const CommandError error = matrix::check_command(cmd);
    if (!error.ok()) return report_error(error);
    const matrix::PlanResult planned = matrix::plan_tiles(config_.array, cmd.m, cmd.n, cmd.k);
    if (!planned.plan)
        return report_error({MATRIX_ERR_DOES_NOT_FIT, uint32_t(planned.needed_bytes)});
    const matrix::GemmPipeline::Outcome outcome = pipeline_.run(cmd, *planned.plan);
    if (cancel_running_) return;  // CONTROL.RESET: neither done nor an error
    if (!outcome.ok) return report_error({MATRIX_ERR_DMA, uint32_t(outcome.error_address)});
    ++done_count_;
    ++commands_;
    int_status_ |= MATRIX_INT_DONE;
    update_irq();
}

void MatrixEngine::report_error(const CommandError& error) {
    ++errors_;
    if (error_code_ == MATRIX_ERR_NONE) {
        error_code_ = error.code;
        error_info_ = error.info;
    }
    int_status_ |= MATRIX_INT_ERROR;
    update_irq();
}

uint64_t MatrixEngine::cycles_between(sc_core::sc_time from, sc_core::sc_time to) const {
    return to_ps(to - from) / to_ps(period_);
}

void MatrixEngine::wait_for_clock_edge() {
    const uint64_t period = to_ps(period_), now = to_ps(sc_core::sc_time_stamp());
    if (now % period) wait(from_ps(period - now % period));
}

MatrixEngine::Totals MatrixEngine::totals_at(sc_core::sc_time t) const {
    const matrix::PipelineCounters& p = pipeline_.counters();
    Totals s;
    s.macs = p.macs;
    s.busy_cycles = busy_cycles_;
    if (busy_ && t > busy_since_) s.busy_cycles += cycles_between(busy_since_, t);
    s.compute_cycles = p.compute_cycles;
    s.dma_stall_cycles = p.dma_stall_cycles;
    s.bytes_read = p.bytes_read;
    s.bytes_written = p.bytes_written;
    s.sram_bytes_read = p.sram.spad_read + p.sram.acc_read;
    s.sram_bytes_written = p.sram.spad_written + p.sram.acc_written;
    s.commands = commands_;
    s.errors = errors_;
    return s;
}

uint64_t MatrixEngine::perf_total(Perf counter, sc_core::sc_time t) const {
    const Totals s = totals_at(t);
    switch (counter) {
        case kBusy:
            return s.busy_cycles;
        case kMacs:
            return s.macs;
        case kDmaStall:
            return s.dma_stall_cycles;
        case kBytesRead:
            return s.bytes_read;
        case kBytesWritten:
            return s.bytes_written;
        case kPerfCount:
            break;
    }
    return 0;
}

nlohmann::json MatrixEngine::totals_json() const {
    const Totals s = totals();
    return {{"macs", s.macs},
            {"busy_cycles", s.busy_cycles},
            {"compute_cycles", s.compute_cycles},
            {"dma_stall_cycles", s.dma_stall_cycles},
            {"bytes_read", s.bytes_read},
            {"bytes_written", s.bytes_written},
            {"sram_bytes_read", s.sram_bytes_read},
            {"sram_bytes_written", s.sram_bytes_written},
            {"commands", s.commands},
            {"errors", s.errors}};
}

nlohmann::json MatrixEngine::derive(const nlohmann::json& totals, uint64_t) const {
    const auto macs = totals.value("macs", uint64_t{0});
    const auto busy = totals.value("busy_cycles", uint64_t{0});
    const double peak = double(config_.array.rows) * config_.array.cols * double(busy);
    return {{"utilisation", peak > 0 ? double(macs) / peak : 0.0}};
}

}  // namespace accelvp
