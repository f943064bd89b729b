#ifndef INCEPTION_EXPLORER_PROCESSOR_H
#define INCEPTION_EXPLORER_PROCESSOR_H

/// 1 when this x86-64 processor and its operating system support AVX2 and FMA (CPUID
/// feature bits, and XGETBV saying the OS saves the YMM registers); 0 otherwise, and
/// on every other architecture. Compiled without machine flags, so it runs anywhere.
int processor_has_avx2_fma(void);

/// 1 when, besides AVX2 and FMA, this x86-64 processor has AVX-512F and the operating
/// system saves the opmask and ZMM registers (XGETBV bits 5-7); 0 otherwise.
int processor_has_avx512f(void);

#endif
