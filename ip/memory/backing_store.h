// Host storage for a simulated memory: the whole capacity is one reserved anonymous mapping
// that the host backs with pages only when first touched, so a 1 GiB memory costs nothing
// until used and reads as zero.
#pragma once

#include <cstdint>
#include <string>

namespace accelvp {

class BackingStore {
public:
    // Throws std::invalid_argument for size 0, std::runtime_error if the host refuses; both
    // name `owner`.
    BackingStore(const std::string& owner, uint64_t size_bytes);
    ~BackingStore();
    BackingStore(const BackingStore&) = delete;
    BackingStore& operator=(const BackingStore&) = delete;

    uint8_t* data() const { return data_; }
    uint64_t size() const { return size_; }
    bool contains(uint64_t offset, uint64_t len) const {
        return offset < size_ && len <= size_ - offset;
    }
    // Untimed copy for debug transport: cut at the end of the store; returns the bytes copied.
    unsigned debug_copy(bool write, uint64_t offset, uint8_t* data, unsigned len);

private:
    uint8_t* data_;
    uint64_t size_;
};

}  // namespace accelvp
