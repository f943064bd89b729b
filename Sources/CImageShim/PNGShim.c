#include "CImageShim.h"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <png.h>

/// Where libpng's error text goes before the longjmp.
struct shim_png_context {
    char *message;
    size_t size;
    /// The first warning that counts, empty when none.
    char warning[160];
};

static void shim_png_error(png_structp png, png_const_charp text) {
    struct shim_png_context *context = png_get_error_ptr(png);
    snprintf(context->message, context->size, "%s", text);
    png_longjmp(png, 1);
}

/// Keeps the first warning that is not about colour management (checked after decoding:
/// libpng does not expect a warning handler to jump).
static void shim_png_warning(png_structp png, png_const_charp text) {
    struct shim_png_context *context = png_get_error_ptr(png);
    static const char *ignored[] = { "iCCP", "sRGB", "cHRM", "gAMA" };
    for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++) {
        if (strncmp(text, ignored[i], 4) == 0) return;
    }
    if (context->warning[0] == 0) snprintf(context->warning, sizeof context->warning, "%s", text);
}

int cimageshim_png_decode(const char *path, unsigned char **pixels, int *width, int *height,
                          char *message, size_t message_size) {
    *pixels = NULL;
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        snprintf(message, message_size, "cannot open: %s", strerror(errno));
        return -1;
    }
    unsigned char signature[8];
    if (fread(signature, 1, 8, file) != 8 || png_sig_cmp(signature, 0, 8) != 0) {
        snprintf(message, message_size, "not a PNG file (bad signature)");
        fclose(file);
        return -1;
    }
    struct shim_png_context context = { message, message_size, { 0 } };
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &context, shim_png_error, shim_png_warning);
    png_infop info = png == NULL ? NULL : png_create_info_struct(png);
    if (info == NULL) {
        snprintf(message, message_size, "out of memory");
        png_destroy_read_struct(&png, NULL, NULL);
        fclose(file);
        return -1;
    }
    unsigned char *volatile buffer = NULL;
    png_bytep *volatile rows = NULL;
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        free(rows);
        free(buffer);
        fclose(file);
        return -1;
    }
    png_init_io(png, file);
    png_set_sig_bytes(png, 8);
    png_read_info(png, info);
    png_set_expand(png);          // palette -> RGB, gray 1/2/4 -> 8 bits, tRNS -> alpha
    png_set_strip_16(png);        // 16 -> 8 bits: the high byte
    png_set_strip_alpha(png);     // alpha dropped, not composited
    png_set_gray_to_rgb(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    png_uint_32 w = png_get_image_width(png, info), h = png_get_image_height(png, info);
    if (w > CIMAGESHIM_LARGEST_SIDE || h > CIMAGESHIM_LARGEST_SIDE || (unsigned long long)w * h > CIMAGESHIM_LARGEST_PIXELS) {
        snprintf(message, message_size, "%ux%u pixels is more than this explorer decodes (%u megapixels, sides up to %u): resize the image first",
                 w, h, CIMAGESHIM_LARGEST_PIXELS / 1000000u, CIMAGESHIM_LARGEST_SIDE);
        png_longjmp(png, 1);
    }
    size_t stride = png_get_rowbytes(png, info);
    if (stride != (size_t)w * 3) {
        snprintf(message, message_size, "unexpected row size %zu for width %u", stride, w);
        png_longjmp(png, 1);
    }
    buffer = malloc(stride * h);
    rows = malloc(sizeof(png_bytep) * h);
    if (buffer == NULL || rows == NULL) {
        snprintf(message, message_size, "out of memory for %ux%u pixels", w, h);
        png_longjmp(png, 1);
    }
    for (png_uint_32 y = 0; y < h; y++) rows[y] = buffer + stride * y;
    png_read_image(png, rows);
    png_read_end(png, NULL);
    if (context.warning[0] != 0) {
        snprintf(message, message_size, "%s", context.warning);
        png_longjmp(png, 1);
    }
    png_destroy_read_struct(&png, &info, NULL);
    free(rows);
    fclose(file);
    *width = (int)w;
    *height = (int)h;
    *pixels = buffer;
    return 0;
}

void cimageshim_free(unsigned char *pixels) { free(pixels); }
