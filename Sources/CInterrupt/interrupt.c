#include "interrupt.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t interrupted = 0;
// The thread blocked in read(): Swift's async main may read on a worker thread while the
// kernel delivers SIGINT to another, so the handler forwards it there to interrupt the read.
static pthread_t reader;
static volatile sig_atomic_t has_reader = 0;

static void on_interrupt(int signo) {
    interrupted = 1;
    if (has_reader && !pthread_equal(pthread_self(), reader)) pthread_kill(reader, signo);
}

void ci_install_handler(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(SIGINT, &action, NULL);
}

int ci_take(void) {
    int value = interrupted;
    interrupted = 0;
    return value;
}

int ci_getc(FILE *stream) {
    // Dispatch worker threads block signals; this one must take SIGINT to leave read().
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    reader = pthread_self();
    has_reader = 1;
    for (;;) {
        unsigned char c;
        ssize_t n = read(fileno(stream), &c, 1);
        if (n == 1) return c;
        if (n == 0) return EOF;
        if (errno == EINTR) {
            if (interrupted) return '\n';
            continue;
        }
        return EOF;
    }
}
