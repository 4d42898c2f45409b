#include "platform/trace_writer.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace accelvp {

namespace {

// A JSON string literal; bytes that are not UTF-8 become U+FFFD rather than an exception.
std::string json_string(std::string_view text) {
    return nlohmann::json(std::string(text))
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Picoseconds as microseconds with six decimals ("1.000250" for 1000250 ps), exactly.
std::string micros(uint64_t ps) {
    return fmt::format("{}.{:06}", ps / 1000000, ps % 1000000);
}

// Tracks sort by creation order within their component, and a track's lanes right after it.
uint64_t thread_sort_index(int track_index, size_t lane) {
    return (static_cast<uint64_t>(track_index) << 16) + lane;
}

}  // namespace

ChromeTraceWriter::ChromeTraceWriter(const std::filesystem::path& path)
    : file_(path, std::ios::binary | std::ios::trunc), out_(file_), name_(path.string()) {
    if (!file_) {
        throw std::runtime_error(
            fmt::format("{}: cannot create the trace file: {}", name_, std::strerror(errno)));
    }
    begin_file();
}

ChromeTraceWriter::ChromeTraceWriter(std::ostream& out, std::string name)
    : out_(out), name_(std::move(name)) {
    begin_file();
}

ChromeTraceWriter::~ChromeTraceWriter() {
    try {
        close();
    } catch (const std::exception&) {
        // A destructor must not throw; close() reports the error to whoever calls it.
    }
}

void ChromeTraceWriter::begin_file() {
    out_ << R"({"displayTimeUnit":"ns","traceEvents":[)";
    check_stream();
}

void ChromeTraceWriter::check_stream() {
    if (out_) return;
    const std::string reason = file_.is_open() ? std::string(": ") + std::strerror(errno) : "";
    throw std::runtime_error(fmt::format("{}: cannot write the trace{}", name_, reason));
}

void ChromeTraceWriter::write_event(const std::string& event) {
    out_ << (first_event_ ? "\n" : ",\n") << event;
    first_event_ = false;
    check_stream();
}

void ChromeTraceWriter::write_metadata(int pid, int tid, const char* what,
                                       const std::string& args) {
    const std::string thread = tid > 0 ? fmt::format(R"("tid":{},)", tid) : "";
    write_event(fmt::format(R"({{"ph":"M","pid":{},{}"name":"{}","args":{{{}}}}})", pid, thread,
                            what, args));
}

int ChromeTraceWriter::track(const std::string& component, const std::string& name) {
    const auto key = std::make_pair(component, name);
    if (const auto it = track_ids_.find(key); it != track_ids_.end()) return it->second;

    const auto [it, is_new] =
        processes_.try_emplace(component, Process{static_cast<int>(processes_.size()) + 1});
    Process& process = it->second;
    if (is_new && !closed_) {
        write_metadata(process.pid, 0, "process_name", R"("name":)" + json_string(component));
        write_metadata(process.pid, 0, "process_sort_index",
                       fmt::format(R"("sort_index":{})", process.pid));
    }
    Track track;
    track.pid = process.pid;
    track.index = process.tracks++;
    track.name = name;
    tracks_.push_back(std::move(track));
    add_lane(tracks_.back());
    const int id = static_cast<int>(tracks_.size()) - 1;
    track_ids_.emplace(key, id);
    return id;
}

ChromeTraceWriter::Lane& ChromeTraceWriter::add_lane(Track& track) {
    Lane lane;
    lane.tid = next_tid_++;
    const size_t number = track.lanes.size() + 1;
    if (!closed_) {
        const std::string name =
            number == 1 ? track.name : fmt::format("{} #{}", track.name, number);
        write_metadata(track.pid, lane.tid, "thread_name", R"("name":)" + json_string(name));
        write_metadata(track.pid, lane.tid, "thread_sort_index",
                       fmt::format(R"("sort_index":{})", thread_sort_index(track.index, number)));
    }
    track.lanes.push_back(std::move(lane));
    return track.lanes.back();
}

void ChromeTraceWriter::span(int track_id, std::string_view what, uint64_t begin_ps,
                             uint64_t end_ps) {
    if (track_id < 0 || static_cast<size_t>(track_id) >= tracks_.size()) {
        throw std::invalid_argument(
            fmt::format("trace span '{}': unknown track {}", what, track_id));
    }
    Track& track = tracks_[track_id];
    if (end_ps < begin_ps) {
        throw std::invalid_argument(
            fmt::format("trace span '{}' on track '{}' ends at {} ps "
                        "before it begins at {} ps",
                        what, track.name, end_ps, begin_ps));
    }
    if (closed_) return;

    Lane* lane = nullptr;
    for (Lane& candidate : track.lanes) {
        if (candidate.end_ps <= begin_ps) {
            lane = &candidate;
            break;
        }
    }
    if (!lane) lane = &add_lane(track);
    // A lane's held-back span is its latest, so it ends at lane->end_ps.
    if (lane->pending && lane->end_ps == begin_ps && lane->name == what) {
        lane->end_ps = end_ps;
        return;
    }
    if (lane->pending) write_span(track, *lane);
    lane->pending = true;
    lane->name.assign(what);
    lane->pending_begin_ps = begin_ps;
    lane->end_ps = end_ps;
}

void ChromeTraceWriter::write_span(const Track& track, const Lane& lane) {
    write_event(fmt::format(R"({{"ph":"X","pid":{},"tid":{},"ts":{},"dur":{},"name":{}}})",
                            track.pid, lane.tid, micros(lane.pending_begin_ps),
                            micros(lane.end_ps - lane.pending_begin_ps), json_string(lane.name)));
}

void ChromeTraceWriter::close() {
    if (closed_) return;
    for (Track& track : tracks_) {
        for (Lane& lane : track.lanes) {
            if (lane.pending) write_span(track, lane);
            lane.pending = false;
        }
    }
    out_ << "\n]}\n";
    out_.flush();
    closed_ = true;
    check_stream();
    if (file_.is_open()) {
        file_.close();
        check_stream();
    }
}

}  // namespace accelvp
