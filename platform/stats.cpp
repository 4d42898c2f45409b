#include "platform/stats.h"

#include <fmt/format.h>

#include <limits>
#include <stdexcept>

namespace accelvp {

namespace {

using nlohmann::json;

json subtract(const json& later, const json& earlier) {
    if (later.is_number_float() || earlier.is_number_float()) {
        return json(later.get<double>() - earlier.get<double>());
    }
    auto wide = [](const json& v) -> __int128 {
        return v.is_number_unsigned() ? static_cast<__int128>(v.get<uint64_t>())
                                      : static_cast<__int128>(v.get<int64_t>());
    };
    const __int128 d = wide(later) - wide(earlier);
    if (d >= 0 && d <= std::numeric_limits<uint64_t>::max()) return json(static_cast<uint64_t>(d));
    if (d < 0 && d >= std::numeric_limits<int64_t>::min()) return json(static_cast<int64_t>(d));
    return json(static_cast<double>(d));
}

}  // namespace

void StatsRegistry::check_new_path(const std::string& path) const {
    if (path.empty() || path.front() == '.' || path.back() == '.' ||
        path.find("..") != std::string::npos) {
        throw std::logic_error(fmt::format("stats path '{}' has an empty part", path));
    }
    if (values_.count(path)) {
        throw std::logic_error(fmt::format("stats path '{}' is registered twice", path));
    }
    // A registered leaf that lies below `path`: the first key after "path." in sort order.
    const std::string below = path + ".";
    const auto it = values_.lower_bound(below);
    if (it != values_.end() && it->first.compare(0, below.size(), below) == 0) {
        throw std::logic_error(
            fmt::format("stats path '{}' is a prefix of the registered path "
                        "'{}': a path is either a value or a group",
                        path, it->first));
    }
    for (size_t dot = path.find('.'); dot != std::string::npos; dot = path.find('.', dot + 1)) {
        const std::string above = path.substr(0, dot);
        if (values_.count(above)) {
            throw std::logic_error(
                fmt::format("stats path '{}' lies below the registered path "
                            "'{}': a path is either a value or a group",
                            path, above));
        }
    }
}

void StatsRegistry::add_counter(const std::string& path, const uint64_t* value) {
    if (!value) throw std::logic_error(fmt::format("stats path '{}': null counter", path));
    check_new_path(path);
    values_.emplace(path, [value] { return json(*value); });
}

void StatsRegistry::add_value(const std::string& path, std::function<json()> value) {
    if (!value) throw std::logic_error(fmt::format("stats path '{}': empty function", path));
    check_new_path(path);
    values_.emplace(path, std::move(value));
}

json StatsRegistry::snapshot() const {
    json root = json::object();
    for (const auto& [path, value] : values_) {
        json* node = &root;
        size_t start = 0;
        for (size_t dot = path.find('.'); dot != std::string::npos; dot = path.find('.', start)) {
            node = &(*node)[path.substr(start, dot - start)];
            start = dot + 1;
        }
        (*node)[path.substr(start)] = value();
    }
    return root;
}

void StatsRegistry::add_derived(const std::string& path, Derivation derivation) {
    if (!derivations_.emplace(path, std::move(derivation)).second)
        throw std::logic_error(fmt::format("stats derivation '{}' is registered twice", path));
}

json StatsRegistry::derive(json stats, uint64_t elapsed_ps) const {
    for (const auto& [path, derivation] : derivations_) {
        json* node = &stats;
        size_t start = 0;
        for (size_t dot = 0; node && dot != std::string::npos; start = dot + 1) {
            dot = path.find('.', start);
            const std::string key =
                path.substr(start, dot == std::string::npos ? dot : dot - start);
            auto it = node->is_object() ? node->find(key) : node->end();
            node = it == node->end() ? nullptr : &*it;
        }
        if (!node || !node->is_object()) continue;
        const json derived = derivation(*node, elapsed_ps);  // outlives the loop over its items
        for (const auto& [key, value] : derived.items()) (*node)[key] = value;
    }
    return stats;
}

json StatsRegistry::difference(const json& later, const json& earlier) {
    if (later.is_number() && earlier.is_number()) return subtract(later, earlier);
    if (later.is_object() && earlier.is_object()) {
        json result = json::object();
        for (const auto& [key, value] : later.items()) {
            const auto it = earlier.find(key);
            result[key] = it == earlier.end() ? value : difference(value, *it);
        }
        return result;
    }
    if (later.is_array() && earlier.is_array() && later.size() == earlier.size()) {
        json result = json::array();
        for (size_t i = 0; i < later.size(); ++i) {
            result.push_back(difference(later[i], earlier[i]));
        }
        return result;
    }
    return later;
}

}  // namespace accelvp
