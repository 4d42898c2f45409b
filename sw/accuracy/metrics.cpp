#include "sw/accuracy/metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "ip/matrix/bf16.h"

namespace accelvp::sw::accuracy {

namespace {

template <typename T, typename U>
void require_same_shape(const Matrix<T>& a, const Matrix<U>& b) {
    if (a.rows != b.rows || a.cols != b.cols)
        throw std::invalid_argument("compare: result and reference differ in shape");
}

// A zero reference row leaves only "no error" or "infinitely wrong".
double ratio(double error, double scale) {
    if (error == 0.0) return 0.0;
    return scale > 0.0 ? error / scale : std::numeric_limits<double>::infinity();
}

int argmax(const double* row, int n) {
    return int(std::max_element(row, row + n) - row);
}

}  // namespace

Reference reference_of(const Matrix<float>& exact) {
    Reference r{widen(exact), {}, {}};
    for (float v : exact.data) {
        r.fp32.push_back(matrix::float_bits(v));
        r.bf16.push_back(matrix::float_to_bf16(v));
    }
    return r;
}

Reference reference_of(const Matrix<double>& f64) {
    Reference r{f64, {}, {}};
    for (double v : f64.data) {
        r.fp32.push_back(matrix::float_bits(static_cast<float>(v)));
        r.bf16.push_back(bf16_from_double(v));
    }
    return r;
}

ErrorStats compare(const Matrix<float>& result, const Reference& ref, double floor) {
    require_same_shape(result, ref.value);
    ErrorStats s;
    double err_sq_total = 0.0, ref_sq_total = 0.0;
    size_t fp32_diff = 0, bf16_diff = 0;
    for (int i = 0; i < result.rows; ++i) {
        double err_sq = 0.0, ref_sq = 0.0;
        for (int j = 0; j < result.cols; ++j) {
            const double r = ref.value.at(i, j), d = double(result.at(i, j)) - r;
            err_sq += d * d;
            ref_sq += r * r;
        }
        const double row_floor = floor * std::sqrt(ref_sq / result.cols);
        for (int j = 0; j < result.cols; ++j) {
            const double r = ref.value.at(i, j);
            const double e =
                ratio(std::fabs(double(result.at(i, j)) - r), std::max(std::fabs(r), row_floor));
            s.mean_rel += e;
            s.max_rel = std::max(s.max_rel, e);
            const size_t k = size_t(i) * result.cols + j;
            fp32_diff += matrix::float_bits(result.data[k]) != ref.fp32[k];
            bf16_diff += matrix::float_to_bf16(result.data[k]) != ref.bf16[k];
        }
        const double row = ratio(std::sqrt(err_sq), std::sqrt(ref_sq));
        s.row_rel_mean += row;
        s.row_rel_max = std::max(s.row_rel_max, row);
        err_sq_total += err_sq;
        ref_sq_total += ref_sq;
    }
    const double n = double(result.data.size());
    if (n > 0) {
        s.mean_rel /= n;
        s.row_rel_mean /= result.rows;
        s.fp32_differ = double(fp32_diff) / n;
        s.bf16_differ = double(bf16_diff) / n;
    }
    s.normwise = ratio(std::sqrt(err_sq_total), std::sqrt(ref_sq_total));
    return s;
}

SoftmaxShift softmax_shift(const Matrix<double>& logits, const Matrix<double>& ref_logits,
                           double scale) {
    require_same_shape(logits, ref_logits);
    const Matrix<double> p = softmax_rows(logits, scale), q = softmax_rows(ref_logits, scale);
    SoftmaxShift s;
    for (int i = 0; i < p.rows; ++i) {
        s.argmax_changed +=
            argmax(&logits.at(i, 0), p.cols) != argmax(&ref_logits.at(i, 0), p.cols);
        // KL = sum p (log p - log q) = sum (p - q) d - log(sum q exp(d - dbar)), with d the
        // logit change and dbar its q-weighted mean. For the tiny changes studied here (KL of
        // order d^2, around 1e-14), this form has no first-order cancellation; summing
        // p log(p / q) directly would lose most of the digits.
        const double* l = &logits.at(i, 0);
        const double* lr = &ref_logits.at(i, 0);
        double dbar = 0.0;
        for (int j = 0; j < p.cols; ++j) dbar += q.at(i, j) * (l[j] - lr[j]) * scale;
        double first = 0.0, spread = 0.0;
        for (int j = 0; j < p.cols; ++j) {
            const double d = (l[j] - lr[j]) * scale;
            first += (p.at(i, j) - q.at(i, j)) * d;
            spread += q.at(i, j) * std::expm1(d - dbar);
        }
        // Rounding can leave a divergence that is zero in exact arithmetic a hair below zero.
        const double kl = std::max(first - std::log1p(spread), 0.0);
        s.kl_mean += kl;
        s.kl_max = std::max(s.kl_max, kl);
    }
    if (p.rows > 0) {
        s.argmax_changed /= p.rows;
        s.kl_mean /= p.rows;
    }
    return s;
}

SoftmaxShape softmax_shape(const Matrix<double>& logits, double scale) {
    SoftmaxShape s;
    const Matrix<double> p = softmax_rows(logits, scale);
    double sum = 0.0, sum_sq = 0.0;
    for (double v : logits.data) {
        sum += v * scale;
        sum_sq += v * scale * v * scale;
    }
    const double n = double(logits.data.size());
    if (n == 0 || p.rows == 0) return s;
    s.logit_sd = std::sqrt(std::max(sum_sq / n - (sum / n) * (sum / n), 0.0));
    for (int i = 0; i < p.rows; ++i) {
        const double* row = &p.at(i, 0);
        s.top_probability += *std::max_element(row, row + p.cols);
        for (int j = 0; j < p.cols; ++j)
            if (row[j] > 0.0) s.entropy -= row[j] * std::log(row[j]);
    }
    s.top_probability /= p.rows;
    s.entropy /= p.rows;
    return s;
}

nlohmann::json to_json(const ErrorStats& s) {
    return {{"mean_rel", s.mean_rel},         {"max_rel", s.max_rel},
            {"row_rel_mean", s.row_rel_mean}, {"row_rel_max", s.row_rel_max},
            {"normwise", s.normwise},         {"fp32_differ", s.fp32_differ},
            {"bf16_differ", s.bf16_differ}};
}

nlohmann::json to_json(const SoftmaxShape& s) {
    return {
        {"logit_sd", s.logit_sd}, {"top_probability", s.top_probability}, {"entropy", s.entropy}};
}

nlohmann::json to_json(const SoftmaxShift& s) {
    return {{"argmax_changed", s.argmax_changed}, {"kl_mean", s.kl_mean}, {"kl_max", s.kl_max}};
}

}  // namespace accelvp::sw::accuracy
