// 16550-compatible UART (register shift 0, byte registers; map in ip/uart/uart_regs.h).
// Models: DLAB and the divisor latch (stored, no effect), IER/IIR with the standard interrupt
// priority (receiver line status > received data > THR empty > modem status), FCR (FIFO
// enable and clears), LCR, MCR with loopback (transmitted bytes come back as received, modem
// inputs follow the modem outputs), LSR (DR, OE, THRE, TEMT), MSR with delta bits, SCR.
// Receive buffer: a 16-byte FIFO when FCR enables FIFOs, a single holding byte otherwise.
// Does not model: baud rate, framing, parity/framing/break errors, the FIFO trigger level and
// the character-timeout interrupt (the received-data interrupt is raised as soon as one byte
// is in the buffer), the TX FIFO (nothing is ever queued in it). LSR and MSR are read-only:
// a write answers with a command error.
// Timing: transmission is instantaneous, so THRE and TEMT always read as set and a THR write
// reaches the output callback at once; each register access costs `access_latency`. The
// interrupt line changes at once, inside the access or the receive() call that causes it.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>

#include "ip/common/irq.h"
#include "ip/common/mmio_device.h"

namespace accelvp {

class Uart : public MmioDevice {
public:
    static constexpr unsigned kRxFifoBytes = 16;

    IrqLine irq;  // level: an enabled interrupt condition is pending

    Uart(sc_core::sc_module_name name, sc_core::sc_time access_latency);

    // Where transmitted bytes go (the board's console or log). Unset: they are dropped.
    void set_output(std::function<void(char)> output) { output_ = std::move(output); }

    // A byte arrives on the serial input. Ignored in loopback mode (the input is disconnected
    // there, as on the real chip); a full receive buffer sets OE and the byte is lost (FIFO
    // mode) or overwrites the held byte (non-FIFO mode).
    void receive(uint8_t byte);

    // Room in the receive buffer, for a board that paces its input to avoid overruns.
    unsigned rx_free() const;

    uint64_t tx_bytes() const { return tx_bytes_; }  // THR writes, loopback included
    uint64_t rx_bytes() const { return rx_bytes_; }  // bytes that entered the receive buffer

protected:
    bool debug_read_allowed(uint64_t offset) const override;

private:
    bool dlab() const;
    uint8_t modem_inputs() const;  // MSR bits 7:4 (CTS, DSR, RI, DCD)
    uint8_t interrupt_id() const;  // IIR bits 3:0
    void push_rx(uint8_t byte);
    void set_mcr(uint8_t value);
    void update_irq();

    uint8_t read_rbr();
    void write_thr(uint8_t byte);
    uint8_t read_iir();
    void write_ier(uint8_t value);
    void write_fcr(uint8_t value);
    uint8_t read_lsr();
    uint8_t read_msr();

    std::function<void(char)> output_;
    std::deque<uint8_t> rx_fifo_;
    bool fifo_enabled_ = false;
    bool overrun_ = false;       // LSR.OE, cleared by reading LSR
    bool thr_ipending_ = false;  // THR-empty interrupt pending, cleared by IIR read or THR write
    uint8_t ier_ = 0;
    uint8_t lcr_ = 0;
    uint8_t mcr_ = 0;
    uint8_t msr_deltas_ = 0;  // MSR bits 3:0, cleared by reading MSR
    uint8_t scr_ = 0;
    uint8_t dll_ = 0;
    uint8_t dlm_ = 0;
    uint64_t tx_bytes_ = 0;
    uint64_t rx_bytes_ = 0;
};

}  // namespace accelvp
