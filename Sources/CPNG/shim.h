// libpng 1.6 (Debian libpng-dev): the simplified png_image API reports errors
// through png_image.message instead of longjmp, so Swift can call it directly.
#include <png.h>
