#ifndef INCEPTION_EXPLORER_PREFETCH_H
#define INCEPTION_EXPLORER_PREFETCH_H

/// Asks the processor to bring the cache line at `address` into all cache levels
/// (x86 `prefetcht0`). Swift has no prefetch of its own; this inline function is
/// compiled into the caller, so it costs one instruction.
static inline __attribute__((always_inline)) void prefetchForRead(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// Asks for the line at `address` in the outer caches only (x86 `prefetcht2`: L2 and
/// L3, not L1). For data read a little later or by the other core: it does not push
/// what the current loop reads out of L1.
static inline __attribute__((always_inline)) void prefetchIntoOuterCaches(const void *address) {
    __builtin_prefetch(address, 0, 1);
}
#endif
