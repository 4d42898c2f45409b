#include "sw/accuracy/study.h"

#include <fmt/format.h>

#include <chrono>

#include "ip/matrix/mac_kernel.h"
#include "sw/accuracy/rng.h"
#include "sw/accuracy/scorer.h"

namespace accelvp::sw::accuracy {

using matrix::MacConfig;

namespace {

// Workload ids under the run's seed: a kind's base plus the case's index, so that a case keeps
// its operands when cases of another kind are added.
constexpr uint64_t kRandomBase = 100, kAttentionBase = 200, kMlpBase = 300;

}  // namespace

Sweep sweep_configs() {
    Sweep sweep;
    auto approx = [](int g, MacConfig::Rounding r) {
        MacConfig cfg;
        cfg.mode = MacConfig::Mode::Approx;
        cfg.norm_group_bits = g;
        cfg.rounding = r;
        return cfg;
    };
    sweep.push_back(approx(1, MacConfig::Rounding::NearestEven));
    for (int g : {2, 3, 4, 6, 8, 12})
        for (MacConfig::Rounding r :
             {MacConfig::Rounding::NearestEven, MacConfig::Rounding::TowardZero})
            sweep.push_back(approx(g, r));
    return sweep;
}

nlohmann::json run_study(const StudyOptions& options,
                         const std::function<void(const std::string&)>& progress) {
    const auto start = std::chrono::steady_clock::now();
    const Workloads workloads = options.quick ? quick_workloads() : full_workloads();
    const Sweep sweep = sweep_configs();

    nlohmann::json doc = {
        {"tool", "approx_accuracy"},
        {"seed", options.seed},
        {"quick", options.quick},
        {"floor", options.floor},
        // The figures are the same on both paths; only the time depends on it.
        {"kernel", matrix::kernel_has_fma() ? "avx2-fma" : "portable"},
        {"sweep", nlohmann::json::array()},
        {"gemms", nlohmann::json::array()},
        {"end_to_end", nlohmann::json::array()},
    };
    for (const MacConfig& cfg : sweep) doc["sweep"].push_back(config_json(cfg));

    auto collect = [&](const std::string& what, uint64_t seed, auto&& run) {
        progress(fmt::format("{} (seed 0x{:016x})", what, seed));
        WorkloadResult r = run(seed);
        for (auto& g : r.gemms) doc["gemms"].push_back(std::move(g));
        if (!r.end_to_end.is_null()) doc["end_to_end"].push_back(std::move(r.end_to_end));
    };
    for (size_t i = 0; i < workloads.random.size(); ++i) {
        const RandomCase& c = workloads.random[i];
        collect(fmt::format("random {} {}x{}x{}", name_of(c.distribution), c.m, c.n, c.k),
                derive_seed(options.seed, kRandomBase + i),
                [&](uint64_t s) { return run_random(c, s, sweep, options.floor); });
    }
    for (size_t i = 0; i < workloads.attention.size(); ++i) {
        const AttentionCase& c = workloads.attention[i];
        collect(fmt::format("attention seq={} d={}", c.seq, c.d),
                derive_seed(options.seed, kAttentionBase + i),
                [&](uint64_t s) { return run_attention(c, s, sweep, options.floor); });
    }
    for (size_t i = 0; i < workloads.mlp.size(); ++i) {
        const MlpCase& c = workloads.mlp[i];
        collect(fmt::format("mlp tokens={} d_model={} d_ff={}", c.tokens, c.d_model, c.d_ff),
                derive_seed(options.seed, kMlpBase + i),
                [&](uint64_t s) { return run_mlp(c, s, sweep, options.floor); });
    }
    doc["elapsed_seconds"] =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return doc;
}

}  // namespace accelvp::sw::accuracy
