#ifndef VEILLEUR_CSTEMMER_SHIM_H
#define VEILLEUR_CSTEMMER_SHIM_H
/* Linked by name: libstemmer-dev ships no pkg-config file. */
#include <libstemmer.h>
#endif
