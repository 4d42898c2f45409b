// EnergyTable: the table format and its errors, and the report's arithmetic (actions,
// leakage over time, energy reported by a component, regions of interest, zero time).
#include "platform/energy_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "platform/config.h"
#include "platform/stats.h"

namespace accelvp {
namespace {

using nlohmann::json;
using ::testing::AllOf;
using ::testing::HasSubstr;

// A small table with every kind of entry: per-count actions, leakage, reported energy.
json small_table() {
    return json::parse(R"({
        "description": "test table",
        "components": {
            "soc.cpu": {
                "actions": {"instructions": {"pj_per_count": 10, "source": "test"}},
                "leakage": {"mw": 2, "source": "test"}
            },
            "soc.bus": {
                "actions": {"ports.cpu.bytes": {"pj_per_count": 0.5, "source": "test"}}
            },
            "soc.dram": {"reported_pj": "energy.total_pj"},
            "soc.matrix": {
                "actions": {"macs": {"pj_per_count": 2, "source": "test"}},
                "leakage": {"mw": 1, "source": "test"}
            }
        }
    })");
}

std::string config_error_of(const json& table) {
    try {
        EnergyTable::parse(table, "table.json");
    } catch (const ConfigError& e) {
        return e.what();
    }
    ADD_FAILURE() << "expected a ConfigError for " << table.dump();
    return {};
}

TEST(EnergyTable, BuiltinTableParsesAndEveryFigureHasASource) {
    const EnergyTable table = EnergyTable::builtin();
    EXPECT_THAT(table.source_name(), HasSubstr("platform/energy/default.json"));
    const json& components = table.table()["components"];
    for (const char* name :
         {"soc.cpu", "soc.bus", "soc.sram", "soc.dram", "soc.pim_dram", "soc.matrix"}) {
        EXPECT_TRUE(components.contains(name)) << name;
    }
    EXPECT_EQ(components["soc.dram"]["reported_pj"], "energy.total_pj");
    EXPECT_DOUBLE_EQ(components["soc.sram"]["actions"]["bytes_read"]["pj_per_count"], 1.25);
    EXPECT_DOUBLE_EQ(components["soc.matrix"]["actions"]["macs"]["pj_per_count"], 2.0);
}

TEST(EnergyTable, BuiltinEqualsTheSourceFile) {
    const EnergyTable file =
        EnergyTable::load(std::string(ACCELVP_SOURCE_DIR) + "/platform/energy/default.json");
    EXPECT_EQ(file.table(), EnergyTable::builtin().table());
}

TEST(EnergyTable, ErrorsNameTheFieldByItsJsonPath) {
    const json base = small_table();
    auto with = [&](const std::string& pointer, const json& value) {
        json table = base;
        table[json::json_pointer(pointer)] = value;
        return config_error_of(table);
    };
    auto without = [&](const std::string& pointer, const std::string& key) {
        json table = base;
        table[json::json_pointer(pointer)].erase(key);
        return config_error_of(table);
    };
    const std::string cpu = R"(components["soc.cpu"])";

    EXPECT_THAT(with("/extra", 1),
                AllOf(HasSubstr("table.json: extra: unknown key"), HasSubstr("\"components\"")));
    EXPECT_THAT(with("/components/soc.cpu/leakage/watts", 1),
                HasSubstr(cpu + ".leakage.watts: unknown key"));
    EXPECT_THAT(with("/components/soc.cpu/actions/instructions/pj_per_count", -1),
                HasSubstr(cpu + ".actions.instructions.pj_per_count: expected a number >= 0, "
                                "got -1"));
    EXPECT_THAT(with("/components/soc.cpu/actions/instructions/pj_per_count", "10"),
                HasSubstr(cpu + ".actions.instructions.pj_per_count: expected a number"));
    EXPECT_THAT(with("/components/soc.cpu/leakage/mw", true),
                HasSubstr(cpu + ".leakage.mw: expected a number >= 0, got true"));
    EXPECT_THAT(without("/components/soc.cpu/leakage", "source"),
                HasSubstr(cpu + ".leakage.source: missing"));
    EXPECT_THAT(with("/components/soc.cpu/leakage/source", ""),
                HasSubstr(cpu + ".leakage.source: expected a non-empty string"));
    EXPECT_THAT(without("/components/soc.cpu/actions/instructions", "pj_per_count"),
                HasSubstr(cpu + ".actions.instructions.pj_per_count: missing"));
    EXPECT_THAT(without("/components/soc.bus/actions/ports.cpu.bytes", "source"),
                HasSubstr(R"(components["soc.bus"].actions["ports.cpu.bytes"].source: missing)"));
    EXPECT_THAT(with("/components/soc.dram/reported_pj", 5),
                HasSubstr(R"(components["soc.dram"].reported_pj: expected a non-empty string)"));
    EXPECT_THAT(with("/components/soc.dram/reported_pj", "energy..total_pj"),
                HasSubstr(R"(components["soc.dram"].reported_pj: 'energy..total_pj' is not)"));
    EXPECT_THAT(with("/components/soc..x", json{{"reported_pj", "e"}}),
                HasSubstr(R"(components["soc..x"]: 'soc..x' is not a dot-separated stats path)"));
    EXPECT_THAT(with("/components/soc.cpu", json::object()), HasSubstr(cpu + ": has none of"));
    EXPECT_THAT(with("/components/soc.cpu", 3), HasSubstr(cpu + ": expected a JSON object"));
    EXPECT_THAT(without("", "components"), HasSubstr("table.json: components: missing"));
    EXPECT_THAT(config_error_of(json::array()),
                HasSubstr("table.json: top level: expected a JSON object"));
}

TEST(EnergyTable, LoadNamesTheFile) {
    // The process id keeps concurrent test runs (other build folders) apart.
    const auto dir = std::filesystem::path(::testing::TempDir()) /
                     ("energy_table_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto load_error = [&](const std::string& name) -> std::string {
        try {
            EnergyTable::load(dir / name);
        } catch (const ConfigError& e) {
            return e.what();
        }
        ADD_FAILURE() << "expected a ConfigError loading " << name;
        return {};
    };
    EXPECT_THAT(load_error("absent.json"), HasSubstr("absent.json: no such file"));
    std::ofstream(dir / "broken.json") << "{\"components\": ";
    EXPECT_THAT(load_error("broken.json"), HasSubstr("broken.json: not valid JSON"));
    std::ofstream(dir / "bad.json") << R"({"components": {"soc.cpu": {"leakage": {"mw": 1}}}})";
    EXPECT_THAT(load_error("bad.json"),
                HasSubstr(R"(bad.json: components["soc.cpu"].leakage.source: missing)"));
    std::filesystem::remove_all(dir);
}

TEST(EnergyTable, ReportMultipliesCountsAndAddsLeakageOverTime) {
    const EnergyTable table = EnergyTable::parse(small_table(), "table.json");
    const json stats = json::parse(R"({"soc": {
        "cpu": {"instructions": 1000, "cycles": 2000},
        "bus": {"ports": {"cpu": {"bytes": 64}}},
        "matrix": {"macs": 4096}
    }})");
    const json report = table.report(stats, 2'000'000);  // 2 µs

    EXPECT_EQ(report["table"], "table.json");
    EXPECT_DOUBLE_EQ(report["elapsed_ns"], 2000.0);
    const json& cpu = report["components"]["soc.cpu"];
    EXPECT_EQ(cpu["actions"]["instructions"]["count"], 1000);
    EXPECT_DOUBLE_EQ(cpu["actions"]["instructions"]["pj_per_count"], 10.0);
    EXPECT_DOUBLE_EQ(cpu["actions"]["instructions"]["pj"], 10'000.0);
    EXPECT_DOUBLE_EQ(cpu["dynamic_pj"], 10'000.0);
    EXPECT_DOUBLE_EQ(cpu["leakage_pj"], 4'000.0);  // 2 mW · 2000 ns
    EXPECT_DOUBLE_EQ(cpu["total_pj"], 14'000.0);
    EXPECT_DOUBLE_EQ(cpu["average_power_mw"], 7.0);  // 14000 pJ / 2000 ns

    EXPECT_DOUBLE_EQ(report["components"]["soc.bus"]["actions"]["ports.cpu.bytes"]["pj"], 32.0);
    EXPECT_DOUBLE_EQ(report["components"]["soc.bus"]["leakage_pj"], 0.0);
    EXPECT_DOUBLE_EQ(report["components"]["soc.matrix"]["total_pj"], 8192.0 + 2000.0);

    EXPECT_DOUBLE_EQ(report["dynamic_pj"], 10'000.0 + 32.0 + 8192.0);
    EXPECT_DOUBLE_EQ(report["leakage_pj"], 6'000.0);
    EXPECT_DOUBLE_EQ(report["total_pj"], 24'224.0);
    EXPECT_DOUBLE_EQ(report["average_power_mw"], 24'224.0 / 2000.0);
}

TEST(EnergyTable, ComponentsAbsentFromTheSnapshotAreSkippedAndCountersMarkedMissing) {
    const EnergyTable table = EnergyTable::parse(small_table(), "table.json");
    const json report = table.report(json::parse(R"({"soc": {"cpu": {}, "bus": 7}})"), 1000);

    EXPECT_EQ(report["skipped"], json::parse(R"(["soc.bus", "soc.dram", "soc.matrix"])"));
    EXPECT_FALSE(report["components"].contains("soc.matrix"));
    const json& instructions = report["components"]["soc.cpu"]["actions"]["instructions"];
    EXPECT_EQ(instructions["count"], 0);
    EXPECT_EQ(instructions["missing"], true);
    EXPECT_DOUBLE_EQ(instructions["pj"], 0.0);
    EXPECT_DOUBLE_EQ(report["total_pj"], 2.0);  // the CPU's leakage: 2 mW · 1 ns
    EXPECT_NO_THROW(table.report(json(), 0));
    EXPECT_NO_THROW(table.report(json::array(), 0));
}

TEST(EnergyTable, ReportedEnergyIsTakenAsItIsWithItsBreakdown) {
    const EnergyTable table = EnergyTable::parse(small_table(), "table.json");
    const json stats = json::parse(R"({"soc": {"dram": {
        "reads": 9,
        "energy": {"act_pj": 100.0, "pre_pj": 50.0, "rd_pj": 25.0, "wr_pj": 0.0, "ref_pj": 5.0,
                   "background_pj": 20.0, "total_pj": 200.0, "average_power_mw": 2.0}
    }}})");
    const json report = table.report(stats, 100'000);
    const json& dram = report["components"]["soc.dram"];
    EXPECT_DOUBLE_EQ(dram["reported_pj"], 200.0);
    EXPECT_EQ(dram["reported"]["field"], "energy.total_pj");
    EXPECT_EQ(dram["reported"]["breakdown"], json::parse(R"({"act_pj": 100.0, "pre_pj": 50.0,
        "rd_pj": 25.0, "wr_pj": 0.0, "ref_pj": 5.0, "background_pj": 20.0})"));
    EXPECT_DOUBLE_EQ(dram["dynamic_pj"], 0.0);
    EXPECT_DOUBLE_EQ(dram["leakage_pj"], 0.0);
    EXPECT_DOUBLE_EQ(dram["total_pj"], 200.0);
    EXPECT_DOUBLE_EQ(dram["average_power_mw"], 2.0);  // 200 pJ / 100 ns
    EXPECT_DOUBLE_EQ(report["reported_pj"], 200.0);

    const json without_energy = table.report(json::parse(R"({"soc": {"dram": {}}})"), 0);
    EXPECT_EQ(without_energy["components"]["soc.dram"]["reported"]["missing"], true);
    EXPECT_DOUBLE_EQ(without_energy["components"]["soc.dram"]["total_pj"], 0.0);
}

TEST(EnergyTable, RegionOfInterestIsTheReportOfTheDifference) {
    const EnergyTable table = EnergyTable::parse(small_table(), "table.json");
    uint64_t instructions = 100, macs = 0;
    double dram_pj = 1000.0;
    StatsRegistry stats;
    stats.add_counter("soc.cpu.instructions", &instructions);
    stats.add_counter("soc.matrix.macs", &macs);
    stats.add_value("soc.dram.energy.total_pj", [&] { return json(dram_pj); });
    stats.add_value("soc.dram.energy.rd_pj", [&] { return json(dram_pj / 2); });

    const json begin = stats.snapshot();
    const uint64_t begin_ps = 5'000'000;
    instructions += 400;
    macs += 1000;
    dram_pj += 300.0;
    const json end = stats.snapshot();
    const uint64_t end_ps = 6'000'000;

    const json region = table.report(StatsRegistry::difference(end, begin), end_ps - begin_ps);
    EXPECT_DOUBLE_EQ(region["elapsed_ns"], 1000.0);
    EXPECT_EQ(region["components"]["soc.cpu"]["actions"]["instructions"]["count"], 400);
    EXPECT_DOUBLE_EQ(region["components"]["soc.cpu"]["total_pj"], 4000.0 + 2000.0);
    EXPECT_DOUBLE_EQ(region["components"]["soc.matrix"]["total_pj"], 2000.0 + 1000.0);
    EXPECT_DOUBLE_EQ(region["components"]["soc.dram"]["reported_pj"], 300.0);
    EXPECT_DOUBLE_EQ(region["components"]["soc.dram"]["reported"]["breakdown"]["rd_pj"], 150.0);
    EXPECT_DOUBLE_EQ(region["total_pj"], 9300.0);
    EXPECT_DOUBLE_EQ(region["average_power_mw"], 9.3);
}

TEST(EnergyTable, ZeroElapsedTimeGivesZeroPowerNotNaN) {
    const EnergyTable table = EnergyTable::parse(small_table(), "table.json");
    const json report = table.report(json::parse(R"({"soc": {"cpu": {"instructions": 5}}})"), 0);
    EXPECT_DOUBLE_EQ(report["elapsed_ns"], 0.0);
    EXPECT_DOUBLE_EQ(report["total_pj"], 50.0);
    EXPECT_DOUBLE_EQ(report["average_power_mw"], 0.0);
    EXPECT_DOUBLE_EQ(report["components"]["soc.cpu"]["average_power_mw"], 0.0);
    EXPECT_DOUBLE_EQ(report["components"]["soc.cpu"]["leakage_pj"], 0.0);
    EXPECT_EQ(report.dump().find("null"), std::string::npos);  // NaN would dump as null
}

TEST(EnergyTable, ReportIsDeterministic) {
    const EnergyTable table = EnergyTable::builtin();
    const json stats = json::parse(R"({"soc": {"cpu": {"instructions": 12345},
        "sram": {"bytes_read": 4096, "bytes_written": 1024}, "bus": {"bytes": 5120}}})");
    EXPECT_EQ(table.report(stats, 12'345'678).dump(2), table.report(stats, 12'345'678).dump(2));
    const json report = table.report(stats, 12'345'678);
    EXPECT_DOUBLE_EQ(report["components"]["soc.sram"]["dynamic_pj"], 5120 * 1.25);
}

}  // namespace
}  // namespace accelvp
