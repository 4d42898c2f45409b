// Small helpers for models that count time in integer picoseconds (the kernel's default
// resolution) and for models whose transport behaves differently in a thread and a method.
#pragma once

#include <cstdint>
#include <systemc>

namespace accelvp {

inline uint64_t to_ps(const sc_core::sc_time& t) {
    return t.value() / sc_core::sc_time(1, sc_core::SC_PS).value();
}

inline sc_core::sc_time from_ps(uint64_t ps) {
    return sc_core::sc_time(double(ps), sc_core::SC_PS);
}

// True when the caller runs in an SC_THREAD (or SC_CTHREAD) and so may wait().
inline bool in_thread_process() {
    sc_core::sc_process_handle h = sc_core::sc_get_current_process_handle();
    return h.valid() && (h.proc_kind() == sc_core::SC_THREAD_PROC_ ||
                         h.proc_kind() == sc_core::SC_CTHREAD_PROC_);
}

}  // namespace accelvp
