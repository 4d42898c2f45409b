// Runs each workload of the study over the sweep of MAC configurations: its GEMMs scored one
// by one from the same operands (scorer.h), and for the transformer-like layers the end-to-end
// figures of the whole layer computed in each configuration.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "ip/matrix/mac.h"
#include "sw/accuracy/workloads.h"

namespace accelvp::sw::accuracy {

using Sweep = std::vector<matrix::MacConfig>;

struct WorkloadResult {
    std::vector<nlohmann::json> gemms;  // GemmScorer::json() plus "workload" and "seed"
    nlohmann::json end_to_end;          // null for the random GEMMs
};

WorkloadResult run_random(const RandomCase& c, uint64_t seed, const Sweep& sweep, double floor);

// Per GEMM: S = Q K^T from the same Q, K; P V from the same P (exact mode's softmax). End to
// end, with every GEMM in the configuration: the softmax of the scores (argmax changes, KL
// divergence from exact mode's) and the head's output O.
WorkloadResult run_attention(const AttentionCase& c, uint64_t seed, const Sweep& sweep,
                             double floor);

// Per GEMM: X W1, and H W2 from the same H (exact mode's GELU output). End to end: the block's
// output Y with both GEMMs in the configuration.
WorkloadResult run_mlp(const MlpCase& c, uint64_t seed, const Sweep& sweep, double floor);

}  // namespace accelvp::sw::accuracy
