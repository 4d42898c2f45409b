// The hart on its own: execution, decode cache coherence, traps, interrupts, counters and
// the conditions that stop a run.
#include <gtest/gtest.h>

#include "tests/unit/riscv/hart_fixture.h"

namespace accelvp::rv::test {

TEST(Hart, ExecutesAndKeepsX0Zero) {
    HartFixture f;
    f.program({addi(1, 0, 5), addi(2, 1, -7), add(0, 1, 2), add(3, 1, 2)});
    EXPECT_EQ(f.run(4), RunResult::LimitReached);
    EXPECT_EQ(f.hart.x[1], 5u);
    EXPECT_EQ(f.hart.x[2], uint32_t(-2));
    EXPECT_EQ(f.hart.x[0], 0u);
    EXPECT_EQ(f.hart.x[3], 3u);
    EXPECT_EQ(f.hart.instret, 4u);
    EXPECT_EQ(f.hart.pc, kRamBase + 16);
}

TEST(Hart, InstructionLimitIsExact) {
    HartFixture f;
    f.program({addi(1, 1, 1), bne(0, 1, -4)});  // counts forever
    f.run(1001);
    EXPECT_EQ(f.hart.instret, 1001u);
    EXPECT_EQ(f.hart.x[1], 501u);
}

TEST(Hart, StoreIntoDecodedCodeIsSeenWithoutFenceI) {
    HartFixture f;
    // 0: addi x1,x0,1   4: sw x3,0(x2) (overwrites the addi)   8: jalr x0,0(x4) back to 0
    f.program({addi(1, 0, 1), sw(3, 2, 0), i_type(0, 4, 0, 0, 0x67)});
    f.hart.x[2] = kRamBase;
    f.hart.x[3] = addi(1, 0, 42);
    f.hart.x[4] = kRamBase;
    f.run(3);
    EXPECT_EQ(f.hart.x[1], 1u);
    f.run(1);  // the patched instruction
    EXPECT_EQ(f.hart.x[1], 42u);
}

TEST(Hart, IllegalInstructionTrapsWithEncodingInMtval) {
    HartFixture f;
    f.program({0xffffffffu, 0, 0, 0, addi(5, 0, 9)});
    f.hart.mtvec = kRamBase + 16;
    f.run(1);
    EXPECT_EQ(f.hart.mcause, cause::kIllegalInsn);
    EXPECT_EQ(f.hart.mtval, 0xffffffffu);
    EXPECT_EQ(f.hart.mepc, kRamBase);
    EXPECT_EQ(f.hart.x[5], 9u);
    EXPECT_EQ(f.hart.instret, 1u) << "a trapping instruction does not retire";
}

TEST(Hart, UnimplementedCsrIsIllegal) {
    HartFixture f;
    f.program({csrrs(1, 0x180 /* satp */, 0)});
    f.hart.mtvec = kRamBase + 64;
    f.run(1);
    EXPECT_EQ(f.hart.mcause, cause::kIllegalInsn);
}

TEST(Hart, LoadFromUnmappedAddressIsAccessFault) {
    HartFixture f;
    f.program({lw(1, 2, 0)});
    f.hart.x[2] = 0x1234;
    f.hart.mtvec = kRamBase + 64;
    f.run(1);
    EXPECT_EQ(f.hart.mcause, cause::kLoadAccessFault);
    EXPECT_EQ(f.hart.mtval, 0x1234u);
}

TEST(Hart, MisalignedLoadIsPerformed) {
    HartFixture f;
    f.program({lw(1, 2, 1)});
    const uint8_t bytes[] = {0x11, 0x22, 0x33, 0x44, 0x55};
    std::memcpy(&f.bus.ram[0x100], bytes, 5);
    f.hart.x[2] = kRamBase + 0x100;
    f.run(1);
    EXPECT_EQ(f.hart.x[1], 0x55443322u);
}

TEST(Hart, FetchFromUnmappedAddressIsInstructionAccessFault) {
    HartFixture f;
    f.program({i_type(0, 2, 0, 0, 0x67)});  // jalr x0, 0(x2)
    f.hart.x[2] = 0x40;
    f.hart.mtvec = kRamBase + 64;
    f.run(2);  // the jalr, then the first handler instruction (the fault retires nothing)
    EXPECT_EQ(f.hart.mcause, cause::kInsnAccessFault);
    EXPECT_EQ(f.hart.mtval, 0x40u);
    EXPECT_EQ(f.hart.mepc, 0x40u);
}

TEST(Hart, TrapVectorThatFaultsIsATrapLoop) {
    HartFixture f;
    f.program({0xffffffffu});
    f.hart.mtvec = 0x40;  // unmapped: every trap faults again at once
    EXPECT_EQ(f.run(100000), RunResult::Stopped);
    EXPECT_EQ(f.hart.stop_reason(), StopReason::TrapLoop);
    EXPECT_NE(f.hart.stop_message().find("trap loop"), std::string::npos);
}

TEST(Hart, HandlerThatRetriesWithoutFixingIsATrapLoop) {
    HartFixture f;
    // 0: illegal.  16: handler: mret straight back to it.
    f.program({0xffffffffu, 0, 0, 0, kMret});
    f.hart.mtvec = kRamBase + 16;
    f.hart.set_trap_loop_limit(50);
    EXPECT_EQ(f.run(100000), RunResult::Stopped);
    EXPECT_EQ(f.hart.stop_reason(), StopReason::TrapLoop);
}

TEST(Hart, RepeatedEcallsThatProgressAreNoTrapLoop) {
    HartFixture f;
    // 0: ecall  4: j 0.   handler at 16: mepc += 4; mret
    f.program({kEcall, b_type(-4, 0, 0, 0), 0, 0, csrrs(6, 0x341, 0), addi(6, 6, 4),
               csrrw(0, 0x341, 6), kMret});
    f.hart.mtvec = kRamBase + 16;
    f.hart.set_trap_loop_limit(10);
    EXPECT_EQ(f.run(10000), RunResult::LimitReached);
}

TEST(Hart, WfiWithEveryInterruptDisabledStops) {
    HartFixture f;
    f.program({kWfi});
    EXPECT_EQ(f.run(10), RunResult::Stopped);
    EXPECT_EQ(f.hart.stop_reason(), StopReason::WfiForever);
}

TEST(Hart, WfiWaitsThenTimerInterruptIsTaken) {
    HartFixture f;
    f.program({csrrs(0, 0x304, 1), csrrs(0, 0x300, 2), kWfi, addi(9, 0, 1)});
    f.hart.x[1] = 1u << kIrqMti;  // mie.MTIE
    f.hart.x[2] = 1u << 3;        // mstatus.MIE
    f.hart.mtvec = kRamBase + 0x40;
    EXPECT_EQ(f.run(10), RunResult::Wfi);
    f.hart.set_interrupt(kIrqMti, true);
    f.run(1);
    EXPECT_EQ(f.hart.mcause, cause::kInterrupt | kIrqMti);
    EXPECT_EQ(f.hart.mepc, kRamBase + 12) << "returns after the WFI";
}

TEST(Hart, VectoredInterruptJumpsToBasePlusFourTimesCause) {
    HartFixture f;
    f.program({csrrs(0, 0x304, 1), csrrs(0, 0x300, 2), addi(0, 0, 0), addi(0, 0, 0)});
    f.hart.x[1] = 1u << kIrqMei;
    f.hart.x[2] = 1u << 3;
    f.hart.mtvec = (kRamBase + 0x100) | 1;
    f.hart.set_interrupt(kIrqMei, true);
    f.run(3);
    EXPECT_EQ(f.hart.mcause, cause::kInterrupt | kIrqMei);
    EXPECT_EQ(f.hart.pc, kRamBase + 0x100 + 4 * kIrqMei + 4);  // one instruction into the vector
}

TEST(Hart, MinstretWriteIsWhatTheNextInstructionReads) {
    HartFixture f;
    f.program({csrrw(0, 0xB02, 1), csrrs(2, 0xB02, 0)});
    f.hart.x[1] = 100;
    f.run(2);
    EXPECT_EQ(f.hart.x[2], 100u);
}

TEST(Hart, CompressedInstructionsExecute) {
    HartFixture f;
    // c.li x8, 7 (0x441d); c.addi x8, -1 (0x147d)
    f.program({0x147d441du});
    f.run(2);
    EXPECT_EQ(f.hart.x[8], 6u);
    EXPECT_EQ(f.hart.pc, kRamBase + 4);
}

TEST(Hart, WorksWithoutDmiThroughTheBus) {
    HartFixture f;
    f.bus.dmi_enabled = false;
    f.program({addi(1, 0, 3), sw(1, 2, 0), lw(3, 2, 0)});
    f.hart.x[2] = kRamBase + 0x200;
    f.run(3);
    EXPECT_EQ(f.hart.x[3], 3u);
    EXPECT_GT(f.bus.bus_reads, 3);
}

TEST(Hart, UserModeCannotReadMachineCsrs) {
    HartFixture f;
    // mret to U-mode at 8, which reads mstatus.
    f.program({csrrw(0, 0x341, 1), kMret, csrrs(3, 0x300, 0)});
    f.hart.x[1] = kRamBase + 8;
    f.hart.mtvec = kRamBase + 0x40;
    f.run(3);
    EXPECT_EQ(f.hart.mcause, cause::kIllegalInsn);
    EXPECT_EQ(f.hart.priv, Privilege::Machine);
    EXPECT_EQ((f.hart.mstatus >> 11) & 3, 0u) << "MPP records U";
}

}  // namespace accelvp::rv::test
