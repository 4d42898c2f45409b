/* The smallest useful image: proves start-up, stdio on the UART and exit through the
 * finisher. */
#include <stdio.h>
#include "bsp/bsp.h"
#include "bsp/csr.h"

int main(void)
{
    printf("Hello from accelvp! hart %lu, misa=0x%08lx\n",
           (unsigned long)csr_read(mhartid), (unsigned long)csr_read(misa));
    return 0;
}
