// The Tracer behind `accelvp run --trace FILE`: writes the Chrome JSON trace event format,
// which ui.perfetto.dev and chrome://tracing both load (docs/trace.md).
//   - Each component becomes a process, each track a thread, named by metadata events and
//     ordered as they were created.
//   - Spans are complete events ("X"). ts and dur are in microseconds with six decimals, so a
//     picosecond is kept, and printed with integer arithmetic, so that the same calls always
//     give a byte-identical file.
//   - Perfetto cannot show overlapping complete events on one thread, so overlapping spans of
//     a track are spread over lanes: threads named "<track> #2", "#3", ...
//   - A span that continues the previous span of its lane (same name, begins where it ends)
//     extends it: a CPU reporting "run" every quantum becomes one event per run of quanta.
// Events are written as they are final (a lane's last span is held back while it may still
// grow), so memory is bounded by the number of lanes, not the length of the run.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ip/common/tracer.h"

namespace accelvp {

class ChromeTraceWriter : public Tracer {
public:
    // Creates (truncates) `path`. Throws std::runtime_error naming it if it cannot.
    explicit ChromeTraceWriter(const std::filesystem::path& path);
    // Writes to `out` (tests); `name` stands for the file in error messages.
    explicit ChromeTraceWriter(std::ostream& out, std::string name = "trace stream");
    // Closes the trace, swallowing I/O errors: call close() to see them.
    ~ChromeTraceWriter() override;
    ChromeTraceWriter(const ChromeTraceWriter&) = delete;
    ChromeTraceWriter& operator=(const ChromeTraceWriter&) = delete;

    int track(const std::string& component, const std::string& name) override;
    // Throws std::invalid_argument for an unknown track or end_ps < begin_ps, and
    // std::runtime_error naming the file on a write error. Spans after close() are dropped.
    void span(int track, std::string_view what, uint64_t begin_ps, uint64_t end_ps) override;

    // Writes the held-back spans and the end of the JSON, and flushes. Idempotent.
    void close();

private:
    struct Lane {
        int tid = 0;
        uint64_t end_ps = 0;   // latest end of the lane's spans
        bool pending = false;  // a held-back span: name, pending_begin_ps, end_ps
        std::string name;
        uint64_t pending_begin_ps = 0;
    };
    struct Process {
        int pid = 0;
        int tracks = 0;  // tracks created so far
    };
    struct Track {
        int pid = 0;
        int index = 0;  // creation order within its component, for the sort index
        std::string name;
        std::vector<Lane> lanes;
    };

    void begin_file();
    Lane& add_lane(Track& track);
    void write_span(const Track& track, const Lane& lane);
    void write_event(const std::string& event);
    // A "ph":"M" event; tid 0 for one about the process. `args` is the inside of its object.
    void write_metadata(int pid, int tid, const char* what, const std::string& args);
    void check_stream();

    std::ofstream file_;
    std::ostream& out_;
    std::string name_;
    bool closed_ = false;
    bool first_event_ = true;
    int next_tid_ = 1;  // tids are unique over the whole trace, and 0 is never used
    std::map<std::string, Process> processes_;  // by component
    std::map<std::pair<std::string, std::string>, int> track_ids_;
    std::vector<Track> tracks_;
};

}  // namespace accelvp
