// Everything is in the header (a static inline function); a C target needs one source file.
#include "CSanziMalloc.h"
