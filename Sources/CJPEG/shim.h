// libjpeg (Debian libjpeg-dev, libjpeg-turbo's libjpeg 6.2 API). jpeglib.h needs
// FILE and size_t declared first.
#include <stddef.h>
#include <stdio.h>
#include <jpeglib.h>
