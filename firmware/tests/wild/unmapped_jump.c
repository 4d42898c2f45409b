/* wild_unmapped_jump: the firmware sees its own bad jumps. With a handler for instruction
 * access faults (cause 1) installed through the BSP, it calls addresses where nothing is
 * mapped; each call must trap with mcause = 1 and mepc = mtval = the target, and the handler
 * returns to the caller (ra). Then a 32-bit instruction whose second half lies past the end
 * of DRAM: mepc is its start, mtval the first address of the part that faulted (the end
 * of DRAM; the start is accepted too, the privileged spec allows both).
 * Prints what it saw; exits 0 when everything matched, else the number of the first
 * mismatching check. */
#include <stdint.h>
#include <stdio.h>
#include "bsp/csr.h"
#include "bsp/trap.h"
#include "platform/memory_map.h"

static volatile uint32_t seen_cause, seen_epc, seen_tval;
static volatile int seen_traps;

static void on_fetch_fault(struct trap_frame *frame)
{
    seen_cause = frame->mcause;
    seen_epc = frame->mepc;
    seen_tval = frame->mtval;
    seen_traps++;
    frame->mepc = frame->x[1];      /* the target was called: return to the caller */
}

static int failures, first_failure, check_number;

static void check(int ok)
{
    ++check_number;
    if (!ok && failures++ == 0)
        first_failure = check_number;
}

/* Calls `target`; it must fault with mepc = target and mtval = one of the two values. */
static void call_and_check(const char *what, uint32_t target, uint32_t tval, uint32_t tval_alt)
{
    seen_traps = 0;
    seen_cause = seen_epc = seen_tval = 0xdeadbeef;
    __asm__ volatile("jalr ra, 0(%0)" : : "r"(target)
                     : "ra", "t0", "t1", "t2", "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7",
                       "t3", "t4", "t5", "t6", "memory");
    int ok = seen_traps == 1 && seen_cause == CAUSE_FETCH_ACCESS && seen_epc == target &&
             (seen_tval == tval || seen_tval == tval_alt);
    printf("wild_unmapped_jump: %s 0x%08lx: traps=%d mcause=%lu mepc=0x%08lx mtval=0x%08lx %s\n",
           what, (unsigned long)target, seen_traps, (unsigned long)seen_cause,
           (unsigned long)seen_epc, (unsigned long)seen_tval, ok ? "ok" : "WRONG");
    check(ok);
}

int main(void)
{
    trap_set_exception_handler(CAUSE_FETCH_ACCESS, on_fetch_fault);

    /* Holes of the memory map. */
    call_and_check("call to unmapped", 0x09000000u, 0x09000000u, 0x09000000u);
    call_and_check("call past DRAM", ACCELVP_DRAM_BASE + ACCELVP_DRAM_SIZE,
                   ACCELVP_DRAM_BASE + ACCELVP_DRAM_SIZE, ACCELVP_DRAM_BASE + ACCELVP_DRAM_SIZE);
    call_and_check("call past PIM DRAM", ACCELVP_PIM_DRAM_BASE + ACCELVP_PIM_DRAM_SIZE,
                   ACCELVP_PIM_DRAM_BASE + ACCELVP_PIM_DRAM_SIZE,
                   ACCELVP_PIM_DRAM_BASE + ACCELVP_PIM_DRAM_SIZE);
    call_and_check("call to the top", 0xfffffffcu, 0xfffffffcu, 0xfffffffcu);
    /* A reserved accelerator window: the bus answers with a slave error. */
    call_and_check("call to reserved", ACCELVP_SDPA_BASE, ACCELVP_SDPA_BASE,
                   ACCELVP_SDPA_BASE);

    /* The last halfword of DRAM holds the first half of a 32-bit addi x0, x0, 0. */
    uint32_t last = ACCELVP_DRAM_BASE + ACCELVP_DRAM_SIZE - 2;
    *(volatile uint16_t *)(uintptr_t)last = 0x0013;
    __asm__ volatile("fence.i" ::: "memory");
    call_and_check("straddling the end of DRAM", last, last + 2, last);

    if (failures) {
        printf("wild_unmapped_jump: %d of %d checks wrong, first: %d\n", failures, check_number,
               first_failure);
        return first_failure;
    }
    printf("wild_unmapped_jump: all %d checks passed\n", check_number);
    return 0;
}
