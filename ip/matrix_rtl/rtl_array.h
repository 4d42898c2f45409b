// The matrix engine's array as RTL: drives a Verilated systolic tile (rtl/systolic_tile.sv,
// built in SystemC mode by ip/matrix_rtl/CMakeLists.txt) cycle by cycle through one tile
// step, for soc.matrix.mac_backend = "rtl".
//
// The tile's clock is a signal this module toggles only while a step runs (the array is
// clock-gated between steps), so an idle engine costs the simulation nothing. Each cycle it
// writes the edges TileSchedule gives, waits half a period for the tile to settle, reads the
// result buses into the accumulator, and raises the clock edge. A step takes the schedule's
// cycles, the same as the model's step_cycles(); a result the RTL does not hand out in time
// is a broken tile, reported as std::logic_error. Optionally dumps the tile's signals as VCD.
#pragma once

#include <fmt/format.h>
#include <verilated.h>
#include <verilated_vcd_sc.h>

#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <systemc>
#include <type_traits>
#include <utility>

#include "ip/common/sc_time_utils.h"
#include "ip/matrix/array_backend.h"
#include "ip/matrix_rtl/port_bits.h"
#include "ip/matrix_rtl/tile_schedule.h"

namespace accelvp::matrix {

template <class Tile>
class RtlArray : public sc_core::sc_module, public ArrayBackend {
public:
    RtlArray(sc_core::sc_module_name name, const ArrayGeometry& geometry,
             sc_core::sc_time clock_period, std::string waveform_path)
        : sc_module(name),
          rows_(geometry.rows),
          cols_(geometry.cols),
          high_(from_ps(to_ps(clock_period) / 2)),
          low_(clock_period - high_),
          waveform_path_(std::move(waveform_path)),
          tracing_(enable_tracing(waveform_path_)),
          tile_("tile"),
          a_bits_(rows_ * 16),
          valid_bits_(rows_),
          first_bits_(rows_),
          b_bits_(cols_ * 16),
          psum_bits_(cols_ * 32),
          result_bits_(cols_ * 32),
          result_valid_bits_(cols_) {
        tile_.clk(clk_);
        tile_.rst_n(rst_n_);
        tile_.a_in(a_in_);
        tile_.a_valid(a_valid_);
        tile_.a_first(a_first_);
        tile_.b_in(b_in_);
        tile_.psum_in(psum_in_);
        tile_.result(result_);
        tile_.result_valid(result_valid_);
    }

    ~RtlArray() override {
        if (vcd_) vcd_->close();
    }

    uint64_t run_step(const StepOperands& step) override {
        if (!reset_done_) pulse_reset();
        const TileSchedule schedule(rows_, cols_, step);
        const uint64_t cycles = schedule.cycles();
        for (uint64_t t = 0; t < cycles; ++t) {
            drive(schedule, t);
            wait(low_);  // the tile settles; its result buses show this cycle's results
            collect(schedule, step, t);
            clk_.write(true);
            wait(high_);
            clk_.write(false);
        }
        if (vcd_) vcd_->flush();
        return cycles;
    }

protected:
    void start_of_simulation() override {
        if (!tracing_) return;
        vcd_ = std::make_unique<VerilatedVcdSc>();
        tile_.trace(vcd_.get(), 99);
        vcd_->open(waveform_path_.c_str());
        if (!vcd_->isOpen())
            throw std::runtime_error(
                fmt::format("{}: cannot write the waveform {}", name(), waveform_path_));
    }

private:
    template <class Port>
    using PortValue = typename std::remove_reference_t<Port>::data_type;
    template <class Port>
    using Signal = sc_core::sc_signal<PortValue<Port>>;

    // Tracing must be on before the model is built: tracing_ is initialised before tile_.
    static bool enable_tracing(const std::string& path) {
        if (!path.empty()) Verilated::traceEverOn(true);
        return !path.empty();
    }

