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

// Ctrl-C: a flag the REPL polls (at the prompt it cancels the line, during a run it stops
// before the next op). Install and poll from one Swift file: the flag is static.
#include <signal.h>
#include <string.h>
#include <pthread.h>
static volatile sig_atomic_t ce_interrupted = 0;
// The thread blocked in read(): Swift's async main may read on a worker thread while the
// kernel delivers SIGINT to another, so the handler forwards it there to interrupt the read.
static pthread_t ce_reader = 0;
static volatile sig_atomic_t ce_has_reader = 0;
static void ce_on_interrupt(int signo) {
    ce_interrupted = 1;
    if (ce_has_reader && !pthread_equal(pthread_self(), ce_reader)) pthread_kill(ce_reader, signo);
}
static inline void ce_install_interrupt_handler(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = ce_on_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; // no SA_RESTART: a blocked read returns, so the prompt can start over
    sigaction(SIGINT, &action, NULL);
}
// libedit reads through this: a Ctrl-C ends the line being typed (the REPL then drops it).
#include <errno.h>
#include <unistd.h>
static int ce_getc(FILE *stream) {
    // Dispatch worker threads block signals; this one must take SIGINT to leave read().
    sigset_t interrupt;
    sigemptyset(&interrupt);
    sigaddset(&interrupt, SIGINT);
    pthread_sigmask(SIG_UNBLOCK, &interrupt, NULL);
    ce_reader = pthread_self();
    ce_has_reader = 1;
    for (;;) {
        unsigned char c;
        ssize_t n = read(fileno(stream), &c, 1);
        if (n == 1) return c;
        if (n == 0) return EOF;
        if (errno == EINTR) {
            if (ce_interrupted) return '\n';
            continue;
        }
        return EOF;
    }
}
static inline void ce_read_through_interruptible_getc(void) {
    rl_catch_signals = 0;
    rl_getc_function = ce_getc;
}
static inline int ce_take_interrupt(void) {
    int value = ce_interrupted;
    ce_interrupted = 0;
    return value;
}
