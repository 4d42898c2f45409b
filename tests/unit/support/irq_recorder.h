// Test sink for interrupt lines: records every level change with the simulated time it
// happened at (sc_time_stamp(); a change made inside an access appears at the initiator's
// global time, not its local offset). Header-only, like the rest of tests/unit/support.
#pragma once

#include <map>
#include <vector>

#include <systemc>

#include "ip/common/irq.h"

namespace accelvp::test {

class IrqRecorder : public IrqSink {
public:
    struct Edge {
        unsigned line;
        bool level;
        sc_core::sc_time time;
    };

    void set_irq(unsigned line, bool level) override {
        levels_[line] = level;
        edges_.push_back({line, level, sc_core::sc_time_stamp()});
    }

    bool level(unsigned line = 0) const {
        auto it = levels_.find(line);
        return it != levels_.end() && it->second;
    }

    const std::vector<Edge>& edges() const { return edges_; }

    // Every change on one line, in order.
    std::vector<Edge> edges(unsigned line) const {
        std::vector<Edge> out;
        for (const Edge& e : edges_)
            if (e.line == line) out.push_back(e);
        return out;
    }

private:
    std::map<unsigned, bool> levels_;
    std::vector<Edge> edges_;
};

}  // namespace accelvp::test
