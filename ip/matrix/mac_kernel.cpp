// Fast tile kernels for both MAC modes, each equal bit for bit to the scalar mac() loop.
//  - Exact on AVX2+FMA: vfmadd on eight columns at a time; bf16 is widened by a 16-bit shift.
//    NaN payloads are canonicalised once after the k loop, which equals canonicalising after
//    every step because a NaN accumulator stays NaN through every later step.
//  - Exact without FMA, and approx (on AVX2 four columns at a time): the product of two
//    widened bf16 is exact in double; the sum is computed exactly as a double plus its error
//    (TwoSum) and rounded to odd at 53 bits, and one final rounding of that to 24 or fewer
//    bits equals rounding the exact sum once (Boldo and Melquiond, "Emulation of FMA and
//    correctly rounded sums: proved algorithms using rounding to odd", IEEE Trans. Computers
//    57(4), 2008). Approx mode's coarse normalisation only picks that final rounding point.
// This file is built with -ffp-contract=off: TwoSum is wrong if a*b+c becomes an FMA.
#include "ip/matrix/mac_kernel.h"

#include <fmt/format.h>
#include <immintrin.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <stdexcept>

#include "ip/matrix/bf16.h"

namespace accelvp::matrix {
namespace {

struct Tile {
    float* acc;
    const uint16_t* a;
    const uint16_t* b;
    int rows, cols, depth;
    std::ptrdiff_t acc_stride, a_stride, b_stride;
};

inline uint64_t double_bits(double d) {
    uint64_t u;
    std::memcpy(&u, &d, sizeof u);
    return u;
}

inline double double_from_bits(uint64_t u) {
    double d;
    std::memcpy(&d, &u, sizeof d);
    return d;
}

inline double power_of_two(int e) {
    return double_from_bits(uint64_t(1023 + e) << 52);
}

// p + c rounded to odd at 53 bits, given s = p + c rounded to nearest (all finite): if the
// sum was inexact and s is even, step one ulp toward the exact sum, whose side the TwoSum
// error tells. The result lies strictly between the same two coarser grid points as the
// exact sum (or on one, if exact) and has the same leading-bit position.
inline double sum_round_to_odd(double p, double c, double s) {
    const double v = s - p;
    const double err = (p - (s - v)) + (c - v);
    uint64_t bits = double_bits(s);
    if (err != 0 && (bits & 1) == 0) bits += ((bits ^ double_bits(err)) >> 63) ? ~uint64_t{0} : 1;
    return double_from_bits(bits);
}

// Exact mode without FMA: rounding the round-to-odd sum to float rounds the exact sum.
inline float exact_step_portable(float a, float b, float c) {
    const double p = double(a) * double(b);
    const double s = p + double(c);
    if (!std::isfinite(s)) return std::isnan(s) ? float_from_bits(kCanonicalNaN) : float(s);
    return static_cast<float>(sum_round_to_odd(p, c, s));
}

struct ApproxParams {
    int group_bits;
    // floor(l / G) = (l * ceil(2^20 / G)) >> 20 for 0 <= l < 43690: a multiply instead of a
    // divide (the excess l * (G * m - 2^20) / (G * 2^20) stays below 1/G). l < 700 here.
    uint32_t group_reciprocal;
    bool toward_zero;
};

ApproxParams approx_params(const MacConfig& cfg) {
    const uint32_t g = uint32_t(cfg.norm_group_bits);
    return {cfg.norm_group_bits, ((1u << 20) + g - 1) / g,
            cfg.rounding == MacConfig::Rounding::TowardZero};
}

// Approx mode on doubles: the same anchor, coarse shift and rounding as mac_approx()'s
// integer window, applied to the round-to-odd sum (see the file comment for why that is
// exact). Written without data-dependent branches but the rare special-value one.
inline float approx_step(float a, float b, float c, ApproxParams q) {
    const int a_field = (float_bits(a) >> 23) & 0xff, b_field = (float_bits(b) >> 23) & 0xff;
    const int c_field = (float_bits(c) >> 23) & 0xff;
    if (a_field == 0xff || b_field == 0xff || c_field == 0xff) return exact_step_portable(a, b, c);

    const double p = double(a) * double(b);
    const int c_exp = std::max(c_field, 1) - 127;
    const int p_exp = std::max(a_field, 1) + std::max(b_field, 1) - 254;
    const int anchor = p == 0 ? c_exp : std::max(p_exp, c_exp);
    const double s = p + double(c);
    const double x = sum_round_to_odd(p, c, s);

    // Leading zeros below the anchor, l; l <= 0 is a carry, normalised exactly.
    const int l = anchor - (int((double_bits(x) >> 52) & 0x7ff) - 1023);
    const int coarse = int((uint32_t(std::max(l, 0)) * q.group_reciprocal) >> 20) * q.group_bits;
    const int ulp_exp = std::max(anchor - (l > 0 ? coarse : l) - 23, -149);
    const double scaled = x * power_of_two(-ulp_exp);  // exact, |scaled| <= 2^24
    const double n =
        q.toward_zero ? double(int64_t(scaled)) : (scaled + 0x1.8p52) - 0x1.8p52;  // nearest even
    const double r = std::copysign(n * power_of_two(ulp_exp), x);
    const double big = q.toward_zero ? double(FLT_MAX) : double(INFINITY);
    const double result = std::fabs(r) >= 0x1p128 ? std::copysign(big, x) : r;
    return static_cast<float>(x == 0 ? s : result);  // exact zero: IEEE addition's sign
}

// The scalar loop, k outside j so that the columns of a row are independent chains the CPU
// can overlap.
template <typename Step>
void tile_by_steps(const Tile& t, Step step) {
    for (int i = 0; i < t.rows; ++i) {
        float* c = t.acc + i * t.acc_stride;
        const uint16_t* a_row = t.a + i * t.a_stride;
        for (int k = 0; k < t.depth; ++k) {
            const float a = bf16_to_float(a_row[k]);
            const uint16_t* b_row = t.b + k * t.b_stride;
            for (int j = 0; j < t.cols; ++j) c[j] = step(a, bf16_to_float(b_row[j]), c[j]);
        }
    }
}

#define ACCELVP_FMA __attribute__((target("avx2,fma")))

ACCELVP_FMA inline __m256 widen8(const uint16_t* p) {
    const __m128i h = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(h), 16));
}

