/* cpubench kernels: each takes the iteration's seed and the running CRC and returns the CRC
 * extended with its results, so every result feeds the final checksum (nothing can be
 * optimised away, and a wrong result anywhere changes the checksum). */
#ifndef CPUBENCH_H
#define CPUBENCH_H

#include <stdint.h>

uint16_t crc16_update(uint16_t crc, uint8_t byte);
uint16_t crc16_u16(uint16_t crc, uint16_t value);
uint16_t crc16_u32(uint16_t crc, uint32_t value);

uint16_t bench_list(uint32_t seed, uint16_t crc);
uint16_t bench_matrix(uint32_t seed, uint16_t crc);
uint16_t bench_state(uint32_t seed, uint16_t crc);

#endif
