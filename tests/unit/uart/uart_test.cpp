// Uart: every TEST elaborates its own design (one per process, see tests/CMakeLists.txt).
#include "ip/uart/uart.h"

#include <string>

#include <gtest/gtest.h>

#include "ip/uart/uart_regs.h"
#include "tests/unit/support/irq_recorder.h"
#include "tests/unit/support/test_initiator.h"

using namespace sc_core;
using accelvp::Uart;
using accelvp::test::IrqRecorder;
using accelvp::test::TestInitiator;

namespace {

struct Bench {
    Uart uart{"uart", sc_time(10, SC_NS)};
    TestInitiator bus{"bus"};
    IrqRecorder irqs;
    std::string output;

    Bench() {
        bus.socket.bind(uart.socket);
        uart.irq.bind(irqs, 0);
        uart.set_output([this](char c) { output += c; });
    }
    uint64_t rd(uint64_t offset) { return bus.read(offset, 1).data; }
    void wr(uint64_t offset, uint64_t value) { EXPECT_TRUE(bus.write(offset, value, 1).ok()); }
};

}  // namespace

TEST(Uart, ResetValues) {
    Bench b;
    b.bus.run([&] {
        EXPECT_EQ(b.rd(UART_IER), 0u);
        EXPECT_EQ(b.rd(UART_IIR), UART_IIR_NO_INT);
        EXPECT_EQ(b.rd(UART_LCR), 0u);
        EXPECT_EQ(b.rd(UART_MCR), 0u);
        EXPECT_EQ(b.rd(UART_LSR), UART_LSR_THRE | UART_LSR_TEMT);
        EXPECT_EQ(b.rd(UART_MSR), UART_MSR_CTS | UART_MSR_DSR | UART_MSR_DCD);
        EXPECT_EQ(b.rd(UART_SCR), 0u);
        EXPECT_EQ(b.rd(UART_RBR), 0u);
    });
    sc_start();
    EXPECT_FALSE(b.irqs.level());
    EXPECT_TRUE(b.irqs.edges().empty());
}

TEST(Uart, ScratchLineAndModemControlReadBack) {
    Bench b;
    b.bus.run([&] {
        b.wr(UART_SCR, 0xA5);
        b.wr(UART_LCR, 0x03);
        b.wr(UART_MCR, 0xFF);  // bits 7:5 do not exist
        EXPECT_EQ(b.rd(UART_SCR), 0xA5u);
        EXPECT_EQ(b.rd(UART_LCR), 0x03u);
        EXPECT_EQ(b.rd(UART_MCR), 0x1Fu);
    });
    sc_start();
}

TEST(Uart, DivisorLatchIsBehindDlab) {
    Bench b;
    b.bus.run([&] {
        b.wr(UART_LCR, UART_LCR_DLAB | 0x03);
        b.wr(UART_DLL, 0x34);
        b.wr(UART_DLM, 0x12);
        EXPECT_EQ(b.rd(UART_DLL), 0x34u);
        EXPECT_EQ(b.rd(UART_DLM), 0x12u);
        b.wr(UART_LCR, 0x03);
        EXPECT_EQ(b.rd(UART_IER), 0u);  // the DLM write did not reach IER
        EXPECT_EQ(b.rd(UART_RBR), 0u);
    });
    sc_start();
    EXPECT_EQ(b.output, "");  // the DLL write did not transmit
    EXPECT_EQ(b.uart.tx_bytes(), 0u);
}

TEST(Uart, TransmitGoesToOutputAtOnce) {
    Bench b;
    b.bus.run([&] {
        b.wr(UART_THR, 'H');
        b.wr(UART_THR, 'i');
        EXPECT_EQ(b.rd(UART_LSR), UART_LSR_THRE | UART_LSR_TEMT);
    });
    sc_start();
    EXPECT_EQ(b.output, "Hi");
    EXPECT_EQ(b.uart.tx_bytes(), 2u);
}

TEST(Uart, AccessCostsItsLatency) {
    Bench b;
    b.bus.run([&] {
        EXPECT_EQ(b.bus.read(UART_SCR, 1).delay, sc_time(10, SC_NS));
        EXPECT_EQ(b.bus.write(UART_SCR, 1, 1, sc_time(5, SC_NS)).delay, sc_time(15, SC_NS));
    });
    sc_start();
}

