// What approx mode does to single multiply-add steps, as opposed to whole outputs. Along exact
// mode's accumulation of a sample of a GEMM's outputs, each step a[i][k] * b[k][j] + acc is also
// computed in the configuration from the same accumulator. That isolates a step's own effect
// from error already carried in the accumulator, and shows how often the coarse normaliser
// leaves leading zeros (common) against how often that changes the result (rare).
// When G divides G', G' never shifts further than G (docs/matrix-numerics.md, step 7), so its
// rounding grid is a subset of G's: with the same rounding, every step's error is at least
// G's, and so is mean_error. Whole outputs have no such guarantee: a step's error travels on
// in the accumulator, and a later rounding can shrink or cancel it.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

#include "ip/matrix/mac.h"
#include "sw/accuracy/linalg.h"

namespace accelvp::sw::accuracy {

struct StepStats {
    int64_t sampled = 0;      // steps looked at
    double short_window = 0;  // fraction with 1 <= L < G leading zeros left (fewer than 24
                              // significant bits kept); L as in docs/matrix-numerics.md
    double differ = 0;        // fraction whose result differs from exact mode's
    double mean_error = 0;    // mean of |result - (a * b + acc)| / |a * b + acc| over the
                              // steps with a nonzero exact sum: rounding error included, so
                              // G = 1 gives exact mode's own
};

// Samples whole rows of outputs from the top, as many as keep the steps within budget (at
// least one row). Uses the scalar mac() (the integer datapath), about 30 M steps per second.
StepStats step_stats(const Bf16Matrix& a, const Bf16Matrix& b, const matrix::MacConfig& cfg,
                     int64_t budget);

nlohmann::json to_json(const StepStats& s);

}  // namespace accelvp::sw::accuracy
