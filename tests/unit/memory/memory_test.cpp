// Memory (RAM/ROM): every TEST elaborates its own design (one per process, see
// tests/CMakeLists.txt).
#include "ip/memory/memory.h"

#include <gtest/gtest.h>

#include <cstring>
#include <stdexcept>

#include "tests/unit/support/test_initiator.h"

using namespace sc_core;
using accelvp::Memory;
using accelvp::test::TestInitiator;

namespace {

struct Bench {
    Memory mem;
    TestInitiator bus{"bus"};

    explicit Bench(uint64_t size = 4096, sc_time latency = sc_time(5, SC_NS),
                   bool read_only = false)
        : mem("mem", size, latency, read_only) {
        bus.socket.bind(mem.socket);
    }

    // A DMI request through the test initiator's socket (only valid inside a run body).
    bool dmi(uint64_t address, tlm::tlm_command cmd, tlm::tlm_dmi& dmi) {
        tlm::tlm_generic_payload tx;
        tx.set_command(cmd);
        tx.set_address(address);
        return bus.socket->get_direct_mem_ptr(tx, dmi);
    }

    // A debug write through the test initiator's socket; returns the bytes transferred.
    unsigned debug_write(uint64_t address, const void* data, unsigned len) {
        uint8_t buf[16] = {};
        std::memcpy(buf, data, len);
        tlm::tlm_generic_payload tx;
        tx.set_command(tlm::TLM_WRITE_COMMAND);
        tx.set_address(address);
        tx.set_data_ptr(buf);
        tx.set_data_length(len);
        return bus.socket->transport_dbg(tx);
    }
};

}  // namespace

TEST(Memory, StartsZeroed) {
    Bench b;
    b.bus.run([&] {
        for (uint64_t a : {0ull, 8ull, 1000ull, 4088ull}) {
            auto r = b.bus.read(a, 8);
            EXPECT_TRUE(r.ok());
            EXPECT_EQ(r.data, 0u) << "at " << a;
        }
    });
    sc_start();
}

TEST(Memory, ReadWriteRoundTripAtEverySize) {
    Bench b;
    b.bus.run([&] {
        EXPECT_TRUE(b.bus.write(0x10, 0xAB, 1).ok());
        EXPECT_TRUE(b.bus.write(0x21, 0xBEEF, 2).ok());  // misaligned offsets are fine
        EXPECT_TRUE(b.bus.write(0x33, 0xDEADBEEF, 4).ok());
        EXPECT_TRUE(b.bus.write(0xFF8, 0x0123456789ABCDEFull, 8).ok());  // the last 8 bytes
        EXPECT_EQ(b.bus.read(0x10, 1).data, 0xABu);
        EXPECT_EQ(b.bus.read(0x21, 2).data, 0xBEEFu);
        EXPECT_EQ(b.bus.read(0x33, 4).data, 0xDEADBEEFu);
        EXPECT_EQ(b.bus.read(0xFF8, 8).data, 0x0123456789ABCDEFull);
        // Little-endian bytes, and neighbours untouched.
        EXPECT_EQ(b.bus.read(0x33, 1).data, 0xEFu);
        EXPECT_EQ(b.bus.read(0x36, 1).data, 0xDEu);
        EXPECT_EQ(b.bus.read(0x32, 1).data, 0u);
        EXPECT_EQ(b.bus.read(0x37, 1).data, 0u);
        EXPECT_EQ(b.bus.read(0xFFF, 1).data, 0x01u);
        // A narrower read of a wider write, at an offset.
        EXPECT_EQ(b.bus.read(0xFFA, 2).data, 0x89ABu);
    });
    sc_start();
    EXPECT_EQ(b.mem.writes(), 4u);
    EXPECT_EQ(b.mem.reads(), 10u);
    EXPECT_EQ(b.mem.data()[0x10], 0xAB);  // data() is the storage the transactions reach
}

