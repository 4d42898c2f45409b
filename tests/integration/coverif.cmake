# System-level co-verification (ctest label coverif): firmware that uses the matrix engine runs
# unchanged on the RTL backend (soc.matrix.mac_backend = rtl, the Verilated tile of
# rtl/systolic_tile.sv computing every tile step) and gives what the C++ model gives.
# Included by CMakeLists.txt when ACCELVP_RTL_TILES builds tiles.
set(rtl -p soc.matrix.mac_backend=rtl)

# gemm_test passes on the RTL: every result equals the RISC-V's exact-mode reference.
accelvp_boot_test(coverif.gemm_test_rtl ${FW}/gemm_test.elf ARGS ${rtl}
                  OUTPUT "gemm_test: [0-9]+ cases, all passed")
set_tests_properties(coverif.gemm_test_rtl PROPERTIES LABELS "integration;coverif")

# The model and the RTL backend give byte-identical logs (every case prints its C checksum)
# and statistics (the same cycles, stalls, traffic and energy): determinism.cmake with the
# second run on the RTL. In approx mode gemm_test's exact reference fails on purpose (exit 1);
# what counts is that both backends fail identically.
function(coverif_backends_test name)
  cmake_parse_arguments(T "" "EXIT" "ARGS" ${ARGN})
  add_test(NAME ${name}
    COMMAND ${CMAKE_COMMAND}
      -DSIM=$<TARGET_FILE:accelvp> -DELF=${FW}/gemm_test.elf -DOUT=${RUN_DIR}/${name}
      -DEXPECT_EXIT=${T_EXIT} "-DARGS=${T_ARGS}" "-DRUN2_ARGS=${rtl}"
      -P ${CMAKE_CURRENT_SOURCE_DIR}/determinism.cmake)
  set_tests_properties(${name} PROPERTIES LABELS "integration;coverif" TIMEOUT 600)
endfunction()
if("16x16-exact" IN_LIST ACCELVP_RTL_TILES)
  coverif_backends_test(coverif.gemm_test_backends_exact EXIT 0)
endif()
if("16x16-approx-g4-rne" IN_LIST ACCELVP_RTL_TILES)
  coverif_backends_test(coverif.gemm_test_backends_approx EXIT 1
    ARGS -p soc.matrix.mac_mode=approx -p soc.matrix.norm_group_bits=4)
endif()

# Asking for a tile that was not built names the configuration and the tiles built.
accelvp_boot_test(bad.rtl_tile_not_built ${FW}/hello.elf EXIT 78 ARGS ${rtl} -p soc.matrix.rows=8
                  STDERR "soc.matrix.mac_backend = \"rtl\": the RTL tile was not built for 8x16 exact \\(this build has: 16x16"
                  FILES config.json)
accelvp_boot_test(bad.rtl_waveform_unwritable ${FW}/hello.elf EXIT 78
                  ARGS ${rtl} -p soc.matrix.rtl_waveform=/nonexistent/dir/tile.vcd
                  STDERR "soc.matrix.rtl_waveform = \"/nonexistent/dir/tile.vcd\": cannot be written"
                  FILES config.json)
