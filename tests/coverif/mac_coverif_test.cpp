// Co-verification of rtl/bf16_mac.sv: each Verilated variant (rtl/CMakeLists.txt) against the
// C++ model mac() in the same configuration, result bits compared exactly (both return the
// canonical NaN). Corner classes as a cross product, constructed ties, overflow and
// underflow, then 10 million random vectors per combinational variant from four
// distributions; the pipelined variants stream one vector per cycle with bubbles and are
// checked for latency and out_valid too. The first mismatch stops its test and names the
// variant, the operands and both results in hex.
#include <gtest/gtest.h>
#include <verilated.h>

#include <cmath>
#include <deque>
#include <optional>
#include <sstream>
#include <string>

#include "Vmac_approx_g3_rtz_p1.h"
#include "Vmac_approx_g4_rne.h"
#include "Vmac_approx_g4_rne_p2.h"
#include "Vmac_approx_g4_rtz.h"
#include "Vmac_approx_g8_rne.h"
#include "Vmac_exact.h"
#include "Vmac_exact_p3.h"
#include "ip/matrix/mac.h"
#include "tests/coverif/mac_coverif_vectors.h"

using namespace accelvp::matrix;
using namespace accelvp::matrix::coverif;

// The variants, outside the anonymous namespace so that ctest's test names read
// MacCoverif.<test><mac_rtl::Variant>.
namespace mac_rtl {

using Mode = MacConfig::Mode;
using Rounding = MacConfig::Rounding;

// A Verilated bf16_mac and the configuration its parameters stand for.
template <class V, Mode kMode, int kGroup, Rounding kRounding, int kStages>
struct Variant {
    using Model = V;
    static constexpr int stages = kStages;
    static MacConfig config() { return {kMode, kGroup, kRounding}; }
};
// One variant: a struct (for a readable test name) naming its class for the messages.
#define ACCELVP_MAC_VARIANT(Name, V, mode, group, rounding, stages)           \
    struct Name : Variant<V, Mode::mode, group, Rounding::rounding, stages> { \
        static constexpr const char* name = #V;                               \
    }
ACCELVP_MAC_VARIANT(Exact, Vmac_exact, Exact, 1, NearestEven, 0);
ACCELVP_MAC_VARIANT(ApproxG4Rne, Vmac_approx_g4_rne, Approx, 4, NearestEven, 0);
ACCELVP_MAC_VARIANT(ApproxG4Rtz, Vmac_approx_g4_rtz, Approx, 4, TowardZero, 0);
ACCELVP_MAC_VARIANT(ApproxG8Rne, Vmac_approx_g8_rne, Approx, 8, NearestEven, 0);
ACCELVP_MAC_VARIANT(ExactP3, Vmac_exact_p3, Exact, 1, NearestEven, 3);
ACCELVP_MAC_VARIANT(ApproxG4RneP2, Vmac_approx_g4_rne_p2, Approx, 4, NearestEven, 2);
ACCELVP_MAC_VARIANT(ApproxG3RtzP1, Vmac_approx_g3_rtz_p1, Approx, 3, TowardZero, 1);

}  // namespace mac_rtl

namespace {

using namespace mac_rtl;

// AssertionResult formats each value in a stream of its own, so std::hex would not stick.
std::string hex(uint32_t x) {
    std::ostringstream s;
    s << "0x" << std::hex << x;
    return s.str();
}

// A seed of its own for each variant, so that the variants see different random vectors.
uint64_t seed_of(const char* name, uint64_t salt) {
    uint64_t h = 1469598103934665603ull ^ salt;
    for (const char* p = name; *p; ++p) h = (h ^ uint8_t(*p)) * 1099511628211ull;
    return h;
}

template <class T>
class MacCoverif : public ::testing::Test {
protected:
    ::testing::AssertionResult compare(const MacInput& v, uint32_t rtl) const {
        const uint32_t model = float_bits(mac(v.a, v.b, v.acc, config_));
        if (rtl == model) return ::testing::AssertionSuccess();
        return ::testing::AssertionFailure() << "variant " << T::name << ": a=" << hex(v.a)
                                             << " b=" << hex(v.b) << " c=" << hex(float_bits(v.acc))
                                             << ": rtl " << hex(rtl) << ", model " << hex(model);
    }

    // Combinational variants: apply and evaluate.
    ::testing::AssertionResult check(const MacInput& v) {
        dut_.a = v.a;
        dut_.b = v.b;
        dut_.c = float_bits(v.acc);
        dut_.in_valid = 1;
        dut_.eval();
        return compare(v, dut_.result);
    }

    ::testing::AssertionResult check_all(const std::vector<MacInput>& vectors) {
        for (const MacInput& v : vectors)
            if (auto r = check(v); !r) return r;
        return ::testing::AssertionSuccess();
    }

    ::testing::AssertionResult check_random(MacInput (Distributions::*draw)(), uint64_t salt) {
        Distributions d(seed_of(T::name, salt));
        for (int i = 0; i < kRandomPerDistribution; ++i)
            if (auto r = check((d.*draw)()); !r) return r << " (random vector " << i << ")";
        return ::testing::AssertionSuccess();
    }

