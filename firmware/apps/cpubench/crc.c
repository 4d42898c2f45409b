/* CRC-16/CCITT (polynomial 0x1021), bit by bit: small, and a realistic bit-twiddling load. */
#include "cpubench.h"

uint16_t crc16_update(uint16_t crc, uint8_t byte)
{
    crc ^= (uint16_t)byte << 8;
    for (int bit = 0; bit < 8; ++bit)
        crc = (crc & 0x8000u) ? (uint16_t)((crc << 1) ^ 0x1021u) : (uint16_t)(crc << 1);
    return crc;
}

uint16_t crc16_u16(uint16_t crc, uint16_t value)
{
    crc = crc16_update(crc, (uint8_t)value);
    return crc16_update(crc, (uint8_t)(value >> 8));
}

uint16_t crc16_u32(uint16_t crc, uint32_t value)
{
    crc = crc16_u16(crc, (uint16_t)value);
    return crc16_u16(crc, (uint16_t)(value >> 16));
}
