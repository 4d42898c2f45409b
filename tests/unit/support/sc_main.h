// libsystemc.so refers to sc_main even when, as in the unit tests, GoogleTest's main() runs
// the program; the link fails without one. Include this in exactly one file of each test
// executable (every *_test.cpp is its own executable).
#pragma once

int sc_main(int, char*[]) { return 0; }
