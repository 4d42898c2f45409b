// An initiator whose stimulus runs in an SC_METHOD, once, at time 0: for testing how targets
// and interconnects serve callers that cannot wait (they must time loosely instead).
// Header-only, like test_initiator.h.
#pragma once

#include <tlm_utils/simple_initiator_socket.h>

#include <functional>
#include <systemc>
#include <tlm>

namespace accelvp::test {

class MethodInitiator : public sc_core::sc_module {
public:
    tlm_utils::simple_initiator_socket<MethodInitiator> socket;

    SC_HAS_PROCESS(MethodInitiator);
    MethodInitiator(sc_core::sc_module_name name, std::function<void(MethodInitiator&)> body)
        : sc_module(name), socket("socket"), body_(std::move(body)) {
        SC_METHOD(method);
    }

    // A blocking read of `len` (at most 8) bytes into `value`; returns the annotated delay.
    sc_core::sc_time read(uint64_t address, unsigned len, uint64_t& value,
                          tlm::tlm_response_status& status) {
        tlm::tlm_generic_payload tx;
        tx.set_command(tlm::TLM_READ_COMMAND);
        tx.set_address(address);
        tx.set_data_ptr(reinterpret_cast<unsigned char*>(&value));
        tx.set_data_length(len);
        tx.set_streaming_width(len);
        tx.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
        sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
        socket->b_transport(tx, delay);
        status = tx.get_response_status();
        return delay;
    }

private:
    void method() { body_(*this); }  // runs once: no sensitivity, no next_trigger
    std::function<void(MethodInitiator&)> body_;
};

}  // namespace accelvp::test
