/* State machine kernel: splits a comma-separated text into tokens and classifies each as
 * integer, decimal, scientific or invalid with a character-driven state machine. Each
 * iteration first rewrites a few characters, so the input (and every branch) varies. */
#include "cpubench.h"

enum state {
    S_START, S_SIGN, S_INT, S_POINT, S_FRAC, S_EXP, S_EXP_SIGN, S_EXP_INT, S_INVALID, S_COUNT
};

static char text[] =
    "5012,1.23,-874,+12.5e3,0x1f,3.14159,-.5,7e-2,12,,abc,+-3,9.,.,1e,42,-0,2.71828,6e+10,"
    "123456,-98.76,1.5e3x,77,0.0001,-3e-3,88a,1000000,-1,2.5,3.0e1,#,0,13,-7.25,4e4,99.99,"
    "1,22,333,4444,-5.5,6.6e-6,+7,8.8.8,9e9e9,10";

static const char replacements[] = "0123456789+-.eE,x";

static enum state step(enum state s, char ch)
{
    int digit = ch >= '0' && ch <= '9';
    int sign = ch == '+' || ch == '-';
    int exp = ch == 'e' || ch == 'E';
    switch (s) {
    case S_START:    return digit ? S_INT : sign ? S_SIGN : ch == '.' ? S_POINT : S_INVALID;
    case S_SIGN:     return digit ? S_INT : ch == '.' ? S_POINT : S_INVALID;
    case S_INT:      return digit ? S_INT : ch == '.' ? S_FRAC : exp ? S_EXP : S_INVALID;
    case S_POINT:    return digit ? S_FRAC : S_INVALID;
    case S_FRAC:     return digit ? S_FRAC : exp ? S_EXP : S_INVALID;
    case S_EXP:      return digit ? S_EXP_INT : sign ? S_EXP_SIGN : S_INVALID;
    case S_EXP_SIGN: return digit ? S_EXP_INT : S_INVALID;
    case S_EXP_INT:  return digit ? S_EXP_INT : S_INVALID;
    default:         return S_INVALID;
    }
}

uint16_t bench_state(uint32_t seed, uint16_t crc)
{
    const unsigned len = sizeof text - 1;
    for (unsigned i = 0; i < 3; ++i) {
        uint32_t r = seed * 2246822519u + i * 3266489917u;
        text[(r >> 8) % len] = replacements[(r >> 20) % (sizeof replacements - 1)];
    }

    uint16_t finals[S_COUNT] = {0};
    uint16_t transitions = 0;
    enum state s = S_START;
    for (unsigned i = 0; i <= len; ++i) {
        char ch = text[i];
        if (ch == ',' || ch == '\0') {
            ++finals[s];
            s = S_START;
            continue;
        }
        enum state next = step(s, ch);
        transitions += next != s;
        s = next;
    }
    for (int k = 0; k < S_COUNT; ++k)
        crc = crc16_u16(crc, finals[k]);
    return crc16_u16(crc, transitions);
}
