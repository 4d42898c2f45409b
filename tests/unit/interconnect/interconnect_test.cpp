// Interconnect: every TEST elaborates its own design (one per process, see tests/CMakeLists.txt).
#include "ip/interconnect/interconnect.h"

#include <gtest/gtest.h>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "ip/finisher/finisher.h"
#include "ip/memory/memory.h"
#include "tests/unit/support/test_initiator.h"

using namespace sc_core;
using accelvp::AddressMap;
using accelvp::Finisher;
using accelvp::Interconnect;
using accelvp::InterconnectConfig;
using accelvp::Memory;
using accelvp::test::TestInitiator;

namespace {

// A target that records what it sees: the address (an offset, after the bus's translation),
// length and command of the last access. Reads return the offset as data.
class Probe : public sc_module {
public:
    tlm_utils::simple_target_socket<Probe> socket;
    uint64_t last_address = ~uint64_t{0};
    unsigned last_length = 0;
    tlm::tlm_command last_command = tlm::TLM_IGNORE_COMMAND;
    int accesses = 0, debug_accesses = 0;
    sc_time latency;

    Probe(sc_module_name name, sc_time latency_ = SC_ZERO_TIME)
        : sc_module(name), socket("socket"), latency(latency_) {
        socket.register_b_transport(this, &Probe::b_transport);
        socket.register_transport_dbg(this, &Probe::transport_dbg);
    }

private:
    void b_transport(tlm::tlm_generic_payload& tx, sc_time& delay) {
        ++accesses;
        record(tx);
        delay += latency;
        if (tx.is_read()) fill(tx);
        tx.set_response_status(tlm::TLM_OK_RESPONSE);
    }
    unsigned int transport_dbg(tlm::tlm_generic_payload& tx) {
        ++debug_accesses;
        record(tx);
        if (tx.is_read()) fill(tx);
        return tx.get_data_length();
    }
    void record(const tlm::tlm_generic_payload& tx) {
        last_address = tx.get_address();
        last_length = tx.get_data_length();
        last_command = tx.get_command();
    }
    static void fill(tlm::tlm_generic_payload& tx) {
        uint64_t value = tx.get_address();
        std::memcpy(tx.get_data_ptr(), &value, std::min<unsigned>(8, tx.get_data_length()));
    }
};

// An initiator that only records the DMI invalidations the bus forwards to it.
class DmiWatcher : public sc_module {
public:
    tlm_utils::simple_initiator_socket<DmiWatcher> socket;
    std::vector<std::pair<uint64_t, uint64_t>> invalidations;

    explicit DmiWatcher(sc_module_name name) : sc_module(name), socket("socket") {
        socket.register_invalidate_direct_mem_ptr(this, &DmiWatcher::invalidate);
    }

private:
    void invalidate(sc_dt::uint64 start, sc_dt::uint64 end) {
        invalidations.emplace_back(start, end);
    }
};

constexpr uint64_t kSramBase = 0x2000'0000, kDramBase = 0x8000'0000, kDevBase = 0x1000'0000;

// Two memories (SRAM 4 KiB, DRAM 64 KiB), a probe, a finisher (an MmioDevice) and a reserved
// window, behind a bus with 2 ns of latency.
struct Bench {
    Interconnect bus{"bus", InterconnectConfig{}};  // 1 GHz, 1 + 1 cycles of hops
    Memory sram{"sram", 0x1000, sc_time(1, SC_NS)};
    Memory dram{"dram", 0x10000, sc_time(40, SC_NS)};
    Probe probe{"probe", sc_time(3, SC_NS)};
    Finisher finisher{"finisher", SC_ZERO_TIME};
    TestInitiator cpu{"cpu"};

