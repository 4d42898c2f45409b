#include "ip/uart/uart.h"

#include "ip/uart/uart_regs.h"

namespace accelvp {

namespace {

constexpr uint8_t kIerMask = UART_IER_RDI | UART_IER_THRI | UART_IER_RLSI | UART_IER_MSI;
constexpr uint8_t kMcrMask =
    UART_MCR_DTR | UART_MCR_RTS | UART_MCR_OUT1 | UART_MCR_OUT2 | UART_MCR_LOOP;

// Outside loopback the modem inputs are those of a connected terminal: CTS, DSR, DCD.
constexpr uint8_t kTerminalModemInputs = UART_MSR_CTS | UART_MSR_DSR | UART_MSR_DCD;

}  // namespace

Uart::Uart(sc_core::sc_module_name name, sc_core::sc_time access_latency)
    : MmioDevice(name, access_latency) {
    RegisterBank& regs = registers();
    regs.add({"rbr_thr_dll", UART_RBR, 1,
              [this]() -> uint64_t { return dlab() ? dll_ : read_rbr(); },
              [this](uint64_t v) {
                  if (dlab())
                      dll_ = static_cast<uint8_t>(v);
                  else
                      write_thr(static_cast<uint8_t>(v));
              }});
    regs.add({"ier_dlm", UART_IER, 1, [this]() -> uint64_t { return dlab() ? dlm_ : ier_; },
              [this](uint64_t v) {
                  if (dlab())
                      dlm_ = static_cast<uint8_t>(v);
                  else
                      write_ier(static_cast<uint8_t>(v));
              }});
    regs.add({"iir_fcr", UART_IIR, 1, [this]() -> uint64_t { return read_iir(); },
              [this](uint64_t v) { write_fcr(static_cast<uint8_t>(v)); }});
    regs.add({"lcr", UART_LCR, 1, [this]() -> uint64_t { return lcr_; },
              [this](uint64_t v) { lcr_ = static_cast<uint8_t>(v); }});
    regs.add({"mcr", UART_MCR, 1, [this]() -> uint64_t { return mcr_; },
              [this](uint64_t v) { set_mcr(static_cast<uint8_t>(v)); }});
    regs.add({"lsr", UART_LSR, 1, [this]() -> uint64_t { return read_lsr(); }, nullptr});
    regs.add({"msr", UART_MSR, 1, [this]() -> uint64_t { return read_msr(); }, nullptr});
    regs.add({"scr", UART_SCR, 1, [this]() -> uint64_t { return scr_; },
              [this](uint64_t v) { scr_ = static_cast<uint8_t>(v); }});
}

bool Uart::dlab() const {
    return lcr_ & UART_LCR_DLAB;
}

bool Uart::debug_read_allowed(uint64_t offset) const {
    // RBR pops the FIFO, IIR acknowledges THRE, LSR clears OE, MSR clears its delta bits.
    switch (offset) {
        case UART_RBR:
            return dlab();
        case UART_IIR:
        case UART_LSR:
        case UART_MSR:
            return false;
        default:
            return true;
    }
}

unsigned Uart::rx_free() const {
    unsigned capacity = fifo_enabled_ ? kRxFifoBytes : 1;
    return capacity - static_cast<unsigned>(rx_fifo_.size());
}

void Uart::receive(uint8_t byte) {
    if (mcr_ & UART_MCR_LOOP) return;
    push_rx(byte);
}

void Uart::push_rx(uint8_t byte) {
    if (rx_free() == 0) {
        overrun_ = true;
        if (!fifo_enabled_) {  // the 16450-style holding register is overwritten
            rx_fifo_.back() = byte;
            ++rx_bytes_;
        }
    } else {
        rx_fifo_.push_back(byte);
        ++rx_bytes_;
    }
    update_irq();
}

uint8_t Uart::read_rbr() {
    if (rx_fifo_.empty()) return 0;
    uint8_t byte = rx_fifo_.front();
    rx_fifo_.pop_front();
    update_irq();
    return byte;
}

void Uart::write_thr(uint8_t byte) {
    ++tx_bytes_;
    if (mcr_ & UART_MCR_LOOP)
        push_rx(byte);
    else if (output_)
        output_(static_cast<char>(byte));
    // The byte leaves at once, so the holding register is empty again: writing THR clears
    // the THRE interrupt and the end of the (instantaneous) transmission raises it anew.
    thr_ipending_ = true;
    update_irq();
}

void Uart::write_ier(uint8_t value) {
    uint8_t changed = (ier_ ^ value) & kIerMask;
    ier_ = value & kIerMask;
    // Enabling the THRE interrupt while THR is empty (always, here) raises it.
    if (changed & UART_IER_THRI) thr_ipending_ = ier_ & UART_IER_THRI;
    update_irq();
}

void Uart::write_fcr(uint8_t value) {
    bool enable = value & UART_FCR_ENABLE;
    // Changing the FIFO enable bit clears both FIFOs, as on the 16550.
    if (enable != fifo_enabled_ || (value & UART_FCR_CLEAR_RX)) rx_fifo_.clear();
    fifo_enabled_ = enable;
    update_irq();
}

uint8_t Uart::interrupt_id() const {
    if ((ier_ & UART_IER_RLSI) && overrun_) return UART_IIR_RLSI;
    if ((ier_ & UART_IER_RDI) && !rx_fifo_.empty()) return UART_IIR_RDI;
    if ((ier_ & UART_IER_THRI) && thr_ipending_) return UART_IIR_THRI;
    if ((ier_ & UART_IER_MSI) && msr_deltas_) return UART_IIR_MSI;
    return UART_IIR_NO_INT;
}

uint8_t Uart::read_iir() {
    uint8_t id = interrupt_id();
    if (id == UART_IIR_THRI) {  // reading IIR while it names THRE acknowledges it
        thr_ipending_ = false;
        update_irq();
    }
    return id | (fifo_enabled_ ? UART_IIR_FIFO_ENABLED : 0);
}

uint8_t Uart::read_lsr() {
    uint8_t lsr = UART_LSR_THRE | UART_LSR_TEMT;
    if (!rx_fifo_.empty()) lsr |= UART_LSR_DR;
    if (overrun_) lsr |= UART_LSR_OE;
    overrun_ = false;
    update_irq();
    return lsr;
}

uint8_t Uart::modem_inputs() const {
    if (!(mcr_ & UART_MCR_LOOP)) return kTerminalModemInputs;
    uint8_t in = 0;
    if (mcr_ & UART_MCR_RTS) in |= UART_MSR_CTS;
    if (mcr_ & UART_MCR_DTR) in |= UART_MSR_DSR;
    if (mcr_ & UART_MCR_OUT1) in |= UART_MSR_RI;
    if (mcr_ & UART_MCR_OUT2) in |= UART_MSR_DCD;
    return in;
}

void Uart::set_mcr(uint8_t value) {
    uint8_t before = modem_inputs();
    mcr_ = value & kMcrMask;
    uint8_t after = modem_inputs();
    uint8_t changed = before ^ after;
    if (changed & UART_MSR_CTS) msr_deltas_ |= UART_MSR_DCTS;
    if (changed & UART_MSR_DSR) msr_deltas_ |= UART_MSR_DDSR;
    if ((before & UART_MSR_RI) && !(after & UART_MSR_RI))
        msr_deltas_ |= UART_MSR_TERI;  // trailing edge
    if (changed & UART_MSR_DCD) msr_deltas_ |= UART_MSR_DDCD;
    update_irq();
}

uint8_t Uart::read_msr() {
    uint8_t msr = modem_inputs() | msr_deltas_;
    msr_deltas_ = 0;
    update_irq();
    return msr;
}

void Uart::update_irq() {
    irq.set(interrupt_id() != UART_IIR_NO_INT);
}

}  // namespace accelvp
