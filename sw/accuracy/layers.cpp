#include "sw/accuracy/layers.h"

#include <fmt/format.h>

#include <cmath>
#include <functional>
#include <string>

#include "sw/accuracy/metrics.h"
#include "sw/accuracy/rng.h"
#include "sw/accuracy/scorer.h"

namespace accelvp::sw::accuracy {

namespace {

// Operand ids under a workload's seed (rng.h's derive_seed): fixed, so that adding an operand
// to one workload leaves the others' operands as they were.
enum Operand : uint64_t {
    kA = 1,
    kB,
    kQ,
    kK,
    kV,
    kQkOutliers,
    kVOutliers,
    kX,
    kXOutliers,
    kW1,
    kW2
};

nlohmann::json tagged(nlohmann::json gemm, const char* workload, uint64_t seed) {
    gemm["workload"] = workload;
    gemm["seed"] = seed;
    return gemm;
}

// A layer made of two GEMMs with an element-wise step between them: out = step(a x b) x c.
// The engine side rounds the step's output to bf16 for the second GEMM; the float64 reference
// keeps it in double.
struct Chain {
    const char* workload;
    std::string first_name, second_name;
    const Bf16Matrix& a;
    const Bf16Matrix& b;
    const Bf16Matrix& c;
    std::function<Bf16Matrix(const Matrix<float>&)> step;
    std::function<Matrix<double>(const Matrix<double>&)> step_f64;
    // Figures on the first GEMM's output itself, from its values and the reference's, under
    // the key inspect_key; empty when the layer has none.
    std::function<nlohmann::json(const Matrix<double>&, const Matrix<double>&)> inspect;
    const char* inspect_key;
};

WorkloadResult run_chain(const Chain& chain, uint64_t seed, const Sweep& sweep, double floor,
                         nlohmann::json end_to_end) {
    GemmScorer first(chain.first_name, chain.a, chain.b, floor);
    const Bf16Matrix mid_exact = chain.step(first.exact());
    GemmScorer second(chain.second_name, mid_exact, chain.c, floor);
    const Reference out_exact = reference_of(second.exact());
    const Matrix<double> out_f64 = gemm_f64(chain.step_f64(first.f64()), widen(chain.c));

    nlohmann::json baseline = {
        {"output", to_json(compare(second.exact(), reference_of(out_f64), floor))}};
    if (chain.inspect)
        baseline[chain.inspect_key] = chain.inspect(widen(first.exact()), first.f64());
    end_to_end["baseline"] = baseline;
    end_to_end["sweep"] = nlohmann::json::array();
    for (const matrix::MacConfig& cfg : sweep) {
        const Matrix<float> mid = first.run(cfg);
        second.run(cfg);
        const Matrix<float> out = engine_gemm(chain.step(mid), chain.c, cfg);
        nlohmann::json entry = config_json(cfg);
        entry["output"] = to_json(compare(out, out_exact, floor));
        if (chain.inspect)
            entry[chain.inspect_key] = chain.inspect(widen(mid), widen(first.exact()));
        end_to_end["sweep"].push_back(entry);
    }
    end_to_end["seed"] = seed;
    return {
        {tagged(first.json(), chain.workload, seed), tagged(second.json(), chain.workload, seed)},
        end_to_end};
}

}  // namespace

WorkloadResult run_random(const RandomCase& c, uint64_t seed, const Sweep& sweep, double floor) {
    const Bf16Matrix a = random_matrix(c.m, c.k, c.distribution, derive_seed(seed, kA));
    const Bf16Matrix b = random_matrix(c.k, c.n, c.distribution, derive_seed(seed, kB));
    GemmScorer gemm(fmt::format("{} {}x{}x{}", name_of(c.distribution), c.m, c.n, c.k), a, b,
                    floor);
    for (const matrix::MacConfig& cfg : sweep) gemm.run(cfg);
    nlohmann::json j = tagged(gemm.json(), "random", seed);
    j["distribution"] = name_of(c.distribution);
    return {{j}, nullptr};
}

WorkloadResult run_attention(const AttentionCase& c, uint64_t seed, const Sweep& sweep,
                             double floor) {
    const std::vector<int> qk_outliers = pick_outliers(c.d, derive_seed(seed, kQkOutliers));
    const Bf16Matrix q = activations(c.seq, c.d, qk_outliers, derive_seed(seed, kQ));
    const Bf16Matrix kt = transpose(activations(c.seq, c.d, qk_outliers, derive_seed(seed, kK)));
    const Bf16Matrix v = activations(c.seq, c.d, pick_outliers(c.d, derive_seed(seed, kVOutliers)),
                                     derive_seed(seed, kV));
    const double scale = 1.0 / std::sqrt(double(c.d));
    const std::string shape = fmt::format("seq={} d={}", c.seq, c.d);
    const Chain chain{
        "attention",
        fmt::format("attention scores Q K^T, {}", shape),
        fmt::format("attention P V, {}", shape),
        q,
        kt,
        v,
        [scale](const Matrix<float>& s) { return softmax_rows_bf16(s, float(scale)); },
        [scale](const Matrix<double>& s) { return softmax_rows(s, scale); },
        [scale](const Matrix<double>& s, const Matrix<double>& ref) {
            return to_json(softmax_shift(s, ref, scale));
        },
        "scores",
    };
    // The scores' softmax as the float64 reference has it, to show how peaked the head is.
    const Matrix<double> s_f64 = gemm_f64(widen(q), widen(kt));
    return run_chain(chain, seed, sweep, floor,
                     {{"name", fmt::format("attention head, {}", shape)},
                      {"kind", "attention"},
                      {"seq", c.seq},
                      {"d", c.d},
                      {"qk_outlier_channels", qk_outliers},
                      {"softmax", to_json(softmax_shape(s_f64, scale))}});
}

WorkloadResult run_mlp(const MlpCase& c, uint64_t seed, const Sweep& sweep, double floor) {
    const Bf16Matrix x =
        activations(c.tokens, c.d_model, pick_outliers(c.d_model, derive_seed(seed, kXOutliers)),
                    derive_seed(seed, kX));
    const Bf16Matrix w1 = weights(c.d_model, c.d_ff, derive_seed(seed, kW1));
    const Bf16Matrix w2 = weights(c.d_ff, c.d_model, derive_seed(seed, kW2));
    const std::string shape =
        fmt::format("tokens={} d_model={} d_ff={}", c.tokens, c.d_model, c.d_ff);
    const Chain chain{
        "mlp",
        fmt::format("mlp X W1, {}", shape),
        fmt::format("mlp GELU(X W1) W2, {}", shape),
        x,
        w1,
        w2,
        [](const Matrix<float>& h) { return to_bf16(gelu(widen(h))); },
        [](const Matrix<double>& h) { return gelu(h); },
        nullptr,
        nullptr,
    };
    return run_chain(chain, seed, sweep, floor,
                     {{"name", fmt::format("mlp block, {}", shape)},
                      {"kind", "mlp"},
                      {"tokens", c.tokens},
                      {"d_model", c.d_model},
                      {"d_ff", c.d_ff}});
}

}  // namespace accelvp::sw::accuracy
