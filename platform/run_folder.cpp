#include "platform/run_folder.h"

#include <fmt/format.h>

#include <fstream>
#include <stdexcept>

namespace accelvp {

RunFolder::RunFolder(std::filesystem::path dir) : dir_(std::move(dir)) {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec || !std::filesystem::is_directory(dir_))
        throw std::runtime_error(fmt::format("cannot create the run folder {}: {}", dir_.string(),
                                             ec ? ec.message() : "not a directory"));
    uart_log_ = std::fopen(file("uart.log").c_str(), "wb");
    if (!uart_log_)
        throw std::runtime_error(fmt::format("cannot write {}", file("uart.log").string()));
}

RunFolder::~RunFolder() {
    if (uart_log_) std::fclose(uart_log_);
}

void RunFolder::write_json(const std::string& name, const nlohmann::json& value) const {
    std::filesystem::path path = file(name);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << value.dump(2) << '\n';
    if (!out) throw std::runtime_error(fmt::format("cannot write {}", path.string()));
}

void RunFolder::log_uart(std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), uart_log_);
    if (text.find('\n') != std::string_view::npos) std::fflush(uart_log_);
}

}  // namespace accelvp
