#ifndef CIMAGESHIM_H
#define CIMAGESHIM_H

#include <stddef.h>

/// Largest image decoded, checked from the header before any pixel buffer is allocated:
/// 24 megapixels (a 6000x4000 camera photo; its float samples alone take 288 MB) and
/// no side over 16384.
#define CIMAGESHIM_LARGEST_PIXELS (24u * 1000u * 1000u)
#define CIMAGESHIM_LARGEST_SIDE 16384u

// libjpeg and libpng's full API report errors by longjmp, which Swift cannot use.
// These functions do the setjmp in C and turn every error into a return code and
// a one-line message.

/// Decodes the PNG file at `path` to 8-bit RGB, row-major, like TensorFlow's
/// decode_png(channels=3): palettes and low bit depths expanded, 16-bit samples
/// stripped to their high byte, gray replicated, alpha dropped, no gamma conversion.
/// libpng's warnings (a bad checksum, extra image data) are errors, except those about
/// the colour-management chunks (iCCP, sRGB, cHRM, gAMA), which decoding ignores anyway.
/// On success returns 0 and a malloc'd buffer (free with cimageshim_free).
int cimageshim_png_decode(const char *path, unsigned char **pixels, int *width, int *height,
                          char *message, size_t message_size);

/// Decodes the JPEG file at `path` to 8-bit samples, row-major, `*components`
/// per pixel (1 = gray, 3 = RGB; 4 = CMYK is returned as is for the caller to refuse).
/// On success returns 0 and a malloc'd buffer in `*pixels` (free it with
/// cimageshim_free); on failure returns -1 with a one-line reason in `message`.
int cimageshim_jpeg_decode(const char *path, unsigned char **pixels, int *width, int *height,
                     int *components, char *message, size_t message_size);

/// Encodes `pixels` (row-major, `components` = 1 or 3 samples per pixel) as a
/// baseline JPEG of `quality` (1..100) to `path`. Returns 0, or -1 with a message.
int cimageshim_jpeg_encode(const char *path, const unsigned char *pixels, int width, int height,
                     int components, int quality, char *message, size_t message_size);

void cimageshim_free(unsigned char *pixels);

#endif
