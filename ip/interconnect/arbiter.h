// Arbitration for one target port of the interconnect: at most `slots` transactions are
// inside the target at once; the others wait, and each time a slot frees the arbiter grants
// it to one waiting initiator.
//
// Policies: round robin (the initiators take turns, starting after the last one granted),
// or priority (the waiting initiator with the highest priority value wins, as AXI QoS; equal
// priorities take turns). Requests made at the same simulated time are decided together:
// acquire() lets one delta cycle pass before deciding, so every request of that instant is
// in the queue, whatever order the SystemC kernel ran their threads in.
//
// acquire() blocks: it must be called from an SC_THREAD.
#pragma once

#include <cstdint>
#include <deque>
#include <systemc>
#include <vector>

namespace accelvp {

enum class ArbitrationPolicy { RoundRobin, Priority };

class Arbiter {
public:
    Arbiter(unsigned slots, ArbitrationPolicy policy);

    // Adds an initiator; returns its index for acquire().
    unsigned add_initiator(int priority);
    void acquire(unsigned initiator);
    void release();

    uint64_t grants() const { return grants_; }
    // Grants that had to wait for a slot to free (contention at this port).
    uint64_t contended_grants() const { return contended_grants_; }

private:
    struct Waiter {
        sc_core::sc_event granted_event;
        bool granted = false;
    };
    void grant();
    int pick() const;  // the initiator to grant next, -1 if none waits

    unsigned slots_;
    unsigned in_use_ = 0;
    ArbitrationPolicy policy_;
    std::vector<int> priority_;
    std::vector<std::deque<Waiter*>> waiting_;  // per initiator, in arrival order
    unsigned next_ = 0;                         // round robin: where the next scan starts
    uint64_t grants_ = 0, contended_grants_ = 0;
};

}  // namespace accelvp
