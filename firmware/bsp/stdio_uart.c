/* picolibc tinystdio on UART0: stdin, stdout and stderr are one unbuffered stream, so output
 * appears in order and nothing is lost if the program stops abruptly. */
#include <stdio.h>
#include "uart.h"

static int uart_stream_put(char c, FILE *file)
{
    (void)file;
    uart_putc(c);
    return (unsigned char)c;
}

static int uart_stream_get(FILE *file)
{
    (void)file;
    int c;
    while ((c = uart_getc_nonblocking()) < 0)
        ;
    return c;
}

static FILE uart_stream = FDEV_SETUP_STREAM(uart_stream_put, uart_stream_get, NULL, _FDEV_SETUP_RW);

FILE *const stdin = &uart_stream;
FILE *const stdout = &uart_stream;
FILE *const stderr = &uart_stream;
