// Finisher: every TEST elaborates its own design (one per process, see tests/CMakeLists.txt).
#include "ip/finisher/finisher.h"

#include <vector>

#include <gtest/gtest.h>

#include "ip/finisher/finisher_regs.h"
#include "tests/unit/support/test_initiator.h"

using namespace sc_core;
using accelvp::Finisher;
using accelvp::test::TestInitiator;

namespace {

struct Bench {
    Finisher finisher{"finisher", sc_time(1, SC_NS)};
    TestInitiator bus{"bus"};
    std::vector<int> exits;
    std::vector<sc_time> exit_times;

    Bench() {
        bus.socket.bind(finisher.socket);
        finisher.set_exit_handler([this](int code) {
            exits.push_back(code);
            exit_times.push_back(sc_time_stamp());
        });
    }
};

}  // namespace

TEST(Finisher, PassExitsWithZero) {
    Bench b;
    b.bus.run([&] {
        wait(42, SC_NS);
        EXPECT_TRUE(b.bus.write(FINISHER_REG, FINISHER_PASS, 4).ok());
    });
    sc_start();
    EXPECT_EQ(b.exits, std::vector<int>{0});
    EXPECT_EQ(b.exit_times.at(0), sc_time(42, SC_NS));
    EXPECT_EQ(b.finisher.exit_code(), 0);
}

TEST(Finisher, FailExitsWithTheCodeInTheHighHalf) {
    Bench b;
    b.bus.run([&] {
        EXPECT_TRUE(b.bus.write(FINISHER_REG, (3u << 16) | FINISHER_FAIL, 4).ok());
        EXPECT_TRUE(b.bus.write(FINISHER_REG, (0xFFFFu << 16) | FINISHER_FAIL, 4).ok());
    });
    sc_start();
    EXPECT_EQ(b.exits, (std::vector<int>{3, 0xFFFF}));
    EXPECT_EQ(b.finisher.exit_code(), 0xFFFF);
}

TEST(Finisher, ResetAndUnknownValuesAreRefused) {
    Bench b;
    b.bus.run([&] {
        EXPECT_EQ(b.bus.write(FINISHER_REG, FINISHER_RESET, 4).status,
                  tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.bus.write(FINISHER_REG, 0, 4).status, tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.bus.write(FINISHER_REG, 0x1234, 4).status, tlm::TLM_COMMAND_ERROR_RESPONSE);
    });
    sc_start();
    EXPECT_TRUE(b.exits.empty());
    EXPECT_FALSE(b.finisher.exit_code().has_value());
}

TEST(Finisher, HalfWordWriteOfPassIsAccepted) {
    Bench b;
    b.bus.run([&] { EXPECT_TRUE(b.bus.write(FINISHER_REG, FINISHER_PASS, 2).ok()); });
    sc_start();
    EXPECT_EQ(b.exits, std::vector<int>{0});
}

TEST(Finisher, ReadsReturnZeroAndOtherOffsetsAreAddressErrors) {
    Bench b;
    b.bus.run([&] {
        auto r = b.bus.read(FINISHER_REG, 4);
        EXPECT_TRUE(r.ok());
        EXPECT_EQ(r.data, 0u);
        EXPECT_EQ(r.delay, sc_time(1, SC_NS));
        EXPECT_EQ(b.bus.read(0x4, 4).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.bus.write(0xFFC, FINISHER_PASS, 4).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.bus.write(FINISHER_REG, FINISHER_PASS, 8).status,
                  tlm::TLM_ADDRESS_ERROR_RESPONSE);
    });
    sc_start();
    EXPECT_TRUE(b.exits.empty());
}

TEST(Finisher, WithoutAHandlerTheCodeIsRecorded) {
    Finisher finisher("finisher", SC_ZERO_TIME);
    TestInitiator bus("bus");
    bus.socket.bind(finisher.socket);
    bus.run([&] { EXPECT_TRUE(bus.write(FINISHER_REG, (7u << 16) | FINISHER_FAIL, 4).ok()); });
    sc_start();
    EXPECT_EQ(finisher.exit_code(), 7);
}
