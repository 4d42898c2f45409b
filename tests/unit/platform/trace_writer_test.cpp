// ChromeTraceWriter: the file is valid JSON in the Chrome trace event format at every close,
// names processes and threads, spreads overlapping spans over lanes, merges adjacent spans,
// and is byte-identical for the same calls.
#include "platform/trace_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace accelvp {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

// The trace events of `text` with phase `ph` (all of them for an empty `ph`).
std::vector<json> events(const std::string& text, const std::string& ph = "") {
    const json trace = json::parse(text);
    std::vector<json> out;
    for (const json& event : trace.at("traceEvents")) {
        if (ph.empty() || event.at("ph") == ph) out.push_back(event);
    }
    return out;
}

// The name a "thread_name" metadata event gives to `tid`.
std::string thread_name(const std::string& text, int tid) {
    for (const json& event : events(text, "M")) {
        if (event["name"] == "thread_name" && event["tid"] == tid) return event["args"]["name"];
    }
    return "<no thread_name for tid " + std::to_string(tid) + ">";
}

TEST(ChromeTraceWriter, EmptyTraceIsValidJson) {
    std::ostringstream out;
    ChromeTraceWriter(out).close();
    const json trace = json::parse(out.str());
    EXPECT_EQ(trace["displayTimeUnit"], "ns");
    EXPECT_TRUE(trace["traceEvents"].is_array());
    EXPECT_TRUE(trace["traceEvents"].empty());
}

TEST(ChromeTraceWriter, ComponentsAreProcessesAndTracksAreThreadsInCreationOrder) {
    std::ostringstream out;
    {
        ChromeTraceWriter writer(out);
        const int bank0 = writer.track("soc.dram", "bank 0");
        const int cpu = writer.track("soc.cpu", "hart 0");
        const int bank1 = writer.track("soc.dram", "bank 1");
        EXPECT_EQ(writer.track("soc.dram", "bank 0"), bank0);
        EXPECT_NE(bank0, bank1);
        EXPECT_NE(bank0, cpu);
    }  // the destructor closes
    const std::vector<json> meta = events(out.str(), "M");
    const json expected = json::parse(R"([
        {"ph":"M","pid":1,"name":"process_name","args":{"name":"soc.dram"}},
        {"ph":"M","pid":1,"name":"process_sort_index","args":{"sort_index":1}},
        {"ph":"M","pid":1,"tid":1,"name":"thread_name","args":{"name":"bank 0"}},
        {"ph":"M","pid":1,"tid":1,"name":"thread_sort_index","args":{"sort_index":1}},
        {"ph":"M","pid":2,"name":"process_name","args":{"name":"soc.cpu"}},
        {"ph":"M","pid":2,"name":"process_sort_index","args":{"sort_index":2}},
        {"ph":"M","pid":2,"tid":2,"name":"thread_name","args":{"name":"hart 0"}},
        {"ph":"M","pid":2,"tid":2,"name":"thread_sort_index","args":{"sort_index":1}},
        {"ph":"M","pid":1,"tid":3,"name":"thread_name","args":{"name":"bank 1"}},
        {"ph":"M","pid":1,"tid":3,"name":"thread_sort_index","args":{"sort_index":65537}}
    ])");
    EXPECT_EQ(json(meta), expected);
}

