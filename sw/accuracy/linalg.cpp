#include "sw/accuracy/linalg.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "ip/matrix/bf16.h"
#include "ip/matrix/mac_kernel.h"

namespace accelvp::sw::accuracy {

namespace {

void require_inner(int a_cols, int b_rows) {
    if (a_cols != b_rows) throw std::invalid_argument("gemm: inner dimensions differ");
}

template <typename From>
Matrix<double> widen_with(const Matrix<From>& m, double (*convert)(From)) {
    Matrix<double> out(m.rows, m.cols);
    for (size_t i = 0; i < m.data.size(); ++i) out.data[i] = convert(m.data[i]);
    return out;
}

}  // namespace

Matrix<float> engine_gemm(const Bf16Matrix& a, const Bf16Matrix& b, const matrix::MacConfig& cfg) {
    require_inner(a.cols, b.rows);
    Matrix<float> acc(a.rows, b.cols);
    matrix::accumulate_tile(acc.data.data(), a.rows, b.cols, a.data.data(), b.data.data(), a.cols,
                            cfg);
    return acc;
}

Matrix<double> gemm_f64(const Matrix<double>& a, const Matrix<double>& b) {
    require_inner(a.cols, b.rows);
    Matrix<double> c(a.rows, b.cols);
    // i-k-j order: the inner loop runs along contiguous rows of b and c, which vectorises.
    for (int i = 0; i < a.rows; ++i) {
        double* crow = &c.at(i, 0);
        for (int k = 0; k < a.cols; ++k) {
            const double aik = a.at(i, k);
            const double* brow = &b.at(k, 0);
            for (int j = 0; j < b.cols; ++j) crow[j] += aik * brow[j];
        }
    }
    return c;
}

Matrix<double> widen(const Bf16Matrix& m) {
    return widen_with<uint16_t>(m, [](uint16_t v) { return double(matrix::bf16_to_float(v)); });
}

Matrix<double> widen(const Matrix<float>& m) {
    return widen_with<float>(m, [](float v) { return double(v); });
}

Bf16Matrix transpose(const Bf16Matrix& m) {
    Bf16Matrix t(m.cols, m.rows);
    for (int i = 0; i < m.rows; ++i)
        for (int j = 0; j < m.cols; ++j) t.at(j, i) = m.at(i, j);
    return t;
}

uint16_t bf16_from_double(double x) {
    if (std::isnan(x)) return matrix::kBf16CanonicalNaN;
    float f = static_cast<float>(x);
    // Round to odd at fp32 first (an inexact result takes the odd one of its two float
    // neighbours): fp32 has more than two bits beyond bf16's eight, so rounding that to
    // nearest even gives the correctly rounded bf16 (Boldo and Melquiond's round to odd).
    if (std::isfinite(f) && double(f) != x && (matrix::float_bits(f) & 1u) == 0)
        f = std::nextafter(f, x > double(f) ? std::numeric_limits<float>::infinity()
                                            : -std::numeric_limits<float>::infinity());
    return matrix::float_to_bf16(f);
}

Bf16Matrix to_bf16(const Matrix<double>& m) {
    Bf16Matrix out(m.rows, m.cols);
    for (size_t i = 0; i < m.data.size(); ++i) out.data[i] = bf16_from_double(m.data[i]);
    return out;
}

Matrix<double> softmax_rows(const Matrix<double>& logits, double scale) {
    Matrix<double> p(logits.rows, logits.cols);
    for (int i = 0; i < logits.rows; ++i) {
        const double* row = &logits.at(i, 0);
        const double top = *std::max_element(row, row + logits.cols) * scale;
        double sum = 0.0;
        for (int j = 0; j < logits.cols; ++j) sum += (p.at(i, j) = std::exp(row[j] * scale - top));
        for (int j = 0; j < logits.cols; ++j) p.at(i, j) /= sum;
    }
    return p;
}

Bf16Matrix softmax_rows_bf16(const Matrix<float>& scores, float scale) {
    Bf16Matrix p(scores.rows, scores.cols);
    std::vector<float> e(size_t(scores.cols));
    for (int i = 0; i < scores.rows; ++i) {
        const float* row = &scores.at(i, 0);
        const float top = *std::max_element(row, row + scores.cols) * scale;
        float sum = 0.0f;
        for (int j = 0; j < scores.cols; ++j) sum += (e[j] = std::exp(row[j] * scale - top));
        for (int j = 0; j < scores.cols; ++j) p.at(i, j) = matrix::float_to_bf16(e[j] / sum);
    }
    return p;
}

double gelu(double x) {
    return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0)));
}

Matrix<double> gelu(const Matrix<double>& m) {
    Matrix<double> out(m.rows, m.cols);
    for (size_t i = 0; i < m.data.size(); ++i) out.data[i] = gelu(m.data[i]);
    return out;
}

}  // namespace accelvp::sw::accuracy
