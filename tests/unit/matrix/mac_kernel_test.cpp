// The tile kernel against the scalar mac() loop, bit for bit, in both modes and on both paths
// (AVX2+FMA where the host has it, and the portable one), over shapes that exercise every
// column block and tail, strided sub-tiles, special values and cancelling sums.
#include "ip/matrix/mac_kernel.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "tests/unit/matrix/mac_vectors.h"

using namespace accelvp::matrix;
using namespace accelvp::matrix::test;

namespace {

using Mode = MacConfig::Mode;
using Rounding = MacConfig::Rounding;

struct Shape {
    int rows, cols, depth;
};

// Operands of a tile: realistic values with, one in `special_every`, a corner value
// (zeros, subnormals, infinities, NaNs), and columns of b that cancel each other.
struct TileData {
    std::vector<uint16_t> a, b;
    std::vector<float> acc;
};

TileData make_tile(const Shape& s, uint64_t seed, int special_every) {
    VectorGenerator gen(seed);
    const auto bf16_corners = corner_bf16();
    const auto fp32_corners = corner_fp32_bits();
    TileData t;
    for (int i = 0; i < s.rows * s.depth; ++i) {
        const MacInput v = gen.realistic();
        t.a.push_back(
            gen.next() % special_every == 0 ? bf16_corners[gen.next() % bf16_corners.size()] : v.a);
    }
    for (int i = 0; i < s.depth * s.cols; ++i) {
        const MacInput v = i % 2 ? gen.cancelling() : gen.realistic();
        t.b.push_back(
            gen.next() % special_every == 0 ? bf16_corners[gen.next() % bf16_corners.size()] : v.b);
    }
    for (int i = 0; i < s.rows * s.cols; ++i) {
        const MacInput v = gen.cancelling();
        t.acc.push_back(gen.next() % special_every == 0
                            ? float_from_bits(fp32_corners[gen.next() % fp32_corners.size()])
                            : v.acc);
    }
    return t;
}

std::vector<float> scalar_loop(const TileData& t, const Shape& s, const MacConfig& cfg) {
    std::vector<float> acc = t.acc;
    for (int i = 0; i < s.rows; ++i)
        for (int j = 0; j < s.cols; ++j) {
            float x = acc[i * s.cols + j];
            for (int k = 0; k < s.depth; ++k)
                x = mac(t.a[i * s.depth + k], t.b[k * s.cols + j], x, cfg);
            acc[i * s.cols + j] = x;
        }
    return acc;
}

void expect_kernel_equals_scalar(const MacConfig& cfg, KernelPath path, int special_every) {
    const Shape shapes[] = {{1, 1, 1}, {3, 5, 7}, {2, 8, 16}, {4, 33, 17}, {5, 71, 40}, {3, 96, 9}};
    uint64_t seed = 100;
    for (const Shape& s : shapes) {
        const TileData t = make_tile(s, ++seed, special_every);
        const std::vector<float> expected = scalar_loop(t, s, cfg);
        std::vector<float> acc = t.acc;
        accumulate_tile(acc.data(), s.rows, s.cols, t.a.data(), t.b.data(), s.depth, cfg, {}, path);
        for (size_t i = 0; i < acc.size(); ++i)
            ASSERT_EQ(float_bits(acc[i]), float_bits(expected[i]))
                << "shape " << s.rows << "x" << s.cols << "x" << s.depth << " element " << i;
    }
}

TEST(MacKernel, ExactEqualsScalarLoopOnEveryPath) {
    for (KernelPath path : {KernelPath::Auto, KernelPath::Portable}) {
        expect_kernel_equals_scalar(MacConfig{}, path, 1'000'000);
        expect_kernel_equals_scalar(MacConfig{}, path, 13);
    }
}

TEST(MacKernel, ApproxEqualsScalarLoopForEveryGroupRoundingAndPath) {
    for (KernelPath path : {KernelPath::Auto, KernelPath::Portable})
        for (int g : {1, 2, 3, 4, 8, 24})
            for (Rounding r : {Rounding::NearestEven, Rounding::TowardZero}) {
                expect_kernel_equals_scalar({Mode::Approx, g, r}, path, 1'000'000);
                expect_kernel_equals_scalar({Mode::Approx, g, r}, path, 17);
            }
}

// A million single steps through the kernel's paths: a 1000 x 1000 tile of depth 1 pairs
// 1000 values of a with 1000 of b, over a million accumulators, all from any bit pattern.
TEST(MacKernel, MillionRandomStepsEqualScalarOnEveryPathAndMode) {
    VectorGenerator gen(0x5eed0008);
    const int n = 1000;
    std::vector<uint16_t> a(n), b(n);
    std::vector<float> acc0(n * n);
    for (int i = 0; i < n; ++i) a[i] = uint16_t(gen.next()), b[i] = uint16_t(gen.next());
    for (float& x : acc0) x = gen.any_bits().acc;
    const MacConfig configs[] = {
        {}, {Mode::Approx, 4, Rounding::NearestEven}, {Mode::Approx, 3, Rounding::TowardZero}};
    for (const MacConfig& cfg : configs)
        for (KernelPath path : {KernelPath::Auto, KernelPath::Portable}) {
            std::vector<float> acc = acc0;
            accumulate_tile(acc.data(), n, n, a.data(), b.data(), 1, cfg, {}, path);
            for (int i = 0; i < n; ++i)
                for (int j = 0; j < n; ++j)
                    ASSERT_EQ(float_bits(acc[i * n + j]),
                              float_bits(mac(a[i], b[j], acc0[i * n + j], cfg)))
                        << i << "," << j;
        }
}

// A 3 x 37 sub-tile at (2, 5) of a 10 x 50 accumulator, a and b inside larger matrices.
TEST(MacKernel, StridedSubTileTouchesOnlyItsElements) {
    const int acc_stride = 50, a_stride = 30, b_stride = 60, rows = 3, cols = 37, depth = 20;
    VectorGenerator gen(0x5eed0009);
    std::vector<float> acc(10 * acc_stride);
    std::vector<uint16_t> a(rows * a_stride), b(depth * b_stride);
    for (float& x : acc) x = gen.realistic().acc;
    for (uint16_t& x : a) x = gen.realistic().a;
    for (uint16_t& x : b) x = gen.realistic().b;
    for (const MacConfig& cfg : {MacConfig{}, MacConfig{Mode::Approx, 2, Rounding::NearestEven}}) {
        std::vector<float> got = acc;
        accumulate_tile(&got[2 * acc_stride + 5], rows, cols, a.data(), b.data(), depth, cfg,
                        {acc_stride, a_stride, b_stride});
        for (int i = 0; i < 10; ++i)
            for (int j = 0; j < acc_stride; ++j) {
                float expected = acc[i * acc_stride + j];
                if (i >= 2 && i < 2 + rows && j >= 5 && j < 5 + cols)
                    for (int k = 0; k < depth; ++k)
                        expected =
                            mac(a[(i - 2) * a_stride + k], b[k * b_stride + j - 5], expected, cfg);
                ASSERT_EQ(float_bits(got[i * acc_stride + j]), float_bits(expected))
                    << i << "," << j;
            }
    }
}

TEST(MacKernel, DepthZeroLeavesAccumulatorsUntouched) {
    std::vector<float> acc = {float_from_bits(0xffc00123), 1.0f, -0.0f};
    const uint16_t none = 0;
    accumulate_tile(acc.data(), 1, 3, &none, &none, 0, MacConfig{});
    EXPECT_EQ(float_bits(acc[0]), 0xffc00123u);
    EXPECT_EQ(float_bits(acc[2]), 0x80000000u);
}

TEST(MacKernel, NaNPayloadsBecomeCanonical) {
    std::vector<float> acc(40, float_from_bits(0xffc00123));
    std::vector<uint16_t> a(1, 0x3f80), b(40, 0x3f80);
    accumulate_tile(acc.data(), 1, 40, a.data(), b.data(), 1, MacConfig{});
    for (float x : acc) EXPECT_EQ(float_bits(x), kCanonicalNaN);
}

TEST(MacKernel, RejectsInvalidArguments) {
    float acc[4] = {};
    const uint16_t ops[4] = {};
    EXPECT_THROW(accumulate_tile(acc, -1, 2, ops, ops, 2, MacConfig{}), std::invalid_argument);
    EXPECT_THROW(accumulate_tile(acc, 2, 2, ops, ops, 2, MacConfig{}, {1, 0, 0}),
                 std::invalid_argument);
    EXPECT_THROW(accumulate_tile(acc, 2, 2, ops, ops, 2, MacConfig{Mode::Approx, 0}),
                 std::invalid_argument);
    try {
        accumulate_tile(acc, 2, 2, ops, ops, 2, MacConfig{}, {0, 0, 1});
        ADD_FAILURE() << "accepted a stride of b shorter than its row";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("strides.b"), std::string::npos) << e.what();
    }
}

}  // namespace
