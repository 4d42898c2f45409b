// One GEMM of the study: its operands' exact-mode result and float64 value are computed once,
// then each MAC configuration's result is scored against both, and a sample of its single
// steps against exact mode's (steps.h).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "ip/matrix/mac.h"
#include "sw/accuracy/linalg.h"
#include "sw/accuracy/metrics.h"

namespace accelvp::sw::accuracy {

// {"mode", "group_bits", "rounding"}: how the study names a configuration.
nlohmann::json config_json(const matrix::MacConfig& cfg);

class GemmScorer {
public:
    // a and b must outlive the scorer.
    GemmScorer(std::string name, const Bf16Matrix& a, const Bf16Matrix& b, double floor);

    const Matrix<float>& exact() const { return exact_; }
    const Matrix<double>& f64() const { return f64_; }

    // Computes a x b in cfg, records its figures against exact mode and float64, and returns
    // the result for what a layer does next with it.
    Matrix<float> run(const matrix::MacConfig& cfg);

    // {"name", "m", "n", "k", "baseline": exact mode against float64,
    //  "sweep": [{config, "vs_exact": ..., "vs_f64": ..., "steps": step_stats()}, ...]}
    nlohmann::json json() const;

private:
    std::string name_;
    const Bf16Matrix& a_;
    const Bf16Matrix& b_;
    double floor_;
    Matrix<float> exact_;
    Matrix<double> f64_;
    Reference ref_exact_, ref_f64_;
    nlohmann::json sweep_ = nlohmann::json::array();
};

}  // namespace accelvp::sw::accuracy
