// The folder a run writes into: the resolved configuration (config.json), the UART log
// (uart.log, flushed line by line so that nothing printed is lost if the run ends badly) and
// stats.json. Every file is written as soon as its content is known.
#pragma once

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace accelvp {

class RunFolder {
public:
    // Creates the folder (and parents). Throws std::runtime_error naming it on failure.
    explicit RunFolder(std::filesystem::path dir);
    ~RunFolder();
    RunFolder(const RunFolder&) = delete;
    RunFolder& operator=(const RunFolder&) = delete;

    const std::filesystem::path& dir() const { return dir_; }
    std::filesystem::path file(const std::string& name) const { return dir_ / name; }

    void write_json(const std::string& name, const nlohmann::json& value) const;
    void log_uart(std::string_view text);

private:
    std::filesystem::path dir_;
    std::FILE* uart_log_ = nullptr;
};

}  // namespace accelvp
