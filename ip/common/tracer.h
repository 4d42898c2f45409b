// Where models report what they do over simulated time, for `accelvp run --trace FILE`.
// A model holds a Tracer pointer that is null unless tracing was asked for, so that an
// untraced run pays one pointer test per event site and nothing else.
//
// A track is one row of the timeline (a DRAM bank, an interconnect port, the CPU), grouped
// under a component (the module name, "soc.dram"). Spans on one track may overlap (several
// outstanding transactions of one port): the writer spreads overlapping spans over lanes of
// the same track, so a model need not care.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace accelvp {

class Tracer {
public:
    virtual ~Tracer() = default;
    // The id of the track `name` of `component`; the same pair always gives the same id.
    virtual int track(const std::string& component, const std::string& name) = 0;
    // Something that took [begin_ps, end_ps) on `track` (end_ps >= begin_ps).
    virtual void span(int track, std::string_view what, uint64_t begin_ps, uint64_t end_ps) = 0;
};

}  // namespace accelvp
