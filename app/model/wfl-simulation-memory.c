/* wfl-simulation-memory.c: the simulation's large arrays and lot arenas
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-simulation"

#define _GNU_SOURCE  /* mremap() */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "wfl-simulation-internal.h"

/* Large arrays (node × week, link × week) come from here.  From 1 MiB
 * up, on Linux, each is its own 2 MiB-aligned mapping advised as huge
 * pages and rounded up to whole huge pages, so that touching hundreds of
 * megabytes for the first time does not cost a page fault every 4 KiB
 * (each costs tens of microseconds in a virtual machine); wasting at most
 * half of such an array is much cheaper.  Free with _wfl_big_free().
 *
 * Freed huge blocks are kept for reuse, up to BIG_CACHE_BYTES in all (the
 * oldest are released first).  Re-simulating after an edit compiles a
 * simulation of the same size as the one it replaces, and reusing its
 * blocks saves faulting in fresh memory that the kernel must zero (and,
 * in a virtual machine, the host must back: about 1 ms per MiB here).
 * Nothing relies on the blocks' contents: every array is written before
 * it is read. */
#if defined(__linux__) && defined(MREMAP_FIXED) && defined(MADV_HUGEPAGE)
#define BIG_HUGE ((gsize) 2 * 1024 * 1024)
#endif
#define BIG_MIN_BYTES ((gsize) 1024 * 1024)
#define BIG_CACHE_BYTES ((gsize) 256 * 1024 * 1024)
#define BIG_CACHE_SLOTS 64

#ifdef BIG_HUGE
typedef struct
{
  gpointer p;
  gsize    bytes;
} BigBlock;

G_LOCK_DEFINE_STATIC (big);
static GHashTable *big_live;                  /* huge block -> its size */
static BigBlock    big_cache[BIG_CACHE_SLOTS];  /* oldest first */
static int         big_cache_len;
static gsize       big_cache_bytes;

