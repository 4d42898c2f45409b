#include "ip/matrix/matrix_tiling.h"

#include <algorithm>

namespace accelvp::matrix {

namespace {

uint64_t ceil_div(uint64_t a, uint64_t b) {
    return (a + b - 1) / b;
}

}  // namespace

TileStep TilePlan::step(uint64_t index) const {
    TileStep s;
    s.tile = static_cast<uint32_t>(index / k_steps);
    const uint32_t k_step = static_cast<uint32_t>(index % k_steps);
    s.m0 = (s.tile / tiles_n) * tile_m;
    s.n0 = (s.tile % tiles_n) * tile_n;
    s.k0 = k_step * tile_k;
    s.m = std::min(tile_m, m - s.m0);
    s.n = std::min(tile_n, n - s.n0);
    s.k = std::min(tile_k, k - s.k0);
    s.first = k_step == 0;
    s.last = k_step == k_steps - 1;
    return s;
}

PlanResult plan_tiles(const ArrayGeometry& g, uint32_t m, uint32_t n, uint32_t k) {
    const uint64_t acc_half = g.acc_bytes / 2, spad_half = g.spad_bytes / 2;
    uint64_t tm = std::min(m, g.rows), tn = std::min(n, g.cols);
    if (tm * tn * 4 > acc_half) return {std::nullopt, 2 * tm * tn * 4};
    if ((tm + tn) * 2 > spad_half) return {std::nullopt, 2 * (tm + tn) * 2};

    const uint64_t depth_wanted = std::min(k, g.rows);
    auto fits = [&](uint64_t em, uint64_t en) {
        return em * en * 4 <= acc_half && (em + en) * 2 * depth_wanted <= spad_half;
    };
    for (;;) {
        const uint64_t grown_m = std::min<uint64_t>(m, tm + g.rows);
        const uint64_t grown_n = std::min<uint64_t>(n, tn + g.cols);
        const bool m_can = grown_m > tm && fits(grown_m, tn);
        const bool n_can = grown_n > tn && fits(tm, grown_n);
        if (m_can && (tm < tn || !n_can))
            tm = grown_m;
        else if (n_can)
            tn = grown_n;
        else
            break;
    }

    TilePlan p;
    p.m = m;
    p.n = n;
    p.k = k;
    p.tile_m = static_cast<uint32_t>(tm);
    p.tile_n = static_cast<uint32_t>(tn);
    const uint64_t k_max = spad_half / ((tm + tn) * 2);  // >= 1, checked above
    p.k_steps = static_cast<uint32_t>(ceil_div(k, k_max));
    p.tile_k = static_cast<uint32_t>(ceil_div(k, p.k_steps));  // even steps, none empty
    p.tiles_m = static_cast<uint32_t>(ceil_div(m, tm));
    p.tiles_n = static_cast<uint32_t>(ceil_div(n, tn));
    return {p, 0};
}

uint64_t step_blocks(const ArrayGeometry& g, const TileStep& s) {
    return ceil_div(s.m, g.rows) * ceil_div(s.n, g.cols);
}

uint64_t step_cycles(const ArrayGeometry& g, const TileStep& s) {
    const uint64_t fill = uint64_t{g.rows} + g.cols - 2;
    const uint64_t drain = 1;  // the flush wavefront takes the last results out
    return fill + step_blocks(g, s) * std::max<uint64_t>(s.k, g.rows) + drain;
}

SramTraffic& SramTraffic::operator+=(const SramTraffic& o) {
    spad_read += o.spad_read;
    spad_written += o.spad_written;
    acc_read += o.acc_read;
    acc_written += o.acc_written;
    return *this;
}

SramTraffic step_sram_traffic(const ArrayGeometry& g, const TileStep& s,
                              bool initialised_from_memory) {
    const uint64_t a_bytes = uint64_t{s.m} * s.k * 2, b_bytes = uint64_t{s.k} * s.n * 2;
    const uint64_t c_bytes = uint64_t{s.m} * s.n * 4;
    SramTraffic t;
    t.spad_written = a_bytes + b_bytes;
    t.spad_read = a_bytes * ceil_div(s.n, g.cols) + b_bytes * ceil_div(s.m, g.rows);
    t.acc_read = s.first && !initialised_from_memory ? 0 : c_bytes;
    t.acc_written = c_bytes;
    return t;
}

SramTraffic tile_init_traffic(const TileStep& s) {
    SramTraffic t;
    t.acc_written = uint64_t{s.m} * s.n * 4;
    return t;
}

SramTraffic tile_writeback_traffic(const TileStep& s) {
    SramTraffic t;
    t.acc_read = uint64_t{s.m} * s.n * 4;
    return t;
}

}  // namespace accelvp::matrix
