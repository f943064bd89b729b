// Ctrl-C for the REPL: a flag set by a SIGINT handler, and a getc for libedit that returns
// a newline when interrupted (so the line being typed ends and the REPL drops it).
// Compiled once here: a static flag in a header would exist once per including unit.
#include <stdio.h>

/// Installs the SIGINT handler (no SA_RESTART, so a blocked read returns).
void ci_install_handler(void);
/// 1 if Ctrl-C was pressed since the last call, else 0.
int ci_take(void);
/// Reads one byte of `stream` for libedit; returns '\n' on Ctrl-C, EOF at end of input.
int ci_getc(FILE *stream);
