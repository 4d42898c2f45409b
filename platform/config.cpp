#include "platform/config.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <string_view>
#include <vector>

namespace accelvp {

// platform/boards/default.json, embedded by platform/CMakeLists.txt.
extern const char kDefaultBoardJson[];

namespace {

using nlohmann::json;
using Type = Config::Type;

constexpr const char* kExpectInteger = "expected an integer (e.g. 1000, 0x3e8, 4Ki)";
constexpr const char* kExpectNumber = "expected a number (e.g. 0.5, 1e-3, 100)";
constexpr const char* kExpectBool = "expected true or false (or 1 or 0)";
constexpr const char* kExpectString = "expected a string";

enum class IntParse { Ok, NotInteger, OutOfRange };

struct ParsedInt {
    bool negative = false;
    uint64_t magnitude = 0;
};

int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return 99;
}

// [+-] (0x hex | 0b binary | decimal) digits with `_` between them, then Ki/Mi/Gi/Ti.
IntParse parse_integer(std::string_view text, ParsedInt& out) {
    out = {};
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
        out.negative = text.front() == '-';
        text.remove_prefix(1);
    }
    unsigned base = 10;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        base = 16;
        text.remove_prefix(2);
    } else if (text.size() > 2 && text[0] == '0' && (text[1] == 'b' || text[1] == 'B')) {
        base = 2;
        text.remove_prefix(2);
    }
    unsigned shift = 0;
    static constexpr std::pair<std::string_view, unsigned> kSuffixes[] = {
        {"Ki", 10}, {"Mi", 20}, {"Gi", 30}, {"Ti", 40}};
    for (const auto& [suffix, bits] : kSuffixes) {
        if (text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix) {
            shift = bits;
            text.remove_suffix(suffix.size());
            break;
        }
    }
    if (text.empty() || text.front() == '_' || text.back() == '_') return IntParse::NotInteger;
    for (char c : text) {
        if (c != '_' && static_cast<unsigned>(digit_value(c)) >= base) return IntParse::NotInteger;
    }
    constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
    uint64_t value = 0;
    for (char c : text) {
        if (c == '_') continue;
        const auto digit = static_cast<uint64_t>(digit_value(c));
        if (value > (kMax - digit) / base) return IntParse::OutOfRange;
        value = value * base + digit;
    }
    if (value > (kMax >> shift)) return IntParse::OutOfRange;
    out.magnitude = value << shift;
    if (out.negative && out.magnitude > (uint64_t{1} << 63)) return IntParse::OutOfRange;
    if (out.magnitude == 0) out.negative = false;
    return IntParse::Ok;
}

std::string out_of_range(Type type) {
    return type == Type::Signed ? "integer out of range (-2^63 .. 2^63-1)"
                                : "integer out of range (0 .. 2^64-1)";
}

std::optional<json> integer_json(Type type, const ParsedInt& v, std::string& why) {
    if (type == Type::Unsigned) {
        if (v.negative) {
            why = "expected a non-negative integer";
            return std::nullopt;
        }
        return json(v.magnitude);
    }
    if (v.negative) return json(static_cast<int64_t>(~v.magnitude + 1));
    if (v.magnitude > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        why = out_of_range(type);
        return std::nullopt;
    }
    return json(static_cast<int64_t>(v.magnitude));
}

std::optional<json> parse_integer_value(Type type, const json& raw, std::string& why) {
    ParsedInt v;
    if (raw.is_number_unsigned()) {
        v.magnitude = raw.get<uint64_t>();
    } else if (raw.is_number_integer()) {
        const auto s = raw.get<int64_t>();
        v.negative = s < 0;
        v.magnitude = v.negative ? ~static_cast<uint64_t>(s) + 1 : static_cast<uint64_t>(s);
    } else if (raw.is_string()) {
        switch (parse_integer(raw.get_ref<const std::string&>(), v)) {
            case IntParse::Ok:
                break;
            case IntParse::NotInteger:
                why = kExpectInteger;
                return std::nullopt;
            case IntParse::OutOfRange:
                why = out_of_range(type);
                return std::nullopt;
        }
    } else if (raw.is_number_float() && std::isfinite(raw.get<double>()) &&
               std::floor(raw.get<double>()) == raw.get<double>() &&
               (raw.get<double>() >= 0x1p64 || raw.get<double>() < -0x1p63)) {
        // nlohmann reads an integer literal beyond 64 bits as a float.
        why = out_of_range(type);
        return std::nullopt;
    } else {
        why = kExpectInteger;
        return std::nullopt;
    }
    return integer_json(type, v, why);
}

