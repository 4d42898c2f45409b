// Tile-level co-verification: every Verilated systolic tile this build has (ACCELVP_RTL_TILES)
// against the C++ model of the array, through the engine's own ArrayBackend interface. Random
// tile steps of every shape class (one block, edge blocks, many blocks, depth below and above
// the array's rows, depth 1) with realistic values, special values sprinkled in, and partial
// sums to start from; each must give the model's bits (accumulate_tile) and take the model's
// cycles (step_cycles). A mismatch names the first differing output, its partial sum, both
// results and the operands that fed it, in hex.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <systemc>
#include <vector>

#include "ip/matrix/bf16.h"
#include "ip/matrix/mac_kernel.h"
#include "ip/matrix_rtl/rtl_tiles.h"

#include <unistd.h>

namespace accelvp::matrix {
namespace {

using sc_core::sc_time;

const sc_time kPeriod(1, sc_core::SC_NS);

// Runs `body` as an SC_THREAD of the only elaboration of this process (a test each).
class Harness : public sc_core::sc_module {
public:
    SC_HAS_PROCESS(Harness);
    Harness(sc_core::sc_module_name name, const RtlTileVariant& variant,
            const std::string& waveform = "")
        : sc_module(name) {
        ArrayGeometry geometry;
        geometry.rows = variant.rows;
        geometry.cols = variant.cols;
        array = rtl_array_factory(geometry, variant.mac, waveform)(geometry, variant.mac, kPeriod);
        SC_THREAD(thread);
    }
    void run(std::function<void()> body) {
        body_ = std::move(body);
        sc_core::sc_start();
    }
    std::unique_ptr<ArrayBackend> array;

private:
    void thread() {
        body_();
        sc_core::sc_stop();
    }
    std::function<void()> body_;
};

struct Step {
    uint32_t m, n, k;
    std::vector<uint16_t> a, b;
    std::vector<float> acc;
};

uint16_t realistic_bf16(std::mt19937_64& rng) {
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::uniform_int_distribution<int> scale(-8, 8);
    return float_to_bf16(std::ldexp(normal(rng), scale(rng)));
}

// Operands of realistic magnitude with one value in 50 a corner class (zeros, subnormals,
// largest values, infinities, NaNs), and partial sums that sometimes cancel.
Step random_step(uint32_t m, uint32_t n, uint32_t k, std::mt19937_64& rng) {
    static const uint16_t corners[] = {0x0000, 0x8000, 0x0001, 0x807f, 0x0080, 0x7f7f,
                                       0xff7f, 0x7f80, 0xff80, 0x7fc0, 0x3f80, 0xbf80};
    std::uniform_int_distribution<int> pick(0, 49);
    auto value = [&] {
        const int p = pick(rng);
        return p < int(std::size(corners)) && p % 4 == 0 ? corners[p] : realistic_bf16(rng);
    };
    Step s{m, n, k, {}, {}, {}};
    s.a.resize(size_t{m} * k);
    s.b.resize(size_t{k} * n);
    s.acc.resize(size_t{m} * n);
    for (uint16_t& x : s.a) x = value();
    for (uint16_t& x : s.b) x = value();
    for (float& x : s.acc) x = pick(rng) < 10 ? 0.0f : bf16_to_float(value()) * 3.0f;
    return s;
}

std::string hex_list(const std::vector<uint16_t>& v, size_t first, size_t stride, size_t count) {
    std::string out;
    for (size_t i = 0; i < count && i < 16; ++i)
        out += fmt::format("{}{:04x}", i ? " " : "", v[first + i * stride]);
    return out + (count > 16 ? " ..." : "");
}

// Runs `s` on the RTL and on the model; the first differing output is a test failure.
void expect_step_matches(ArrayBackend& rtl, const RtlTileVariant& variant, const Step& s) {
    std::vector<float> model = s.acc, from_rtl = s.acc;
    accumulate_tile(model.data(), int(s.m), int(s.n), s.a.data(), s.b.data(), int(s.k),
                    variant.mac);
    const sc_time start = sc_core::sc_time_stamp();
    const uint64_t cycles = rtl.run_step({from_rtl.data(), s.a.data(), s.b.data(), s.m, s.n, s.k});
    ArrayGeometry g;
    g.rows = variant.rows;
    g.cols = variant.cols;
    EXPECT_EQ(cycles, step_cycles(g, s.m, s.n, s.k)) << s.m << "x" << s.n << "x" << s.k;
    EXPECT_EQ(sc_core::sc_time_stamp() - start, kPeriod * double(cycles));
    for (uint32_t i = 0; i < s.m; ++i)
        for (uint32_t j = 0; j < s.n; ++j) {
            const size_t at = size_t{i} * s.n + j;
            if (float_bits(from_rtl[at]) == float_bits(model[at])) continue;
            ADD_FAILURE() << fmt::format(
                "{} step {}x{}x{}: C[{}][{}] differs: psum 0x{:08x}, rtl 0x{:08x}, model "
                "0x{:08x}\n  A row {}: {}\n  B column {}: {}",
                describe_tile(variant.rows, variant.cols, variant.mac), s.m, s.n, s.k, i, j,
                float_bits(s.acc[at]), float_bits(from_rtl[at]), float_bits(model[at]), i,
                hex_list(s.a, size_t{i} * s.k, 1, s.k), j, hex_list(s.b, j, s.n, s.k));
            return;
        }
}

class RtlTile : public testing::TestWithParam<RtlTileVariant> {};

}  // namespace

// How GoogleTest names a variant in its output.
void PrintTo(const RtlTileVariant& v, std::ostream* os) {
    *os << v.model << " (" << describe_tile(v.rows, v.cols, v.mac) << ")";
}

namespace {

TEST_P(RtlTile, RandomStepsOfEveryShapeMatchTheModelInBitsAndCycles) {
    const RtlTileVariant& v = GetParam();
    Harness h("harness", v);
    const uint32_t r = v.rows, c = v.cols;
    // One block, edge blocks, many blocks; depth 1, below R, equal, above.
    const uint32_t shapes[][3] = {{r, c, r},         {1, 1, 1},         {r, c, 1},
                                  {r + 1, c - 1, 5}, {3 * r, 2 * c, 40}, {2 * r + 3, c + 7, r},
                                  {r / 2 + 1, 3 * c + 1, 2 * r + 3}, {8 * r, 8 * c, 64}};
    h.run([&] {
        std::mt19937_64 rng(2026);
        for (int round = 0; round < 3; ++round)
            for (const auto& shape : shapes)
                expect_step_matches(*h.array, v, random_step(shape[0], shape[1], shape[2], rng));
    });
}

TEST_P(RtlTile, BackToBackStepsStartFromACleanArray) {
    // The flush must leave no state behind: the same step twice gives the same bits.
    const RtlTileVariant& v = GetParam();
    Harness h("harness", v);
    h.run([&] {
        std::mt19937_64 rng(7);
        const Step s = random_step(v.rows + 3, v.cols, 9, rng);
        expect_step_matches(*h.array, v, s);
        expect_step_matches(*h.array, v, s);
    });
}

TEST_P(RtlTile, WritesAWaveformOfTheTile) {
    const RtlTileVariant& v = GetParam();
    const std::string path = testing::TempDir() + "tile_" + std::to_string(::getpid()) + ".vcd";
    {
        Harness h("harness", v, path);
        h.run([&] {
            std::mt19937_64 rng(3);
            expect_step_matches(*h.array, v, random_step(v.rows, v.cols, 2, rng));
        });
    }
    std::ifstream vcd(path);
    ASSERT_TRUE(vcd) << path;
    const std::string text((std::istreambuf_iterator<char>(vcd)), {});
    EXPECT_NE(text.find("$var"), std::string::npos);
    EXPECT_NE(text.find("result_valid"), std::string::npos);
    EXPECT_NE(text.find("#"), std::string::npos) << "no time steps dumped";
    std::remove(path.c_str());
}

std::string variant_name(const testing::TestParamInfo<RtlTileVariant>& info) {
    std::string name = info.param.model;
    return name.substr(name.find('_') + 1);  // Vtile_16x16_exact -> 16x16_exact
}

INSTANTIATE_TEST_SUITE_P(Built, RtlTile, testing::ValuesIn(rtl_tile_variants()), variant_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(RtlTile);

TEST(RtlTileFactory, RefusesATileItWasNotBuiltForNamingBoth) {
    ArrayGeometry g;
    g.rows = 7;
    g.cols = 5;
    MacConfig mac;
    mac.mode = MacConfig::Mode::Approx;
    mac.norm_group_bits = 3;
    try {
        rtl_array_factory(g, mac, "");
        FAIL() << "a 7x5 approx G=3 tile was accepted";
    } catch (const std::invalid_argument& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("7x5 approx G=3 nearest-even"), std::string::npos) << what;
        for (const RtlTileVariant& v : rtl_tile_variants())
            EXPECT_NE(what.find(describe_tile(v.rows, v.cols, v.mac)), std::string::npos) << what;
    }
}

}  // namespace
}  // namespace accelvp::matrix
