#ifndef SANZI_CLIBXML2_SHIM_H
#define SANZI_CLIBXML2_SHIM_H

// Debian builds libxml2 with ICU; a module that sees both Foundation and libxml2 then fails on a
// clean build ("'UErrorCode' has different definitions"). Sanzi needs none of libxml2's ICU API.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/tree.h>

// libxml2 prints some problems ("Unimplemented block at xmlschemas.c:…") through its generic
// error function, without a file or line. Sanzi reports every problem through the structured
// handler, located; these stray lines are dropped. The function is variadic, so it is C.
static void sanzi_drop_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

/// Drops libxml2's generic error output on this thread and on threads started later.
static inline void sanzi_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, sanzi_drop_generic_error);
    xmlThrDefSetGenericErrorFunc(NULL, sanzi_drop_generic_error);
}

#endif
