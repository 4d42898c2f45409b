// The board configuration: one JSON tree of hierarchical keys (ARCHITECTURE.md,
// "Configuration and outputs"). The default board (platform/boards/default.json, embedded in
// the binary) is the schema: it names every valid key, and each key's type is inferred from
// its default value:
//   - a JSON integer, or a string that reads as an integer ("0x8000_0000", "4096", "256Mi")
//     -> integer; unsigned unless the default is negative;
//   - a JSON float -> float (an integer value is accepted for it);
//   - a JSON bool -> bool (true/false, and 1/0 from the command line);
//   - any other string -> string;
//   - an object -> a group of keys, which cannot be set as a scalar.
// A user board (merge_file) and `-p key=value` (set) may only name existing keys; their
// values are parsed to the key's type. Integer syntax: decimal, 0x hex or 0b binary digits,
// `_` between digits, an optional binary-size suffix Ki, Mi, Gi or Ti.
// resolved() holds every value in its normalised form (integer strings become numbers), so
// the configuration written to a run folder is unambiguous. Every error is a ConfigError
// naming the file or `-p` assignment and the key.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace accelvp {

class ConfigError : public std::runtime_error {
public:
    using runtime_error::runtime_error;
};

class Config {
public:
    enum class Type { Unsigned, Signed, Float, Bool, String, Group };

    // The embedded default board.
    static Config defaults();
    // A configuration whose schema and defaults are `board` (tests, other boards).
    static Config from_defaults(const nlohmann::json& board);

    // Overrides keys from a user board file. All-or-nothing: on error nothing is changed.
    void merge_file(const std::string& path);
    // Overrides one key from a `-p` assignment, e.g. "soc.cpu.quantum_ns=500".
    void set(const std::string& assignment);

    uint64_t get_u64(const std::string& key) const;
    int64_t get_i64(const std::string& key) const;
    double get_double(const std::string& key) const;
    bool get_bool(const std::string& key) const;
    std::string get_string(const std::string& key) const;
    // True for every key of the schema, values and groups alike.
    bool has(const std::string& key) const;

    const nlohmann::json& resolved() const { return resolved_; }
    // Writes resolved() pretty-printed (sorted keys, 2-space indent).
    void write(const std::string& path) const;

private:
    Config() = default;

    Type type_of(const std::string& key, const char* wanted) const;
    const nlohmann::json& value_of(const std::string& key) const;
    std::string unknown_key(const std::string& key) const;

    nlohmann::json resolved_;
    std::map<std::string, Type> types_;  // every dotted path of the schema
};

}  // namespace accelvp
