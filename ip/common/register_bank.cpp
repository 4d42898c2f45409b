#include "ip/common/register_bank.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace accelvp {

void RegisterBank::add(Register reg) {
    if (reg.size_bytes != 1 && reg.size_bytes != 2 && reg.size_bytes != 4 && reg.size_bytes != 8)
        throw std::logic_error(
            fmt::format("register {}: size {} is not 1, 2, 4 or 8", reg.name, reg.size_bytes));
    for (const Register& r : regs_) {
        bool disjoint =
            reg.offset + reg.size_bytes <= r.offset || r.offset + r.size_bytes <= reg.offset;
        if (!disjoint)
            throw std::logic_error(fmt::format("register {} at {:#x} overlaps {} at {:#x}",
                                               reg.name, reg.offset, r.name, r.offset));
    }
    auto pos = std::lower_bound(regs_.begin(), regs_.end(), reg.offset,
                                [](const Register& r, uint64_t off) { return r.offset < off; });
    regs_.insert(pos, std::move(reg));
}

const Register* RegisterBank::find(uint64_t offset, unsigned len) const {
    auto it = std::upper_bound(regs_.begin(), regs_.end(), offset,
                               [](uint64_t off, const Register& r) { return off < r.offset; });
    if (it == regs_.begin()) return nullptr;
    const Register& r = *std::prev(it);
    if (offset + len > r.offset + r.size_bytes) return nullptr;
    return &r;
}

tlm::tlm_response_status RegisterBank::access(tlm::tlm_command cmd, uint64_t offset, uint8_t* data,
                                              unsigned len) {
    const Register* r = len <= 8 ? find(offset, len) : nullptr;
    if (!r) return tlm::TLM_ADDRESS_ERROR_RESPONSE;
    unsigned shift = static_cast<unsigned>(offset - r->offset) * 8;
    uint64_t mask = len == 8 ? ~uint64_t{0} : ((uint64_t{1} << (len * 8)) - 1);

    if (cmd == tlm::TLM_READ_COMMAND) {
        uint64_t value = r->read ? r->read() : 0;
        value = (value >> shift) & mask;
        std::memcpy(data, &value, len);  // the host is little-endian, like RISC-V
        return tlm::TLM_OK_RESPONSE;
    }
    if (cmd == tlm::TLM_WRITE_COMMAND) {
        if (!r->write) return tlm::TLM_COMMAND_ERROR_RESPONSE;
        uint64_t part = 0;
        std::memcpy(&part, data, len);
        uint64_t value = part;
        if (len < r->size_bytes) {
            uint64_t old = r->read ? r->read() : 0;
            value = (old & ~(mask << shift)) | ((part & mask) << shift);
        }
        write_refused_ = false;
        r->write(value);
        return write_refused_ ? tlm::TLM_COMMAND_ERROR_RESPONSE : tlm::TLM_OK_RESPONSE;
    }
    return tlm::TLM_OK_RESPONSE;  // TLM_IGNORE_COMMAND
}

}  // namespace accelvp
