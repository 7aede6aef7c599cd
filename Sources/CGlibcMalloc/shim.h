#ifndef REFUGE_CGLIBCMALLOC_SHIM_H
#define REFUGE_CGLIBCMALLOC_SHIM_H

/* glibc's malloc tuning (mallopt, mallinfo2, malloc_trim), which Swift's Glibc module leaves
   out. Used at the start of `refuge` (Sources/RefugeCommand/MallocTuning.swift) and by the heap's
   start on a huge page (Sources/RefugeBasics/HugePageHeap.swift). Other C libraries have no
   malloc.h of this kind; the Swift side imports this module only on Linux. */
#if defined(__linux__)
#include <malloc.h>
#endif

#endif
