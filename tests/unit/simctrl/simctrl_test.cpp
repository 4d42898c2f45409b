// SimControl: every TEST elaborates its own design (one per process, see tests/CMakeLists.txt).
#include "ip/simctrl/simctrl.h"

#include <vector>

#include <gtest/gtest.h>

#include "ip/simctrl/simctrl_regs.h"
#include "tests/unit/support/test_initiator.h"

using namespace sc_core;
using accelvp::SimControl;
using accelvp::test::TestInitiator;

namespace {

struct Bench {
    SimControl simctrl{"simctrl", SC_ZERO_TIME};
    TestInitiator bus{"bus"};

    Bench() { bus.socket.bind(simctrl.socket); }
    uint64_t rd(uint64_t offset, sc_time local = SC_ZERO_TIME) {
        auto r = bus.read(offset, 4, local);
        EXPECT_TRUE(r.ok());
        return r.data;
    }
    tlm::tlm_response_status wr(uint64_t offset, uint64_t value, sc_time local = SC_ZERO_TIME) {
        return bus.write(offset, value, 4, local).status;
    }
};

}  // namespace

TEST(SimControl, IdAndWriteOnlyRegistersRead) {
    Bench b;
    b.bus.run([&] {
        EXPECT_EQ(b.rd(SIMCTRL_ID), SIMCTRL_ID_VALUE);
        for (uint64_t off : {SIMCTRL_ROI_BEGIN, SIMCTRL_ROI_END, SIMCTRL_CHECK_PASS,
                             SIMCTRL_CHECK_FAIL})
            EXPECT_EQ(b.rd(off), 0u);
        EXPECT_EQ(b.rd(SIMCTRL_TIME_NS_HI), 0u);
    });
    sc_start();
}

