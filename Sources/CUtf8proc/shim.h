#ifndef VEILLEUR_CUTF8PROC_SHIM_H
#define VEILLEUR_CUTF8PROC_SHIM_H
/* Linked by name: the pkg-config file adds -DUTF8PROC_EXPORTS, which SwiftPM rejects. */
#include <utf8proc.h>
#endif