    // Pipelined variants: one vector per cycle, about one cycle in eight a bubble (in_valid
    // low, garbage operands). The outputs of cycle t must be those of the input of cycle
    // t - stages: out_valid low for a bubble or while the pipeline fills after reset.
    ::testing::AssertionResult stream(const std::vector<MacInput>& vectors, uint64_t salt) {
        std::mt19937_64 rng(seed_of(T::name, salt));
        dut_.rst_n = 0;
        dut_.in_valid = 1;
        for (int i = 0; i < 2; ++i) tick();
        dut_.rst_n = 1;
        std::deque<std::optional<MacInput>> in_flight;  // the inputs of the last cycles
        size_t next = 0;
        int drained = 0;  // cycles since the last vector went in
        for (uint64_t cycle = 0; drained <= T::stages; ++cycle) {
            if (next == vectors.size()) ++drained;
            const uint64_t r = rng();
            const bool valid = next < vectors.size() && r % 8 != 0;
            const MacInput bubble{uint16_t(r >> 8), uint16_t(r >> 24),
                                  float_from_bits(uint32_t(r >> 32))};
            const MacInput v = valid ? vectors[next++] : bubble;
            dut_.in_valid = valid;
            dut_.a = v.a;
            dut_.b = v.b;
            dut_.c = float_bits(v.acc);
            dut_.clk = 0;
            dut_.eval();
            in_flight.push_back(valid ? std::optional<MacInput>(v) : std::nullopt);
            std::optional<MacInput> expected;
            if (in_flight.size() > size_t(T::stages)) {
                expected = in_flight.front();
                in_flight.pop_front();
            }
            if (bool(dut_.out_valid) != expected.has_value())
                return ::testing::AssertionFailure()
                       << "variant " << T::name << ": cycle " << cycle << " out_valid "
                       << int(dut_.out_valid) << ", expected " << expected.has_value()
                       << " (latency " << T::stages << ")";
            if (expected)
                if (auto res = compare(*expected, dut_.result); !res)
                    return res << " (cycle " << cycle << ")";
            dut_.clk = 1;
            dut_.eval();
        }
        return ::testing::AssertionSuccess();
    }

    void tick() {
        dut_.clk = 0;
        dut_.eval();
        dut_.clk = 1;
        dut_.eval();
    }

    static constexpr int kRandomPerDistribution = 2'500'000;
    const MacConfig config_ = T::config();
    VerilatedContext context_;
    typename T::Model dut_{&context_};
};

template <class T>
using MacCoverifPipelined = MacCoverif<T>;

using Combinational = ::testing::Types<Exact, ApproxG4Rne, ApproxG4Rtz, ApproxG8Rne>;
using Pipelined = ::testing::Types<ExactP3, ApproxG4RneP2, ApproxG3RtzP1>;
TYPED_TEST_SUITE(MacCoverif, Combinational);
TYPED_TEST_SUITE(MacCoverifPipelined, Pipelined);

TYPED_TEST(MacCoverif, CornerCrossProduct) {
    ASSERT_TRUE(this->check_all(corner_cross_product()));
}

// Sums exactly halfway between two floats, found in double (exact for these operands), so
// that the constructed set is known to hold what its name says.
int exact_mode_ties(const std::vector<MacInput>& vectors) {
    int ties = 0;
    for (const MacInput& v : vectors) {
        const double p = double(bf16_to_float(v.a)) * bf16_to_float(v.b), s = p + v.acc;
        const double acc_part = s - p, error = (p - (s - acc_part)) + (v.acc - acc_part);
        // s must be the exact sum (TwoSum error zero), and need rounding to float.
        if (error != 0 || !std::isfinite(s) || float(s) == s) continue;
        const float near = float(s), other = std::nextafter(near, s > near ? INFINITY : -INFINITY);
        ties += (double(near) + double(other)) / 2 == s;
    }
    return ties;
}

TYPED_TEST(MacCoverif, ConstructedTiesOverflowUnderflow) {
    EXPECT_GE(exact_mode_ties(constructed_ties()), 500);
    ASSERT_TRUE(this->check_all(constructed_ties()));
    ASSERT_TRUE(this->check_all(overflow_and_underflow()));
}

TYPED_TEST(MacCoverif, RandomUniformBits) {
    ASSERT_TRUE(this->check_random(&Distributions::uniform_bits, 1));
}

TYPED_TEST(MacCoverif, RandomCloseExponentsCancelling) {
    ASSERT_TRUE(this->check_random(&Distributions::close_exponents, 2));
}

TYPED_TEST(MacCoverif, RandomSubnormalHeavy) {
    ASSERT_TRUE(this->check_random(&Distributions::subnormal_heavy, 3));
}

TYPED_TEST(MacCoverif, RandomRealistic) {
    ASSERT_TRUE(this->check_random(&Distributions::realistic, 4));
}

TYPED_TEST(MacCoverifPipelined, StreamsCornersAndRandomVectors) {
    std::vector<MacInput> vectors = corner_cross_product();
    for (auto& more : {constructed_ties(), overflow_and_underflow()})
        vectors.insert(vectors.end(), more.begin(), more.end());
    Distributions d(seed_of(TypeParam::name, 5));
    for (int i = 0; i < 250'000; ++i)
        for (auto draw : {&Distributions::uniform_bits, &Distributions::close_exponents,
                          &Distributions::subnormal_heavy, &Distributions::realistic})
            vectors.push_back((d.*draw)());
    ASSERT_TRUE(this->stream(vectors, 6));
}

}  // namespace
