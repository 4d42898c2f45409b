// The accuracy study of approx mode (docs/approx-study.md): every workload over the sweep of
// MAC configurations, as one JSON document that the report prints and --json writes.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "sw/accuracy/layers.h"

namespace accelvp::sw::accuracy {

struct StudyOptions {
    bool quick = false;   // quick_workloads() instead of full_workloads()
    uint64_t seed = 1;    // the run's seed, from which every operand follows
    double floor = 0.01;  // element-wise relative error: fraction of the row's RMS (metrics.h)
};

// Approx mode with G = 1 rounding to nearest even first: the same arithmetic as exact mode,
// a sanity row whose errors must all be zero. Then G = 2, 3, 4, 6, 8, 12, each rounding to
// nearest even and toward zero.
Sweep sweep_configs();

// Runs the study; progress receives a line as each workload starts. The document:
// {"tool", "seed", "quick", "floor", "kernel", "sweep": [configs], "gemms": [...],
//  "end_to_end": [...], "elapsed_seconds"}.
nlohmann::json run_study(const StudyOptions& options,
                         const std::function<void(const std::string&)>& progress);

}  // namespace accelvp::sw::accuracy