std::optional<json> parse_float_value(const json& raw, std::string& why) {
    if (raw.is_number()) return json(raw.get<double>());
    if (raw.is_string()) {
        const auto& text = raw.get_ref<const std::string&>();
        double d = 0;
        const char* end = text.data() + text.size();
        const auto [ptr, ec] = std::from_chars(text.data(), end, d);
        if (ec == std::errc() && ptr == end && std::isfinite(d)) return json(d);
        ParsedInt v;
        if (parse_integer(text, v) == IntParse::Ok) {
            const auto magnitude = static_cast<double>(v.magnitude);
            return json(v.negative ? -magnitude : magnitude);
        }
    }
    why = kExpectNumber;
    return std::nullopt;
}

std::optional<json> parse_bool_value(const json& raw, std::string& why) {
    if (raw.is_boolean()) return raw;
    if (raw.is_string()) {
        const auto& text = raw.get_ref<const std::string&>();
        if (text == "true" || text == "1") return json(true);
        if (text == "false" || text == "0") return json(false);
    }
    why = kExpectBool;
    return std::nullopt;
}

// `raw` is a JSON value from a file, or the text of a `-p` assignment as a JSON string.
std::optional<json> parse_scalar(Type type, const json& raw, std::string& why) {
    switch (type) {
        case Type::Unsigned:
        case Type::Signed:
            return parse_integer_value(type, raw, why);
        case Type::Float:
            return parse_float_value(raw, why);
        case Type::Bool:
            return parse_bool_value(raw, why);
        case Type::String:
            if (raw.is_string()) return raw;
            why = kExpectString;
            return std::nullopt;
        case Type::Group:
            break;
    }
    why = "is a group of keys, not a value";
    return std::nullopt;
}

const char* type_name(Type type) {
    switch (type) {
        case Type::Unsigned:
            return "an unsigned integer";
        case Type::Signed:
            return "an integer";
        case Type::Float:
            return "a float";
        case Type::Bool:
            return "a bool";
        case Type::String:
            return "a string";
        case Type::Group:
            return "a group of keys";
    }
    return "?";
}

std::vector<std::string> split_key(const std::string& key) {
    std::vector<std::string> parts;
    size_t start = 0;
    for (;;) {
        const size_t dot = key.find('.', start);
        parts.push_back(key.substr(start, dot - start));
        if (dot == std::string::npos) return parts;
        start = dot + 1;
    }
}

// The node at `key` in `root`, which the schema guarantees to exist.
json& node_at(json& root, const std::string& key) {
    json* node = &root;
    for (const auto& part : split_key(key)) node = &(*node)[part];
    return *node;
}

size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string shorten(const json& value) {
    std::string text = value.dump();
    if (text.size() > 60) text = text.substr(0, 57) + "...";
    return text;
}

void build_schema(const json& node, const std::string& prefix, json& resolved,
                  std::map<std::string, Type>& types) {
    for (const auto& [name, value] : node.items()) {
        const std::string key = prefix.empty() ? name : prefix + "." + name;
        if (name.empty() || name.find('.') != std::string::npos) {
            throw ConfigError(
                fmt::format("default board: key '{}' must be a non-empty name "
                            "without dots",
                            key));
        }
        if (value.is_object()) {
            types[key] = Type::Group;
            resolved[name] = json::object();
            build_schema(value, key, resolved[name], types);
        } else if (value.is_number_float()) {
            types[key] = Type::Float;
            resolved[name] = value;
        } else if (value.is_number_integer()) {
            types[key] = value.is_number_unsigned() || value.get<int64_t>() >= 0 ? Type::Unsigned
                                                                                 : Type::Signed;
            resolved[name] = value;
        } else if (value.is_boolean()) {
            types[key] = Type::Bool;
            resolved[name] = value;
        } else if (value.is_string()) {
            ParsedInt v;
            if (parse_integer(value.get_ref<const std::string&>(), v) == IntParse::Ok) {
                types[key] = v.negative ? Type::Signed : Type::Unsigned;
                std::string unused;
                resolved[name] = *integer_json(types[key], v, unused);
            } else {
                types[key] = Type::String;
                resolved[name] = value;
            }
        } else {
            throw ConfigError(
                fmt::format("default board: key '{}' has the value {}; a default "
                            "must be a number, bool, string or object",
                            key, shorten(value)));
        }
    }
}

}  // namespace

