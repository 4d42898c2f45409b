// The registry of statistics that a run writes to stats.json (ARCHITECTURE.md,
// "Configuration and outputs"). Models register their counters by dot-separated path
// ("soc.cpu.instructions") at elaboration; snapshot() reads them all at once into nested
// objects. The registry only points at the counters: it does not own or reset them, and
// each counter must outlive the registry's last snapshot().
// A region of interest is the difference of two snapshots (difference()).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace accelvp {

class StatsRegistry {
public:
    // Throws std::logic_error, naming both paths, when `path` is already registered, is a
    // prefix of a registered path ("soc.cpu" and "soc.cpu.instructions"), or has one
    // registered as its prefix; also for an empty path or an empty part ("soc..cpu").
    void add_counter(const std::string& path, const uint64_t* value);
    // A value computed at snapshot time (utilisation, energy, ...); any JSON it returns is
    // placed at `path` as it is.
    void add_value(const std::string& path, std::function<nlohmann::json()> value);

    // A figure derived from the counters at `path` (a mean latency, a utilisation) and the
    // time they were counted over. Derived figures are not counters: a region's are worked
    // out from the region's counters (derive()), never subtracted.
    using Derivation =
        std::function<nlohmann::json(const nlohmann::json& counters, uint64_t elapsed_ps)>;
    void add_derived(const std::string& path, Derivation derivation);

    // Every registered statistic, nested by path; keys sorted, so the output is deterministic.
    nlohmann::json snapshot() const;
    // `stats` (a snapshot, or a difference of two) with every derivation's figures merged
    // into the object at its path; paths absent from `stats` are skipped.
    nlohmann::json derive(nlohmann::json stats, uint64_t elapsed_ps) const;

    // `later` minus `earlier`: numbers are subtracted (integers stay integers; a negative
    // difference of unsigned counters becomes a signed integer), arrays of the same length
    // element by element, objects key by key. Anything else, and any key missing from
    // `earlier`, is taken from `later`; keys only in `earlier` are dropped.
    static nlohmann::json difference(const nlohmann::json& later, const nlohmann::json& earlier);

private:
    void check_new_path(const std::string& path) const;

    std::map<std::string, std::function<nlohmann::json()>> values_;
    std::map<std::string, Derivation> derivations_;
};

}  // namespace accelvp