TEST(Uart, BadAccessesAnswerWithErrors) {
    Bench b;
    b.bus.run([&] {
        EXPECT_EQ(b.bus.read(UART_RBR, 4).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);  // spans regs
        EXPECT_EQ(b.bus.read(0x8, 1).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.bus.write(0xFF, 0, 1).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.bus.write(UART_LSR, 0, 1).status, tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(b.bus.write(UART_MSR, 0, 1).status, tlm::TLM_COMMAND_ERROR_RESPONSE);
    });
    sc_start();
}

TEST(Uart, ThreInterruptRaisedByEnableAndAcknowledgedByIirRead) {
    Bench b;
    b.bus.run([&] {
        wait(100, SC_NS);
        b.wr(UART_IER, UART_IER_THRI);
        EXPECT_TRUE(b.irqs.level());
        EXPECT_EQ(b.rd(UART_IIR), UART_IIR_THRI);  // acknowledges
        EXPECT_FALSE(b.irqs.level());
        EXPECT_EQ(b.rd(UART_IIR), UART_IIR_NO_INT);
        wait(50, SC_NS);
        b.wr(UART_THR, 'x');  // the holding register empties again at once
        EXPECT_TRUE(b.irqs.level());
        b.wr(UART_IER, 0);  // disabling drops it
        EXPECT_FALSE(b.irqs.level());
    });
    sc_start();
    auto edges = b.irqs.edges(0);
    ASSERT_EQ(edges.size(), 4u);
    EXPECT_EQ(edges[0].time, sc_time(100, SC_NS));
    EXPECT_TRUE(edges[0].level);
    EXPECT_EQ(edges[2].time, sc_time(150, SC_NS));
    EXPECT_TRUE(edges[2].level);
}

TEST(Uart, ReceivedDataRaisesInterruptUntilRead) {
    Bench b;
    b.bus.run([&] {
        b.wr(UART_IER, UART_IER_RDI);
        EXPECT_FALSE(b.irqs.level());
        wait(200, SC_NS);
        b.uart.receive('a');
        EXPECT_TRUE(b.irqs.level());
        EXPECT_EQ(b.rd(UART_LSR), UART_LSR_DR | UART_LSR_THRE | UART_LSR_TEMT);
        EXPECT_EQ(b.rd(UART_IIR), UART_IIR_RDI);
        wait(30, SC_NS);
        EXPECT_EQ(b.rd(UART_RBR), uint64_t{'a'});
        EXPECT_FALSE(b.irqs.level());
        EXPECT_EQ(b.rd(UART_LSR), UART_LSR_THRE | UART_LSR_TEMT);
    });
    sc_start();
    auto edges = b.irqs.edges(0);
    ASSERT_EQ(edges.size(), 2u);
    EXPECT_EQ(edges[0].time, sc_time(200, SC_NS));
    EXPECT_EQ(edges[1].time, sc_time(230, SC_NS));
    EXPECT_EQ(b.uart.rx_bytes(), 1u);
}

TEST(Uart, FifoHoldsSixteenBytesThenOverruns) {
    Bench b;
    b.bus.run([&] {
        b.wr(UART_FCR, UART_FCR_ENABLE);
        EXPECT_EQ(b.rd(UART_IIR), UART_IIR_FIFO_ENABLED | UART_IIR_NO_INT);
        EXPECT_EQ(b.uart.rx_free(), 16u);
        for (int i = 0; i < 17; ++i) b.uart.receive(static_cast<uint8_t>('A' + i));
        EXPECT_EQ(b.uart.rx_free(), 0u);
        EXPECT_EQ(b.rd(UART_LSR), UART_LSR_DR | UART_LSR_OE | UART_LSR_THRE | UART_LSR_TEMT);
        EXPECT_EQ(b.rd(UART_LSR) & UART_LSR_OE, 0u);  // reading LSR cleared OE
        for (int i = 0; i < 16; ++i) EXPECT_EQ(b.rd(UART_RBR), uint64_t('A' + i));
        EXPECT_EQ(b.rd(UART_LSR) & UART_LSR_DR, 0u);
    });
    sc_start();
    EXPECT_EQ(b.uart.rx_bytes(), 16u);  // the 17th byte was lost
}

TEST(Uart, WithoutFifoOneByteIsHeldAndOverwritten) {
    Bench b;
    b.bus.run([&] {
        EXPECT_EQ(b.uart.rx_free(), 1u);
        b.uart.receive('1');
        b.uart.receive('2');
        EXPECT_EQ(b.rd(UART_LSR) & UART_LSR_OE, UART_LSR_OE);
        EXPECT_EQ(b.rd(UART_RBR), uint64_t{'2'});
        EXPECT_EQ(b.rd(UART_LSR) & UART_LSR_DR, 0u);
    });
    sc_start();
}

TEST(Uart, InterruptPriorityLineStatusDataThreModem) {
    Bench b;
    b.bus.run([&] {
        b.wr(UART_IER, UART_IER_RLSI | UART_IER_RDI | UART_IER_THRI | UART_IER_MSI);
        b.wr(UART_MCR, UART_MCR_LOOP);  // the modem inputs drop: modem status deltas
        b.wr(UART_THR, 'a');            // loopback, no FIFO: the second byte overruns
        b.wr(UART_THR, 'b');
        EXPECT_TRUE(b.irqs.level());
        EXPECT_EQ(b.rd(UART_IIR), UART_IIR_RLSI);
        b.rd(UART_LSR);
        EXPECT_EQ(b.rd(UART_IIR), UART_IIR_RDI);
        EXPECT_EQ(b.rd(UART_RBR), uint64_t{'b'});
        EXPECT_EQ(b.rd(UART_IIR), UART_IIR_THRI);
        EXPECT_EQ(b.rd(UART_IIR), UART_IIR_MSI);
        EXPECT_TRUE(b.irqs.level());
        b.rd(UART_MSR);
        EXPECT_EQ(b.rd(UART_IIR), UART_IIR_NO_INT);
        EXPECT_FALSE(b.irqs.level());
    });
    sc_start();
}

TEST(Uart, FcrClearsReceiveFifo) {
    Bench b;
    b.bus.run([&] {
        b.wr(UART_FCR, UART_FCR_ENABLE);
        b.uart.receive('a');
        b.uart.receive('b');
        b.wr(UART_FCR, UART_FCR_ENABLE | UART_FCR_CLEAR_RX | UART_FCR_CLEAR_TX);
        EXPECT_EQ(b.rd(UART_LSR) & UART_LSR_DR, 0u);
        b.uart.receive('c');
        b.wr(UART_FCR, 0);  // turning the FIFOs off clears them too
        EXPECT_EQ(b.rd(UART_LSR) & UART_LSR_DR, 0u);
        EXPECT_EQ(b.rd(UART_IIR), UART_IIR_NO_INT);
    });
    sc_start();
}

TEST(Uart, LoopbackReturnsTransmittedBytes) {
    Bench b;
    b.bus.run([&] {
        b.wr(UART_FCR, UART_FCR_ENABLE);
        b.wr(UART_MCR, UART_MCR_LOOP);
        b.wr(UART_IER, UART_IER_RDI);
        b.wr(UART_THR, 'x');
        b.wr(UART_THR, 'y');
        EXPECT_TRUE(b.irqs.level());
        b.uart.receive('z');  // the serial input is disconnected in loopback
        EXPECT_EQ(b.rd(UART_RBR), uint64_t{'x'});
        EXPECT_EQ(b.rd(UART_RBR), uint64_t{'y'});
        EXPECT_EQ(b.rd(UART_LSR) & UART_LSR_DR, 0u);
        EXPECT_FALSE(b.irqs.level());
    });
    sc_start();
    EXPECT_EQ(b.output, "");
    EXPECT_EQ(b.uart.tx_bytes(), 2u);
    EXPECT_EQ(b.uart.rx_bytes(), 2u);
}

TEST(Uart, LoopbackModemInputsFollowOutputs) {
    Bench b;
    b.bus.run([&] {
        b.wr(UART_MCR, UART_MCR_LOOP | UART_MCR_RTS | UART_MCR_OUT1);
        // CTS stays (from RTS), DSR and DCD drop, RI rises: deltas for DSR and DCD.
        EXPECT_EQ(b.rd(UART_MSR), UART_MSR_CTS | UART_MSR_RI | UART_MSR_DDSR | UART_MSR_DDCD);
        EXPECT_EQ(b.rd(UART_MSR), UART_MSR_CTS | UART_MSR_RI);  // reading cleared the deltas
        b.wr(UART_IER, UART_IER_MSI);
        EXPECT_FALSE(b.irqs.level());
        b.wr(UART_MCR, UART_MCR_LOOP | UART_MCR_RTS);  // RI falls: trailing edge
        EXPECT_TRUE(b.irqs.level());
        EXPECT_EQ(b.rd(UART_IIR), UART_IIR_MSI);
        EXPECT_EQ(b.rd(UART_MSR), UART_MSR_CTS | UART_MSR_TERI);
        EXPECT_FALSE(b.irqs.level());
        b.wr(UART_MCR, UART_MCR_LOOP | UART_MCR_RTS | UART_MCR_OUT1);  // RI rises: no delta
        EXPECT_EQ(b.rd(UART_MSR), UART_MSR_CTS | UART_MSR_RI);
    });
    sc_start();
}

TEST(Uart, DebugReadsHaveNoSideEffects) {
    Bench b;
    b.bus.run([&] {
        b.wr(UART_SCR, 0x5A);
        b.uart.receive('q');
        EXPECT_EQ(b.bus.debug_read(UART_SCR, 1), 0x5Au);
        EXPECT_FALSE(b.bus.debug_read(UART_RBR, 1).has_value());  // would pop the FIFO
        EXPECT_FALSE(b.bus.debug_read(UART_LSR, 1).has_value());  // would clear OE
        EXPECT_EQ(b.rd(UART_RBR), uint64_t{'q'});
    });
    sc_start();
}
