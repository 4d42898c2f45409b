// How far a GEMM's output (or a layer's) lies from a reference, the figures of the accuracy
// study (docs/approx-study.md, Method). For a result y and a reference r with rows r_i:
//  - element-wise relative error e_ij = |y_ij - r_ij| / max(|r_ij|, floor * rms(r_i)), where
//    rms(r_i) = ||r_i||_2 / sqrt(cols): outputs that cancelled to near zero are measured
//    against the size of their row instead of their own, which would make any error look huge;
//  - row-wise normwise error ||y_i - r_i||_2 / ||r_i||_2;
//  - normwise error of the matrix ||y - r||_F / ||r||_F;
//  - the fractions of outputs whose fp32 bits, and whose bf16 bits after rounding to nearest
//    even, differ from the reference's.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "sw/accuracy/linalg.h"

namespace accelvp::sw::accuracy {

struct ErrorStats {
    double mean_rel = 0;      // mean of e_ij
    double max_rel = 0;       // max of e_ij
    double row_rel_mean = 0;  // mean over rows of the row-wise normwise error
    double row_rel_max = 0;   // max over rows
    double normwise = 0;      // ||y - r||_F / ||r||_F
    double fp32_differ = 0;   // fraction of outputs
    double bf16_differ = 0;   // fraction of outputs
};

// A reference: its values, and the fp32 and bf16 outputs that a unit computing it would give.
struct Reference {
    Matrix<double> value;
    std::vector<uint32_t> fp32;
    std::vector<uint16_t> bf16;
};

// Exact mode's result as the reference: its own bits.
Reference reference_of(const Matrix<float>& exact);
// A float64 result as the reference: its correctly rounded fp32 and bf16.
Reference reference_of(const Matrix<double>& f64);

// Throws std::invalid_argument when the shapes differ.
ErrorStats compare(const Matrix<float>& result, const Reference& ref, double floor);

// How a row-wise softmax of scale * logits moves when the logits move from ref_logits to logits:
// the fraction of rows whose argmax changes (first index on ties) and the KL divergence D(p ||
// p_ref) = sum p log(p / p_ref) per row, in nats.
struct SoftmaxShift {
    double argmax_changed = 0;
    double kl_mean = 0;
    double kl_max = 0;
};
SoftmaxShift softmax_shift(const Matrix<double>& logits, const Matrix<double>& ref_logits,
                           double scale);

// The shape of a row-wise softmax of scale * logits, to describe a workload: the standard
// deviation of the scaled logits over the whole matrix, and per row (averaged) the largest
// probability and the entropy in nats (log(cols) for a uniform row).
struct SoftmaxShape {
    double logit_sd = 0;
    double top_probability = 0;
    double entropy = 0;
};
SoftmaxShape softmax_shape(const Matrix<double>& logits, double scale);

nlohmann::json to_json(const ErrorStats& s);
nlohmann::json to_json(const SoftmaxShift& s);
nlohmann::json to_json(const SoftmaxShape& s);

}  // namespace accelvp::sw::accuracy
