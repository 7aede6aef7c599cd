#ifndef REFUGE_CGLIBCMALLOC_SHIM_H
#define REFUGE_CGLIBCMALLOC_SHIM_H

/* glibc's malloc tuning (mallopt), which Swift's Glibc module leaves out. Used once, at the
   start of `refuge` (Sources/RefugeCommand/MallocTuning.swift). Other C libraries have no
   malloc.h of this kind; the Swift side imports this module only on Linux. */
#if defined(__linux__)
#include <malloc.h>
#endif

#endif
