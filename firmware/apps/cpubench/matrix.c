/* Matrix kernel: 16-bit integer matrices multiplied into 32-bit sums, then a scaled add and
 * a bit-field reduction. Multiply-accumulate loops with regular memory access. */
#include "cpubench.h"

#define N 16

static int16_t a[N][N], b[N][N];
static int32_t c[N][N];

uint16_t bench_matrix(uint32_t seed, uint16_t crc)
{
    uint32_t x = seed * 2654435761u + 1u;
    for (int i = 0; i < N; ++i)
        for (int j = 0; j < N; ++j) {
            x = x * 1103515245u + 12345u;
            a[i][j] = (int16_t)((x >> 16) & 0x3ff) - 512;
            b[j][i] = (int16_t)((x >> 6) & 0x3ff) - 512;
        }

    for (int i = 0; i < N; ++i)
        for (int j = 0; j < N; ++j) {
            int32_t sum = 0;
            for (int k = 0; k < N; ++k)
                sum += (int32_t)a[i][k] * b[k][j];
            c[i][j] = sum;
        }

    int32_t scale = (int32_t)(seed & 7) + 1;
    uint32_t bits = 0;
    int32_t max = INT32_MIN;
    for (int i = 0; i < N; ++i)
        for (int j = 0; j < N; ++j) {
            int32_t v = c[i][j] + scale * a[i][j];
            if (v > max)
                max = v;
            bits += ((uint32_t)v >> 3) & 0x7f;
        }
    crc = crc16_u32(crc, (uint32_t)max);
    crc = crc16_u32(crc, bits);
    return crc16_u32(crc, (uint32_t)c[(seed >> 3) % N][seed % N]);
}
