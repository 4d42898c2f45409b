// Interrupt wiring between models: a level-sensitive line from a source to a numbered input
// of a controller (PLIC source, CPU local interrupt). Plain callbacks rather than sc_signals:
// a level change takes effect at once, inside the caller's process and at the caller's local
// time, which is what a loosely-timed initiator needs to see its own MMIO write take effect.
#pragma once

namespace accelvp {

class IrqSink {
public:
    virtual ~IrqSink() = default;
    virtual void set_irq(unsigned line, bool level) = 0;
};

class IrqLine {
public:
    void bind(IrqSink& sink, unsigned line) {
        sink_ = &sink;
        line_ = line;
        if (level_) sink_->set_irq(line_, true);
    }
    void set(bool level) {
        if (level == level_) return;
        level_ = level;
        if (sink_) sink_->set_irq(line_, level);
    }
    bool level() const { return level_; }
    bool bound() const { return sink_ != nullptr; }

private:
    IrqSink* sink_ = nullptr;
    unsigned line_ = 0;
    bool level_ = false;
};

}  // namespace accelvp