    Bench() {
        cpu.socket.bind(bus.target_socket);
        bus.add_target("sram", kSramBase, sram.size(), sram.socket);
        bus.add_target("dram", kDramBase, dram.size(), dram.socket);
        bus.add_target("probe", kDevBase, 0x100, probe.socket);
        bus.add_target("finisher", 0x0010'0000, 0x1000, finisher.socket);
        bus.add_reserved("matrix", 0x1100'0000, 0x1'0000);
    }

    bool dmi(uint64_t address, tlm::tlm_dmi& dmi, tlm::tlm_command cmd = tlm::TLM_READ_COMMAND) {
        tlm::tlm_generic_payload tx;
        tx.set_command(cmd);
        tx.set_address(address);
        return cpu.socket->get_direct_mem_ptr(tx, dmi);
    }
};

}  // namespace

TEST(Interconnect, RoutesToTheRightTargetWithOffsetsFromZero) {
    Bench b;
    b.cpu.run([&] {
        EXPECT_TRUE(b.cpu.write(kSramBase + 0x10, 0x11223344, 4).ok());
        EXPECT_TRUE(b.cpu.write(kDramBase + 0x8000, 0xA5, 1).ok());
        EXPECT_TRUE(b.cpu.write(kSramBase + 0xFF8, 0x0102030405060708ull, 8).ok());  // last bytes
        EXPECT_EQ(b.cpu.read(kSramBase + 0x10, 4).data, 0x11223344u);
        EXPECT_EQ(b.cpu.read(kDramBase + 0x8000, 1).data, 0xA5u);
        EXPECT_EQ(b.cpu.read(kDramBase + 0x10, 4).data, 0u) << "the SRAM write did not reach DRAM";

        auto r = b.cpu.read(kDevBase + 0x24, 2);
        EXPECT_TRUE(r.ok());
        EXPECT_EQ(b.probe.last_address, 0x24u);
        EXPECT_EQ(b.probe.last_length, 2u);
        EXPECT_EQ(r.data, 0x24u);
        EXPECT_TRUE(b.cpu.write(kDevBase + 0xFC, 0, 4).ok());
        EXPECT_EQ(b.probe.last_address, 0xFCu);
        EXPECT_EQ(b.probe.last_command, tlm::TLM_WRITE_COMMAND);
    });
    sc_start();
    EXPECT_EQ(b.sram.data()[0x10], 0x44);
    EXPECT_EQ(b.sram.data()[0xFFF], 0x01);
    EXPECT_EQ(b.dram.data()[0x8000], 0xA5);
    EXPECT_EQ(b.probe.accesses, 2);
    EXPECT_EQ(b.bus.transactions(), 8u);
    EXPECT_EQ(b.bus.decode_errors(), 0u);
}

TEST(Interconnect, DecodeFindsTheWindow) {
    Bench b;
    ASSERT_NE(b.bus.address_map().find(kDramBase), nullptr);
    EXPECT_EQ(b.bus.address_map().find(kDramBase)->name, "dram");
    EXPECT_EQ(b.bus.address_map().find(kDramBase + 0xFFFF)->name, "dram");
    EXPECT_EQ(b.bus.address_map().find(kDramBase + 0x10000), nullptr);
    EXPECT_EQ(b.bus.address_map().find(kSramBase - 1), nullptr);
    EXPECT_EQ(b.bus.address_map().find(0), nullptr);
    EXPECT_EQ(b.bus.address_map().find(0x1100'8000)->name, "matrix");
    EXPECT_EQ(b.bus.address_map().find(0x1100'8000)->port, -1);
    // windows() is sorted by base.
    std::vector<std::string> names;
    for (const AddressMap::Window& w : b.bus.address_map().windows()) names.push_back(w.name);
    EXPECT_EQ(names, (std::vector<std::string>{"finisher", "probe", "matrix", "sram", "dram"}));
}

TEST(Interconnect, UnmappedAddressIsDecodeError) {
    Bench b;
    b.cpu.run([&] {
        auto r = b.cpu.read(0x4000'0000, 4);
        EXPECT_EQ(r.status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(r.delay, sc_time(2, SC_NS)) << "a decode error costs the bus latency";
        EXPECT_EQ(b.cpu.write(0x0, 1, 1).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.cpu.write(kSramBase + 0x1000, 1, 1).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.cpu.read(kDevBase + 0x100, 1).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.cpu.read(0xFFFF'FFFF, 1).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
    });
    sc_start();
    EXPECT_EQ(b.bus.decode_errors(), 5u);
    EXPECT_EQ(b.bus.transactions(), 5u);
    EXPECT_EQ(b.probe.accesses, 0);
}

TEST(Interconnect, AccessRunningPastTheEndOfAWindowIsDecodeError) {
    Interconnect bus("bus", InterconnectConfig{});
    Memory mem("mem", 0x2000, SC_ZERO_TIME);  // larger than its window
    TestInitiator cpu("cpu");
    cpu.socket.bind(bus.target_socket);
    bus.add_target("mem", 0x1000, 0x1000, mem.socket);
    cpu.run([&] {
        EXPECT_TRUE(cpu.read(0x1FFC, 4).ok());
        EXPECT_EQ(cpu.read(0x1FFE, 4).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(cpu.write(0x1FF9, 0xFFFF'FFFF'FFFF'FFFFull, 8).status,
                  tlm::TLM_ADDRESS_ERROR_RESPONSE);
    });
    sc_start();
    EXPECT_EQ(bus.decode_errors(), 2u);
    EXPECT_EQ(mem.data()[0xFF9], 0) << "the refused write reached nothing";
    EXPECT_EQ(mem.data()[0x1000], 0);
    EXPECT_EQ(mem.reads(), 1u);
    EXPECT_EQ(mem.writes(), 0u);
}

TEST(Interconnect, ReservedWindowIsSlaveError) {
    Bench b;
    b.cpu.run([&] {
        auto r = b.cpu.read(0x1100'0000, 4);
        EXPECT_EQ(r.status, tlm::TLM_GENERIC_ERROR_RESPONSE);
        EXPECT_EQ(r.delay, sc_time(2, SC_NS));
        EXPECT_EQ(b.cpu.write(0x1100'FFFC, 1, 4).status, tlm::TLM_GENERIC_ERROR_RESPONSE);
        EXPECT_EQ(b.cpu.debug_read(0x1100'0000, 4), std::nullopt);
    });
    sc_start();
    EXPECT_EQ(b.bus.decode_errors(), 0u) << "the window exists: not a decode error";
    EXPECT_EQ(b.bus.transactions(), 2u);
}

TEST(Interconnect, DeviceErrorsPassThrough) {
    Bench b;
    b.cpu.run([&] {
        // The finisher refuses an unknown value with a command error.
        EXPECT_EQ(b.cpu.write(0x0010'0000, 0x1234, 4).status, tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.cpu.read(0x0010'0000, 4).status, tlm::TLM_OK_RESPONSE);
    });
    sc_start();
    EXPECT_EQ(b.bus.decode_errors(), 0u);
    EXPECT_FALSE(b.finisher.exit_code().has_value());
}

TEST(Interconnect, OverlappingWindowsAreRefusedNamingBoth) {
    Interconnect bus("bus", InterconnectConfig{});
    Memory a("a", 0x1000, SC_ZERO_TIME), c("c", 0x1000, SC_ZERO_TIME);
    bus.add_target("alpha", 0x1000, 0x1000, a.socket);
    try {
        bus.add_target("gamma", 0x1800, 0x1000, c.socket);
        FAIL() << "overlap accepted";
    } catch (const std::invalid_argument& e) {
        std::string what = e.what();
        EXPECT_NE(what.find("alpha"), std::string::npos) << what;
        EXPECT_NE(what.find("gamma"), std::string::npos) << what;
    }
    // Also when the new window contains, or lies below and into, the old one; and reserved.
    EXPECT_THROW(bus.add_target("gamma", 0x0, 0x10000, c.socket), std::invalid_argument);
    EXPECT_THROW(bus.add_target("gamma", 0x0800, 0x1000, c.socket), std::invalid_argument);
    EXPECT_THROW(bus.add_reserved("delta", 0x1FFF, 1), std::invalid_argument);
    ASSERT_EQ(bus.address_map().windows().size(), 1u) << "a refused window is not added";
    // Adjacent windows are fine.
    EXPECT_NO_THROW(bus.add_reserved("delta", 0x2000, 0x1000));
    EXPECT_NO_THROW(bus.add_reserved("epsilon", 0x0, 0x1000));
    EXPECT_EQ(bus.address_map().windows().size(), 3u);
    // Nothing is simulated: the refused target sockets stay unbound.
}

TEST(Interconnect, ZeroSizeWindowIsRefused) {
    Interconnect bus("bus", InterconnectConfig{});
    Memory a("a", 0x1000, SC_ZERO_TIME);
    try {
        bus.add_target("empty", 0x1000, 0, a.socket);
        FAIL() << "zero-size window accepted";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("empty"), std::string::npos) << e.what();
    }
    EXPECT_THROW(bus.add_reserved("nothing", 0x1000, 0), std::invalid_argument);
    EXPECT_TRUE(bus.address_map().windows().empty());
}

TEST(Interconnect, WindowBeyondTheAddressSpaceIsRefused) {
    Interconnect bus("bus", InterconnectConfig{});
    EXPECT_THROW(bus.add_reserved("high", 0xFFFF'F000, 0x2000), std::invalid_argument);
    EXPECT_THROW(bus.add_reserved("wrap", ~uint64_t{0} - 0xFFF, 0x2000), std::invalid_argument);
    EXPECT_NO_THROW(bus.add_reserved("top", 0xFFFF'F000, 0x1000));
}

TEST(Interconnect, LatencyAddsToTheTargets) {
    Bench b;
    b.cpu.run([&] {
        // A thread's transaction is synchronised: the time passes during the call.
        auto elapsed = [](auto access) {
            const sc_time start = sc_time_stamp();
            const sc_time delay = access().delay;
            return sc_time_stamp() + delay - start;
        };
        EXPECT_EQ(elapsed([&] { return b.cpu.read(kSramBase, 4); }), sc_time(3, SC_NS));  // 2 + 1
        EXPECT_EQ(elapsed([&] { return b.cpu.read(kDramBase, 4); }), sc_time(42, SC_NS));
        EXPECT_EQ(elapsed([&] { return b.cpu.write(kDevBase, 0, 4, sc_time(10, SC_NS)); }),
                  sc_time(15, SC_NS));  // the local offset, then 2 + 3
    });
    sc_start();
}

TEST(Interconnect, DmiIsTranslatedToBusAddresses) {
    Bench b;
    b.cpu.run([&] {
        tlm::tlm_dmi dmi;
        ASSERT_TRUE(b.dmi(kDramBase + 0x1234, dmi));
        EXPECT_EQ(dmi.get_dmi_ptr(), b.dram.data());
        EXPECT_EQ(dmi.get_start_address(), kDramBase);
        EXPECT_EQ(dmi.get_end_address(), kDramBase + 0xFFFF);
        EXPECT_TRUE(dmi.is_read_write_allowed());

        tlm::tlm_dmi sdmi;
        ASSERT_TRUE(b.dmi(kSramBase + 0xFFF, sdmi, tlm::TLM_WRITE_COMMAND));
        EXPECT_EQ(sdmi.get_dmi_ptr(), b.sram.data());
        EXPECT_EQ(sdmi.get_start_address(), kSramBase);
        EXPECT_EQ(sdmi.get_end_address(), kSramBase + 0xFFF);
    });
    sc_start();
}

TEST(Interconnect, DmiIsClampedToTheWindow) {
    Interconnect bus("bus", InterconnectConfig{});
    Memory mem("mem", 0x4000, SC_ZERO_TIME);  // only the first 4 KiB are mapped
    TestInitiator cpu("cpu");
    cpu.socket.bind(bus.target_socket);
    bus.add_target("mem", 0x9000, 0x1000, mem.socket);
    cpu.run([&] {
        tlm::tlm_generic_payload tx;
        tx.set_command(tlm::TLM_READ_COMMAND);
        tx.set_address(0x9800);
        tlm::tlm_dmi dmi;
        ASSERT_TRUE(cpu.socket->get_direct_mem_ptr(tx, dmi));
        EXPECT_EQ(dmi.get_dmi_ptr(), mem.data());
        EXPECT_EQ(dmi.get_start_address(), 0x9000u);
        EXPECT_EQ(dmi.get_end_address(), 0x9FFFu);
        EXPECT_EQ(tx.get_address(), 0x9800u) << "the payload's address is restored";
    });
    sc_start();
}

TEST(Interconnect, DmiIsRefusedForDevicesReservedWindowsAndHoles) {
    Bench b;
    b.cpu.run([&] {
        tlm::tlm_dmi dev;
        EXPECT_FALSE(b.dmi(0x0010'0000, dev));  // the finisher, an MmioDevice
        EXPECT_EQ(dev.get_dmi_ptr(), nullptr);
        // The refusal covers the device's window (the initiator need not ask again there).
        EXPECT_EQ(dev.get_start_address(), 0x0010'0000u);
        EXPECT_EQ(dev.get_end_address(), 0x0010'0FFFu);

        tlm::tlm_dmi probe;
        EXPECT_FALSE(b.dmi(kDevBase + 4, probe));  // a target without DMI support
        EXPECT_EQ(probe.get_start_address(), kDevBase);
        EXPECT_EQ(probe.get_end_address(), kDevBase + 0xFF);

        tlm::tlm_dmi reserved;
        EXPECT_FALSE(b.dmi(0x1100'0010, reserved));
        EXPECT_EQ(reserved.get_start_address(), 0x1100'0000u);
        EXPECT_EQ(reserved.get_end_address(), 0x1100'FFFFu);

        tlm::tlm_dmi hole;
        EXPECT_FALSE(b.dmi(0x4000'0000, hole));
        EXPECT_EQ(hole.get_start_address(), 0x4000'0000u);
        EXPECT_EQ(hole.get_end_address(), 0x4000'0000u);
    });
    sc_start();
}

TEST(Interconnect, DebugTransportIsRouted) {
    Bench b;
    b.cpu.run([&] {
        ASSERT_TRUE(b.cpu.write(kDramBase + 0x40, 0xCAFEF00D, 4).ok());
        EXPECT_EQ(b.cpu.debug_read(kDramBase + 0x40, 4), std::optional<uint64_t>(0xCAFEF00Du));
        EXPECT_EQ(b.cpu.debug_read(kDevBase + 0x30, 4), std::optional<uint64_t>(0x30u));
        EXPECT_EQ(b.probe.last_address, 0x30u);
        EXPECT_EQ(b.probe.debug_accesses, 1);
        EXPECT_EQ(b.cpu.debug_read(0x4000'0000, 4), std::nullopt);  // unmapped

        // A debug access running past the window is cut at the window's end.
        uint8_t buf[8] = {};
        tlm::tlm_generic_payload tx;
        tx.set_command(tlm::TLM_READ_COMMAND);
        tx.set_address(kDevBase + 0xFC);
        tx.set_data_ptr(buf);
        tx.set_data_length(8);
        EXPECT_EQ(b.cpu.socket->transport_dbg(tx), 4u);
        EXPECT_EQ(b.probe.last_length, 4u);
        EXPECT_EQ(tx.get_address(), kDevBase + 0xFC);
        EXPECT_EQ(tx.get_data_length(), 8u);
    });
    sc_start();
    EXPECT_EQ(b.bus.transactions(), 1u) << "debug accesses are not transactions";
    EXPECT_EQ(b.probe.accesses, 0);
}

TEST(Interconnect, DmiInvalidationIsForwardedWithBusAddresses) {
    Bench b;
    DmiWatcher watcher("watcher");
    watcher.socket.bind(b.bus.target_socket);
    b.cpu.run([&] {
        b.dram.socket->invalidate_direct_mem_ptr(0x100, 0x1FF);
        b.sram.socket->invalidate_direct_mem_ptr(0, ~uint64_t{0});  // everything: the window
    });
    sc_start();
    using Range = std::pair<uint64_t, uint64_t>;
    EXPECT_EQ(watcher.invalidations, (std::vector<Range>{{kDramBase + 0x100, kDramBase + 0x1FF},
                                                         {kSramBase, kSramBase + 0xFFF}}));
}
