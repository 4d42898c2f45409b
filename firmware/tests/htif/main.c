/* HTIF self-test: talks to the host through Spike's tohost/fromhost convention instead of
 * the board's UART and finisher. It prints one line with the HTIF syscall proxy
 * (SYS_write to fd 1), checks the proxy's return value, and exits with code 3 through
 * tohost = (3 << 1) | 1, so a test can check both the output and the exit code:
 *   output "Hello from accelvp over HTIF!\n", exit code 3 (1 if the write went wrong).
 * QEMU has no HTIF: this image runs on the accelvp board (or Spike) only. */
#include <stdint.h>
#include <string.h>
#include <unistd.h>

/* The host finds these by symbol name; 64-bit words, 8-byte aligned. */
volatile uint64_t tohost __attribute__((section(".tohost"), aligned(8)));
volatile uint64_t fromhost __attribute__((section(".tohost"), aligned(8)));

#define HTIF_SYS_WRITE 64
#define HTIF_EXPECTED_EXIT 3

/* RV32 stores 64 bits as two words: the high word first, so the host (which acts on a
 * non-zero tohost) never sees a new low word with a stale high word. */
static void write_u64(volatile uint64_t *reg, uint64_t value)
{
    volatile uint32_t *half = (volatile uint32_t *)reg;
    half[1] = (uint32_t)(value >> 32);
    half[0] = (uint32_t)value;
}

/* Device 0 (syscall proxy), command 0: tohost carries the address of a block of 64-bit
 * words {syscall number, arg0, arg1, arg2}; the host writes the result into word 0, then
 * sets fromhost. */
static uint64_t htif_syscall(uint64_t number, uint64_t arg0, uint64_t arg1, uint64_t arg2)
{
    static volatile uint64_t block[8] __attribute__((aligned(64)));
    block[0] = number;
    block[1] = arg0;
    block[2] = arg1;
    block[3] = arg2;
    while (tohost != 0)             /* the host clears tohost once it took the last command */
        ;
    __asm__ volatile("fence" ::: "memory");
    write_u64(&tohost, (uint64_t)(uintptr_t)block);
    while (fromhost == 0)
        ;
    write_u64(&fromhost, 0);
    __asm__ volatile("fence" ::: "memory");
    return block[0];
}

/* exit() ends here, replacing the BSP's finisher-based _exit. */
void _exit(int code)
{
    __asm__ volatile("fence" ::: "memory");
    write_u64(&tohost, ((uint64_t)(uint32_t)code << 1) | 1u);
    for (;;)
        ;
}

int main(void)
{
    static const char message[] = "Hello from accelvp over HTIF!\n";
    const uint64_t len = sizeof message - 1;
    uint64_t written = htif_syscall(HTIF_SYS_WRITE, 1, (uint64_t)(uintptr_t)message, len);
    return written == len ? HTIF_EXPECTED_EXIT : 1;
}
