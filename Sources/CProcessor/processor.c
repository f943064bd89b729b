#include "processor.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

int processor_has_avx2_fma(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const unsigned int fma = 1u << 12, osxsave = 1u << 27, avx = 1u << 28;
    if ((ecx & (fma | osxsave | avx)) != (fma | osxsave | avx)) return 0;
    // XCR0 bits 1 and 2: the OS saves SSE and AVX state on a context switch.
    unsigned int xcr0_low, xcr0_high;
    __asm__ volatile("xgetbv" : "=a"(xcr0_low), "=d"(xcr0_high) : "c"(0));
    if ((xcr0_low & 6u) != 6u) return 0;
    if (__get_cpuid_max(0, 0) < 7) return 0;
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    return (ebx & (1u << 5)) != 0;   // AVX2
}

int processor_has_avx512f(void) {
    if (!processor_has_avx2_fma()) return 0;
    unsigned int eax, ebx, ecx, edx;
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    if ((ebx & (1u << 16)) == 0) return 0;   // AVX512F
    // XCR0 bits 5, 6 and 7: the OS saves the opmask registers and all of the ZMM registers.
    unsigned int xcr0_low, xcr0_high;
    __asm__ volatile("xgetbv" : "=a"(xcr0_low), "=d"(xcr0_high) : "c"(0));
    return (xcr0_low & 0xE6u) == 0xE6u;
}
#else
int processor_has_avx2_fma(void) { return 0; }
int processor_has_avx512f(void) { return 0; }
#endif
