#include "sw/accuracy/workloads.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "sw/accuracy/rng.h"

namespace accelvp::sw::accuracy {

namespace {

// A channel in kOutlierEvery is an outlier: 2 of 64, 4 of 128, 16 of 512. Their factor makes
// them dominate Q K^T as massive activations do, while the scores stay a few units wide after
// the 1 / sqrt(d) scaling (a peaked but not one-hot softmax).
constexpr int kOutlierEvery = 32;
constexpr double kOutlierMin = 3.0, kOutlierMax = 6.0;
constexpr double kChannelSigma = 0.5;  // log-normal spread of the ordinary channels' scales

template <typename Draw>
Bf16Matrix draw_matrix(int rows, int cols, Draw draw) {
    Matrix<double> m(rows, cols);
    for (int i = 0; i < rows; ++i)
        for (int j = 0; j < cols; ++j) m.at(i, j) = draw(j);
    return to_bf16(m);
}

}  // namespace

Workloads full_workloads() {
    // Sizes for a run of about a minute at the approx kernel's ~150 M MAC/s (13 configurations).
    // 128 x 128 x 1024 and the MLP's K = 2048 are the long accumulations.
    Workloads w;
    for (Distribution d : {Distribution::Uniform, Distribution::Normal})
        for (auto [m, n, k] : {std::array<int, 3>{64, 64, 64}, {256, 256, 256}, {128, 128, 1024}})
            w.random.push_back({d, m, n, k});
    w.attention = {{128, 64}, {512, 64}, {256, 128}, {512, 128}};
    w.mlp = {{128, 512, 2048}};
    return w;
}

Workloads quick_workloads() {
    Workloads w;
    w.random = {{Distribution::Uniform, 32, 32, 64},
                {Distribution::Normal, 32, 32, 64},
                {Distribution::Normal, 16, 16, 512}};
    w.attention = {{64, 32}};
    w.mlp = {{16, 64, 256}};
    return w;
}

std::string name_of(Distribution d) {
    return d == Distribution::Uniform ? "uniform[-1,1)" : "normal(0,1)";
}

Bf16Matrix random_matrix(int rows, int cols, Distribution d, uint64_t seed) {
    Rng rng(seed);
    return draw_matrix(rows, cols, [&](int) {
        return d == Distribution::Uniform ? rng.uniform(-1.0, 1.0) : rng.normal();
    });
}

std::vector<int> pick_outliers(int channels, uint64_t seed) {
    Rng rng(seed);
    std::vector<int> all(static_cast<size_t>(channels), 0);
    for (int c = 0; c < channels; ++c) all[size_t(c)] = c;
    // Fisher-Yates prefix: the first count entries are a uniform sample without repeats.
    const int count = std::max(1, channels / kOutlierEvery);
    for (int i = 0; i < count; ++i) {
        const int j = i + int(rng.next() % uint64_t(channels - i));
        std::swap(all[size_t(i)], all[size_t(j)]);
    }
    all.resize(size_t(count));
    return all;
}

Bf16Matrix activations(int rows, int channels, const std::vector<int>& outliers, uint64_t seed) {
    Rng rng(seed);
    std::vector<double> scale(static_cast<size_t>(channels));
    for (double& s : scale) s = std::exp(kChannelSigma * rng.normal());
    for (int c : outliers) scale[size_t(c)] *= rng.uniform(kOutlierMin, kOutlierMax);
    return draw_matrix(rows, channels, [&](int j) { return scale[size_t(j)] * rng.normal(); });
}

Bf16Matrix weights(int rows, int cols, uint64_t seed) {
    Rng rng(seed);
    const double sd = 1.0 / std::sqrt(double(rows));
    return draw_matrix(rows, cols, [&](int) { return sd * rng.normal(); });
}

}  // namespace accelvp::sw::accuracy
