// Clint: every TEST elaborates its own design (one per process, see tests/CMakeLists.txt).
// Most tests use a 10 MHz timebase: one mtime tick every 100 ns.
#include "ip/clint/clint.h"

#include <stdexcept>

#include <gtest/gtest.h>

#include "ip/clint/clint_regs.h"
#include "tests/unit/support/irq_recorder.h"
#include "tests/unit/support/test_initiator.h"

using namespace sc_core;
using accelvp::Clint;
using accelvp::test::IrqRecorder;
using accelvp::test::TestInitiator;

namespace {

constexpr unsigned kMsipLine = 0;
constexpr unsigned kMtipLine = 1;

struct Bench {
    Clint clint;
    TestInitiator bus{"bus"};
    IrqRecorder irqs;

    explicit Bench(uint64_t timebase_hz = 10'000'000) : clint("clint", SC_ZERO_TIME, timebase_hz) {
        bus.socket.bind(clint.socket);
        clint.msip_irq.bind(irqs, kMsipLine);
        clint.mtip_irq.bind(irqs, kMtipLine);
    }
    uint64_t rd(uint64_t offset, unsigned len, sc_time local = SC_ZERO_TIME) {
        auto r = bus.read(offset, len, local);
        EXPECT_TRUE(r.ok());
        return r.data;
    }
    void wr(uint64_t offset, uint64_t value, unsigned len, sc_time local = SC_ZERO_TIME) {
        EXPECT_TRUE(bus.write(offset, value, len, local).ok());
    }
};

}  // namespace

TEST(Clint, ResetValues) {
    Bench b;
    b.bus.run([&] {
        EXPECT_EQ(b.rd(CLINT_MSIP, 4), 0u);
        EXPECT_EQ(b.rd(CLINT_MTIMECMP, 8), ~uint64_t{0});
        EXPECT_EQ(b.rd(CLINT_MTIMECMP, 4), 0xFFFFFFFFu);
        EXPECT_EQ(b.rd(CLINT_MTIMECMP + 4, 4), 0xFFFFFFFFu);
        EXPECT_EQ(b.rd(CLINT_MTIME, 8), 0u);
    });
    sc_start();
    EXPECT_TRUE(b.irqs.edges().empty());
}

TEST(Clint, RejectsZeroTimebase) {
    EXPECT_THROW(Clint("clint", SC_ZERO_TIME, 0), std::invalid_argument);
}

