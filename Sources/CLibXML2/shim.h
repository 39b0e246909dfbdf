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

#endif
