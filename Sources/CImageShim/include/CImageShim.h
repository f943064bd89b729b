#ifndef CIMAGESHIM_H
#define CIMAGESHIM_H

#include <stddef.h>

// libjpeg and libpng's full API report errors by longjmp, which Swift cannot use.
// These functions do the setjmp in C and turn every error into a return code and
// a one-line message.

/// Decodes the PNG file at `path` to 8-bit RGB, row-major, like TensorFlow's
/// decode_png(channels=3): palettes and low bit depths expanded, 16-bit samples
/// stripped to their high byte, gray replicated, alpha dropped, no gamma conversion.
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
