// Plic: every TEST elaborates its own design (one per process, see tests/CMakeLists.txt).
#include "ip/plic/plic.h"

#include <stdexcept>

#include <gtest/gtest.h>

#include "ip/plic/plic_regs.h"
#include "tests/unit/support/irq_recorder.h"
#include "tests/unit/support/test_initiator.h"

using namespace sc_core;
using accelvp::Plic;
using accelvp::test::IrqRecorder;
using accelvp::test::TestInitiator;

namespace {

struct Bench {
    Plic plic{"plic", sc_time(5, SC_NS)};
    TestInitiator bus{"bus"};
    IrqRecorder irqs;

    Bench() {
        bus.socket.bind(plic.socket);
        plic.meip_irq.bind(irqs, 0);
    }
    uint64_t rd(uint64_t offset) {
        auto r = bus.read(offset, 4);
        EXPECT_TRUE(r.ok()) << std::hex << offset;
        return r.data;
    }
    void wr(uint64_t offset, uint64_t value) {
        EXPECT_TRUE(bus.write(offset, value, 4).ok()) << std::hex << offset;
    }
    uint64_t claim() { return rd(PLIC_CLAIM(0)); }
    void complete(uint64_t source) { wr(PLIC_CLAIM(0), source); }
    void enable(uint32_t bits) { wr(PLIC_ENABLE(0), bits); }
    bool meip() const { return irqs.level(0); }
};

}  // namespace

TEST(Plic, ResetValues) {
    Bench b;
    b.bus.run([&] {
        for (unsigned s = 1; s < PLIC_NUM_SOURCES; ++s) EXPECT_EQ(b.rd(PLIC_PRIORITY(s)), 0u);
        EXPECT_EQ(b.rd(PLIC_PENDING(0)), 0u);
        EXPECT_EQ(b.rd(PLIC_ENABLE(0)), 0u);
        EXPECT_EQ(b.rd(PLIC_THRESHOLD(0)), 0u);
        EXPECT_EQ(b.claim(), 0u);
    });
    sc_start();
    EXPECT_TRUE(b.irqs.edges().empty());
}

TEST(Plic, PriorityAndThresholdAreWarl) {
    Bench b;
    b.bus.run([&] {
        b.wr(PLIC_PRIORITY(1), 0xFFFFFFFF);
        EXPECT_EQ(b.rd(PLIC_PRIORITY(1)), uint64_t{PLIC_MAX_PRIORITY});
        b.wr(PLIC_PRIORITY(31), 5);
        EXPECT_EQ(b.rd(PLIC_PRIORITY(31)), 5u);
        EXPECT_TRUE(b.bus.write(PLIC_PRIORITY(2) + 1, 3, 1).ok());  // byte lanes merge
        EXPECT_EQ(b.rd(PLIC_PRIORITY(2)), 0u);
        b.wr(PLIC_THRESHOLD(0), 0x1F);
        EXPECT_EQ(b.rd(PLIC_THRESHOLD(0)), uint64_t{PLIC_MAX_PRIORITY});
    });
    sc_start();
}

TEST(Plic, EnableBitZeroDoesNotExist) {
    Bench b;
    b.bus.run([&] {
        b.enable(0xFFFFFFFF);
        EXPECT_EQ(b.rd(PLIC_ENABLE(0)), 0xFFFFFFFEu);
    });
    sc_start();
}

TEST(Plic, UndefinedOffsetsAndReadOnlyRegistersAnswerWithErrors) {
    Bench b;
    b.bus.run([&] {
        EXPECT_EQ(b.bus.read(PLIC_PRIORITY(0), 4).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.bus.read(PLIC_PRIORITY(PLIC_NUM_SOURCES), 4).status,
                  tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.bus.read(PLIC_PENDING(1), 4).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.bus.write(PLIC_ENABLE(1), 1, 4).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.bus.read(PLIC_CLAIM(0) + 4, 4).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.bus.read(0x3FFFFC, 4).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.bus.write(PLIC_PENDING(0), 0xFF, 4).status, tlm::TLM_COMMAND_ERROR_RESPONSE);
    });
    sc_start();
}

TEST(Plic, SourceLevelSetsPendingEvenWhenDisabled) {
    Bench b;
    b.bus.run([&] {
        b.plic.set_irq(3, true);
        EXPECT_EQ(b.rd(PLIC_PENDING(0)), 1u << 3);
        EXPECT_FALSE(b.meip());
    });
    sc_start();
}

TEST(Plic, MeipNeedsEnableAndPriorityAboveThreshold) {
    Bench b;
    b.bus.run([&] {
        b.plic.set_irq(3, true);
        b.enable(1u << 3);
        EXPECT_FALSE(b.meip());  // priority 0 never interrupts
        wait(10, SC_NS);
        b.wr(PLIC_PRIORITY(3), 2);
        EXPECT_TRUE(b.meip());
        wait(10, SC_NS);
        b.wr(PLIC_THRESHOLD(0), 2);
        EXPECT_FALSE(b.meip());
        b.wr(PLIC_THRESHOLD(0), 1);
        EXPECT_TRUE(b.meip());
        b.enable(0);
        EXPECT_FALSE(b.meip());
    });
    sc_start();
    auto edges = b.irqs.edges(0);
    ASSERT_EQ(edges.size(), 4u);
    EXPECT_EQ(edges[0].time, sc_time(10, SC_NS));
    EXPECT_EQ(edges[1].time, sc_time(20, SC_NS));
}

