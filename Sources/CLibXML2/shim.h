// libxml2's push parser and SAX2 callbacks, for the FEST reader (Debian: libxml2-dev).
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, whose headers clash with Foundation's own copy of ICU; Tilgang never touches
// libxml2's converters (only a pointer to them), so their ICU fields are left out of view.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
