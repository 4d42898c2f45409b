# rtl.lint (cmake -DVERILATOR=... -DRTL_DIR=... -P lint.cmake): verilator --lint-only -Wall
# over each line of lint_params.txt, then over every other rtl/*.sv with its default
# parameters (top module = file name). Lines starting with "!" must fail with the design's own
# $error message. Reports every failing run, then fails if any did.
# The packages, rtl/*_pkg.sv, come first on every command line: -y finds modules, not
# packages, and a package must be read before its users. Each is also linted on its own.
cmake_minimum_required(VERSION 3.25)  # IN_LIST
set(failures 0)

file(GLOB packages ${RTL_DIR}/*_pkg.sv)
list(SORT packages)

function(lint_run expect_refusal top)
  set(pkgs ${packages})
  list(REMOVE_ITEM pkgs ${RTL_DIR}/${top}.sv)
  set(cmd ${VERILATOR} --lint-only -Wall -y ${RTL_DIR} --top-module ${top} ${pkgs}
          ${RTL_DIR}/${top}.sv ${ARGN})
  execute_process(COMMAND ${cmd} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  string(REPLACE ";" " " shown "${top} ${ARGN}")
  # A refusal must be the module's own message (USERERROR), not a crash or a syntax error.
  if(expect_refusal AND NOT rc EQUAL 0 AND out MATCHES "USERERROR[^\n]*${top}: ")
    message("rtl.lint: refused as expected: ${shown}")
  elseif(NOT expect_refusal AND rc EQUAL 0)
    message("rtl.lint: clean: ${shown}")
  else()
    set(what "warnings or errors")
    if(expect_refusal)
      set(what "not refused by its parameter check")
    endif()
    message("rtl.lint: FAIL (${what}): ${shown}\n${out}")
    math(EXPR n "${failures} + 1")
    set(failures ${n} PARENT_SCOPE)
  endif()
endfunction()

set(listed "")
file(STRINGS ${RTL_DIR}/lint_params.txt lines)
foreach(line ${lines})
  string(STRIP "${line}" line)
  if(line STREQUAL "" OR line MATCHES "^#")
    continue()
  endif()
  set(refuse FALSE)
  if(line MATCHES "^!")
    set(refuse TRUE)
    string(SUBSTRING "${line}" 1 -1 line)
  endif()
  separate_arguments(args UNIX_COMMAND "${line}")
  list(GET args 0 top)
  list(APPEND listed ${top})
  lint_run(${refuse} ${args})
endforeach()

file(GLOB sources ${RTL_DIR}/*.sv)
list(SORT sources)
foreach(src ${sources})
  get_filename_component(top ${src} NAME_WE)
  if(NOT top IN_LIST listed)
    lint_run(FALSE ${top})
  endif()
endforeach()

if(failures GREATER 0)
  message(FATAL_ERROR "rtl.lint: ${failures} run(s) failed")
endif()
