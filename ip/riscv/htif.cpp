#include "ip/riscv/htif.h"

#include <string>

#include "ip/riscv/decode.h"

namespace accelvp {

namespace {
constexpr uint64_t kSysWrite = 64, kSysExit = 93;
constexpr int64_t kEbadf = 9, kEnosys = 38, kEfault = 14;
constexpr uint64_t kMaxWrite = 1 << 20;  // a larger write is answered short
}  // namespace

Htif::Htif(rv::Hart& hart, uint32_t tohost, std::optional<uint32_t> fromhost,
           std::function<void(std::string_view)> console, std::function<void(int)> on_exit)
    : hart_(hart),
      tohost_(tohost),
      fromhost_(fromhost),
      console_(std::move(console)),
      on_exit_(std::move(on_exit)) {
    hart_.watch_stores(tohost_, 8, [this] { poll(); });
}

uint64_t Htif::read64(uint32_t addr) {
    uint64_t v = 0;
    hart_.peek(addr, &v, 8);
    return v;
}

void Htif::write64(uint32_t addr, uint64_t value) {
    hart_.poke(addr, &value, 8);
}

bool Htif::next_instruction_stores_tohost() {
    uint32_t raw = 0;
    uint16_t half;
    if (!hart_.peek(hart_.pc, &half, 2)) return false;
    raw = half;
    if ((half & 3) == 3) {
        if (!hart_.peek(hart_.pc + 2, &half, 2)) return false;
        raw |= uint32_t(half) << 16;
    }
    rv::DecodedInsn d = rv::decode(raw, hart_.costs);
    if (d.op != rv::Op::Sw && d.op != rv::Op::Sh && d.op != rv::Op::Sb) return false;
    uint32_t addr = hart_.x[d.rs1] + uint32_t(d.imm);
    return addr >= tohost_ && addr < tohost_ + 8;
}

void Htif::poll() {
    uint64_t value = read64(tohost_);
    if (value == 0) return;
    if (next_instruction_stores_tohost()) return hart_.defer_watch();
    unsigned device = unsigned(value >> 56), command = unsigned(value >> 48) & 0xff;
    if (device == 0 && (value & 1)) {
        write64(tohost_, 0);
        on_exit_(int(value >> 1));
        return;
    }
    if (device == 0) {
        syscall(uint32_t(value));
    } else if (device == 1 && command == 1) {
        char c = char(value & 0xff);
        console_(std::string_view(&c, 1));
    }
    write64(tohost_, 0);
    if (fromhost_) write64(*fromhost_, device == 0 ? 1 : (value & ~uint64_t(0xffff'ffff'ffff)));
}

void Htif::syscall(uint32_t block) {
    ++syscalls_;
    uint64_t which = read64(block);
    uint64_t arg0 = read64(block + 8), arg1 = read64(block + 16), arg2 = read64(block + 24);
    int64_t result;
    if (which == kSysWrite) {
        if (arg0 != 1 && arg0 != 2) {
            result = -kEbadf;
        } else {
            uint64_t len = std::min(arg2, kMaxWrite);
            std::string text(len, '\0');
            if (len && !hart_.peek(uint32_t(arg1), text.data(), unsigned(len))) {
                result = -kEfault;
            } else {
                console_(text);
                result = int64_t(len);
            }
        }
    } else if (which == kSysExit) {
        on_exit_(int(arg0));
        result = 0;
    } else {
        result = -kEnosys;
    }
    write64(block, uint64_t(result));
}

}  // namespace accelvp
