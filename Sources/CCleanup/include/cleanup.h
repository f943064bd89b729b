#ifndef CCLEANUP_H
#define CCLEANUP_H

// Temporary files removed when the process is stopped by SIGINT, SIGTERM or SIGHUP.
// The signal handler only calls unlink(), which is async-signal-safe, on paths copied
// here beforehand, then hands the signal to the handler that was there before (or, for
// the default action, restores it and raises the signal again so the exit status says so).

/// Remembers `path` (at most 4095 bytes) for removal on a signal; returns a slot for
/// cleanup_forget, or -1 when every slot is taken (the file is then only removed on error).
int cleanup_remember(const char *path);

/// Stops watching the slot (after the file was renamed into place or removed).
void cleanup_forget(int slot);

#endif
