/* wild_unmapped_load: the firmware sees its own bad loads and stores. With handlers for load
 * and store/AMO access faults (causes 5 and 7) installed through the BSP, it reads from a
 * hole of the memory map, from each reserved accelerator window (the bus answers with a
 * slave error), and past the end of DRAM; each load must trap with mcause = 5, mepc = the
 * load and mtval = the address, leaving rd unchanged, and the handler skips the load.
 * Stores to the same places must raise cause 7. A misaligned word load across the end of
 * DRAM (performed byte by byte, docs/riscv-host.md) must fault too, with mtval the first
 * unmapped byte (or the load's address: the privileged spec allows both).
 * Prints what it saw; exits 0 when everything matched, else the number of the first
 * mismatching check. */
#include <stdint.h>
#include <stdio.h>
#include "bsp/csr.h"
#include "bsp/trap.h"
#include "platform/memory_map.h"

static volatile uint32_t seen_cause, seen_epc, seen_tval;
static volatile int seen_traps;

static void on_access_fault(struct trap_frame *frame)
{
    seen_cause = frame->mcause;
    seen_epc = frame->mepc;
    seen_tval = frame->mtval;
    seen_traps++;
    trap_skip_instruction(frame);
}

static int failures, first_failure, check_number;

static void check(int ok)
{
    ++check_number;
    if (!ok && failures++ == 0)
        first_failure = check_number;
}

static void clear(void)
{
    seen_traps = 0;
    seen_cause = seen_epc = seen_tval = 0xdeadbeef;
}

static void report(const char *insn, const char *what, uint32_t addr, uint32_t cause, uint32_t pc,
                   uint32_t tval, uint32_t tval_alt, int extra_ok)
{
    int ok = extra_ok && seen_traps == 1 && seen_cause == cause && seen_epc == pc &&
             (seen_tval == tval || seen_tval == tval_alt);
    printf("wild_unmapped_load: %s %s 0x%08lx: traps=%d mcause=%lu mepc=%s mtval=0x%08lx %s\n",
           insn, what, (unsigned long)addr, seen_traps, (unsigned long)seen_cause,
           seen_epc == pc ? "the access" : "ELSEWHERE", (unsigned long)seen_tval,
           ok ? "ok" : "WRONG");
    check(ok);
}

static void load_word(const char *what, uint32_t addr, uint32_t tval_alt)
{
    uint32_t pc, v = 0x12345678;
    clear();
    __asm__ volatile("la %0, 1f\n1: lw %1, 0(%2)" : "=&r"(pc), "+r"(v) : "r"(addr) : "memory");
    report("lw", what, addr, CAUSE_LOAD_ACCESS, pc, addr, tval_alt, v == 0x12345678);
}

static void load_byte(const char *what, uint32_t addr)
{
    uint32_t pc, v = 0x12345678;
    clear();
    __asm__ volatile("la %0, 1f\n1: lbu %1, 0(%2)" : "=&r"(pc), "+r"(v) : "r"(addr) : "memory");
    report("lbu", what, addr, CAUSE_LOAD_ACCESS, pc, addr, addr, v == 0x12345678);
}

static void store_word(const char *what, uint32_t addr)
{
    uint32_t pc;
    clear();
    __asm__ volatile("la %0, 1f\n1: sw %1, 0(%2)" : "=&r"(pc) : "r"(0x5a5a5a5au), "r"(addr)
                     : "memory");
    report("sw", what, addr, CAUSE_STORE_ACCESS, pc, addr, addr, 1);
}

int main(void)
{
    trap_set_exception_handler(CAUSE_LOAD_ACCESS, on_access_fault);
    trap_set_exception_handler(CAUSE_STORE_ACCESS, on_access_fault);

    static const struct { const char *name; uint32_t addr; } places[] = {
        {"unmapped", 0x09000000u},
        {"reserved sdpa window", ACCELVP_SDPA_BASE},
        {"reserved sdpa window end", ACCELVP_SDPA_BASE + ACCELVP_ACCEL_WINDOW_SIZE - 4},
        {"reserved pim window", ACCELVP_PIM_CTRL_BASE},
        {"past DRAM", ACCELVP_DRAM_BASE + ACCELVP_DRAM_SIZE},
        {"past PIM DRAM", ACCELVP_PIM_DRAM_BASE + ACCELVP_PIM_DRAM_SIZE},
    };
    for (unsigned i = 0; i < sizeof places / sizeof places[0]; ++i) {
        load_word(places[i].name, places[i].addr, places[i].addr);
        load_byte(places[i].name, places[i].addr);
        store_word(places[i].name, places[i].addr);
    }

    /* Two bytes of DRAM, two past its end. */
    uint32_t across = ACCELVP_DRAM_BASE + ACCELVP_DRAM_SIZE - 2;
    load_word("misaligned across the end of DRAM", across, across + 2);

    if (failures) {
        printf("wild_unmapped_load: %d of %d checks wrong, first: %d\n", failures, check_number,
               first_failure);
        return first_failure;
    }
    printf("wild_unmapped_load: all %d checks passed\n", check_number);
    return 0;
}