    void pulse_reset() {  // an asynchronous reset edge, in zero time
        rst_n_.write(false);
        wait(sc_core::SC_ZERO_TIME);
        rst_n_.write(true);
        wait(sc_core::SC_ZERO_TIME);
        reset_done_ = true;
    }

    void drive(const TileSchedule& schedule, uint64_t t) {
        a_bits_.clear();
        valid_bits_.clear();
        first_bits_.clear();
        for (uint32_t r = 0; r < rows_; ++r) {
            const TileSchedule::RowInput in = schedule.row_input(t, r);
            a_bits_.set(r, 16, in.a);
            valid_bits_.set(r, 1, in.valid);
            first_bits_.set(r, 1, in.first);
        }
        b_bits_.clear();
        psum_bits_.clear();
        for (uint32_t c = 0; c < cols_; ++c) {
            b_bits_.set(c, 16, schedule.column_b(t, c));
            const float psum = schedule.column_psum(t, c);
            uint32_t bits;
            std::memcpy(&bits, &psum, 4);
            psum_bits_.set(c, 32, bits);
        }
        a_in_.write(a_bits_.to_port<PortValue<decltype(tile_.a_in)>>());
        a_valid_.write(valid_bits_.to_port<PortValue<decltype(tile_.a_valid)>>());
        a_first_.write(first_bits_.to_port<PortValue<decltype(tile_.a_first)>>());
        b_in_.write(b_bits_.to_port<PortValue<decltype(tile_.b_in)>>());
        psum_in_.write(psum_bits_.to_port<PortValue<decltype(tile_.psum_in)>>());
    }

    void collect(const TileSchedule& schedule, const StepOperands& step, uint64_t t) {
        result_bits_.from_port(result_.read());
        result_valid_bits_.from_port(result_valid_.read());
        for (uint32_t c = 0; c < cols_; ++c) {
            float* out = schedule.column_result(t, c);
            if (!out) continue;
            if (!result_valid_bits_.get(c, 1))
                throw std::logic_error(fmt::format(
                    "{}: the RTL tile handed out no result on column {} in cycle {} of a "
                    "{} x {} x {} step, where the schedule expects one",
                    name(), c, t, step.m, step.n, step.k));
            const uint32_t bits = result_bits_.get(c, 32);
            std::memcpy(out, &bits, 4);
        }
    }

    uint32_t rows_, cols_;
    sc_core::sc_time high_, low_;
    std::string waveform_path_;
    bool tracing_;
    bool reset_done_ = false;

    sc_core::sc_signal<bool> clk_{"clk", false}, rst_n_{"rst_n", true};
    Signal<decltype(Tile::a_in)> a_in_{"a_in"};
    Signal<decltype(Tile::a_valid)> a_valid_{"a_valid"};
    Signal<decltype(Tile::a_first)> a_first_{"a_first"};
    Signal<decltype(Tile::b_in)> b_in_{"b_in"};
    Signal<decltype(Tile::psum_in)> psum_in_{"psum_in"};
    Signal<decltype(Tile::result)> result_{"result"};
    Signal<decltype(Tile::result_valid)> result_valid_{"result_valid"};
    Tile tile_;
    std::unique_ptr<VerilatedVcdSc> vcd_;

    PackedBits a_bits_, valid_bits_, first_bits_, b_bits_, psum_bits_;
    PackedBits result_bits_, result_valid_bits_;
};

}  // namespace accelvp::matrix

namespace accelvp::matrix {

// What rtl_tile_table.cpp puts in RtlTileVariant::make for each Verilated tile.
template <class Tile>
std::unique_ptr<ArrayBackend> make_rtl_array(const ArrayGeometry& geometry,
                                             sc_core::sc_time clock_period,
                                             const std::string& waveform_path) {
    return std::make_unique<RtlArray<Tile>>("rtl_array", geometry, clock_period, waveform_path);
}

}  // namespace accelvp::matrix
