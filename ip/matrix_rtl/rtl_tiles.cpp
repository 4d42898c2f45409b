#include "ip/matrix_rtl/rtl_tiles.h"

#include <fmt/format.h>

#include <stdexcept>

namespace accelvp::matrix {

namespace {

bool same_numerics(const MacConfig& x, const MacConfig& y) {
    return x.mode == y.mode && x.norm_group_bits == y.norm_group_bits &&
           x.rounding == y.rounding;
}

}  // namespace

std::string describe_tile(uint32_t rows, uint32_t cols, const MacConfig& mac) {
    if (mac.mode == MacConfig::Mode::Exact) return fmt::format("{}x{} exact", rows, cols);
    return fmt::format(
        "{}x{} approx G={} {}", rows, cols, mac.norm_group_bits,
        mac.rounding == MacConfig::Rounding::NearestEven ? "nearest-even" : "toward-zero");
}

ArrayFactory rtl_array_factory(const ArrayGeometry& geometry, const MacConfig& mac,
                               std::string waveform_path) {
    std::string built;
    for (const RtlTileVariant& v : rtl_tile_variants()) {
        if (v.rows == geometry.rows && v.cols == geometry.cols && same_numerics(v.mac, mac)) {
            return [make = v.make, waveform_path](const ArrayGeometry& g, const MacConfig&,
                                                  sc_core::sc_time period) {
                return make(g, period, waveform_path);
            };
        }
        built += (built.empty() ? "" : ", ") + describe_tile(v.rows, v.cols, v.mac);
    }
    throw std::invalid_argument(fmt::format(
        "the RTL tile was not built for {} (this build has: {}; add it to the CMake list "
        "ACCELVP_RTL_TILES)",
        describe_tile(geometry.rows, geometry.cols, mac), built.empty() ? "none" : built));
}

}  // namespace accelvp::matrix
