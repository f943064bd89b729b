#include "CImageShim.h"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

/// libjpeg's error manager plus the place to jump back to.
struct shim_error {
    struct jpeg_error_mgr manager;
    jmp_buf back;
};

static void shim_error_exit(j_common_ptr info) {
    struct shim_error *error = (struct shim_error *)info->err;
    longjmp(error->back, 1);
}

/// Warnings (corrupt data that libjpeg can recover from) are ignored, as libjpeg's default does.
static void shim_output_message(j_common_ptr info) { (void)info; }

static void shim_message(j_common_ptr info, char *message, size_t size) {
    char text[JMSG_LENGTH_MAX];
    info->err->format_message(info, text);
    snprintf(message, size, "%s", text);
}

int cimageshim_jpeg_decode(const char *path, unsigned char **pixels, int *width, int *height,
                     int *components, char *message, size_t message_size) {
    *pixels = NULL;
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        snprintf(message, message_size, "cannot open: %s", strerror(errno));
        return -1;
    }
    struct jpeg_decompress_struct info;
    struct shim_error error;
    unsigned char *volatile buffer = NULL;
    info.err = jpeg_std_error(&error.manager);
    error.manager.error_exit = shim_error_exit;
    error.manager.output_message = shim_output_message;
    if (setjmp(error.back)) {
        shim_message((j_common_ptr)&info, message, message_size);
        jpeg_destroy_decompress(&info);
        fclose(file);
        free(buffer);
        return -1;
    }
    jpeg_create_decompress(&info);
    jpeg_stdio_src(&info, file);
    jpeg_read_header(&info, TRUE);
    if (info.image_width > CIMAGESHIM_LARGEST_SIDE || info.image_height > CIMAGESHIM_LARGEST_SIDE
        || (unsigned long long)info.image_width * info.image_height > CIMAGESHIM_LARGEST_PIXELS) {
        snprintf(message, message_size, "%ux%u pixels is more than this explorer decodes (%u megapixels, sides up to %u): resize the image first",
                 info.image_width, info.image_height, CIMAGESHIM_LARGEST_PIXELS / 1000000u, CIMAGESHIM_LARGEST_SIDE);
        jpeg_destroy_decompress(&info);
        fclose(file);
        return -1;
    }
    jpeg_start_decompress(&info);
    size_t stride = (size_t)info.output_width * (size_t)info.output_components;
    buffer = malloc(stride * info.output_height);
    if (buffer == NULL) {
        snprintf(message, message_size, "out of memory for %ux%u pixels", info.output_width, info.output_height);
        jpeg_destroy_decompress(&info);
        fclose(file);
        return -1;
    }
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = buffer + stride * info.output_scanline;
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    if (error.manager.num_warnings > 0) {
        // Corrupt data libjpeg papered over (e.g. "Premature end of JPEG file"): refuse it,
        // as TensorFlow's decode_jpeg does, rather than compute on invented pixels.
        char text[JMSG_LENGTH_MAX];
        info.err->format_message((j_common_ptr)&info, text);
        snprintf(message, message_size, "corrupt JPEG data: %s", text);
        jpeg_destroy_decompress(&info);
        fclose(file);
        free(buffer);
        return -1;
    }
    *width = (int)info.output_width;
    *height = (int)info.output_height;
    *components = info.output_components;
    *pixels = buffer;
    jpeg_destroy_decompress(&info);
    fclose(file);
    return 0;
}

int cimageshim_jpeg_encode(const char *path, const unsigned char *pixels, int width, int height,
                     int components, int quality, char *message, size_t message_size) {
    if (components != 1 && components != 3) {
        snprintf(message, message_size, "%d components per pixel: only 1 (gray) and 3 (RGB) can be encoded", components);
        return -1;
    }
    FILE *file = fopen(path, "wb");
    if (file == NULL) {
        snprintf(message, message_size, "cannot create: %s", strerror(errno));
        return -1;
    }
    struct jpeg_compress_struct info;
    struct shim_error error;
    info.err = jpeg_std_error(&error.manager);
    error.manager.error_exit = shim_error_exit;
    error.manager.output_message = shim_output_message;
    if (setjmp(error.back)) {
        shim_message((j_common_ptr)&info, message, message_size);
        jpeg_destroy_compress(&info);
        fclose(file);
        return -1;
    }
    jpeg_create_compress(&info);
    jpeg_stdio_dest(&info, file);
    info.image_width = (JDIMENSION)width;
    info.image_height = (JDIMENSION)height;
    info.input_components = components;
    info.in_color_space = components == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    jpeg_start_compress(&info, TRUE);
    size_t stride = (size_t)width * (size_t)components;
    while (info.next_scanline < info.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + stride * info.next_scanline);
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    if (fclose(file) != 0) {
        snprintf(message, message_size, "write failed: %s", strerror(errno));
        return -1;
    }
    return 0;
}

