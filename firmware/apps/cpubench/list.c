/* Linked list kernel: build a list of pseudo-random keys, look keys up, merge-sort it by
 * key, check the order, then sort it back into build order. Pointer chasing and
 * data-dependent branches. */
#include "cpubench.h"

#define LIST_NODES 128
#define LIST_LOOKUPS 24

struct node {
    struct node *next;
    int16_t key;
    uint16_t order; /* position at build time */
};

static struct node pool[LIST_NODES];

static uint32_t xorshift(uint32_t x)
{
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return x;
}

static struct node *build(uint32_t seed)
{
    uint32_t x = seed | 1u;
    for (int i = 0; i < LIST_NODES; ++i) {
        x = xorshift(x);
        pool[i].key = (int16_t)(x >> 16);
        pool[i].order = (uint16_t)i;
        pool[i].next = i + 1 < LIST_NODES ? &pool[i + 1] : 0;
    }
    return &pool[0];
}

/* Position of the first node holding key, or -1. */
static int find(const struct node *head, int16_t key)
{
    for (int pos = 0; head; head = head->next, ++pos)
        if (head->key == key)
            return pos;
    return -1;
}

static int before(const struct node *a, const struct node *b, int by_key)
{
    if (by_key)
        return a->key < b->key || (a->key == b->key && a->order < b->order);
    return a->order < b->order;
}

/* Bottom-up merge sort of a singly linked list: runs of width 1, 2, 4, ... merged pairwise. */
static struct node *sort(struct node *head, int by_key)
{
    for (int width = 1;; width *= 2) {
        struct node *result = 0, **tail = &result, *p = head;
        int merges = 0;
        while (p) {
            ++merges;
            struct node *q = p;
            int psize = 0, qsize = width;
            while (psize < width && q) {
                ++psize;
                q = q->next;
            }
            while (psize > 0 || (qsize > 0 && q)) {
                struct node *take;
                if (psize == 0) {
                    take = q; q = q->next; --qsize;
                } else if (qsize == 0 || !q || !before(q, p, by_key)) {
                    take = p; p = p->next; --psize;
                } else {
                    take = q; q = q->next; --qsize;
                }
                *tail = take;
                tail = &take->next;
            }
            p = q;
        }
        *tail = 0;
        head = result;
        if (merges <= 1)
            return head;
    }
}

uint16_t bench_list(uint32_t seed, uint16_t crc)
{
    struct node *head = build(seed);

    /* Half the lookups hit a key that is there, half (most likely) miss. */
    for (int i = 0; i < LIST_LOOKUPS; ++i) {
        int16_t key = (i & 1) ? (int16_t)(pool[(seed + 7u * (uint32_t)i) % LIST_NODES].key)
                              : (int16_t)(seed * 31u + (uint32_t)i);
        crc = crc16_u16(crc, (uint16_t)find(head, key));
    }

    head = sort(head, 1);
    uint16_t inversions = 0;
    for (const struct node *n = head; n->next; n = n->next)
        inversions += n->key > n->next->key;
    crc = crc16_u16(crc, inversions);
    crc = crc16_u16(crc, (uint16_t)head->key);
    crc = crc16_u16(crc, head->order);

    head = sort(head, 0);
    uint16_t misplaced = 0, pos = 0;
    for (const struct node *n = head; n; n = n->next)
        misplaced += n->order != pos++;
    return crc16_u16(crc, misplaced);
}
