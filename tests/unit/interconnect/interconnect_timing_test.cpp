// Interconnect timing: bursts, data-channel bandwidth, contention, outstanding limits and
// arbitration. Every TEST elaborates its own design (one per process).
#define SC_INCLUDE_DYNAMIC_PROCESSES  // Streamer spawns its threads
#include <gtest/gtest.h>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

#include "ip/interconnect/interconnect.h"
#include "ip/memory/memory.h"
#include "tests/unit/support/method_initiator.h"
#include "tests/unit/support/test_initiator.h"

using namespace sc_core;
using accelvp::ArbitrationPolicy;
using accelvp::Interconnect;
using accelvp::InterconnectConfig;
using accelvp::Memory;
using accelvp::test::TestInitiator;

namespace {

// A target that takes `latency` inside b_transport (as a process-driven model does), records
// every burst it receives and how many were inside it at once.
class SlowTarget : public sc_module {
public:
    tlm_utils::simple_target_socket<SlowTarget> socket;
    struct Access {
        uint64_t address;
        unsigned length;
    };
    std::vector<Access> accesses;
    unsigned inside = 0, max_inside = 0;
    sc_time latency;

    SlowTarget(sc_module_name name, sc_time latency_) : sc_module(name), latency(latency_) {
        socket.register_b_transport(this, &SlowTarget::b_transport);
    }

private:
    void b_transport(tlm::tlm_generic_payload& tx, sc_time& delay) {
        accesses.push_back({tx.get_address(), tx.get_data_length()});
        max_inside = std::max(max_inside, ++inside);
        wait(delay + latency);
        delay = SC_ZERO_TIME;
        --inside;
        tx.set_response_status(tlm::TLM_OK_RESPONSE);
    }
};

// An initiator with several threads, each issuing reads of `bytes` back to back until `until`.
class Streamer : public sc_module {
public:
    tlm_utils::simple_initiator_socket<Streamer> socket;
    uint64_t completed = 0;

    Streamer(sc_module_name name, unsigned threads, uint64_t base, unsigned bytes, sc_time until)
        : sc_module(name), base_(base), bytes_(bytes), until_(until), buffers_(threads) {
        for (unsigned t = 0; t < threads; ++t) {
            buffers_[t].resize(bytes);
            sc_spawn_options opts;
            sc_spawn([this, t] { run(t); }, sc_gen_unique_name("stream"), &opts);
        }
    }

private:
    void run(unsigned t) {
        tlm::tlm_generic_payload tx;
        while (sc_time_stamp() < until_) {
            tx.set_command(tlm::TLM_READ_COMMAND);
            tx.set_address(base_ + uint64_t(t) * bytes_);
            tx.set_data_ptr(buffers_[t].data());
            tx.set_data_length(bytes_);
            tx.set_streaming_width(bytes_);
            tx.set_byte_enable_ptr(nullptr);
            tx.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
            sc_time delay = SC_ZERO_TIME;
            socket->b_transport(tx, delay);
            wait(delay);
            // Only what completes by `until` counts: requests still queued then would favour
            // the initiator with the most threads.
            if (tx.is_response_ok() && sc_time_stamp() <= until_) ++completed;
        }
    }
    uint64_t base_;
    unsigned bytes_;
    sc_time until_;
    std::vector<std::vector<unsigned char>> buffers_;
};

InterconnectConfig config(uint32_t data_bytes = 32) {
    InterconnectConfig c;
    c.data_bytes = data_bytes;
    return c;
}

}  // namespace