TEST(Plic, ClaimTakesHighestPriorityThenLowestId) {
    Bench b;
    b.bus.run([&] {
        b.wr(PLIC_PRIORITY(2), 1);
        b.wr(PLIC_PRIORITY(5), 3);
        b.wr(PLIC_PRIORITY(7), 3);
        b.wr(PLIC_PRIORITY(9), 7);  // not enabled
        b.enable((1u << 2) | (1u << 5) | (1u << 7));
        for (unsigned s : {2u, 5u, 7u, 9u}) b.plic.set_irq(s, true);
        EXPECT_EQ(b.claim(), 5u);
        EXPECT_EQ(b.claim(), 7u);
        EXPECT_EQ(b.claim(), 2u);
        EXPECT_EQ(b.claim(), 0u);
        EXPECT_EQ(b.rd(PLIC_PENDING(0)), 1u << 9);
        EXPECT_FALSE(b.meip());
    });
    sc_start();
    EXPECT_EQ(b.plic.claims(), 3u);
}

TEST(Plic, ThresholdDoesNotFilterClaims) {
    Bench b;
    b.bus.run([&] {
        b.wr(PLIC_PRIORITY(4), 3);
        b.wr(PLIC_THRESHOLD(0), 7);
        b.enable(1u << 4);
        b.plic.set_irq(4, true);
        EXPECT_FALSE(b.meip());
        EXPECT_EQ(b.claim(), 4u);
    });
    sc_start();
}

TEST(Plic, GatewayHoldsAHighLevelUntilComplete) {
    Bench b;
    b.bus.run([&] {
        b.wr(PLIC_PRIORITY(4), 1);
        b.enable(1u << 4);
        b.plic.set_irq(4, true);
        EXPECT_TRUE(b.meip());
        wait(10, SC_NS);
        EXPECT_EQ(b.claim(), 4u);
        EXPECT_FALSE(b.meip());  // the level is still high, but no new request yet
        EXPECT_EQ(b.rd(PLIC_PENDING(0)), 0u);
        EXPECT_EQ(b.claim(), 0u);
        wait(10, SC_NS);
        b.complete(4);  // still high: pending again at once
        EXPECT_TRUE(b.meip());
        EXPECT_EQ(b.claim(), 4u);
        b.plic.set_irq(4, false);
        b.complete(4);  // low now: stays idle
        EXPECT_FALSE(b.meip());
        EXPECT_EQ(b.rd(PLIC_PENDING(0)), 0u);
    });
    sc_start();
    auto edges = b.irqs.edges(0);
    ASSERT_EQ(edges.size(), 4u);
    EXPECT_EQ(edges[1].time, sc_time(10, SC_NS));
    EXPECT_EQ(edges[2].time, sc_time(20, SC_NS));
    EXPECT_EQ(b.plic.completions(), 2u);
}

TEST(Plic, PendingStaysAfterTheLevelDrops) {
    Bench b;
    b.bus.run([&] {
        b.wr(PLIC_PRIORITY(6), 1);
        b.enable(1u << 6);
        b.plic.set_irq(6, true);
        b.plic.set_irq(6, false);
        EXPECT_TRUE(b.meip());
        EXPECT_EQ(b.claim(), 6u);
        b.complete(6);
        EXPECT_EQ(b.rd(PLIC_PENDING(0)), 0u);
    });
    sc_start();
}

TEST(Plic, CompleteOfADisabledSourceIsIgnored) {
    Bench b;
    b.bus.run([&] {
        b.wr(PLIC_PRIORITY(4), 1);
        b.enable(1u << 4);
        b.plic.set_irq(4, true);
        EXPECT_EQ(b.claim(), 4u);
        b.enable(0);
        b.complete(4);  // ignored: the source stays claimed
        b.enable(1u << 4);
        EXPECT_EQ(b.rd(PLIC_PENDING(0)), 0u);
        b.complete(0);   // no such source
        b.complete(99);  // out of range
        b.complete(4);
        EXPECT_EQ(b.rd(PLIC_PENDING(0)), 1u << 4);
    });
    sc_start();
    EXPECT_EQ(b.plic.completions(), 1u);
}

TEST(Plic, RejectsNonexistentSources) {
    Plic plic("plic", SC_ZERO_TIME);
    EXPECT_THROW(plic.set_irq(0, true), std::out_of_range);
    EXPECT_THROW(plic.set_irq(PLIC_NUM_SOURCES, true), std::out_of_range);
}

TEST(Plic, DebugReadOfClaimIsRefused) {
    Bench b;
    b.bus.run([&] {
        b.wr(PLIC_PRIORITY(1), 1);
        b.enable(1u << 1);
        b.plic.set_irq(1, true);
        EXPECT_FALSE(b.bus.debug_read(PLIC_CLAIM(0), 4).has_value());
        EXPECT_EQ(b.bus.debug_read(PLIC_PENDING(0), 4), 1u << 1);
        EXPECT_EQ(b.claim(), 1u);
    });
    sc_start();
}
