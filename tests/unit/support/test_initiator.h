// Test stimulus for a memory-mapped model: a module with a simple_initiator_socket that runs
// a test body as its SC_THREAD and does blocking reads and writes of 1, 2, 4 or 8 bytes,
// returning data, response status and the delay the target annotated. Header-only, because
// every tests/unit/**/*_test.cpp is its own executable.
//
//   accelvp::test::TestInitiator bus("bus");
//   bus.socket.bind(device.socket);
//   bus.run([&] { EXPECT_EQ(bus.read(0x0, 4).data, 0u); sc_core::wait(10, SC_NS); ... });
//   sc_core::sc_start();
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <stdexcept>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

namespace accelvp::test {

struct BusResult {
    tlm::tlm_response_status status = tlm::TLM_INCOMPLETE_RESPONSE;
    uint64_t data = 0;                               // read data, zero-extended
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;  // local offset after the access

    bool ok() const { return status == tlm::TLM_OK_RESPONSE; }
};

class TestInitiator : public sc_core::sc_module {
public:
    tlm_utils::simple_initiator_socket<TestInitiator> socket;

    SC_HAS_PROCESS(TestInitiator);
    explicit TestInitiator(sc_core::sc_module_name name) : sc_module(name), socket("socket") {
        SC_THREAD(thread);
    }

    // The test scenario, run as this module's thread from time 0. When it returns the
    // simulation stops (sc_stop), so sc_start() returns even if models still have events.
    void run(std::function<void()> body) { body_ = std::move(body); }

    // `local_offset` is the initiator's temporal-decoupling offset: the access happens at
    // sc_time_stamp() + local_offset, as seen by the target's access_time().
    BusResult read(uint64_t address, unsigned len,
                   sc_core::sc_time local_offset = sc_core::SC_ZERO_TIME) {
        return transport(tlm::TLM_READ_COMMAND, address, 0, len, local_offset);
    }

    BusResult write(uint64_t address, uint64_t value, unsigned len,
                    sc_core::sc_time local_offset = sc_core::SC_ZERO_TIME) {
        return transport(tlm::TLM_WRITE_COMMAND, address, value, len, local_offset);
    }

    // A debug (transport_dbg) read; empty when the target transferred no bytes.
    std::optional<uint64_t> debug_read(uint64_t address, unsigned len) {
        uint8_t buf[8] = {};
        tlm::tlm_generic_payload tx;
        tx.set_command(tlm::TLM_READ_COMMAND);
        tx.set_address(address);
        tx.set_data_ptr(buf);
        tx.set_data_length(check_len(len));
        if (socket->transport_dbg(tx) != len) return std::nullopt;
        uint64_t value = 0;
        std::memcpy(&value, buf, len);
        return value;
    }

private:
    static unsigned check_len(unsigned len) {
        if (len != 1 && len != 2 && len != 4 && len != 8)
            throw std::invalid_argument("TestInitiator: access length must be 1, 2, 4 or 8");
        return len;
    }

    BusResult transport(tlm::tlm_command cmd, uint64_t address, uint64_t value, unsigned len,
                        sc_core::sc_time local_offset) {
        uint8_t buf[8] = {};
        std::memcpy(buf, &value, check_len(len));  // the host is little-endian, like RISC-V
        tlm::tlm_generic_payload tx;
        tx.set_command(cmd);
        tx.set_address(address);
        tx.set_data_ptr(buf);
        tx.set_data_length(len);
        tx.set_streaming_width(len);
        tx.set_byte_enable_ptr(nullptr);
        tx.set_dmi_allowed(false);
        tx.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
        BusResult result;
        result.delay = local_offset;
        socket->b_transport(tx, result.delay);
        result.status = tx.get_response_status();
        if (cmd == tlm::TLM_READ_COMMAND) std::memcpy(&result.data, buf, len);
        return result;
    }

    void thread() {
        if (!body_) return;
        body_();
        // sc_stop() is how every test ends; its "Simulation stopped by user" info (type
        // /OSCI/SystemC) would only add noise.
        sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO,
                                                sc_core::SC_DO_NOTHING);
        sc_core::sc_stop();
    }

    std::function<void()> body_;
};

}  // namespace accelvp::test
