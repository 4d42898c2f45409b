// Deterministic random numbers for the accuracy study's operands. splitmix64 and Box-Muller are
// written out here instead of <random>'s distributions, whose output differs from one standard
// library to another: a seed must name the same operands on every host.
#pragma once

#include <cmath>
#include <cstdint>

namespace accelvp::sw::accuracy {

class Rng {
public:
    explicit Rng(uint64_t seed) : state_(seed) {}

    uint64_t next() {
        uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }

    // [0, 1) with 53 random bits.
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

    // Standard normal; Box-Muller yields two values per pair of uniforms, the second is kept.
    double normal() {
        if (has_spare_) {
            has_spare_ = false;
            return spare_;
        }
        double u1 = uniform();
        while (u1 == 0.0) u1 = uniform();  // log(0) would be -inf
        const double radius = std::sqrt(-2.0 * std::log(u1));
        const double angle = 2.0 * M_PI * uniform();
        spare_ = radius * std::sin(angle);
        has_spare_ = true;
        return radius * std::cos(angle);
    }

private:
    uint64_t state_;
    double spare_ = 0.0;
    bool has_spare_ = false;
};

// Independent streams: a workload's seed from the run's seed and the workload's id, an
// operand's from the workload's seed and the operand's id. Mixing keeps nearby seeds apart.
inline uint64_t derive_seed(uint64_t parent, uint64_t child) {
    Rng mix(parent ^ (child * 0xd1b54a32d192ed03ull));
    return mix.next();
}

}  // namespace accelvp::sw::accuracy
