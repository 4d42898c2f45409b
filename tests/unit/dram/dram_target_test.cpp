// DramTarget: the DRAM timing core behind a TLM-2.0 target socket (one design per TEST).
#include "ip/dram/dram_target.h"

#include <gtest/gtest.h>

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
    DramTarget dram{"dram", ddr4()};
    TestInitiator bus{"bus"};
    Bench() { bus.socket.bind(dram.socket); }
};

// DDR4-3200 (tCK 0.625 ns): closed bank tRCD + CL = 27.5 ns, row hit CL = 13.75 ns; the
// controller adds 2 + 2 cycles (2.5 ns) and the burst itself BL/2 = 4 cycles (2.5 ns).
constexpr double kControllerAndBurstNs = 5.0;

TEST(DramTarget, FirstReadOpensTheRowSecondIsARowHit) {
    Bench b;
    b.bus.run([&] {
        auto first = b.bus.read(0x0, 8);
        ASSERT_TRUE(first.ok());
        EXPECT_DOUBLE_EQ(first.delay.to_seconds() * 1e9, 27.5 + kControllerAndBurstNs);
        wait(first.delay);
        auto second = b.bus.read(0x8, 8);  // the same row, still open
        EXPECT_DOUBLE_EQ(second.delay.to_seconds() * 1e9, 13.75 + kControllerAndBurstNs);
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
        wait(b.bus.read(0x0, 8).delay);
        auto conflict = b.bus.read(other_row, 8);
        // tRAS may still hold the precharge back after a fresh activate: at least tRP + tRCD + CL.
        EXPECT_GE(conflict.delay.to_seconds() * 1e9, 41.25 + kControllerAndBurstNs - 1e-9);
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

TEST(DramTarget, RefusesDmiSoThatEveryAccessIsTimed) {
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

TEST(DramTarget, AccessSpanningTwoBurstsEndsWithTheLaterOne) {
    Bench b;
    b.bus.run([&] {
        auto one = b.bus.read(0x100, 8);
        wait(sc_time(1, SC_US));  // let the controller go idle; the row stays open
        auto two = b.bus.read(0x13c, 8);  // bytes 0x13c..0x143 cross a 64-byte burst boundary
        ASSERT_TRUE(one.ok());
        ASSERT_TRUE(two.ok());
        EXPECT_GT(two.delay, sc_time(13.75 + kControllerAndBurstNs, SC_NS) - sc_time(1, SC_PS));
        EXPECT_EQ(b.dram.stats(0).reads, 3u);
    });
    sc_start();
}

}  // namespace
