// The arithmetic around the engine's GEMMs in the accuracy study: the engine's GEMM itself
// (ip/matrix/mac_kernel.h, any MAC configuration), a float64 GEMM of the same operands as the
// reference, conversions to bf16 that round correctly from double, and the float-side steps of
// the transformer-like layers (softmax, GELU).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "ip/matrix/mac.h"

namespace accelvp::sw::accuracy {

// Row-major, dense.
template <typename T>
struct Matrix {
    int rows = 0;
    int cols = 0;
    std::vector<T> data;

    Matrix() = default;
    Matrix(int r, int c) : rows(r), cols(c), data(std::size_t(r) * std::size_t(c), T{}) {}
    T& at(int i, int j) { return data[std::size_t(i) * cols + j]; }
    const T& at(int i, int j) const { return data[std::size_t(i) * cols + j]; }
};

using Bf16Matrix = Matrix<uint16_t>;

// a x b on the engine's MAC (accumulators start at +0, each output accumulates over k in
// order), the fp32 accumulators before any output rounding.
Matrix<float> engine_gemm(const Bf16Matrix& a, const Bf16Matrix& b, const matrix::MacConfig& cfg);

// a x b in double. On bf16 operands the products are exact and the sums carry 53 bits, far
// beyond fp32's 24: a reference whose own error does not show in the study's figures.
Matrix<double> gemm_f64(const Matrix<double>& a, const Matrix<double>& b);

Matrix<double> widen(const Bf16Matrix& m);
Matrix<double> widen(const Matrix<float>& m);
Bf16Matrix transpose(const Bf16Matrix& m);

// The nearest bf16 to x, ties to even, without the double rounding of double -> float -> bf16.
uint16_t bf16_from_double(double x);
Bf16Matrix to_bf16(const Matrix<double>& m);

// Row-wise softmax of scale * logits in double (the reference and the KL divergence).
Matrix<double> softmax_rows(const Matrix<double>& logits, double scale);

// Row-wise softmax of scale * scores computed in float, rounded to bf16: the probabilities a
// bf16 engine receives for P x V.
Bf16Matrix softmax_rows_bf16(const Matrix<float>& scores, float scale);

// GELU, the erf form: x * Phi(x).
double gelu(double x);
Matrix<double> gelu(const Matrix<double>& m);

}  // namespace accelvp::sw::accuracy
