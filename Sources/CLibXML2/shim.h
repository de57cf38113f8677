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

#endif
