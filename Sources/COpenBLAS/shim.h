// OpenBLAS's CBLAS interface (Debian: libopenblas-dev), the benchmark's baseline only.
#include <cblas.h>
