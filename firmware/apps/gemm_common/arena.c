#include "arena.h"

#include "platform/memory_map.h"

#define ARENA_BASE (ACCELVP_DRAM_BASE + 0x01000000u)
#define ARENA_END (ACCELVP_DRAM_BASE + ACCELVP_DRAM_SIZE)

static uintptr_t next = ARENA_BASE;

void arena_reset(void) { next = ARENA_BASE; }

void *arena_alloc(size_t bytes)
{
    uintptr_t at = (next + 63u) & ~(uintptr_t)63u;
    if (bytes > ARENA_END - at)
        return NULL;
    next = at + bytes;
    return (void *)at;
}
