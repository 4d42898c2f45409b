# Cross toolchain for the bare-metal firmware: Debian's riscv64-unknown-elf-gcc with picolibc.
# gcc 12's multilib selection only finds the rv32 libraries for plain rv32imafc/ilp32f;
# -misa-spec=2.2 keeps Zicsr/Zifencei implied so CSR and fence.i instructions assemble.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv32)
set(CMAKE_C_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_ASM_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_OBJCOPY riscv64-unknown-elf-objcopy CACHE FILEPATH "objcopy")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(RISCV_ARCH_FLAGS "-march=rv32imafc -misa-spec=2.2 -mabi=ilp32f")
set(CMAKE_C_FLAGS_INIT "${RISCV_ARCH_FLAGS} --specs=picolibc.specs -ffunction-sections -fdata-sections")
set(CMAKE_ASM_FLAGS_INIT "${RISCV_ARCH_FLAGS} --specs=picolibc.specs")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-nostartfiles -Wl,--gc-sections")