TEST(SimControl, BadAccessesAnswerWithErrors) {
    Bench b;
    b.bus.run([&] {
        EXPECT_EQ(b.wr(SIMCTRL_ID, 0), tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.wr(SIMCTRL_TIME_NS_LO, 0), tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.wr(SIMCTRL_TIME_NS_HI, 0), tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.bus.read(0x1C, 4).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.bus.read(0xFFC, 4).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
    });
    sc_start();
}

TEST(SimControl, RegionsAreRecordedWithTheirTimesAndReported) {
    Bench b;
    std::vector<uint32_t> begun, ended;
    b.simctrl.set_roi_begin_handler([&](uint32_t id) { begun.push_back(id); });
    b.simctrl.set_roi_end_handler([&](uint32_t id) { ended.push_back(id); });
    b.bus.run([&] {
        wait(100, SC_NS);
        EXPECT_EQ(b.wr(SIMCTRL_ROI_BEGIN, 1), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.wr(SIMCTRL_ROI_BEGIN, 2, sc_time(5, SC_NS)), tlm::TLM_OK_RESPONSE);
        wait(100, SC_NS);
        EXPECT_EQ(b.wr(SIMCTRL_ROI_END, 2), tlm::TLM_OK_RESPONSE);  // nesting is allowed
        EXPECT_EQ(b.wr(SIMCTRL_ROI_END, 1), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.wr(SIMCTRL_ROI_BEGIN, 1), tlm::TLM_OK_RESPONSE);  // an id may be reused
    });
    sc_start();
    EXPECT_EQ(begun, (std::vector<uint32_t>{1, 2, 1}));
    EXPECT_EQ(ended, (std::vector<uint32_t>{2, 1}));
    const auto& regions = b.simctrl.regions();
    ASSERT_EQ(regions.size(), 3u);
    EXPECT_EQ(regions[0].id, 1u);
    EXPECT_EQ(regions[0].begin, sc_time(100, SC_NS));
    EXPECT_EQ(regions[0].end, sc_time(200, SC_NS));
    EXPECT_EQ(regions[1].id, 2u);
    EXPECT_EQ(regions[1].begin, sc_time(105, SC_NS));
    EXPECT_EQ(regions[1].end, sc_time(200, SC_NS));
    EXPECT_FALSE(regions[2].end.has_value());
}

TEST(SimControl, EndOfARegionNotOpenIsRefused) {
    Bench b;
    int ends = 0;
    b.simctrl.set_roi_end_handler([&](uint32_t) { ++ends; });
    b.bus.run([&] {
        EXPECT_EQ(b.wr(SIMCTRL_ROI_END, 7), tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.wr(SIMCTRL_ROI_BEGIN, 7), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.wr(SIMCTRL_ROI_END, 8), tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.wr(SIMCTRL_ROI_END, 7), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.wr(SIMCTRL_ROI_END, 7), tlm::TLM_COMMAND_ERROR_RESPONSE);  // closed already
    });
    sc_start();
    EXPECT_EQ(ends, 1);
    EXPECT_EQ(b.simctrl.regions().size(), 1u);
}

TEST(SimControl, BeginOfARegionAlreadyOpenIsRefused) {
    Bench b;
    b.bus.run([&] {
        EXPECT_EQ(b.wr(SIMCTRL_ROI_BEGIN, 3), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.wr(SIMCTRL_ROI_BEGIN, 3), tlm::TLM_COMMAND_ERROR_RESPONSE);
    });
    sc_start();
    EXPECT_EQ(b.simctrl.regions().size(), 1u);
}

TEST(SimControl, ChecksAreCountedAndFailuresRecorded) {
    Bench b;
    std::vector<uint32_t> failed;
    b.simctrl.set_check_fail_handler([&](uint32_t id) { failed.push_back(id); });
    b.bus.run([&] {
        for (uint32_t id = 0; id < 3; ++id) EXPECT_EQ(b.wr(SIMCTRL_CHECK_PASS, id), tlm::TLM_OK_RESPONSE);
        wait(7, SC_NS);
        EXPECT_EQ(b.wr(SIMCTRL_CHECK_FAIL, 41), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.wr(SIMCTRL_CHECK_FAIL, 42, sc_time(3, SC_NS)), tlm::TLM_OK_RESPONSE);
    });
    sc_start();
    EXPECT_EQ(b.simctrl.checks_passed(), 3u);
    EXPECT_EQ(b.simctrl.checks_failed(), 2u);
    EXPECT_EQ(failed, (std::vector<uint32_t>{41, 42}));
    const auto& failures = b.simctrl.check_failures();
    ASSERT_EQ(failures.size(), 2u);
    EXPECT_EQ(failures[0].id, 41u);
    EXPECT_EQ(failures[0].time, sc_time(7, SC_NS));
    EXPECT_EQ(failures[1].time, sc_time(10, SC_NS));
}

TEST(SimControl, FailuresAreRecordedWithoutAHandler) {
    Bench b;
    b.bus.run([&] { EXPECT_EQ(b.wr(SIMCTRL_CHECK_FAIL, 5), tlm::TLM_OK_RESPONSE); });
    sc_start();
    ASSERT_EQ(b.simctrl.check_failures().size(), 1u);
    EXPECT_EQ(b.simctrl.check_failures()[0].id, 5u);
}

TEST(SimControl, TimeIsReadInNanosecondsAtTheAccessTime) {
    Bench b;
    b.bus.run([&] {
        wait(1234, SC_NS);
        EXPECT_EQ(b.rd(SIMCTRL_TIME_NS_LO), 1234u);
        EXPECT_EQ(b.rd(SIMCTRL_TIME_NS_LO, sc_time(1500, SC_PS)), 1235u);  // whole ns, local time
        EXPECT_EQ(b.rd(SIMCTRL_TIME_NS_HI), 0u);
    });
    sc_start();
}

TEST(SimControl, ReadingLowLatchesHighForAConsistent64BitValue) {
    Bench b;
    const sc_time five_s_later(5, SC_SEC);  // 5e9 ns: crosses 2^32 ns
    b.bus.run([&] {
        uint64_t lo = b.rd(SIMCTRL_TIME_NS_LO, five_s_later);
        uint64_t hi = b.rd(SIMCTRL_TIME_NS_HI);  // at time 0, yet the latched word
        EXPECT_EQ((hi << 32) | lo, 5'000'000'000u);
        EXPECT_EQ(b.rd(SIMCTRL_TIME_NS_LO), 0u);  // latches again
        EXPECT_EQ(b.rd(SIMCTRL_TIME_NS_HI), 0u);
        EXPECT_FALSE(b.bus.debug_read(SIMCTRL_TIME_NS_LO, 4).has_value());
        EXPECT_EQ(b.bus.debug_read(SIMCTRL_ID, 4), SIMCTRL_ID_VALUE);
    });
    sc_start();
}
