#ifndef INCEPTION_EXPLORER_PREFETCH_H
#define INCEPTION_EXPLORER_PREFETCH_H

/// Asks the processor to bring the cache line at `address` into all cache levels
/// (x86 `prefetcht0`). Swift has no prefetch of its own; this inline function is
/// compiled into the caller, so it costs one instruction.
static inline __attribute__((always_inline)) void prefetchForRead(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
