// The RTL tiles this build has Verilated (CMake's ACCELVP_RTL_TILES, generated into
// rtl_tile_table.cpp), and the ArrayFactory that puts the right one into a matrix engine.
// A Verilated model is built for one array size and one MAC configuration: the RTL backend
// can only run a board whose soc.matrix matches one of them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ip/matrix/array_backend.h"

namespace accelvp::matrix {

struct RtlTileVariant {
    uint32_t rows = 0, cols = 0;
    MacConfig mac;
    const char* model = "";  // the Verilated class
    std::unique_ptr<ArrayBackend> (*make)(const ArrayGeometry& geometry,
                                          sc_core::sc_time clock_period,
                                          const std::string& waveform_path) = nullptr;
};

const std::vector<RtlTileVariant>& rtl_tile_variants();

// "16x16 exact", "16x16 approx G=4 nearest-even".
std::string describe_tile(uint32_t rows, uint32_t cols, const MacConfig& mac);

// The factory of the variant built for `geometry` and `mac`, dumping a VCD waveform of the
// tile to `waveform_path` unless it is empty. Throws std::invalid_argument naming the
// configuration asked for and the variants built when none matches.
ArrayFactory rtl_array_factory(const ArrayGeometry& geometry, const MacConfig& mac,
                               std::string waveform_path);

}  // namespace accelvp::matrix
