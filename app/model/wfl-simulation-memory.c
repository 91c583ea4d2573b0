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
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

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
static GHashTable *big_requested;             /* huge block -> the bytes asked for */
static gsize       big_live_bytes;              /* asked for, in live huge blocks */
static gsize       big_peak_bytes;              /* the most since the last reset */

/* A huge block is gone: its bytes no longer count.  Called locked. */
static void
forget_requested (gpointer p)
{
  if (big_requested != NULL)
    {
      big_live_bytes -= GPOINTER_TO_SIZE (g_hash_table_lookup (big_requested, p));
      g_hash_table_remove (big_requested, p);
    }
}

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
big_size_locked (gpointer p)
{
  return big_live != NULL ? GPOINTER_TO_SIZE (g_hash_table_lookup (big_live, p)) : 0;
}

static gsize
big_size (gpointer p)
{
  gsize bytes;

  G_LOCK (big);
  bytes = big_size_locked (p);
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
  gsize requested = bytes;
#endif

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
      if (big_requested == NULL)
        big_requested = g_hash_table_new (NULL, NULL);
      g_hash_table_insert (big_requested, p, GSIZE_TO_POINTER (requested));
      big_live_bytes += requested;
      big_peak_bytes = MAX (big_peak_bytes, big_live_bytes);
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
      forget_requested (p);
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
          forget_requested (arena->data);
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

void
_wfl_big_reset_peak (void)
{
#ifdef BIG_HUGE
  G_LOCK (big);
  big_peak_bytes = big_live_bytes;
  G_UNLOCK (big);
#endif
}

gsize
_wfl_big_get_peak (void)
{
#ifdef BIG_HUGE
  gsize peak;

  G_LOCK (big);
  peak = big_peak_bytes;
  G_UNLOCK (big);
  return peak;
#else
  return 0;
#endif
}

/* --- What is available ------------------------------------------------------ */

static gsize available_for_testing;

void
_wfl_memory_set_available (gsize bytes)
{
  available_for_testing = bytes;
}

/* A "Name:   123 kB" line of /proc/meminfo, in bytes; 0 when missing. */
static guint64
meminfo_field (const char *meminfo,
               const char *name)
{
  const char *p = meminfo != NULL ? strstr (meminfo, name) : NULL;

  if (p == NULL)
    return 0;
  return g_ascii_strtoull (p + strlen (name), NULL, 10) * 1024;
}

/* A limit read from a cgroup v2 file ("max" = none), or G_MAXUINT64. */
static guint64
cgroup_value (const char *dir,
              const char *name)
{
  g_autofree char *path = g_build_filename ("/sys/fs/cgroup", dir, name, NULL);
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL) || g_str_has_prefix (text, "max"))
    return G_MAXUINT64;
  return g_ascii_strtoull (text, NULL, 10);
}

/* What the process's cgroup (v2) still allows. */
static guint64
cgroup_available (void)
{
  g_autofree char *self = NULL;
  const char *dir;
  guint64 max, current;

  if (!g_file_get_contents ("/proc/self/cgroup", &self, NULL, NULL) ||
      (dir = strstr (self, "0::")) == NULL)
    return G_MAXUINT64;
  dir += 3;
  {
    g_autofree char *path = g_strndup (dir, strcspn (dir, "\n"));

    max = cgroup_value (path, "memory.max");
    current = cgroup_value (path, "memory.current");
  }
  if (max == G_MAXUINT64 || current == G_MAXUINT64)
    return G_MAXUINT64;
  return max > current ? max - current : 0;
}

/* What a resource limit (RLIMIT_AS, RLIMIT_DATA) still allows, given how
 * much of it the process uses (a field of /proc/self/statm, in pages). */
static guint64
rlimit_available (int resource,
                  int statm_field)
{
  struct rlimit limit;
  g_autofree char *statm = NULL;
  g_auto(GStrv) fields = NULL;
  guint64 used;

  if (getrlimit (resource, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
    return G_MAXUINT64;
  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    return limit.rlim_cur;
  fields = g_strsplit (statm, " ", -1);
  if (g_strv_length (fields) <= (guint) statm_field)
    return limit.rlim_cur;
  used = g_ascii_strtoull (fields[statm_field], NULL, 10) * (guint64) sysconf (_SC_PAGESIZE);
  return limit.rlim_cur > used ? limit.rlim_cur - used : 0;
}

gsize
_wfl_memory_available (void)
{
  g_autofree char *meminfo = NULL;
  guint64 available = G_MAXUINT64;

  if (available_for_testing > 0)
    return available_for_testing;

  if (g_file_get_contents ("/proc/meminfo", &meminfo, NULL, NULL) &&
      strstr (meminfo, "MemAvailable:") != NULL)
    available = meminfo_field (meminfo, "MemAvailable:") + meminfo_field (meminfo, "SwapFree:");
  available = MIN (available, cgroup_available ());
  available = MIN (available, rlimit_available (RLIMIT_AS, 0));     /* statm: size */
  available = MIN (available, rlimit_available (RLIMIT_DATA, 5));   /* statm: data */
  return (gsize) MIN (available, (guint64) G_MAXSIZE);
}

gboolean
_wfl_simulation_check_memory (gsize             needed,
                              const WflSimSize *size,
                              GError          **error)
{
  return _wfl_simulation_check_memory_in (needed, _wfl_memory_available (), size, error);
}

gboolean
_wfl_simulation_check_memory_in (gsize             needed,
                                 gsize             available,
                                 const WflSimSize *size,
                                 GError          **error)
{
  g_autofree char *need_text = NULL;
  g_autofree char *have_text = NULL;

  if (needed <= available)
    return TRUE;

  need_text = g_format_size (needed);
  have_text = g_format_size (available);
  g_set_error (error, WFL_SIMULATION_ERROR, WFL_SIMULATION_ERROR_TOO_LARGE,
               /* Translators: the first two are counts, then two amounts of memory ("12.5 GB") */
               _("Simulating %u nodes over %u weeks needs about %s of memory, "
                 "but only %s is available; use fewer weeks or fewer nodes."),
               (guint) MIN (size->nodes, G_MAXUINT), (guint) MIN (size->weeks, G_MAXUINT),
               need_text, have_text);
  return FALSE;
}