/* A fresh mapping of `bytes` (a multiple of BIG_HUGE), aligned to it. */
static gpointer
big_map (gsize bytes)
{
  char *p = mmap (NULL, bytes + BIG_HUGE, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  char *a;

  if (p == MAP_FAILED)
    g_error ("%s: failed to map %" G_GSIZE_FORMAT " bytes", G_STRLOC, bytes);
  a = (char *) (((guintptr) p + BIG_HUGE - 1) & ~(guintptr) (BIG_HUGE - 1));
  if (a > p)
    munmap (p, a - p);
  munmap (a + bytes, p + BIG_HUGE - a);
  madvise (a, bytes, MADV_HUGEPAGE);
  return a;
}

/* The size of a live huge block, or 0 for anything else. */
static gsize
big_size (gpointer p)
{
  gsize bytes;

  G_LOCK (big);
  bytes = big_live != NULL ? GPOINTER_TO_SIZE (g_hash_table_lookup (big_live, p)) : 0;
  G_UNLOCK (big);
  return bytes;
}
#endif

/* `bytes` of uninitialised memory; *real (when not NULL) receives the
 * size actually reserved, which may be more.  A cached block is reused
 * when it has just that (rounded) size, or when `larger` and it is the
 * smallest of at least that size (for arenas, which may grow into it). */
static gpointer
big_alloc_bytes (gsize     bytes,
                 gboolean  larger,
                 gsize    *real)
{
  gpointer p = NULL;

#ifdef BIG_HUGE
  if (bytes >= BIG_MIN_BYTES)
    {
      int best = -1;

      bytes = (bytes + BIG_HUGE - 1) / BIG_HUGE * BIG_HUGE;
      G_LOCK (big);
      for (int i = big_cache_len - 1; i >= 0; i--)
        if (big_cache[i].bytes == bytes ||
            (larger && big_cache[i].bytes > bytes &&
             (best < 0 || big_cache[i].bytes < big_cache[best].bytes)))
          {
            best = i;
            if (big_cache[i].bytes == bytes)
              break;
          }
      if (best >= 0)
        {
          p = big_cache[best].p;
          bytes = big_cache[best].bytes;
          big_cache_bytes -= bytes;
          big_cache_len--;
          memmove (&big_cache[best], &big_cache[best + 1], sizeof (BigBlock) * (big_cache_len - best));
        }
      if (p == NULL)
        p = big_map (bytes);
      if (big_live == NULL)
        big_live = g_hash_table_new (NULL, NULL);
      g_hash_table_insert (big_live, p, GSIZE_TO_POINTER (bytes));
      G_UNLOCK (big);
    }
  else
#endif
    {
      p = malloc (bytes);
      if (p == NULL)
        g_error ("%s: failed to allocate %" G_GSIZE_FORMAT " bytes", G_STRLOC, bytes);
    }
  if (real != NULL)
    *real = bytes;
  return p;
}

gpointer
_wfl_big_alloc (gsize n,
                gsize size)
{
  if (n > 0 && (MAX (n, 1) * size) / size != n)
    g_error ("%s: overflow allocating %" G_GSIZE_FORMAT " × %" G_GSIZE_FORMAT, G_STRLOC, n, size);
  return big_alloc_bytes (MAX (n, 1) * size, FALSE, NULL);
}

void
_wfl_big_free (gpointer p)
{
#ifdef BIG_HUGE
  gpointer size;
  gpointer unmap = NULL;
  gsize unmap_bytes = 0;

  G_LOCK (big);
  if (big_live != NULL && g_hash_table_lookup_extended (big_live, p, NULL, &size))
    {
      gsize bytes = GPOINTER_TO_SIZE (size);

      g_hash_table_remove (big_live, p);
      if (bytes > BIG_CACHE_BYTES)
        {
          unmap = p;
          unmap_bytes = bytes;
        }
      else
        {
          while (big_cache_len == BIG_CACHE_SLOTS || big_cache_bytes + bytes > BIG_CACHE_BYTES)
            {
              munmap (big_cache[0].p, big_cache[0].bytes);
              big_cache_bytes -= big_cache[0].bytes;
              big_cache_len--;
              memmove (&big_cache[0], &big_cache[1], sizeof (BigBlock) * big_cache_len);
            }
          big_cache[big_cache_len++] = (BigBlock) { p, bytes };
          big_cache_bytes += bytes;
        }
      p = NULL;
    }
  G_UNLOCK (big);
  if (unmap != NULL)
    munmap (unmap, unmap_bytes);
#endif
  free (p);
}

void
_wfl_arena_resize (Arena *arena,
                   gsize  bytes)
{
  gsize real;
  gpointer p = big_alloc_bytes (bytes, TRUE, &real);

  if (arena->data != NULL)
    {
#ifdef BIG_HUGE
      if (big_size (arena->data) > 0 && big_size (p) > 0)
        {
          if (mremap (arena->data, arena->bytes, arena->bytes, MREMAP_MAYMOVE | MREMAP_FIXED, p) == MAP_FAILED)
            g_error ("%s: failed to move %" G_GSIZE_FORMAT " bytes", G_STRLOC, arena->bytes);
          /* The old block's pages are gone: forget it, do not cache it. */
          G_LOCK (big);
          g_hash_table_remove (big_live, arena->data);
          G_UNLOCK (big);
        }
      else
#endif
        {
          memcpy (p, arena->data, MIN (arena->bytes, real));
          _wfl_big_free (arena->data);
        }
    }
  arena->data = p;
  arena->bytes = real;
}

/* How many elements of `size` bytes the arena holds now. */
int
_wfl_arena_capacity (Arena *arena,
                     gsize  size)
{
  return (int) MIN (arena->bytes / size, (gsize) G_MAXINT);
}

void
_wfl_arena_clear (Arena *arena)
{
  g_clear_pointer (&arena->data, _wfl_big_free);
  arena->bytes = 0;
}