TEST(Memory, OutOfRangeIsAddressError) {
    Bench b;
    b.bus.run([&] {
        EXPECT_EQ(b.bus.read(0x1000, 1).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.bus.write(0x1000, 1, 4).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.bus.read(0xFFE, 4).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);  // runs past
        EXPECT_EQ(b.bus.write(0xFFC, 1, 8).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.bus.read(~uint64_t{0}, 2).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);  // no wrap
        EXPECT_TRUE(b.bus.read(0xFFC, 4).ok());
    });
    sc_start();
    EXPECT_EQ(b.mem.data()[0xFFC], 0) << "the refused write changed nothing";
    EXPECT_EQ(b.mem.writes(), 0u);
    EXPECT_EQ(b.mem.reads(), 1u);
}

TEST(Memory, RomRefusesWritesButDebugWritesWork) {
    Bench b(4096, SC_ZERO_TIME, /*read_only=*/true);
    b.bus.run([&] {
        EXPECT_EQ(b.bus.write(0x40, 0x12345678, 4).status, tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.bus.read(0x40, 4).data, 0u);
        const uint32_t word = 0x12345678;
        EXPECT_EQ(b.debug_write(0x40, &word, 4), 4u);
        auto r = b.bus.read(0x40, 4);
        EXPECT_TRUE(r.ok());
        EXPECT_EQ(r.data, 0x12345678u);
        EXPECT_EQ(b.bus.debug_read(0x40, 4), std::optional<uint64_t>(0x12345678u));
    });
    sc_start();
    EXPECT_EQ(b.mem.writes(), 0u);
}

TEST(Memory, DebugAccessIsClippedAtTheEnd) {
    Bench b;
    b.bus.run([&] {
        const uint64_t value = 0x1122334455667788ull;
        EXPECT_EQ(b.debug_write(0xFFC, &value, 8), 4u);  // only 4 bytes are left
        EXPECT_EQ(b.bus.read(0xFFC, 4).data, 0x55667788u);
        EXPECT_EQ(b.debug_write(0x1000, &value, 4), 0u);
        EXPECT_EQ(b.bus.debug_read(0x1000, 4), std::nullopt);
        EXPECT_EQ(b.bus.debug_read(0xFFC, 4), std::optional<uint64_t>(0x55667788u));
    });
    sc_start();
}

TEST(Memory, LatencyIsAddedToTheDelay) {
    Bench b(4096, sc_time(7, SC_NS));
    b.bus.run([&] {
        EXPECT_EQ(b.bus.read(0, 4).delay, sc_time(7, SC_NS));
        EXPECT_EQ(b.bus.write(0, 1, 4, sc_time(3, SC_NS)).delay, sc_time(10, SC_NS));
        // Even a refused access costs the latency.
        EXPECT_EQ(b.bus.read(0x2000, 4, sc_time(1, SC_NS)).delay, sc_time(8, SC_NS));
        // Blocking transport adds to the delay; it does not wait.
        EXPECT_EQ(sc_time_stamp(), SC_ZERO_TIME);
    });
    sc_start();
}

