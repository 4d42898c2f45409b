#include "ip/interconnect/arbiter.h"

#include <stdexcept>

namespace accelvp {

Arbiter::Arbiter(unsigned slots, ArbitrationPolicy policy) : slots_(slots), policy_(policy) {
    if (slots == 0) throw std::invalid_argument("an arbiter needs at least one slot");
}

unsigned Arbiter::add_initiator(int priority) {
    priority_.push_back(priority);
    waiting_.emplace_back();
    return unsigned(priority_.size() - 1);
}

void Arbiter::acquire(unsigned initiator) {
    Waiter self;
    waiting_.at(initiator).push_back(&self);
    bool contended = in_use_ >= slots_;
    sc_core::wait(sc_core::SC_ZERO_TIME);  // every request of this instant is queued now
    grant();
    while (!self.granted) {
        contended = true;
        sc_core::wait(self.granted_event);
    }
    if (contended) ++contended_grants_;
}

void Arbiter::release() {
    --in_use_;
    grant();
}

void Arbiter::grant() {
    while (in_use_ < slots_) {
        int who = pick();
        if (who < 0) return;
        Waiter* w = waiting_[who].front();
        waiting_[who].pop_front();
        w->granted = true;
        w->granted_event.notify();  // the waiter checks `granted` first, so none is lost
        ++in_use_;
        ++grants_;
        next_ = (unsigned(who) + 1) % unsigned(waiting_.size());
    }
}

int Arbiter::pick() const {
    const unsigned n = unsigned(waiting_.size());
    int best = -1;
    for (unsigned i = 0; i < n; ++i) {
        unsigned who = (next_ + i) % n;
        if (waiting_[who].empty()) continue;
        if (policy_ == ArbitrationPolicy::RoundRobin) return int(who);
        if (best < 0 || priority_[who] > priority_[best]) best = int(who);
    }
    return best;
}

}  // namespace accelvp
