// The energy report (ARCHITECTURE.md, "Configuration and outputs"): models only count what
// they do; this table of energy per action and leakage power per component, each figure with
// its source, turns a stats snapshot into energy and average power. Keeping every figure in
// one data file (platform/energy/default.json, embedded in the binary) means no model
// hard-codes an energy, and a user can swap in a table for another process node.
// The format and the figures are described in docs/energy.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace accelvp {

class EnergyTable {
public:
    // The embedded platform/energy/default.json.
    static EnergyTable builtin();
    // A table file. Throws ConfigError (platform/config.h) naming the file and, for a bad
    // field, its JSON path.
    static EnergyTable load(const std::filesystem::path& path);
    // A table already parsed; `source_name` names it in error messages and in the report.
    static EnergyTable parse(const nlohmann::json& table, const std::string& source_name);

    // Energy of what `stats` counts (a StatsRegistry snapshot, or the difference of two for a
    // region of interest) over `elapsed_ps` of simulated time (which sets the leakage).
    // Components of the table that `stats` lacks entirely are listed under "skipped"; a
    // counter it lacks counts 0 and is marked "missing". Never throws for a snapshot's shape.
    nlohmann::json report(const nlohmann::json& stats, uint64_t elapsed_ps) const;

    const std::string& source_name() const { return source_name_; }
    // The table as given (e.g. to copy it into a run folder next to the report).
    const nlohmann::json& table() const { return table_; }

private:
    struct Action {
        double pj_per_count = 0;
    };
    struct Component {
        std::map<std::string, Action> actions;  // by counter path relative to the component
        double leakage_mw = 0;
        std::string reported_pj;  // stats path of the component's own energy; empty if none
    };

    nlohmann::json component_report(const Component& component, const nlohmann::json& stats,
                                    double elapsed_ns) const;

    std::string source_name_;
    nlohmann::json table_;
    std::map<std::string, Component> components_;  // by dotted module path
};

}  // namespace accelvp
