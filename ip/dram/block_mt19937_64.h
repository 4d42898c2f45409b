// The sequence of std::mt19937_64, made a block at a time. The characterisation's random
// stream must draw exactly the numbers it always drew (its results are compared byte for
// byte), but it draws six per request, and std::mt19937_64 pays for each one a branch and a
// serial chain of tempering operations. Here the refill and the tempering are plain loops over
// the whole block of 312 numbers, which the compiler vectorises, and a draw is a load. Same
// recurrence and constants as the standard (it is MT19937-64, [rand.predef]); tests compare
// the two over several blocks.
#pragma once

#include <cstddef>
#include <cstdint>

namespace accelvp::dram {

class BlockMt19937_64 {
public:
    explicit BlockMt19937_64(uint64_t seed) {
        state_[0] = seed;
        for (size_t i = 1; i < kN; ++i)
            state_[i] = 6364136223846793005ULL * (state_[i - 1] ^ (state_[i - 1] >> 62)) + i;
    }

    uint64_t operator()() {
        if (next_ == kN) refill();
        return block_[next_++];
    }

private:
    static constexpr size_t kN = 312, kM = 156;

    // The next kN words of the state (the standard's twist), then each tempered into block_.
    void refill() {
        constexpr uint64_t upper = ~uint64_t{0} << 31, lower = ~upper;
        auto twist = [](uint64_t y) { return (y >> 1) ^ (-(y & 1) & 0xB5026F5AA96619E9ULL); };
        for (size_t i = 0; i < kN - kM; ++i)
            state_[i] = state_[i + kM] ^ twist((state_[i] & upper) | (state_[i + 1] & lower));
        for (size_t i = kN - kM; i < kN - 1; ++i)
            state_[i] = state_[i + kM - kN] ^ twist((state_[i] & upper) | (state_[i + 1] & lower));
        state_[kN - 1] = state_[kM - 1] ^ twist((state_[kN - 1] & upper) | (state_[0] & lower));
        for (size_t i = 0; i < kN; ++i) {
            uint64_t y = state_[i];
            y ^= (y >> 29) & 0x5555555555555555ULL;
            y ^= (y << 17) & 0x71D67FFFEDA60000ULL;
            y ^= (y << 37) & 0xFFF7EEE000000000ULL;
            block_[i] = y ^ (y >> 43);
        }
        next_ = 0;
    }

    uint64_t state_[kN];
    uint64_t block_[kN];
    size_t next_ = kN;
};

}  // namespace accelvp::dram
