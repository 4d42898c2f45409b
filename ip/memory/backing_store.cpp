#include "ip/memory/backing_store.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace accelvp {

BackingStore::BackingStore(const std::string& owner, uint64_t size_bytes) : size_(size_bytes) {
    if (size_ == 0) throw std::invalid_argument(fmt::format("{}: size must not be zero", owner));
    void* p = mmap(nullptr, size_, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        throw std::runtime_error(fmt::format("{}: cannot reserve {} bytes", owner, size_));
    data_ = static_cast<uint8_t*>(p);
}

BackingStore::~BackingStore() { munmap(data_, size_); }

unsigned BackingStore::debug_copy(bool write, uint64_t offset, uint8_t* data, unsigned len) {
    if (offset >= size_) return 0;
    len = unsigned(std::min<uint64_t>(len, size_ - offset));
    if (write) std::memcpy(data_ + offset, data, len);
    else std::memcpy(data, data_ + offset, len);
    return len;
}

}  // namespace accelvp
