#include "sw/accuracy/steps.h"

#include <algorithm>
#include <cmath>

#include "ip/matrix/bf16.h"

namespace accelvp::sw::accuracy {

namespace {

// Biased exponents as the MAC decodes them: a zero or subnormal field counts as 1.
int exponent_of(uint32_t field) {
    return field ? int(field) : 1;
}

// The exact sum a * b + acc as an unevaluated pair hi + lo (TwoSum: hi = fl(p + c), lo its
// error; a bf16 product is exact in double).
struct ExactSum {
    double hi, lo;
};

ExactSum exact_sum(uint16_t a, uint16_t b, float acc) {
    const double p = double(matrix::bf16_to_float(a)) * double(matrix::bf16_to_float(b));
    const double c = acc, s = p + c, bb = s - p;
    return {s, (p - (s - bb)) + (c - bb)};
}

// L of docs/matrix-numerics.md (Approx mode, step 6): the anchor W minus the position of the
// leading one of the exact sum. |hi + lo| lies within half an ulp of |hi|, so its leading bit
// is hi's unless hi is a power of two and lo points toward zero, when it is one lower.
// Requires a nonzero sum.
int leading_zeros(uint16_t a, uint16_t b, float acc, const ExactSum& sum) {
    int exp2 = 0;
    const double mantissa = std::frexp(std::fabs(sum.hi), &exp2);  // |hi| = mantissa * 2^exp2
    int lambda = exp2 - 1 + 127;
    if (mantissa == 0.5 && sum.lo != 0.0 && std::signbit(sum.lo) != std::signbit(sum.hi)) --lambda;

    const int ep = exponent_of((a >> 7) & 0xffu) + exponent_of((b >> 7) & 0xffu) - 127;
    const int ec = exponent_of((matrix::float_bits(acc) >> 23) & 0xffu);
    const bool zero_product = (a & 0x7fffu) == 0 || (b & 0x7fffu) == 0;
    return (zero_product ? ec : std::max(ep, ec)) - lambda;
}

}  // namespace

StepStats step_stats(const Bf16Matrix& a, const Bf16Matrix& b, const matrix::MacConfig& cfg,
                     int64_t budget) {
    StepStats s;
    const int64_t per_row = int64_t(b.cols) * a.cols;
    const int rows = per_row == 0 ? 0 : int(std::clamp<int64_t>(budget / per_row, 1, a.rows));
    const int g = cfg.mode == matrix::MacConfig::Mode::Exact ? 1 : cfg.norm_group_bits;
    int64_t short_window = 0, differ = 0, nonzero = 0;
    double error_sum = 0.0;
    for (int i = 0; i < rows; ++i)
        for (int j = 0; j < b.cols; ++j) {
            float acc = 0.0f;
            for (int k = 0; k < a.cols; ++k) {
                const uint16_t x = a.at(i, k), y = b.at(k, j);
                const float exact = matrix::mac_exact(x, y, acc);
                const float result = matrix::mac(x, y, acc, cfg);
                differ += matrix::float_bits(result) != matrix::float_bits(exact);
                const ExactSum sum = exact_sum(x, y, acc);
                if (sum.hi != 0.0) {
                    const int l = leading_zeros(x, y, acc, sum);
                    short_window += l >= 1 && l < g;
                    // result - hi is exact or nearly (the two are close); lo is the rest.
                    error_sum += std::fabs((double(result) - sum.hi) - sum.lo) / std::fabs(sum.hi);
                    ++nonzero;
                }
                acc = exact;
                ++s.sampled;
            }
        }
    if (s.sampled > 0) {
        s.short_window = double(short_window) / double(s.sampled);
        s.differ = double(differ) / double(s.sampled);
    }
    if (nonzero > 0) s.mean_error = error_sum / double(nonzero);
    return s;
}

nlohmann::json to_json(const StepStats& s) {
    return {{"sampled", s.sampled},
            {"short_window", s.short_window},
            {"differ", s.differ},
            {"mean_error", s.mean_error}};
}

}  // namespace accelvp::sw::accuracy