ACCELVP_FMA inline void store_canonical(float* p, __m256 v) {
    const __m256 is_nan = _mm256_cmp_ps(v, v, _CMP_UNORD_Q);
    const __m256 nan = _mm256_castsi256_ps(_mm256_set1_epi32(int(kCanonicalNaN)));
    _mm256_storeu_ps(p, _mm256_blendv_ps(v, nan, is_nan));
}

// approx_step() on four columns at once: doubles in 256-bit lanes, exponent bookkeeping in
// 32-bit lanes, for one a and a row of b and acc. Rounding to a multiple of 2^e is one add
// and one subtract of 1.5 * 2^(e+52) to nearest, and a mask of the bits below 2^e toward zero.
// Blocks with an infinity or NaN anywhere are redone by approx_step().
template <bool kTowardZero>
ACCELVP_FMA void approx_row_avx2(float* acc, const uint16_t* b, float a, int cols, ApproxParams q) {
    const int a_field = (float_bits(a) >> 23) & 0xff;
    const bool a_special = a_field == 0xff, a_zero = (float_bits(a) << 1) == 0;
    const __m256d a_d = _mm256_set1_pd(a);
    const __m128i a_exp = _mm_set1_epi32(std::max(a_field, 1) - 254);
    const __m128i ff = _mm_set1_epi32(0xff), one32 = _mm_set1_epi32(1);
    const __m128i bias = _mm_set1_epi32(127), magnitude = _mm_set1_epi32(0x7fffffff);
    const __m128i reciprocal = _mm_set1_epi32(int(q.group_reciprocal));
    const __m128i group = _mm_set1_epi32(q.group_bits), zero32 = _mm_setzero_si128();
    const __m128i ulp_floor = _mm_set1_epi32(-149), window = _mm_set1_epi32(23);
    const __m128i exp_mask = _mm_set1_epi32(0x7ff), exp_bias = _mm_set1_epi32(1023);
    const __m256i high_dwords = _mm256_set_epi32(0, 0, 0, 0, 7, 5, 3, 1);
    const __m256i one = _mm256_set1_epi64x(1), zero = _mm256_setzero_si256();
    const __m256d sign = _mm256_set1_pd(-0.0), zero_d = _mm256_setzero_pd();
    const __m256d overflow = _mm256_set1_pd(0x1p128);
    const __m256d big = _mm256_set1_pd(kTowardZero ? double(FLT_MAX) : double(INFINITY));
    int j = 0;
    for (; j + 4 <= cols; j += 4) {
        const __m128i b_bits = _mm_slli_epi32(
            _mm_cvtepu16_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(b + j))), 16);
        const __m128 c = _mm_loadu_ps(acc + j);
        const __m128i b_field = _mm_and_si128(_mm_srli_epi32(b_bits, 23), ff);
        const __m128i c_field = _mm_and_si128(_mm_srli_epi32(_mm_castps_si128(c), 23), ff);
        const bool special =
            a_special || _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi32(b_field, ff),
                                                        _mm_cmpeq_epi32(c_field, ff)));

        // Anchor, unbiased: a zero product leaves the accumulator's.
        const __m128i c_exp = _mm_sub_epi32(_mm_max_epi32(c_field, one32), bias);
        const __m128i p_exp = _mm_add_epi32(_mm_max_epi32(b_field, one32), a_exp);
        const __m128i p_zero =
            a_zero ? _mm_set1_epi32(-1) : _mm_cmpeq_epi32(_mm_and_si128(b_bits, magnitude), zero32);
        const __m128i anchor = _mm_blendv_epi8(_mm_max_epi32(p_exp, c_exp), c_exp, p_zero);

        // Exact product, sum, TwoSum error, round to odd.
        const __m256d c_d = _mm256_cvtps_pd(c);
        const __m256d p = _mm256_mul_pd(a_d, _mm256_cvtps_pd(_mm_castsi128_ps(b_bits)));
        const __m256d s = _mm256_add_pd(p, c_d);
        const __m256d v = _mm256_sub_pd(s, p);
        const __m256d err =
            _mm256_add_pd(_mm256_sub_pd(p, _mm256_sub_pd(s, v)), _mm256_sub_pd(c_d, v));
        const __m256i s_bits = _mm256_castpd_si256(s);
        const __m256i inexact_even =
            _mm256_andnot_si256(_mm256_castpd_si256(_mm256_cmp_pd(err, zero_d, _CMP_EQ_OQ)),
                                _mm256_cmpeq_epi64(_mm256_and_si256(s_bits, one), zero));
        const __m256i opposite =
            _mm256_srli_epi64(_mm256_xor_si256(s_bits, _mm256_castpd_si256(err)), 63);
        const __m256i step = _mm256_sub_epi64(one, _mm256_slli_epi64(opposite, 1));  // +-1
        const __m256i x_bits = _mm256_add_epi64(s_bits, _mm256_and_si256(step, inexact_even));
        const __m256d x = _mm256_castsi256_pd(x_bits);

        // Leading zeros below the anchor l (<= 0: a carry, exact), the coarse shift
        // min(l, G * floor(max(l, 0) / G)) and the ulp exponent.
        const __m128i x_high =
            _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(x_bits, high_dwords));
        const __m128i lead =
            _mm_sub_epi32(_mm_and_si128(_mm_srli_epi32(x_high, 20), exp_mask), exp_bias);
        const __m128i l = _mm_sub_epi32(anchor, lead);
        const __m128i coarse = _mm_mullo_epi32(
            _mm_srli_epi32(_mm_mullo_epi32(_mm_max_epi32(l, zero32), reciprocal), 20), group);
        const __m128i ulp_exp = _mm_max_epi32(
            _mm_sub_epi32(_mm_sub_epi32(anchor, _mm_min_epi32(l, coarse)), window), ulp_floor);

        __m256d r;
        if (kTowardZero) {
            // Clear the bits of x below 2^ulp_exp: 52 - (lead - ulp_exp) of them; all of x
            // (a shift count of 64) when x is below 2^ulp_exp.
            __m128i count = _mm_add_epi32(_mm_sub_epi32(ulp_exp, lead), _mm_set1_epi32(52));
            count = _mm_or_si128(count, _mm_and_si128(_mm_cmpgt_epi32(count, _mm_set1_epi32(52)),
                                                      _mm_set1_epi32(64)));
            const __m256i keep =
                _mm256_sllv_epi64(_mm256_set1_epi64x(-1), _mm256_cvtepu32_epi64(count));
            r = _mm256_castsi256_pd(_mm256_and_si256(x_bits, keep));
        } else {
            const __m256i magic_exp =
                _mm256_cvtepi32_epi64(_mm_add_epi32(ulp_exp, _mm_set1_epi32(1023 + 52)));
            const __m256d magic = _mm256_castsi256_pd(_mm256_or_si256(
                _mm256_slli_epi64(magic_exp, 52), _mm256_set1_epi64x(int64_t{1} << 51)));
            r = _mm256_sub_pd(_mm256_add_pd(x, magic), magic);
        }
        // The sign of x (also on a zero), then overflow.
        const __m256d x_sign = _mm256_and_pd(x, sign);
        r = _mm256_or_pd(r, x_sign);
        r = _mm256_blendv_pd(r, _mm256_or_pd(big, x_sign),
                             _mm256_cmp_pd(_mm256_andnot_pd(sign, r), overflow, _CMP_GE_OQ));
        _mm_storeu_ps(acc + j, _mm256_cvtpd_ps(r));
        if (special) {
            float c_lanes[4];
            _mm_storeu_ps(c_lanes, c);
            for (int lane = 0; lane < 4; ++lane)
                acc[j + lane] = approx_step(a, bf16_to_float(b[j + lane]), c_lanes[lane], q);
        }
    }
    for (; j < cols; ++j) acc[j] = approx_step(a, bf16_to_float(b[j]), acc[j], q);
}