TEST(Memory, ByteEnablesAndStreamingAreRefused) {
    Bench b;
    b.bus.run([&] {
        uint8_t data[4] = {1, 2, 3, 4};
        uint8_t enables[4] = {0xff, 0, 0xff, 0};
        tlm::tlm_generic_payload tx;
        sc_time delay = SC_ZERO_TIME;
        tx.set_command(tlm::TLM_WRITE_COMMAND);
        tx.set_address(0);
        tx.set_data_ptr(data);
        tx.set_data_length(4);
        tx.set_streaming_width(4);
        tx.set_byte_enable_ptr(enables);
        tx.set_byte_enable_length(4);
        b.bus.socket->b_transport(tx, delay);
        EXPECT_EQ(tx.get_response_status(), tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        tx.set_byte_enable_ptr(nullptr);
        tx.set_streaming_width(2);
        b.bus.socket->b_transport(tx, delay);
        EXPECT_EQ(tx.get_response_status(), tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        EXPECT_EQ(b.bus.read(0, 4).data, 0u);
    });
    sc_start();
}

TEST(Memory, RamGrantsReadWriteDmi) {
    Bench b(8192, sc_time(5, SC_NS));
    b.bus.run([&] {
        ASSERT_TRUE(b.bus.write(0x123, 0x5A, 1).ok());
        tlm::tlm_dmi dmi;
        ASSERT_TRUE(b.dmi(0x100, tlm::TLM_READ_COMMAND, dmi));
        EXPECT_EQ(dmi.get_dmi_ptr(), b.mem.data());
        EXPECT_EQ(dmi.get_start_address(), 0u);
        EXPECT_EQ(dmi.get_end_address(), 8191u);
        EXPECT_TRUE(dmi.is_read_write_allowed());
        EXPECT_EQ(dmi.get_read_latency(), sc_time(5, SC_NS));
        EXPECT_EQ(dmi.get_write_latency(), sc_time(5, SC_NS));
        EXPECT_EQ(dmi.get_dmi_ptr()[0x123], 0x5A);
        // Writes through the pointer are seen by transactions.
        dmi.get_dmi_ptr()[0x200] = 0x77;
        EXPECT_EQ(b.bus.read(0x200, 1).data, 0x77u);

        tlm::tlm_dmi wdmi;
        EXPECT_TRUE(b.dmi(0x1FFF, tlm::TLM_WRITE_COMMAND, wdmi));
        EXPECT_TRUE(wdmi.is_write_allowed());
    });
    sc_start();
}

TEST(Memory, TransactionsAllowDmi) {
    Bench b;
    b.bus.run([&] {
        uint8_t buf[4] = {};
        tlm::tlm_generic_payload tx;
        sc_time delay = SC_ZERO_TIME;
        tx.set_command(tlm::TLM_READ_COMMAND);
        tx.set_address(0);
        tx.set_data_ptr(buf);
        tx.set_data_length(4);
        tx.set_streaming_width(4);
        tx.set_dmi_allowed(false);
        b.bus.socket->b_transport(tx, delay);
        EXPECT_TRUE(tx.is_response_ok());
        EXPECT_TRUE(tx.is_dmi_allowed());
    });
    sc_start();
}

TEST(Memory, RomGrantsReadOnlyDmi) {
    Bench b(4096, sc_time(2, SC_NS), /*read_only=*/true);
    b.bus.run([&] {
        tlm::tlm_dmi dmi;
        ASSERT_TRUE(b.dmi(0x10, tlm::TLM_READ_COMMAND, dmi));
        EXPECT_EQ(dmi.get_dmi_ptr(), b.mem.data());
        EXPECT_EQ(dmi.get_start_address(), 0u);
        EXPECT_EQ(dmi.get_end_address(), 4095u);
        EXPECT_TRUE(dmi.is_read_allowed());
        EXPECT_FALSE(dmi.is_write_allowed());
        EXPECT_EQ(dmi.get_read_latency(), sc_time(2, SC_NS));

        tlm::tlm_dmi wdmi;
        EXPECT_FALSE(b.dmi(0x10, tlm::TLM_WRITE_COMMAND, wdmi)) << "no DMI for writing a ROM";
        EXPECT_FALSE(wdmi.is_write_allowed());
    });
    sc_start();
}

TEST(Memory, ZeroSizeIsRefused) {
    EXPECT_THROW(Memory("empty", 0, SC_ZERO_TIME), std::invalid_argument);
}

TEST(Memory, OneGibibyteIsReservedNotAllocated) {
    constexpr uint64_t kGiB = uint64_t(1) << 30;
    Memory mem("dram", kGiB, sc_time(40, SC_NS));
    TestInitiator bus("bus");
    bus.socket.bind(mem.socket);
    EXPECT_EQ(mem.size(), kGiB);
    EXPECT_EQ(mem.data()[0], 0);
    EXPECT_EQ(mem.data()[kGiB - 1], 0);
    mem.data()[0] = 0x11;
    mem.data()[kGiB - 1] = 0x22;
    bus.run([&] {
        EXPECT_EQ(bus.read(0, 1).data, 0x11u);
        EXPECT_EQ(bus.read(kGiB - 1, 1).data, 0x22u);
        EXPECT_TRUE(bus.write(kGiB / 2, 0x33, 4).ok());
        EXPECT_EQ(mem.data()[kGiB / 2], 0x33);
        EXPECT_EQ(bus.read(kGiB, 1).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
    });
    sc_start();
}
