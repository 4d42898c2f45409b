// DramTarget: the DRAM timing core behind a TLM-2.0 target socket (one design per TEST).
#include "ip/dram/dram_target.h"

#include <gtest/gtest.h>

#include "ip/interconnect/interconnect.h"
#include "tests/unit/support/method_initiator.h"
#include "tests/unit/support/test_initiator.h"

using namespace sc_core;
using accelvp::DramTarget;
using accelvp::test::TestInitiator;
namespace dram = accelvp::dram;

namespace {

dram::DramSpec ddr4() {
    return dram::DramSpec::load(std::string(ACCELVP_SOURCE_DIR) +
                                "/platform/presets/dram/ddr4-3200.json");
}

struct Bench {
    DramTarget dram;
    TestInitiator bus{"bus"};
    explicit Bench(accelvp::DramTargetConfig config = {}) : dram("dram", ddr4(), config) {
        bus.socket.bind(dram.socket);
    }
};

// From the access's start to its completion: a caller in a thread is suspended until the
// DRAM answers, so the latency is the time that passed plus any delay returned.
struct Timed {
    accelvp::test::BusResult result;
    double latency_ns = 0;
};
Timed timed_read(TestInitiator& bus, uint64_t address, unsigned len) {
    const sc_time start = sc_time_stamp();
    Timed t{bus.read(address, len)};
    t.latency_ns = (sc_time_stamp() + t.result.delay - start).to_seconds() * 1e9;
    return t;
}

// DDR4-3200 (tCK 0.625 ns): closed bank tRCD + CL = 27.5 ns, row hit CL = 13.75 ns; the
// controller adds 2 + 2 cycles (2.5 ns) and the burst itself BL/2 = 4 cycles (2.5 ns).
constexpr double kControllerAndBurstNs = 5.0;

TEST(DramTarget, FirstReadOpensTheRowSecondIsARowHit) {
    Bench b;
    b.bus.run([&] {
        auto first = timed_read(b.bus, 0x0, 8);
        ASSERT_TRUE(first.result.ok());
        EXPECT_DOUBLE_EQ(first.latency_ns, 27.5 + kControllerAndBurstNs);
        EXPECT_EQ(first.result.delay, SC_ZERO_TIME);  // the caller waited instead
        auto second = timed_read(b.bus, 0x8, 8);      // the same row, still open
        EXPECT_DOUBLE_EQ(second.latency_ns, 13.75 + kControllerAndBurstNs);
    });
    sc_start();
}

TEST(DramTarget, RowConflictPaysPrechargeActivateAndRead) {
    Bench b;
    uint64_t other_row = 0;
    {
        // The first address of the next row in the same bank, from the mapping.
        dram::ChannelController controller(ddr4(), {}, 0);
        const auto& mapping = controller.mapping();
        auto a = mapping.decode(0);
        for (uint64_t addr = 64; addr < mapping.capacity_bytes(); addr <<= 1) {
            auto d = mapping.decode(addr);
            if (d.row != a.row && d.bank == a.bank && d.bank_group == a.bank_group &&
                d.rank == a.rank && d.channel == a.channel) {
                other_row = addr;
                break;
            }
        }
    }
    ASSERT_NE(other_row, 0u);
    b.bus.run([&] {
        b.bus.read(0x0, 8);
        auto conflict = timed_read(b.bus, other_row, 8);
        // tRAS may still hold the precharge back after a fresh activate: at least tRP + tRCD + CL.
        EXPECT_GE(conflict.latency_ns, 41.25 + kControllerAndBurstNs - 1e-9);
    });
    sc_start();
}

TEST(DramTarget, StoresAndLoadsData) {
    Bench b;
    b.bus.run([&] {
        ASSERT_TRUE(b.bus.write(0x1234, 0x1122334455667788ull, 8).ok());
        EXPECT_EQ(b.bus.read(0x1234, 8).data, 0x1122334455667788ull);
        EXPECT_EQ(b.bus.read(0x1236, 2).data, 0x5566u);
        EXPECT_EQ(*b.bus.debug_read(0x1234, 4), 0x55667788u);
    });
    sc_start();
}

TEST(DramTarget, AccessPastTheCapacityIsAnAddressError) {
    Bench b;
    b.bus.run([&] {
        EXPECT_EQ(b.bus.read(b.dram.size() - 4, 8).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.bus.read(b.dram.size(), 4).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
    });
    sc_start();
}

TEST(DramTarget, RefusesDmiUnlessEnabledSoThatEveryAccessIsTimed) {
    Bench b;
    b.bus.run([&] {
        tlm::tlm_generic_payload tx;
        tlm::tlm_dmi dmi;
        tx.set_command(tlm::TLM_READ_COMMAND);
        tx.set_address(0);
        EXPECT_FALSE(b.bus.socket->get_direct_mem_ptr(tx, dmi));
    });
    sc_start();
}

TEST(DramTarget, GrantsDmiToTheWholeStorageWhenEnabled) {
    accelvp::DramTargetConfig config;
    config.dmi = true;
    config.size = 1 << 20;
    Bench b(config);
    b.bus.run([&] {
        ASSERT_TRUE(b.bus.write(0x40, 0xabcd, 4).ok());
        tlm::tlm_generic_payload tx;
        tlm::tlm_dmi dmi;
        tx.set_command(tlm::TLM_READ_COMMAND);
        tx.set_address(0x40);
        ASSERT_TRUE(b.bus.socket->get_direct_mem_ptr(tx, dmi));
        EXPECT_EQ(dmi.get_start_address(), 0u);
        EXPECT_EQ(dmi.get_end_address(), (1u << 20) - 1);
        EXPECT_TRUE(dmi.is_read_write_allowed());
        EXPECT_EQ(dmi.get_dmi_ptr()[0x40], 0xcd);
    });
    sc_start();
}

TEST(DramTarget, SizeBeyondTheCapacityIsRefused) {
    accelvp::DramTargetConfig config;
    config.size = uint64_t{1} << 40;
    try {
        DramTarget dram("dram", ddr4(), config);
        FAIL() << "no error";
    } catch (const dram::DramConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("capacity"), std::string::npos) << e.what();
    }
}

// Two initiators streaming at once share the channel: both finish later than either would
// alone, and together they move the data no faster than the data bus allows.
TEST(DramTarget, ConcurrentInitiatorsShareTheChannel) {
    DramTarget dram("dram", ddr4());
    accelvp::InterconnectConfig fast;  // hops of one cycle: the DRAM dominates
    accelvp::Interconnect bus("bus", fast);
    TestInitiator a("a"), b("b");
    bus.connect_initiator("a", a.socket);
    bus.connect_initiator("b", b.socket);
    bus.add_target("dram", 0, 1 << 30, dram.socket);
    constexpr int kReads = 64;
    sc_time a_end, b_end, alone;
    a.run([&] {
        for (int i = 0; i < kReads; ++i) ASSERT_TRUE(a.read(uint64_t(i) * 64, 8).ok());
        a_end = sc_time_stamp();
        wait(sc_time(10, SC_US));  // b is done by then: a streams alone
        const sc_time start = sc_time_stamp();
        for (int i = 0; i < kReads; ++i) ASSERT_TRUE(a.read(uint64_t(i) * 64, 8).ok());
        alone = sc_time_stamp() - start;
    });
    b.run([&] {
        for (int i = 0; i < kReads; ++i) ASSERT_TRUE(b.read((1 << 20) + uint64_t(i) * 64, 8).ok());
        b_end = sc_time_stamp();
        wait(sc_time(1, SC_MS));  // keep the simulation going until a is done
    });
    sc_start();
    EXPECT_GT(a_end, alone);
    EXPECT_GT(b_end, alone);
    EXPECT_EQ(dram.stats(0).reads, 3u * kReads);
}

TEST(DramTarget, CallsFromAMethodAreLooselyTimed) {
    DramTarget dram("dram", ddr4());
    sc_time delay;
    tlm::tlm_response_status status = tlm::TLM_INCOMPLETE_RESPONSE;
    accelvp::test::MethodInitiator method("method", [&](accelvp::test::MethodInitiator& m) {
        uint64_t value = 0;
        delay = m.read(0x0, 8, value, status);  // a method cannot be suspended
    });
    method.socket.bind(dram.socket);
    sc_start();
    EXPECT_EQ(status, tlm::TLM_OK_RESPONSE);
    EXPECT_DOUBLE_EQ(delay.to_seconds() * 1e9, 27.5 + kControllerAndBurstNs);
}

TEST(DramTarget, AccessSpanningTwoBurstsEndsWithTheLaterOne) {
    Bench b;
    b.bus.run([&] {
        auto one = b.bus.read(0x100, 8);
        wait(sc_time(1, SC_US));                 // let the controller go idle; the row stays open
        auto two = timed_read(b.bus, 0x13c, 8);  // bytes 0x13c..0x143 cross a burst boundary
        ASSERT_TRUE(one.ok());
        ASSERT_TRUE(two.result.ok());
        EXPECT_GT(two.latency_ns, 13.75 + kControllerAndBurstNs - 1e-3);
        EXPECT_EQ(b.dram.stats(0).reads, 3u);
    });
    sc_start();
}

}  // namespace