Config Config::defaults() {
    json board;
    try {
        board = json::parse(kDefaultBoardJson);
    } catch (const json::parse_error& e) {
        throw ConfigError(fmt::format("embedded default board: {}", e.what()));
    }
    return from_defaults(board);
}

Config Config::from_defaults(const json& board) {
    if (!board.is_object()) throw ConfigError("default board: expected a JSON object");
    Config config;
    config.resolved_ = json::object();
    build_schema(board, "", config.resolved_, config.types_);
    return config;
}

std::string Config::unknown_key(const std::string& key) const {
    const std::string* best = nullptr;
    size_t best_distance = std::max<size_t>(2, key.size() / 3) + 1;
    for (const auto& [candidate, type] : types_) {
        const size_t distance = edit_distance(key, candidate);
        if (distance < best_distance) {
            best = &candidate;
            best_distance = distance;
        }
    }
    if (best) return fmt::format("unknown configuration key '{}' (did you mean '{}'?)", key, *best);
    return fmt::format(
        "unknown configuration key '{}' (platform/boards/default.json lists "
        "the valid keys)",
        key);
}

void Config::merge_file(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::exists(path, ec)) throw ConfigError(fmt::format("{}: no such file", path));
    if (fs::is_directory(path, ec)) {
        throw ConfigError(fmt::format("{}: is a directory, expected a JSON board file", path));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError(fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
    std::stringstream text;
    text << in.rdbuf();
    if (in.bad()) throw ConfigError(fmt::format("{}: cannot read: {}", path, std::strerror(errno)));

    json user;
    try {
        user = json::parse(text.str());
    } catch (const json::parse_error& e) {
        // e.what() is "[json.exception.parse_error.N] parse error at line L, column C: ...".
        std::string what = e.what();
        const size_t tag_end = what.find("] ");
        if (tag_end != std::string::npos) what = what.substr(tag_end + 2);
        throw ConfigError(fmt::format("{}: not valid JSON: {}", path, what));
    }
    if (!user.is_object()) {
        throw ConfigError(fmt::format("{}: expected a JSON object at the top level, got {}", path,
                                      shorten(user)));
    }

    json next = resolved_;
    // Names may be nested objects or dotted paths ({"soc.cpu.quantum_ns": 500}).
    auto merge = [&](auto&& self, const json& node, const std::string& prefix) -> void {
        for (const auto& [name, value] : node.items()) {
            const std::string key = prefix.empty() ? name : prefix + "." + name;
            const auto it = types_.find(key);
            if (it == types_.end()) {
                throw ConfigError(fmt::format("{}: {}", path, unknown_key(key)));
            }
            if (it->second == Type::Group) {
                if (!value.is_object()) {
                    throw ConfigError(
                        fmt::format("{}: key '{}' is a group of keys, expected an "
                                    "object, got {}",
                                    path, key, shorten(value)));
                }
                self(self, value, key);
                continue;
            }
            std::string why;
            auto parsed = parse_scalar(it->second, value, why);
            if (!parsed) {
                throw ConfigError(
                    fmt::format("{}: key '{}': {}, got {}", path, key, why, shorten(value)));
            }
            node_at(next, key) = std::move(*parsed);
        }
    };
    merge(merge, user, "");
    resolved_ = std::move(next);
}

void Config::set(const std::string& assignment) {
    const size_t eq = assignment.find('=');
    if (eq == std::string::npos) {
        throw ConfigError(
            fmt::format("-p {}: expected KEY=VALUE (e.g. -p soc.cpu.quantum_ns=500)", assignment));
    }
    const std::string key = assignment.substr(0, eq);
    const std::string text = assignment.substr(eq + 1);
    if (key.empty()) {
        throw ConfigError(
            fmt::format("-p {}: missing the key before '=' (e.g. -p "
                        "soc.cpu.quantum_ns=500)",
                        assignment));
    }
    const auto it = types_.find(key);
    if (it == types_.end()) {
        throw ConfigError(fmt::format("-p {}: {}", assignment, unknown_key(key)));
    }
    if (it->second == Type::Group) {
        throw ConfigError(
            fmt::format("-p {}: '{}' is a group of keys, not a value; set one of "
                        "its keys (e.g. -p {}.KEY=VALUE)",
                        assignment, key, key));
    }
    std::string why;
    auto parsed = parse_scalar(it->second, json(text), why);
    if (!parsed) throw ConfigError(fmt::format("-p {}: {}", assignment, why));
    node_at(resolved_, key) = std::move(*parsed);
}

Config::Type Config::type_of(const std::string& key, const char* wanted) const {
    const auto it = types_.find(key);
    if (it == types_.end()) throw ConfigError(unknown_key(key));
    if (it->second == Type::Group) {
        throw ConfigError(
            fmt::format("configuration key '{}' is a group of keys, not {}", key, wanted));
    }
    return it->second;
}

const json& Config::value_of(const std::string& key) const {
    const json* node = &resolved_;
    for (const auto& part : split_key(key)) node = &node->at(part);
    return *node;
}

uint64_t Config::get_u64(const std::string& key) const {
    const Type type = type_of(key, "an unsigned integer");
    const json& value = value_of(key);
    if (type == Type::Unsigned) return value.get<uint64_t>();
    if (type == Type::Signed) {
        const auto v = value.get<int64_t>();
        if (v < 0) {
            throw ConfigError(
                fmt::format("configuration key '{}' is {}, expected a non-negative "
                            "value",
                            key, v));
        }
        return static_cast<uint64_t>(v);
    }
    throw ConfigError(
        fmt::format("configuration key '{}' is {}, not an integer", key, type_name(type)));
}

int64_t Config::get_i64(const std::string& key) const {
    const Type type = type_of(key, "an integer");
    const json& value = value_of(key);
    if (type == Type::Signed) return value.get<int64_t>();
    if (type == Type::Unsigned) {
        const auto v = value.get<uint64_t>();
        if (v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
            throw ConfigError(
                fmt::format("configuration key '{}' is {}, more than a signed "
                            "64-bit integer holds",
                            key, v));
        }
        return static_cast<int64_t>(v);
    }
    throw ConfigError(
        fmt::format("configuration key '{}' is {}, not an integer", key, type_name(type)));
}

double Config::get_double(const std::string& key) const {
    const Type type = type_of(key, "a float");
    if (type != Type::Float) {
        throw ConfigError(
            fmt::format("configuration key '{}' is {}, not a float", key, type_name(type)));
    }
    return value_of(key).get<double>();
}

bool Config::get_bool(const std::string& key) const {
    const Type type = type_of(key, "a bool");
    if (type != Type::Bool) {
        throw ConfigError(
            fmt::format("configuration key '{}' is {}, not a bool", key, type_name(type)));
    }
    return value_of(key).get<bool>();
}

std::string Config::get_string(const std::string& key) const {
    const Type type = type_of(key, "a string");
    if (type != Type::String) {
        throw ConfigError(
            fmt::format("configuration key '{}' is {}, not a string", key, type_name(type)));
    }
    return value_of(key).get<std::string>();
}

bool Config::has(const std::string& key) const {
    return types_.count(key) != 0;
}

void Config::write(const std::string& path) const {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw ConfigError(fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
    out << resolved_.dump(2) << '\n';
    out.close();
    if (!out) throw ConfigError(fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
}

}  // namespace accelvp
