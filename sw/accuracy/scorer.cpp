#include "sw/accuracy/scorer.h"

#include <utility>

#include "sw/accuracy/steps.h"

namespace accelvp::sw::accuracy {

using matrix::MacConfig;

namespace {

// Steps sampled per GEMM and configuration: about 10 ms of the scalar datapath each, 2^18
// steps, enough to see events of one in 10^5 steps a few times.
constexpr int64_t kStepBudget = int64_t{1} << 18;

}  // namespace

nlohmann::json config_json(const MacConfig& cfg) {
    return {{"mode", cfg.mode == MacConfig::Mode::Exact ? "exact" : "approx"},
            {"group_bits", cfg.norm_group_bits},
            {"rounding",
             cfg.rounding == MacConfig::Rounding::NearestEven ? "nearest-even" : "toward-zero"}};
}

GemmScorer::GemmScorer(std::string name, const Bf16Matrix& a, const Bf16Matrix& b, double floor)
    : name_(std::move(name)),
      a_(a),
      b_(b),
      floor_(floor),
      exact_(engine_gemm(a, b, MacConfig{})),
      f64_(gemm_f64(widen(a), widen(b))),
      ref_exact_(reference_of(exact_)),
      ref_f64_(reference_of(f64_)) {}

Matrix<float> GemmScorer::run(const MacConfig& cfg) {
    Matrix<float> result = engine_gemm(a_, b_, cfg);
    nlohmann::json entry = config_json(cfg);
    entry["vs_exact"] = to_json(compare(result, ref_exact_, floor_));
    entry["vs_f64"] = to_json(compare(result, ref_f64_, floor_));
    entry["steps"] = to_json(step_stats(a_, b_, cfg, kStepBudget));
    sweep_.push_back(std::move(entry));
    return result;
}

nlohmann::json GemmScorer::json() const {
    return {{"name", name_},
            {"m", a_.rows},
            {"n", b_.cols},
            {"k", a_.cols},
            {"baseline", to_json(compare(exact_, ref_f64_, floor_))},
            {"sweep", sweep_}};
}

}  // namespace accelvp::sw::accuracy
