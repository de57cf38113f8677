#ifndef VEILLEUR_CLIBXML2_SHIM_H
#define VEILLEUR_CLIBXML2_SHIM_H
/* Debian's libxml2 is built with ICU; its headers would pull the system ICU, whose UErrorCode
   clashes with Foundation's private copy on clean builds. We never use the ICU parts. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/encoding.h>
#include <libxml/xmlstring.h>
#include <libxml/uri.h>
#include <libxml/entities.h>

/* xmlFree is a mutable global function pointer, which Swift 6 refuses to touch. */
static inline void veilleur_xml_free(void *p) { xmlFree(p); }

static void veilleur_ignore_generic_error(void *context, const char *message, ...) {
    (void) context;
    (void) message;
}

/* xmlParseChunk with libxml2's generic error handler, which writes to stderr, silenced: the push parser
   reports an encoding failure there ("xmlParseChunk: encoder error") beside the structured error that
   says the same. The handler is per-thread state, put back before returning. */
static inline int veilleur_parse_chunk(xmlParserCtxtPtr context, const char *chunk, int size, int terminate) {
    xmlGenericErrorFunc handler = *__xmlGenericError();
    void *handlerContext = *__xmlGenericErrorContext();
    xmlSetGenericErrorFunc(NULL, veilleur_ignore_generic_error);
    int result = xmlParseChunk(context, chunk, size, terminate);
    xmlSetGenericErrorFunc(handlerContext, handler);
    return result;
}

#endif