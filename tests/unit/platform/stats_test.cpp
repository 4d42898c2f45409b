// StatsRegistry: registration rules, nested deterministic snapshots, snapshot differences.
#include "platform/stats.h"

#include <stdexcept>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace accelvp {
namespace {

using nlohmann::json;
using ::testing::AllOf;
using ::testing::HasSubstr;

template <typename F>
std::string logic_error_of(F&& f)
{
    try {
        f();
    } catch (const std::logic_error& e) {
        return e.what();
    }
    ADD_FAILURE() << "expected a std::logic_error";
    return {};
}

TEST(Stats, SnapshotNestsByPathAndReadsCountersWhenTaken)
{
    uint64_t instructions = 10;
    uint64_t reads = 3;
    StatsRegistry stats;
    stats.add_counter("soc.cpu.instructions", &instructions);
    stats.add_counter("soc.sram.reads", &reads);
    stats.add_value("soc.cpu.ipc", [] { return json(0.5); });
    stats.add_value("sim", [] { return json{{"exit_code", 0}}; });

    EXPECT_EQ(stats.snapshot(), json::parse(R"({
        "sim": {"exit_code": 0},
        "soc": {"cpu": {"instructions": 10, "ipc": 0.5}, "sram": {"reads": 3}}
    })"));
    instructions = 25;
    EXPECT_EQ(stats.snapshot()["soc"]["cpu"]["instructions"], 25u);
    EXPECT_TRUE(stats.snapshot()["soc"]["cpu"]["instructions"].is_number_unsigned());
}

TEST(Stats, SnapshotIsDeterministicWithSortedKeys)
{
    uint64_t a = 1, b = 2, c = 3;
    StatsRegistry first;
    first.add_counter("z.c", &c);
    first.add_counter("a.b", &b);
    first.add_counter("m", &a);
    StatsRegistry second;
    second.add_counter("m", &a);
    second.add_counter("a.b", &b);
    second.add_counter("z.c", &c);
    EXPECT_EQ(first.snapshot().dump(), R"({"a":{"b":2},"m":1,"z":{"c":3}})");
    EXPECT_EQ(first.snapshot().dump(2), second.snapshot().dump(2));
}

TEST(Stats, EmptyRegistryIsAnEmptyObject)
{
    EXPECT_EQ(StatsRegistry().snapshot(), json::object());
}

TEST(Stats, SamePathTwiceIsAnError)
{
    uint64_t a = 0;
    StatsRegistry stats;
    stats.add_counter("soc.cpu.instructions", &a);
    EXPECT_THAT(logic_error_of([&] { stats.add_counter("soc.cpu.instructions", &a); }),
                AllOf(HasSubstr("'soc.cpu.instructions'"), HasSubstr("registered twice")));
    EXPECT_THAT(logic_error_of([&] { stats.add_value("soc.cpu.instructions", [] { return 1; }); }),
                HasSubstr("registered twice"));
}

TEST(Stats, PathThatIsAPrefixOfAnotherIsAnError)
{
    uint64_t a = 0;
    StatsRegistry stats;
    stats.add_counter("soc.cpu.instructions", &a);
    EXPECT_THAT(logic_error_of([&] { stats.add_counter("soc.cpu", &a); }),
                AllOf(HasSubstr("'soc.cpu'"), HasSubstr("'soc.cpu.instructions'"),
                      HasSubstr("prefix")));
    EXPECT_THAT(logic_error_of([&] { stats.add_counter("soc", &a); }),
                HasSubstr("'soc.cpu.instructions'"));
    EXPECT_THAT(logic_error_of([&] { stats.add_counter("soc.cpu.instructions.retired", &a); }),
                AllOf(HasSubstr("'soc.cpu.instructions.retired'"),
                      HasSubstr("'soc.cpu.instructions'")));
    EXPECT_THAT(
        logic_error_of([&] { stats.add_value("soc.cpu.instructions.x.y", [] { return 1; }); }),
        HasSubstr("'soc.cpu.instructions'"));

    // A textual prefix that is not a path prefix is fine.
    EXPECT_NO_THROW(stats.add_counter("soc.cpu.instructions_retired", &a));
    EXPECT_NO_THROW(stats.add_counter("soc.cp", &a));
}

TEST(Stats, MalformedRegistrationsAreErrors)
{
    uint64_t a = 0;
    StatsRegistry stats;
    for (const char* path : {"", ".a", "a.", "a..b"}) {
        EXPECT_THAT(logic_error_of([&] { stats.add_counter(path, &a); }),
                    HasSubstr("empty part"))
            << path;
    }
    EXPECT_THAT(logic_error_of([&] { stats.add_counter("soc.x", nullptr); }),
                AllOf(HasSubstr("'soc.x'"), HasSubstr("null counter")));
    EXPECT_THAT(logic_error_of([&] { stats.add_value("soc.y", nullptr); }),
                AllOf(HasSubstr("'soc.y'"), HasSubstr("empty function")));
    EXPECT_EQ(stats.snapshot(), json::object()) << "failed registrations leave nothing behind";
}

TEST(Stats, DifferenceOfTwoSnapshotsIsTheRegionOfInterest)
{
    uint64_t instructions = 100;
    uint64_t macs = 0;
    StatsRegistry stats;
    stats.add_counter("soc.cpu.instructions", &instructions);
    stats.add_counter("soc.matrix.macs", &macs);
    stats.add_value("soc.matrix.state", [] { return json("idle"); });
    stats.add_value("sim.host_seconds", [&] { return json(instructions / 100.0); });
    const json before = stats.snapshot();
    instructions = 350;
    macs = 4096;
    const json after = stats.snapshot();
    EXPECT_EQ(StatsRegistry::difference(after, before), json::parse(R"({
        "sim": {"host_seconds": 2.5},
        "soc": {"cpu": {"instructions": 250}, "matrix": {"macs": 4096, "state": "idle"}}
    })"));
    EXPECT_TRUE(StatsRegistry::difference(after, before)["soc"]["cpu"]["instructions"]
                    .is_number_unsigned());
}

TEST(Stats, DifferenceOfNumbers)
{
    auto diff = [](const json& later, const json& earlier) {
        return StatsRegistry::difference(later, earlier);
    };
    EXPECT_EQ(diff(json(10u), json(4u)), json(6u));
    EXPECT_TRUE(diff(json(4u), json(10u)).is_number_integer());
    EXPECT_EQ(diff(json(4u), json(10u)).get<int64_t>(), -6) << "not wrapped around";
    EXPECT_EQ(diff(json(-2), json(3)).get<int64_t>(), -5);
    EXPECT_EQ(diff(json(UINT64_MAX), json(-1)).get<double>(), 18446744073709551616.0)
        << "beyond 64 bits becomes a float";
    EXPECT_EQ(diff(json(UINT64_MAX), json(0u)).get<uint64_t>(), UINT64_MAX);
    EXPECT_DOUBLE_EQ(diff(json(1.5), json(1u)).get<double>(), 0.5);
    EXPECT_TRUE(diff(json(3u), json(1.0)).is_number_float());
}

TEST(Stats, DifferenceOfOtherValues)
{
    auto diff = [](const char* later, const char* earlier) {
        return StatsRegistry::difference(json::parse(later), json::parse(earlier));
    };
    EXPECT_EQ(diff(R"("done")", R"("idle")"), json("done"));
    EXPECT_EQ(diff("true", "false"), json(true)) << "bools are not numbers";
    EXPECT_EQ(diff("5", R"("x")"), json(5)) << "mismatched types: the later value";
    EXPECT_EQ(diff(R"({"a": 1})", "7"), json::parse(R"({"a": 1})"));
    EXPECT_EQ(diff("[5, 7, \"x\"]", "[1, 2, \"y\"]"), json::parse("[4, 5, \"x\"]"))
        << "arrays of the same length: element by element";
    EXPECT_EQ(diff("[5, 7]", "[1]"), json::parse("[5, 7]"));
    EXPECT_EQ(diff(R"({"new": 3, "both": 5})", R"({"gone": 1, "both": 2})"),
              json::parse(R"({"new": 3, "both": 3})"))
        << "keys only in the later snapshot are kept, keys only in the earlier dropped";
}

}  // namespace
}  // namespace accelvp
