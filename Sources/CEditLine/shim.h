// libedit's GNU-readline compatible interface (Debian: libedit-dev, pkg-config libedit).
#include <stdio.h>
#include <editline/readline.h>

// Accessors for libedit's global variables, which Swift 6 cannot touch directly
// (shared mutable state); the REPL uses them from its one thread.
static inline void ce_set_attempted_completion(rl_completion_func_t *function) {
    rl_attempted_completion_function = function;
}
static inline const char *ce_line_buffer(void) { return rl_line_buffer; }
static inline void ce_set_attempted_completion_over(int value) { rl_attempted_completion_over = value; }

// libedit reads through `getc` (the REPL's interruptible reader) and leaves SIGINT alone.
static inline void ce_read_through(int (*getc)(FILE *)) {
    rl_catch_signals = 0;
    rl_getc_function = getc;
}
