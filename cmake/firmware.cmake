# The firmware is a separate CMake project built with the RISC-V cross toolchain. It is
# rebuilt on every build of the top project (BUILD_ALWAYS) so edits are picked up; its own
# build is incremental. Images land in build/firmware/<app>.elf.
include(ExternalProject)
set(ACCELVP_FIRMWARE_DIR ${CMAKE_BINARY_DIR}/firmware)
ExternalProject_Add(firmware
  SOURCE_DIR ${CMAKE_SOURCE_DIR}/firmware
  BINARY_DIR ${ACCELVP_FIRMWARE_DIR}
  CMAKE_ARGS
    -DCMAKE_TOOLCHAIN_FILE=${CMAKE_SOURCE_DIR}/cmake/riscv-toolchain.cmake
    -DCMAKE_BUILD_TYPE=Release
    -DACCELVP_ROOT=${CMAKE_SOURCE_DIR}
  CMAKE_GENERATOR ${CMAKE_GENERATOR}
  BUILD_ALWAYS ON
  INSTALL_COMMAND ""
  USES_TERMINAL_BUILD ON)