TEST(Clint, BadOffsetsAnswerWithAddressError) {
    Bench b;
    b.bus.run([&] {
        EXPECT_EQ(b.bus.read(0x4, 4).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.bus.write(CLINT_MTIMECMP + 8, 0, 4).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.bus.read(CLINT_MTIME - 8, 8).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.bus.read(0xFFFC, 4).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
    });
    sc_start();
}

TEST(Clint, MsipHasOnlyBitZeroAndDrivesItsLine) {
    Bench b;
    b.bus.run([&] {
        wait(30, SC_NS);
        b.wr(CLINT_MSIP, 0xFFFFFFFF, 4);
        EXPECT_EQ(b.rd(CLINT_MSIP, 4), 1u);
        EXPECT_TRUE(b.irqs.level(kMsipLine));
        wait(20, SC_NS);
        b.wr(CLINT_MSIP, 0, 1);  // a byte write reaches bit 0 too
        EXPECT_EQ(b.rd(CLINT_MSIP, 4), 0u);
    });
    sc_start();
    auto edges = b.irqs.edges(kMsipLine);
    ASSERT_EQ(edges.size(), 2u);
    EXPECT_EQ(edges[0].time, sc_time(30, SC_NS));
    EXPECT_EQ(edges[1].time, sc_time(50, SC_NS));
    EXPECT_FALSE(edges[1].level);
}

TEST(Clint, MtimeCountsAtTimebaseAtTheAccessTime) {
    Bench b;
    b.bus.run([&] {
        wait(1, SC_US);
        EXPECT_EQ(b.rd(CLINT_MTIME, 8), 10u);
        EXPECT_EQ(b.rd(CLINT_MTIME, 8, sc_time(99, SC_NS)), 10u);  // floor
        EXPECT_EQ(b.rd(CLINT_MTIME, 8, sc_time(250, SC_NS)), 12u);  // the local time counts
        EXPECT_EQ(b.clint.mtime_at(sc_time(3, SC_US)), 30u);
    });
    sc_start();
}

TEST(Clint, MtimeWriteSetsTheCountFromThen) {
    Bench b;
    b.bus.run([&] {
        wait(1, SC_US);
        b.wr(CLINT_MTIME, 0x100000005ull, 8);
        EXPECT_EQ(b.rd(CLINT_MTIME, 4), 5u);
        EXPECT_EQ(b.rd(CLINT_MTIME + 4, 4), 1u);
        wait(1, SC_US);
        EXPECT_EQ(b.rd(CLINT_MTIME, 8), 0x10000000Full);
        b.wr(CLINT_MTIME, 0, 4);  // the low half alone; the high half keeps counting
        EXPECT_EQ(b.rd(CLINT_MTIME, 8), 0x100000000ull);
        EXPECT_EQ(b.clint.mtime_at(sc_time(2500, SC_NS)), 0x100000005ull);
    });
    sc_start();
}

TEST(Clint, MtipRisesExactlyWhenMtimeReachesMtimecmp) {
    Bench b;
    b.bus.run([&] {
        b.wr(CLINT_MTIMECMP, 25, 4);  // as two halves, low first: still far in the future
        EXPECT_FALSE(b.irqs.level(kMtipLine));
        b.wr(CLINT_MTIMECMP + 4, 0, 4);
        EXPECT_EQ(b.rd(CLINT_MTIMECMP, 8), 25u);
        EXPECT_FALSE(b.irqs.level(kMtipLine));
        wait(5, SC_US);
    });
    sc_start();
    auto edges = b.irqs.edges(kMtipLine);
    ASSERT_EQ(edges.size(), 1u);
    EXPECT_TRUE(edges[0].level);
    EXPECT_EQ(edges[0].time, sc_time(2500, SC_NS));
}

TEST(Clint, MtipRisesOnTheFirstTickOfAFractionalPeriod) {
    Bench b(3'000'000);  // period 333.33 ns: tick 1 begins at 333 334 ps
    b.bus.run([&] {
        b.wr(CLINT_MTIMECMP, 1, 8);
        wait(1, SC_US);
    });
    sc_start();
    EXPECT_EQ(b.clint.mtime_at(sc_time(333'333, SC_PS)), 0u);
    EXPECT_EQ(b.clint.mtime_at(sc_time(333'334, SC_PS)), 1u);
    auto edges = b.irqs.edges(kMtipLine);
    ASSERT_EQ(edges.size(), 1u);
    EXPECT_EQ(edges[0].time, sc_time(333'334, SC_PS));
}

TEST(Clint, MtimecmpWriteUpdatesMtipAtOnceAndReschedules) {
    Bench b;
    b.bus.run([&] {
        wait(1, SC_US);
        b.wr(CLINT_MTIMECMP, 5, 8);  // already passed: rises at the write
        EXPECT_TRUE(b.irqs.level(kMtipLine));
        wait(1, SC_US);
        b.wr(CLINT_MTIMECMP, 30, 8);  // in the future again: falls at the write
        EXPECT_FALSE(b.irqs.level(kMtipLine));
        b.wr(CLINT_MTIMECMP, 40, 8);  // the 3 us deadline is replaced by 4 us
        wait(5, SC_US);
    });
    sc_start();
    auto edges = b.irqs.edges(kMtipLine);
    ASSERT_EQ(edges.size(), 3u);
    EXPECT_EQ(edges[0].time, sc_time(1, SC_US));
    EXPECT_EQ(edges[1].time, sc_time(2, SC_US));
    EXPECT_FALSE(edges[1].level);
    EXPECT_EQ(edges[2].time, sc_time(4, SC_US));
    EXPECT_TRUE(edges[2].level);
}

TEST(Clint, MtimeWriteMovesTheDeadline) {
    Bench b;
    b.bus.run([&] {
        b.wr(CLINT_MTIMECMP, 100, 8);  // due at 10 us
        wait(1, SC_US);
        b.wr(CLINT_MTIME, 95, 8);  // now due 5 ticks later
        wait(5, SC_US);
    });
    sc_start();
    auto edges = b.irqs.edges(kMtipLine);
    ASSERT_EQ(edges.size(), 1u);
    EXPECT_EQ(edges[0].time, sc_time(1500, SC_NS));
}

TEST(Clint, WriteAtALocalTimeAheadSeesMtimeThen) {
    Bench b;
    b.bus.run([&] {
        // The initiator is 600 ns ahead: mtime is 6 there, so mtimecmp 5 has passed.
        b.wr(CLINT_MTIMECMP, 5, 8, sc_time(600, SC_NS));
        EXPECT_TRUE(b.irqs.level(kMtipLine));
    });
    sc_start();
}

TEST(Clint, MtipFallsWhenMtimeWrapsAndRisesAgain) {
    Bench b;
    b.bus.run([&] {
        b.wr(CLINT_MTIMECMP, 5, 8);
        b.wr(CLINT_MTIME, ~uint64_t{0} - 9, 8);  // wraps to 0 after 10 ticks (1 us)
        EXPECT_TRUE(b.irqs.level(kMtipLine));
        wait(2, SC_US);
    });
    sc_start();
    auto edges = b.irqs.edges(kMtipLine);
    ASSERT_EQ(edges.size(), 3u);
    EXPECT_EQ(edges[1].time, sc_time(1, SC_US));
    EXPECT_FALSE(edges[1].level);
    EXPECT_EQ(edges[2].time, sc_time(1500, SC_NS));
    EXPECT_TRUE(edges[2].level);
}

TEST(Clint, FarFutureDeadlinesAreNotScheduled) {
    Bench b;
    b.bus.run([&] {
        b.wr(CLINT_MTIMECMP, ~uint64_t{0} - 1, 8);  // ~58 000 years at 10 MHz
        EXPECT_FALSE(sc_pending_activity_at_future_time());
        b.wr(CLINT_MTIMECMP, uint64_t{1} << 40, 8);  // ~1.3 days: scheduled
        EXPECT_TRUE(sc_pending_activity_at_future_time());
        EXPECT_EQ(sc_time_to_pending_activity(), double(uint64_t{1} << 40) * sc_time(100, SC_NS));
    });
    sc_start();
}