TEST(ChromeTraceWriter, SpansAreCompleteEventsInMicrosecondsWithPicosecondDigits) {
    std::ostringstream out;
    ChromeTraceWriter writer(out);
    const int bank = writer.track("soc.dram", "bank 0");
    writer.span(bank, "RD \"row 5\"", 1'234'567'891, 1'234'567'891 + 13'750);
    writer.span(bank, "idle", 2'000'000'000'000, 2'000'000'000'000);  // zero length
    writer.close();
    EXPECT_THAT(out.str(), HasSubstr(R"("ts":1234.567891,"dur":0.013750,"name":"RD \"row 5\"")"));
    EXPECT_THAT(out.str(), HasSubstr(R"("ts":2000000.000000,"dur":0.000000,"name":"idle")"));
    const std::vector<json> spans = events(out.str(), "X");
    ASSERT_EQ(spans.size(), 2u);
    EXPECT_EQ(spans[0]["pid"], 1);
    EXPECT_EQ(spans[0]["tid"], 1);
    EXPECT_EQ(spans[0]["name"], "RD \"row 5\"");
    EXPECT_DOUBLE_EQ(spans[0]["ts"], 1234.567891);
}

TEST(ChromeTraceWriter, OverlappingSpansGoToTheFirstFreeLane) {
    std::ostringstream out;
    ChromeTraceWriter writer(out);
    const int port = writer.track("soc.bus", "cpu port");
    writer.span(port, "a", 0, 100);
    writer.span(port, "b", 50, 150);   // overlaps a: lane 2
    writer.span(port, "c", 60, 70);    // overlaps a and b: lane 3
    writer.span(port, "d", 100, 200);  // lane 1 is free again at 100
    writer.span(port, "e", 140, 160);  // lane 1 busy until 200, lane 2 until 150: lane 3
    writer.close();

    std::map<std::string, int> tid_of;
    for (const json& span : events(out.str(), "X")) tid_of[span["name"]] = span["tid"];
    EXPECT_EQ(tid_of["a"], tid_of["d"]);
    EXPECT_EQ(tid_of["c"], tid_of["e"]);
    EXPECT_EQ(thread_name(out.str(), tid_of["a"]), "cpu port");
    EXPECT_EQ(thread_name(out.str(), tid_of["b"]), "cpu port #2");
    EXPECT_EQ(thread_name(out.str(), tid_of["c"]), "cpu port #3");
    // No two spans of one thread overlap.
    std::map<int, std::vector<std::pair<double, double>>> by_tid;
    for (const json& span : events(out.str(), "X")) {
        by_tid[span["tid"]].emplace_back(span["ts"],
                                         span["ts"].get<double>() + span["dur"].get<double>());
    }
    for (auto& [tid, spans] : by_tid) {
        std::sort(spans.begin(), spans.end());
        for (size_t i = 1; i < spans.size(); ++i) EXPECT_LE(spans[i - 1].second, spans[i].first);
    }
}

TEST(ChromeTraceWriter, LanesSortRightAfterTheirTrack) {
    std::ostringstream out;
    ChromeTraceWriter writer(out);
    const int first = writer.track("soc.bus", "first");
    writer.track("soc.bus", "second");
    writer.span(first, "a", 0, 10);
    writer.span(first, "b", 5, 10);  // lane 2 of "first", created after "second"
    writer.close();
    std::map<std::string, int> sort_index;
    std::map<int, std::string> name_of_tid;
    for (const json& event : events(out.str(), "M")) {
        if (event["name"] == "thread_name") name_of_tid[event["tid"]] = event["args"]["name"];
    }
    for (const json& event : events(out.str(), "M")) {
        if (event["name"] == "thread_sort_index") {
            sort_index[name_of_tid[event["tid"]]] = event["args"]["sort_index"];
        }
    }
    EXPECT_LT(sort_index["first"], sort_index["first #2"]);
    EXPECT_LT(sort_index["first #2"], sort_index["second"]);
}

TEST(ChromeTraceWriter, AdjacentSpansOfTheSameNameMerge) {
    std::ostringstream out;
    ChromeTraceWriter writer(out);
    const int cpu = writer.track("soc.cpu", "hart 0");
    for (uint64_t quantum = 0; quantum < 5; ++quantum) {
        writer.span(cpu, "run", quantum * 1000, (quantum + 1) * 1000);
    }
    writer.span(cpu, "wfi", 5000, 7000);
    writer.span(cpu, "run", 7000, 8000);
    writer.span(cpu, "run", 8500, 9000);  // a gap: not merged
    writer.close();
    const std::vector<json> spans = events(out.str(), "X");
    ASSERT_EQ(spans.size(), 4u);
    EXPECT_EQ(spans[0]["name"], "run");
    EXPECT_EQ(spans[0]["ts"], 0.0);
    EXPECT_DOUBLE_EQ(spans[0]["dur"], 0.005);
    EXPECT_EQ(spans[1]["name"], "wfi");
    EXPECT_DOUBLE_EQ(spans[2]["dur"], 0.001);
    EXPECT_DOUBLE_EQ(spans[3]["ts"], 0.0085);
}

TEST(ChromeTraceWriter, OutOfOrderSpansNeverOverlapOnALane) {
    std::ostringstream out;
    ChromeTraceWriter writer(out);
    const int bank = writer.track("soc.dram", "bank 3");
    writer.span(bank, "late", 1000, 2000);
    writer.span(bank, "early", 100, 200);  // before the lane's end: a new lane
    writer.span(bank, "later", 2000, 2500);
    writer.close();
    std::map<std::string, int> tid_of;
    for (const json& span : events(out.str(), "X")) tid_of[span["name"]] = span["tid"];
    ASSERT_EQ(tid_of.size(), 3u);
    EXPECT_NE(tid_of["late"], tid_of["early"]);
    EXPECT_EQ(tid_of["late"], tid_of["later"]);
}

TEST(ChromeTraceWriter, BadSpansAreRejected) {
    std::ostringstream out;
    ChromeTraceWriter writer(out);
    const int bank = writer.track("soc.dram", "bank 0");
    EXPECT_THROW(writer.span(bank + 1, "x", 0, 1), std::invalid_argument);
    EXPECT_THROW(writer.span(-1, "x", 0, 1), std::invalid_argument);
    EXPECT_THROW(writer.span(bank, "x", 10, 9), std::invalid_argument);
}

TEST(ChromeTraceWriter, CloseIsIdempotentAndLaterSpansAreDropped) {
    std::ostringstream out;
    ChromeTraceWriter writer(out);
    const int cpu = writer.track("soc.cpu", "hart 0");
    writer.span(cpu, "run", 0, 1000);
    writer.close();
    const std::string closed = out.str();
    writer.close();
    writer.span(cpu, "run", 1000, 2000);
    writer.track("soc.cpu", "hart 1");
    writer.close();
    EXPECT_EQ(out.str(), closed);
    EXPECT_EQ(events(closed, "X").size(), 1u);
}

TEST(ChromeTraceWriter, FileIsValidAfterTheDestructorEvenWhenARunFails) {
    // The process id keeps concurrent test runs (other build folders) apart.
    const auto path = std::filesystem::path(::testing::TempDir()) /
                      ("trace_writer_test_" + std::to_string(::getpid()) + ".json");
    try {
        ChromeTraceWriter writer(path);
        const int cpu = writer.track("soc.cpu", "hart 0");
        writer.span(cpu, "run", 0, 1000);
        throw std::runtime_error("the simulation failed");
    } catch (const std::runtime_error&) {
    }
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(events(text.str(), "X").size(), 1u);
    std::filesystem::remove(path);
}

TEST(ChromeTraceWriter, UnwritableFileIsNamedInTheError) {
    const auto path = std::filesystem::path(::testing::TempDir()) / "no such folder" / "t.json";
    try {
        ChromeTraceWriter writer(path);
        ADD_FAILURE() << "expected a std::runtime_error";
    } catch (const std::runtime_error& e) {
        EXPECT_THAT(e.what(), HasSubstr(path.string()));
    }
}

TEST(ChromeTraceWriter, WriteErrorIsNamedInTheError) {
    if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
    ChromeTraceWriter writer(std::filesystem::path("/dev/full"));
    const int cpu = writer.track("soc.cpu", "hart 0");
    writer.span(cpu, "run", 0, 1000);
    try {
        writer.close();  // the data reaches the device when close() flushes
        ADD_FAILURE() << "expected a std::runtime_error";
    } catch (const std::runtime_error& e) {
        EXPECT_THAT(e.what(), HasSubstr("/dev/full: cannot write the trace"));
    }
}

TEST(ChromeTraceWriter, SameCallsGiveAByteIdenticalFile) {
    auto run = [] {
        std::ostringstream out;
        ChromeTraceWriter writer(out);
        const int a = writer.track("soc.dram", "bank 0");
        const int b = writer.track("soc.bus", "cpu port");
        for (uint64_t i = 0; i < 100; ++i) {
            writer.span(a, i % 3 ? "RD" : "ACT", i * 1'250, i * 1'250 + 2'500);
            writer.span(b, "xfer", i * 700, i * 700 + 1'000);
        }
        writer.close();
        return out.str();
    };
    const std::string first = run();
    EXPECT_EQ(first, run());
    EXPECT_NO_THROW(json::parse(first));
}

}  // namespace
}  // namespace accelvp