TEST(InterconnectTiming, SplitsBurstsAtFourKibAndTheMaximumBurstLength) {
    InterconnectConfig c = config(8);
    c.max_burst_beats = 256;  // 2 KiB bursts
    Interconnect bus("bus", c);
    Memory mem("mem", 0x10000, SC_ZERO_TIME);
    SlowTarget slow("slow", SC_ZERO_TIME);
    TestInitiator cpu("cpu");
    cpu.socket.bind(bus.target_socket);
    bus.add_target("mem", 0x0, 0x10000, mem.socket);
    bus.add_target("slow", 0x10000, 0x10000, slow.socket);
    std::vector<unsigned char> data(10000);
    for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<unsigned char>(i * 7);
    cpu.run([&] {
        tlm::tlm_generic_payload tx;
        tx.set_command(tlm::TLM_WRITE_COMMAND);
        tx.set_data_ptr(data.data());
        tx.set_data_length(unsigned(data.size()));
        tx.set_streaming_width(unsigned(data.size()));
        for (uint64_t base : {0x0800ull, 0x10800ull}) {
            tx.set_address(base);
            sc_time delay = SC_ZERO_TIME;
            cpu.socket->b_transport(tx, delay);
            ASSERT_TRUE(tx.is_response_ok());
            EXPECT_EQ(tx.get_address(), base) << "the payload is restored";
            EXPECT_EQ(tx.get_data_length(), data.size());
        }
    });
    sc_start();
    EXPECT_TRUE(std::equal(data.begin(), data.end(), mem.data() + 0x800));
    uint64_t next = 0x800, total = 0;
    for (const auto& a : slow.accesses) {
        EXPECT_EQ(a.address, next);
        EXPECT_LE(a.length, 2048u);
        EXPECT_EQ(a.address / 4096, (a.address + a.length - 1) / 4096) << "crosses 4 KiB";
        next += a.length;
        total += a.length;
    }
    EXPECT_EQ(total, data.size());
    EXPECT_EQ(slow.accesses.size(), 5u);  // 2 KiB at most, cut at 4 KiB boundaries
    EXPECT_EQ(bus.initiator_ports()[0].counters.bursts, 10u);
}

TEST(InterconnectTiming, ADataChannelCarriesItsWidthPerCycle) {
    Interconnect bus("bus", config(32));  // 32 B per cycle at 1 GHz: 32 GB/s
    Memory mem("mem", 0x10000, SC_ZERO_TIME);
    TestInitiator cpu("cpu");
    cpu.socket.bind(bus.target_socket);
    bus.add_target("mem", 0x0, 0x10000, mem.socket);
    std::vector<unsigned char> buf(0x10000);
    cpu.run([&] {
        tlm::tlm_generic_payload tx;
        tx.set_command(tlm::TLM_READ_COMMAND);
        tx.set_address(0);
        tx.set_data_ptr(buf.data());
        tx.set_data_length(0x10000);
        tx.set_streaming_width(0x10000);
        sc_time delay = SC_ZERO_TIME;
        cpu.socket->b_transport(tx, delay);
        // 16 bursts of 4 KiB, one after another: 1 request cycle, 128 beats, 1 response cycle.
        EXPECT_EQ(sc_time_stamp() + delay, sc_time(16 * 130, SC_NS));
    });
    sc_start();
    const auto& port = bus.initiator_ports()[0].counters;
    EXPECT_EQ(port.bytes_read, 0x10000u);
    EXPECT_EQ(port.read_busy_ps, 16u * 128 * 1000);
    EXPECT_EQ(port.latency_ps_max, 16u * 130 * 1000);
}