void approx_tile_avx2(const Tile& t, ApproxParams q) {
    for (int i = 0; i < t.rows; ++i) {
        float* c = t.acc + i * t.acc_stride;
        const uint16_t* a_row = t.a + i * t.a_stride;
        for (int k = 0; k < t.depth; ++k) {
            const float a = bf16_to_float(a_row[k]);
            if (q.toward_zero)
                approx_row_avx2<true>(c, t.b + k * t.b_stride, a, t.cols, q);
            else
                approx_row_avx2<false>(c, t.b + k * t.b_stride, a, t.cols, q);
        }
    }
}

// Columns in blocks of 32 (four independent accumulators per row), then 8, then one by one;
// column blocks outside rows so that a block's slice of b stays in cache for every row.
ACCELVP_FMA void exact_tile_fma(const Tile& t) {
    int j = 0;
    for (; j + 32 <= t.cols; j += 32) {
        for (int i = 0; i < t.rows; ++i) {
            float* c = t.acc + i * t.acc_stride + j;
            const uint16_t* a_row = t.a + i * t.a_stride;
            const uint16_t* b = t.b + j;
            __m256 c0 = _mm256_loadu_ps(c), c1 = _mm256_loadu_ps(c + 8);
            __m256 c2 = _mm256_loadu_ps(c + 16), c3 = _mm256_loadu_ps(c + 24);
            for (int k = 0; k < t.depth; ++k, b += t.b_stride) {
                const __m256 a = _mm256_set1_ps(bf16_to_float(a_row[k]));
                c0 = _mm256_fmadd_ps(a, widen8(b), c0);
                c1 = _mm256_fmadd_ps(a, widen8(b + 8), c1);
                c2 = _mm256_fmadd_ps(a, widen8(b + 16), c2);
                c3 = _mm256_fmadd_ps(a, widen8(b + 24), c3);
            }
            store_canonical(c, c0);
            store_canonical(c + 8, c1);
            store_canonical(c + 16, c2);
            store_canonical(c + 24, c3);
        }
    }
    for (; j + 8 <= t.cols; j += 8) {
        for (int i = 0; i < t.rows; ++i) {
            float* c = t.acc + i * t.acc_stride + j;
            const uint16_t* a_row = t.a + i * t.a_stride;
            const uint16_t* b = t.b + j;
            __m256 c0 = _mm256_loadu_ps(c);
            for (int k = 0; k < t.depth; ++k, b += t.b_stride)
                c0 = _mm256_fmadd_ps(_mm256_set1_ps(bf16_to_float(a_row[k])), widen8(b), c0);
            store_canonical(c, c0);
        }
    }
    for (; j < t.cols; ++j) {
        for (int i = 0; i < t.rows; ++i) {
            const uint16_t* a_row = t.a + i * t.a_stride;
            float x = t.acc[i * t.acc_stride + j];
            for (int k = 0; k < t.depth; ++k)
                x = std::fma(bf16_to_float(a_row[k]), bf16_to_float(t.b[k * t.b_stride + j]), x);
            t.acc[i * t.acc_stride + j] = std::isnan(x) ? float_from_bits(kCanonicalNaN) : x;
        }
    }
}

