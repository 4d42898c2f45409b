// The accuracy study's workloads: their shapes (full and quick sets) and their operands, drawn
// from seeded streams (rng.h) and rounded to bf16 as the engine reads them. The distributions
// are described in docs/approx-study.md (Method).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sw/accuracy/linalg.h"

namespace accelvp::sw::accuracy {

enum class Distribution { Uniform, Normal };

// C = A x B with A and B drawn independently from one distribution: uniform in [-1, 1) or
// standard normal.
struct RandomCase {
    Distribution distribution;
    int m, n, k;
};

// One attention head: S = Q K^T / sqrt(d), P = softmax(S), O = P V; Q, K, V are seq x d.
struct AttentionCase {
    int seq, d;
};

// A transformer MLP block: Y = GELU(X W1) W2 with X tokens x d_model.
struct MlpCase {
    int tokens, d_model, d_ff;
};

struct Workloads {
    std::vector<RandomCase> random;
    std::vector<AttentionCase> attention;
    std::vector<MlpCase> mlp;
};

// The study's sizes (docs/approx-study.md) and a small set that runs in well under a second.
Workloads full_workloads();
Workloads quick_workloads();

std::string name_of(Distribution d);

Bf16Matrix random_matrix(int rows, int cols, Distribution d, uint64_t seed);

// Activations as seen in LLM layers: each channel (column) normal with its own scale
// (log-normal, sigma 0.5), and one channel in 32 an outlier, 3 to 6 times larger. Channels
// listed in outliers are the outliers (Q and K of a head share theirs, as their large
// channels do in real models); pick_outliers draws such a list.
std::vector<int> pick_outliers(int channels, uint64_t seed);
Bf16Matrix activations(int rows, int channels, const std::vector<int>& outliers, uint64_t seed);

// Weights: normal with mean 0 and standard deviation 1 / sqrt(fan_in), fan_in = rows.
Bf16Matrix weights(int rows, int cols, uint64_t seed);

}  // namespace accelvp::sw::accuracy