TEST(InterconnectTiming, TwoInitiatorsStreamingToOneTargetShareItsBandwidth) {
    Interconnect bus("bus", config(32));
    Memory mem("mem", 0x100000, SC_ZERO_TIME);
    const sc_time until(20, SC_US);
    Streamer a("a", 1, 0x0, 4096, until), b("b", 1, 0x80000, 4096, until);
    bus.connect_initiator("a", a.socket);
    bus.connect_initiator("b", b.socket);
    bus.add_target("mem", 0x0, 0x100000, mem.socket);
    sc_start(until + sc_time(10, SC_US));
    // Alone, one 4 KiB burst takes 130 cycles; together the 128 beats of each are serialised
    // on the read channel, so each initiator gets about half of 32 GB/s.
    const double alone = until.to_seconds() * 1e9 / 130.0;
    EXPECT_LT(double(a.completed), 0.6 * alone);
    EXPECT_LT(double(b.completed), 0.6 * alone);
    EXPECT_NEAR(double(a.completed), double(b.completed), 1.0);
    const auto& target = bus.target_ports()[0].counters;
    EXPECT_GE(target.bytes_read, (a.completed + b.completed) * 4096);  // and what ended later
    const auto& pa = bus.initiator_ports()[0].counters;
    EXPECT_GT(double(pa.latency_ps_sum) / double(pa.transactions), 250'000.0)
        << "each waits for the other's burst: about 2 x 128 cycles";
    // The channel was busy all the time the two streamed (the last bursts end after until).
    EXPECT_GT(double(target.read_busy_ps), 0.95 * until.to_seconds() * 1e12);
    EXPECT_LE(target.read_busy_ps, uint64_t(sc_time_stamp().to_seconds() * 1e12));
}

TEST(InterconnectTiming, AnInitiatorHasAtMostMaxOutstandingBurstsInFlight) {
    InterconnectConfig c = config();
    c.max_outstanding = 2;
    c.target_slots = 16;
    Interconnect bus("bus", c);
    SlowTarget slow("slow", sc_time(100, SC_NS));
    const sc_time until(2, SC_US);
    Streamer s("s", 6, 0x0, 64, until);
    bus.connect_initiator("s", s.socket);
    bus.add_target("slow", 0x0, 0x10000, slow.socket);
    sc_start(until + sc_time(1, SC_US));
    EXPECT_EQ(slow.max_inside, 2u);
}

TEST(InterconnectTiming, ATargetHoldsAtMostTargetSlotsBursts) {
    InterconnectConfig c = config();
    c.target_slots = 3;
    Interconnect bus("bus", c);
    SlowTarget slow("slow", sc_time(100, SC_NS));
    const sc_time until(2, SC_US);
    Streamer a("a", 4, 0x0, 64, until), b("b", 4, 0x1000, 64, until);
    bus.connect_initiator("a", a.socket);
    bus.connect_initiator("b", b.socket);
    bus.add_target("slow", 0x0, 0x10000, slow.socket);
    sc_start(until + sc_time(1, SC_US));
    EXPECT_EQ(slow.max_inside, 3u);
    EXPECT_GT(bus.target_ports()[0].arbiter->contended_grants(), 0u);
}

TEST(InterconnectTiming, RoundRobinSharesAContendedTargetEqually) {
    InterconnectConfig c = config();
    c.target_slots = 1;
    Interconnect bus("bus", c);
    SlowTarget slow("slow", sc_time(50, SC_NS));
    const sc_time until(20, SC_US);
    // a has three times b's threads: under round robin, that buys it nothing.
    Streamer a("a", 6, 0x0, 64, until), b("b", 2, 0x1000, 64, until);
    bus.connect_initiator("a", a.socket, 0);
    bus.connect_initiator("b", b.socket, 0);
    bus.add_target("slow", 0x0, 0x10000, slow.socket);
    sc_start(until + sc_time(2, SC_US));
    ASSERT_GT(a.completed, 100u);
    EXPECT_LE(std::max(a.completed, b.completed) - std::min(a.completed, b.completed), 2u)
        << "a " << a.completed << ", b " << b.completed;
}

TEST(InterconnectTiming, PriorityArbitrationServesTheHigherPriorityFirst) {
    InterconnectConfig c = config();
    c.target_slots = 1;
    c.arbitration = ArbitrationPolicy::Priority;
    Interconnect bus("bus", c);
    SlowTarget slow("slow", sc_time(50, SC_NS));
    const sc_time until(20, SC_US);
    Streamer low("low", 2, 0x0, 64, until), high("high", 2, 0x1000, 64, until);
    bus.connect_initiator("low", low.socket, 0);
    bus.connect_initiator("high", high.socket, 3);
    bus.add_target("slow", 0x0, 0x10000, slow.socket);
    sc_start(until + sc_time(2, SC_US));
    // high always has a request waiting when the slot frees: low starves.
    EXPECT_GT(high.completed, 100u);
    EXPECT_LE(low.completed, 2u);
}

TEST(InterconnectTiming, OutsideAThreadTheTransactionIsLooselyTimed) {
    Interconnect bus("bus", config(8));
    Memory mem("mem", 0x1000, sc_time(5, SC_NS));
    sc_time delay;
    tlm::tlm_response_status status = tlm::TLM_INCOMPLETE_RESPONSE;
    accelvp::test::MethodInitiator method("method", [&](accelvp::test::MethodInitiator& m) {
        uint64_t value = 0;
        delay = m.read(0x10, 8, value, status);
    });
    method.socket.bind(bus.target_socket);
    bus.add_target("mem", 0x0, 0x1000, mem.socket);
    sc_start();
    EXPECT_EQ(status, tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(delay, sc_time(1 + 5 + 1 + 1, SC_NS));  // request, memory, response, one beat
}

TEST(InterconnectTiming, BadConfigurationNamesTheField) {
    InterconnectConfig c = config(24);
    try {
        Interconnect bus("bus", c);
        FAIL() << "no error";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("data_bytes"), std::string::npos) << e.what();
    }
    c = config();
    c.max_burst_beats = 257;
    EXPECT_THROW(Interconnect("bus2", c), std::invalid_argument);
}