std::ptrdiff_t checked_stride(int stride, int row_length, const char* name) {
    if (stride == 0) return row_length;
    if (stride < row_length)
        throw std::invalid_argument(
            fmt::format("accumulate_tile: strides.{} is {}, shorter than its row of {}", name,
                        stride, row_length));
    return stride;
}

}  // namespace

bool kernel_has_fma() {
    static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return has;
}

void accumulate_tile(float* acc, int rows, int cols, const uint16_t* a, const uint16_t* b,
                     int depth, const MacConfig& cfg, TileStrides strides, KernelPath path) {
    cfg.validate();
    if (rows < 0 || cols < 0 || depth < 0)
        throw std::invalid_argument(fmt::format(
            "accumulate_tile: rows, cols and depth must not be negative, got {}, {}, {}", rows,
            cols, depth));
    const Tile t{acc,
                 a,
                 b,
                 rows,
                 cols,
                 depth,
                 checked_stride(strides.acc, cols, "acc"),
                 checked_stride(strides.a, depth, "a"),
                 checked_stride(strides.b, cols, "b")};
    if (rows == 0 || cols == 0 || depth == 0) return;

    if (cfg.mode == MacConfig::Mode::Exact) {
        if (path == KernelPath::Auto && kernel_has_fma())
            exact_tile_fma(t);
        else
            tile_by_steps(t, exact_step_portable);
        return;
    }
    const ApproxParams q = approx_params(cfg);
    if (path == KernelPath::Auto && kernel_has_fma())
        approx_tile_avx2(t, q);
    else
        tile_by_steps(t, [q](float x, float y, float z) { return approx_step(x, y, z, q); });
}

}  // namespace accelvp::matrix
