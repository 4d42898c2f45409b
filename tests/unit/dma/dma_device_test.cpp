// DmaDevice: copies through the interconnect, errors, interrupts (one design per TEST).
#include "ip/dma/dma_device.h"

#include <gtest/gtest.h>

#include <cstring>

#include "ip/dma/dma_regs.h"
#include "ip/interconnect/interconnect.h"
#include "ip/memory/memory.h"
#include "tests/unit/support/irq_recorder.h"
#include "tests/unit/support/test_initiator.h"

using namespace sc_core;
using accelvp::DmaDevice;
using accelvp::DmaDeviceConfig;
using accelvp::Interconnect;
using accelvp::InterconnectConfig;
using accelvp::Memory;
using accelvp::test::IrqRecorder;
using accelvp::test::TestInitiator;

namespace {

constexpr uint64_t kDma = 0x1000, kMem = 0x100000, kMemBytes = 0x100000;

// CPU and DMA -> interconnect -> {DMA registers, a 1 MiB zero-latency memory}.
struct Bench {
    Interconnect bus{"bus", InterconnectConfig{}};
    DmaDevice dma;
    Memory mem{"mem", kMemBytes, SC_ZERO_TIME};
    TestInitiator cpu{"cpu"};
    IrqRecorder irq;

    explicit Bench(DmaDeviceConfig config = {}) : dma("dma", config) {
        bus.connect_initiator("cpu", cpu.socket);
        bus.connect_initiator("dma", dma.engine.socket);
        bus.add_target("dma", kDma, 0x1000, dma.socket);
        bus.add_target("mem", kMem, kMemBytes, mem.socket);
        dma.irq.bind(irq, 0);
    }
    void reg(uint64_t offset, uint32_t value) {
        ASSERT_TRUE(cpu.write(kDma + offset, value, 4).ok()) << "offset " << offset;
    }
    uint32_t reg(uint64_t offset) { return uint32_t(cpu.read(kDma + offset, 4).data); }
    void start(uint64_t dst, uint64_t src, uint32_t len) {
        reg(DMA_SRC_LO, uint32_t(src));
        reg(DMA_SRC_HI, uint32_t(src >> 32));
        reg(DMA_DST_LO, uint32_t(dst));
        reg(DMA_DST_HI, uint32_t(dst >> 32));
        reg(DMA_LEN, len);
        reg(DMA_CONTROL, DMA_CONTROL_START);
    }
    // Polls until the copy ends; returns the error code.
    uint32_t wait_done() {
        while (!(reg(DMA_INT_STATUS) & (DMA_INT_DONE | DMA_INT_ERROR))) wait(100, SC_NS);
        return reg(DMA_ERROR_CODE);
    }
};

}  // namespace

TEST(DmaDevice, CopiesAcrossChunksAndReportsItsCycles) {
    DmaDeviceConfig config;
    config.chunk_bytes = 4096;
    Bench b(config);
    for (uint32_t i = 0; i < 40000; ++i) b.mem.data()[i] = uint8_t(i * 13 + 7);
    b.cpu.run([&] {
        EXPECT_EQ(b.reg(DMA_ID), DMA_ID_VALUE);
        b.start(kMem + 0x80000, kMem, 40000);  // ten chunks, the last one partial
        EXPECT_EQ(b.reg(DMA_STATUS), uint32_t{DMA_STATUS_BUSY});
        EXPECT_EQ(b.wait_done(), uint32_t{DMA_ERR_NONE});
        EXPECT_EQ(b.reg(DMA_STATUS), 0u);
        // 40000 bytes read and written over 32-byte channels: at least 1250 cycles each way,
        // overlapped by the two chunk buffers.
        const uint32_t cycles = b.reg(DMA_PERF_CYCLES_LO);
        EXPECT_GE(cycles, 1250u);
        EXPECT_LT(cycles, 2 * 1250u + 400u);
        EXPECT_EQ(b.reg(DMA_PERF_BYTES_LO), 40000u);
    });
    sc_start();
    EXPECT_EQ(std::memcmp(b.mem.data(), b.mem.data() + 0x80000, 40000), 0);
    EXPECT_EQ(b.dma.copies(), 1u);
}

TEST(DmaDevice, RaisesItsInterruptWhenEnabledAndClearsIt) {
    Bench b;
    b.cpu.run([&] {
        b.reg(DMA_INT_ENABLE, DMA_INT_DONE | DMA_INT_ERROR);
        b.start(kMem + 0x1000, kMem, 256);
        while (!b.irq.level()) wait(10, SC_NS);
        EXPECT_EQ(b.reg(DMA_INT_STATUS), uint32_t{DMA_INT_DONE});
        b.reg(DMA_INT_STATUS, DMA_INT_DONE);
        EXPECT_FALSE(b.irq.level());
    });
    sc_start();
}

TEST(DmaDevice, AnUnmappedSourceIsAReadErrorNamingTheAddress) {
    Bench b;
    b.cpu.run([&] {
        b.start(kMem, 0x4000'0000, 8192);
        EXPECT_EQ(b.wait_done(), uint32_t{DMA_ERR_READ});
        EXPECT_EQ(b.reg(DMA_ERROR_INFO), 0x4000'0000u);
        b.reg(DMA_ERROR_CODE, 0);
        b.reg(DMA_INT_STATUS, DMA_INT_ERROR);
        // The device is usable again.
        b.start(kMem + 0x1000, kMem, 64);
        EXPECT_EQ(b.wait_done(), uint32_t{DMA_ERR_NONE});
    });
    sc_start();
}

TEST(DmaDevice, AnUnmappedDestinationIsAWriteError) {
    Bench b;
    b.cpu.run([&] {
        b.start(kMem + kMemBytes - 64, kMem, 4096);  // runs past the memory's window
        EXPECT_EQ(b.wait_done(), uint32_t{DMA_ERR_WRITE});
        EXPECT_EQ(b.reg(DMA_ERROR_INFO), uint32_t(kMem + kMemBytes)) << "the first burst past it";
    });
    sc_start();
}

TEST(DmaDevice, RefusesZeroLengthOverlapAndAStartWhileBusy) {
    Bench b;
    b.cpu.run([&] {
        b.start(kMem, kMem + 0x100, 0);
        EXPECT_EQ(b.reg(DMA_ERROR_CODE), uint32_t{DMA_ERR_ZERO_LEN});
        b.reg(DMA_ERROR_CODE, 0);
        b.start(kMem + 0x100, kMem, 0x200);
        EXPECT_EQ(b.reg(DMA_ERROR_CODE), uint32_t{DMA_ERR_OVERLAP});
        b.reg(DMA_ERROR_CODE, 0);
        b.reg(DMA_INT_STATUS, DMA_INT_ERROR);
        b.start(kMem + 0x80000, kMem, 0x40000);
        b.reg(DMA_CONTROL, DMA_CONTROL_START);  // while the first runs
        EXPECT_EQ(b.reg(DMA_ERROR_CODE), uint32_t{DMA_ERR_BUSY});
        b.reg(DMA_ERROR_CODE, 0);
        b.reg(DMA_INT_STATUS, DMA_INT_ERROR);
        EXPECT_EQ(b.wait_done(), uint32_t{DMA_ERR_NONE}) << "the running copy went on";
        EXPECT_EQ(b.reg(DMA_PERF_BYTES_LO), 0x40000u);
    });
    sc_start();
}
