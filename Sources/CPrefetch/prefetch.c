// Everything is in include/prefetch.h (inline); SwiftPM needs one source file per C target.
#include "prefetch.h"
