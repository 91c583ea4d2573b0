/* wfl-simulation.c: the weekly simulation of docs/model.md
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-simulation"

#define _GNU_SOURCE  /* mremap() */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <glib/gi18n-lib.h>

#include "wfl-simulation.h"
#include "wfl-simulation-private.h"

/* Large arrays (node × week, link × week) come from here.  From 1 MiB
 * up, on Linux, each is its own 2 MiB-aligned mapping advised as huge
 * pages and rounded up to whole huge pages, so that touching hundreds of
 * megabytes for the first time does not cost a page fault every 4 KiB
 * (each costs tens of microseconds in a virtual machine); wasting at most
 * half of such an array is much cheaper.  Free with big_free().
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

static gpointer
big_alloc (gsize n,
           gsize size)
{
  if (n > 0 && (MAX (n, 1) * size) / size != n)
    g_error ("%s: overflow allocating %" G_GSIZE_FORMAT " × %" G_GSIZE_FORMAT, G_STRLOC, n, size);
  return big_alloc_bytes (MAX (n, 1) * size, FALSE, NULL);
}

static void
big_free (gpointer p)
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

#define big_new(type, n) ((type *) big_alloc ((n), sizeof (type)))

/* A growable array for the lot arenas, which only grow and whose final
 * size is unknown: a big_alloc() block.  A huge block grows into a bigger
 * one by moving its pages to the start of the new block with mremap():
 * nothing is copied and no page is faulted in twice, so a run touches
 * only the memory it uses, once.  Smaller ones are copied. */
typedef struct
{
  gpointer data;
  gsize    bytes;
} Arena;

static void
arena_resize (Arena *arena,
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
          big_free (arena->data);
        }
    }
  arena->data = p;
  arena->bytes = real;
}

/* How many elements of `size` bytes the arena holds now. */
static int
arena_capacity (Arena *arena,
                gsize  size)
{
  return (int) MIN (arena->bytes / size, (gsize) G_MAXINT);
}

static void
arena_clear (Arena *arena)
{
  g_clear_pointer (&arena->data, big_free);
  arena->bytes = 0;
}

/* Relative tolerance under which a difference of quantities counts as
 * zero, so that rounding noise never turns into tiny spurious flows. */
#define EPS 1e-9

/* ------------------------------------------------------------------ */
/* Lots: FIFO queues of (quantity, stamp chain, arrival week) in every
 * buffer.  Stamp chains are immutable and shared: a stamp names one stage
 * (node, start, end, arrival) and points to the stamp of the stage before
 * it.  One stamp per node-week batch.  Entries live in one pool with a
 * free list, so queues allocate only when the pool has to grow.
 *
 * Both the entries and the stamps are arenas (see Arena) that hand out
 * fresh slots from their end (and entries from the free list first), so
 * only the pages actually used are ever touched: a big
 * scenario holds about a million lots, and touching fresh memory a 4 KiB
 * page at a time is what cost most of a run (page faults are expensive,
 * in virtual machines above all). */

typedef struct
{
  int head;
  int tail;
} Queue;

typedef struct
{
  double qty;
  int    chain;
  int    arrived;
  int    next;
} LotEntry;

typedef struct
{
  int node;
  int start;
  int end;
  int arrived;
  int parent;
} Stamp;

typedef struct
{
  Arena     entry_arena;
  LotEntry *entries;       /* entry_arena.data */
  int       n_alloc;
  int       n_used;        /* entries [0, n_used) were handed out at least once */
  int       free_head;
  Arena     stamp_arena;
  Stamp    *stamps;        /* stamp_arena.data */
  int       n_stamps;
  int       stamps_alloc;
  Queue    *stock_q;       /* per node */
  Queue    *pool_q;        /* per line */
  Queue    *transit_q;     /* per link */
  int      *batch_chain;   /* per node, for the last batch_weeks weeks: see batch_slot() */
  int       batch_weeks;   /* the longest lead time + 1 */
  int      *order_chain;   /* per order: chain of the last units received */
} Lots;

/* A schedule compiled for every row (node or link) and week.  Most rows
 * have the same value in every week (a constant, or no schedule at all):
 * they keep that one value.  Only the others get a column in the
 * week-major table `varying` [week × n_varying], so a big scenario with
 * constant mixes and yields does not fill (and fault in) a link × week
 * array of ones.  Read with table_at(). */
typedef struct
{
  double *value;      /* per row: its value when it is constant */
  int    *column;     /* per row: its column in varying, or -1 when constant */
  int     n_varying;
  double *varying;    /* week × n_varying */
} Table;

static inline double
table_at (const Table *table,
          int          row,
          int          t)
{
  int column = table->column[row];

  return column < 0 ? table->value[row]
                    : table->varying[(gsize) t * table->n_varying + column];
}

static void
table_clear (Table *table)
{
  g_clear_pointer (&table->value, g_free);
  g_clear_pointer (&table->column, g_free);
  g_clear_pointer (&table->varying, big_free);
}

struct _WflSimRun
{
  gboolean  track_lots;
  int       scaled_node;
  double    factor;

  /* Results, week-major (week × node, week × link).  Only what the loop
   * needs again or cannot recompute is stored; the other series
   * (capacity, desired, WIP, utilisation, shipped per node) are derived
   * from these on access by node_value(), with the same arithmetic in the
   * same order, so they are bit-identical to computing them in the loop.
   * A customer's requirement is its open need; its starts are 0. */
  double   *requirement;
  double   *starts;
  double   *completed;
  double   *stock_end;       /* stock at the end of the week */
  guint8   *binding;
  int      *binding_line;
  double   *shipped;

  /* State of the current week. */
  double   *stock;           /* per node */
  double   *pool;            /* per line */
  double   *received;        /* per node (customers): cumulative */
  double   *received_week;   /* per node (customers) */
  double   *req_link;        /* per link: this week's request */
  double   *alloc;           /* scratch, per out link of one node */
  int      *order_scratch;   /* scratch, per out link of one node */

  /* Orders */
  double   *remaining;
  double   *delivered;
  double   *delivered_by_due;
  int      *filled_week;

  Lots      lots;
};

struct _WflSimulation
{
  GObject     parent_instance;

  /* The compiled model. */
  WflDate     start;
  int         n_weeks;
  int         n_nodes;
  int         n_links;
  int         n_lines;
  int         n_orders;

  char      **node_id;
  char      **node_name;
  char      **node_unit;
  guint8     *kind;
  int        *lead;
  guint8     *allocation;
  double     *initial_rate;
  double     *initial_stock;
  gboolean   *has_capacity;
  Table       capacity;       /* node × week; INFINITY when unlimited */
  Table       yield;          /* node × week */
  int        *topo;           /* nodes in topological order */
  int        *rank;           /* node -> position in topo */
  int        *line_first;     /* node -> its lines [line_first[n], line_first[n + 1]) */
  int        *out_first;      /* node -> out_links range */
  int        *out_links;      /* link indices, document order */
  int        *out_priority;   /* positions in the node's out links, by priority then document order */
  double     *share_sum;      /* per node */

  int        *line_node;
  double     *line_per_unit;
  char      **line_name;
  int        *line_link_first;
  int        *line_links;
  double     *line_mix_total;  /* Σ mix of the line's links, when all are constant, else NAN */
  double     *link_mix_share;  /* mix / line_mix_total, when that is not NAN */
  gboolean   *line_in_transit_weeks;  /* whether a link of the line has transit ≥ 2 weeks */
  int        *transit_links;  /* the links with transit ≥ 1 week, in document order */
  int         n_transit_links;

  int        *link_from;
  int        *link_to;
  int        *link_line;
  int        *link_transit;
  double     *link_share;
  Table       mix;            /* link × week */
  char      **link_input;

  int        *cust_row;       /* node -> row in ordered_cum, or -1 */
  double     *ordered_cum;    /* customer row × week */
  int        *cust_order_first;  /* node -> range in cust_orders */
  int        *cust_orders;    /* order indices, fill order */
  int        *order_customer;
  char      **order_id;
  double     *order_quantity;
  int        *order_placed;
  int        *order_due;
  WflDate    *order_placed_date;
  WflDate    *order_due_date;

  int        *week_quarter;
  int         n_quarters;
  int        *quarter_first;  /* n_quarters + 1 */

  /* The results of wfl_simulation_run(), week-major (week × node,
   * week × link) as the weekly loop writes them. */
  WflSimRun  *run;
  gboolean    has_run;
  WflOrderResult *orders;
  WflStage   *stages;
};

G_DEFINE_FINAL_TYPE (WflSimulation, wfl_simulation, G_TYPE_OBJECT)

static void
free_strv_n (char **strv,
             int    n)
{
  if (strv == NULL)
    return;
  for (int i = 0; i < n; i++)
    g_free (strv[i]);
  g_free (strv);
}

static void
wfl_simulation_finalize (GObject *object)
{
  WflSimulation *self = (WflSimulation *)object;

  free_strv_n (self->node_id, self->n_nodes);
  free_strv_n (self->node_name, self->n_nodes);
  free_strv_n (self->node_unit, self->n_nodes);
  free_strv_n (self->line_name, self->n_lines);
  free_strv_n (self->link_input, self->n_links);
  free_strv_n (self->order_id, self->n_orders);
  g_free (self->kind);
  g_free (self->lead);
  g_free (self->allocation);
  g_free (self->initial_rate);
  g_free (self->initial_stock);
  g_free (self->has_capacity);
  table_clear (&self->capacity);
  table_clear (&self->yield);
  g_free (self->topo);
  g_free (self->rank);
  g_free (self->line_first);
  g_free (self->out_first);
  g_free (self->out_links);
  g_free (self->out_priority);
  g_free (self->share_sum);
  g_free (self->line_node);
  g_free (self->line_per_unit);
  g_free (self->line_link_first);
  g_free (self->line_links);
  g_free (self->line_mix_total);
  g_free (self->link_mix_share);
  g_free (self->line_in_transit_weeks);
  g_free (self->transit_links);
  g_free (self->link_from);
  g_free (self->link_to);
  g_free (self->link_line);
  g_free (self->link_transit);
  g_free (self->link_share);
  table_clear (&self->mix);
  g_free (self->cust_row);
  g_free (self->ordered_cum);
  g_free (self->cust_order_first);
  g_free (self->cust_orders);
  g_free (self->order_customer);
  g_free (self->order_quantity);
  g_free (self->order_placed);
  g_free (self->order_due);
  g_free (self->order_placed_date);
  g_free (self->order_due_date);
  g_free (self->week_quarter);
  g_free (self->quarter_first);
  g_clear_pointer (&self->run, _wfl_simulation_variant_free);
  g_free (self->orders);
  g_free (self->stages);

  G_OBJECT_CLASS (wfl_simulation_parent_class)->finalize (object);
}

static void
wfl_simulation_class_init (WflSimulationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wfl_simulation_finalize;
}

static void
wfl_simulation_init (WflSimulation *self)
{
}

/* ------------------------------------------------------------------ */
/* Compiling */

/* Kahn's algorithm; among ready nodes the lowest document index goes
 * first (a binary min-heap), so the order is fixed by the document. */
static void
compute_topo_order (WflSimulation *self)
{
  int n = self->n_nodes;
  g_autofree int *indegree = g_new0 (int, n);
  g_autofree int *heap = g_new (int, MAX (n, 1));
  int heap_len = 0;
  int done = 0;

  for (int l = 0; l < self->n_links; l++)
    indegree[self->link_to[l]]++;

#define HEAP_PUSH(v) G_STMT_START {                                    \
    int _i = heap_len++;                                                \
    heap[_i] = (v);                                                     \
    while (_i > 0 && heap[(_i - 1) / 2] > heap[_i])                     \
      {                                                                 \
        int _p = (_i - 1) / 2, _t = heap[_p];                           \
        heap[_p] = heap[_i]; heap[_i] = _t; _i = _p;                    \
      }                                                                 \
  } G_STMT_END

  for (int v = 0; v < n; v++)
    if (indegree[v] == 0)
      HEAP_PUSH (v);

  while (heap_len > 0)
    {
      int v = heap[0];
      int i = 0;

      heap[0] = heap[--heap_len];
      for (;;)
        {
          int l = 2 * i + 1, r = l + 1, m = i, t;

          if (l < heap_len && heap[l] < heap[m])
            m = l;
          if (r < heap_len && heap[r] < heap[m])
            m = r;
          if (m == i)
            break;
          t = heap[m]; heap[m] = heap[i]; heap[i] = t; i = m;
        }

      self->rank[v] = done;
      self->topo[done++] = v;
      for (int k = self->out_first[v]; k < self->out_first[v + 1]; k++)
        {
          int w = self->link_to[self->out_links[k]];

          if (--indegree[w] == 0)
            HEAP_PUSH (w);
        }
    }
#undef HEAP_PUSH

  g_assert (done == n);  /* validation rejects cycles */
}

static void
compile_quarters (WflSimulation *self)
{
  int prev_key = G_MININT;
  GArray *first = g_array_new (FALSE, FALSE, sizeof (int));

  self->week_quarter = g_new (int, self->n_weeks);
  for (int t = 0; t < self->n_weeks; t++)
    {
      int y, m, d, key;

      wfl_date_to_ymd (wfl_date_of_week (self->start, t), &y, &m, &d);
      key = y * 4 + (m - 1) / 3;
      if (key != prev_key)
        {
          g_array_append_val (first, t);
          prev_key = key;
        }
      self->week_quarter[t] = (int) first->len - 1;
    }
  self->n_quarters = (int) first->len;
  g_array_append_val (first, self->n_weeks);
  /* A GArray of int holds ints: its storage is suitably aligned. */
  self->quarter_first = (int *) (void *) g_array_free (first, FALSE);
}

typedef struct
{
  int    index;
  int    priority;
  WflDate placed;
} OrderKey;

static int
compare_order_keys (gconstpointer a,
                    gconstpointer b)
{
  const OrderKey *ka = a, *kb = b;

  if (ka->priority != kb->priority)
    return ka->priority < kb->priority ? -1 : 1;
  if (ka->placed != kb->placed)
    return ka->placed < kb->placed ? -1 : 1;
  return ka->index < kb->index ? -1 : (ka->index > kb->index);
}

#define SCATTER_BLOCK 16

/* dest[t × rows + r0 + b] = block[b × W + t] */
static void
scatter_rows (double       *dest,
              int           rows,
              int           W,
              int           r0,
              int           nb,
              const double *block)
{
  for (int t = 0; t < W; t++)
    for (int b = 0; b < nb; b++)
      dest[(gsize) t * rows + r0 + b] = block[(gsize) b * W + t];
}

/* Evaluates one row of a schedule table, week by week, into out. */
typedef void (*RowEval) (WflSimulation *self,
                         WflScenario   *scenario,
                         int            row,
                         double        *out);

static void
eval_capacity (WflSimulation *self,
               WflScenario   *scenario,
               int            n,
               double        *out)
{
  wfl_schedule_evaluate (self->has_capacity[n] ? wfl_scenario_get_node (scenario, n)->capacity : NULL,
                         self->start, self->n_weeks, INFINITY, out);
}

static void
eval_yield (WflSimulation *self,
            WflScenario   *scenario,
            int            n,
            double        *out)
{
  WflNode *node = wfl_scenario_get_node (scenario, n);

  wfl_schedule_evaluate (node->kind == WFL_NODE_KIND_CUSTOMER ? NULL : node->yield,
                         self->start, self->n_weeks, 1, out);
}

static void
eval_mix (WflSimulation *self,
          WflScenario   *scenario,
          int            l,
          double        *out)
{
  wfl_schedule_evaluate (wfl_scenario_get_link (scenario, l)->mix,
                         self->start, self->n_weeks, 1, out);
}

/* Compiles a schedule of every row into table: a first pass finds the
 * rows whose weekly values are not all bit-identical, a second evaluates
 * just those again, a block of rows at a time, into the week-major table
 * (writing one row across the weeks would touch a different cache line
 * for every week). */
static void
table_compile (Table         *table,
               WflSimulation *self,
               WflScenario   *scenario,
               int            rows,
               RowEval        eval)
{
  int W = self->n_weeks;
  g_autofree double *block = g_new (double, (gsize) SCATTER_BLOCK * W);
  g_autofree int *varying_rows = g_new (int, MAX (rows, 1));
  int n_varying = 0;

  table->value = g_new (double, MAX (rows, 1));
  table->column = g_new (int, MAX (rows, 1));
  for (int r = 0; r < rows; r++)
    {
      eval (self, scenario, r, block);
      table->value[r] = block[0];
      table->column[r] = -1;
      for (int t = 1; t < W; t++)
        if (memcmp (&block[t], &block[0], sizeof (double)) != 0)
          {
            table->column[r] = n_varying;
            varying_rows[n_varying++] = r;
            break;
          }
    }

  table->n_varying = n_varying;
  table->varying = big_new (double, (gsize) n_varying * W);
  for (int i0 = 0; i0 < n_varying; i0 += SCATTER_BLOCK)
    {
      int nb = MIN (SCATTER_BLOCK, n_varying - i0);

      for (int b = 0; b < nb; b++)
        eval (self, scenario, varying_rows[i0 + b], block + (gsize) b * W);
      scatter_rows (table->varying, n_varying, W, i0, nb, block);
    }
}

static void
compile (WflSimulation *self,
         WflScenario   *scenario)
{
  int N, M, W;
  g_autoptr(GHashTable) line_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree int *tmp_line_node = NULL;
  g_autofree int *tmp_link_line = NULL;
  g_autofree int *remap = NULL;
  g_autofree char **tmp_line_name = NULL;
  int n_tmp = 0;
  int n_customers = 0;

  self->start = wfl_scenario_get_start (scenario);
  W = self->n_weeks = wfl_scenario_get_weeks (scenario);
  N = self->n_nodes = (int) wfl_scenario_get_n_nodes (scenario);
  M = self->n_links = (int) wfl_scenario_get_n_links (scenario);

  self->node_id = g_new0 (char *, N);
  self->node_name = g_new0 (char *, N);
  self->node_unit = g_new0 (char *, N);
  self->kind = g_new0 (guint8, N);
  self->lead = g_new0 (int, N);
  self->allocation = g_new0 (guint8, N);
  self->initial_rate = g_new0 (double, N);
  self->initial_stock = g_new0 (double, N);
  self->has_capacity = g_new0 (gboolean, N);
  self->topo = g_new (int, N);
  self->rank = g_new (int, N);
  self->share_sum = g_new0 (double, N);
  self->cust_row = g_new (int, N);

  for (int n = 0; n < N; n++)
    {
      WflNode *node = wfl_scenario_get_node (scenario, n);

      self->node_id[n] = g_strdup (node->id);
      self->node_name[n] = g_strdup (wfl_node_get_display_name (node));
      self->node_unit[n] = g_strdup (node->unit != NULL ? node->unit : "");
      self->kind[n] = (guint8) node->kind;
      self->lead[n] = node->kind == WFL_NODE_KIND_CUSTOMER ? 0 : node->lead_weeks;
      self->allocation[n] = (guint8) node->allocation;
      self->initial_rate[n] = node->kind == WFL_NODE_KIND_CUSTOMER ? 0 : node->initial_rate;
      self->initial_stock[n] = node->kind == WFL_NODE_KIND_CUSTOMER ? 0 : node->initial_stock;
      self->has_capacity[n] = node->kind != WFL_NODE_KIND_CUSTOMER &&
                              wfl_schedule_get_n_points (node->capacity) > 0;
      self->cust_row[n] = node->kind == WFL_NODE_KIND_CUSTOMER ? n_customers++ : -1;
    }

  /* Links and their lines. */
  self->link_from = g_new (int, M);
  self->link_to = g_new (int, M);
  self->link_line = g_new (int, M);
  self->link_transit = g_new (int, M);
  self->link_share = g_new (double, M);
  self->link_input = g_new0 (char *, M);
  tmp_line_node = g_new (int, MAX (M, 1));
  tmp_link_line = g_new (int, MAX (M, 1));
  tmp_line_name = g_new0 (char *, MAX (M, 1));

  for (int l = 0; l < M; l++)
    {
      WflLink *link = wfl_scenario_get_link (scenario, l);
      int to = wfl_scenario_find_node_index (scenario, link->to);
      gboolean customer = self->kind[to] == WFL_NODE_KIND_CUSTOMER;
      g_autofree char *key = g_strdup_printf ("%d\x1f%s", to, customer ? "" : wfl_link_get_input (link));
      gpointer found;

      self->link_from[l] = wfl_scenario_find_node_index (scenario, link->from);
      self->link_to[l] = to;
      self->link_transit[l] = link->transit_weeks;
      self->link_share[l] = link->share;
      self->link_input[l] = g_strdup (wfl_link_get_input (link));
      self->share_sum[self->link_from[l]] += link->share;

      if (g_hash_table_lookup_extended (line_keys, key, NULL, &found))
        tmp_link_line[l] = GPOINTER_TO_INT (found);
      else
        {
          tmp_line_node[n_tmp] = to;
          tmp_line_name[n_tmp] = self->link_input[l];
          tmp_link_line[l] = n_tmp;
          g_hash_table_insert (line_keys, g_steal_pointer (&key), GINT_TO_POINTER (n_tmp));
          n_tmp++;
        }
    }

  table_compile (&self->capacity, self, scenario, N, eval_capacity);
  table_compile (&self->yield, self, scenario, N, eval_yield);
  table_compile (&self->mix, self, scenario, M, eval_mix);

  /* Number lines node by node (stable: document order of their first
   * link within a node). */
  self->n_lines = n_tmp;
  self->line_first = g_new0 (int, N + 1);
  self->line_node = g_new (int, MAX (n_tmp, 1));
  self->line_per_unit = g_new (double, MAX (n_tmp, 1));
  self->line_name = g_new0 (char *, MAX (n_tmp, 1));
  remap = g_new (int, MAX (n_tmp, 1));
  for (int i = 0; i < n_tmp; i++)
    self->line_first[tmp_line_node[i] + 1]++;
  for (int n = 0; n < N; n++)
    self->line_first[n + 1] += self->line_first[n];
  {
    g_autofree int *fill = g_memdup2 (self->line_first, sizeof (int) * (N + 1));

    for (int i = 0; i < n_tmp; i++)
      {
        int j = fill[tmp_line_node[i]]++;

        remap[i] = j;
        self->line_node[j] = tmp_line_node[i];
        self->line_name[j] = g_strdup (tmp_line_name[i]);
      }
  }
  for (int l = 0; l < M; l++)
    {
      self->link_line[l] = remap[tmp_link_line[l]];
      self->line_per_unit[self->link_line[l]] = self->kind[self->link_to[l]] == WFL_NODE_KIND_CUSTOMER
                                                ? 1 : wfl_scenario_get_link (scenario, l)->per_unit;
    }

  /* Links of each line, and out links of each node, in document order. */
  self->line_link_first = g_new0 (int, self->n_lines + 1);
  self->line_links = g_new (int, MAX (M, 1));
  self->out_first = g_new0 (int, N + 1);
  self->out_links = g_new (int, MAX (M, 1));
  self->out_priority = g_new (int, MAX (M, 1));
  for (int l = 0; l < M; l++)
    {
      self->line_link_first[self->link_line[l] + 1]++;
      self->out_first[self->link_from[l] + 1]++;
    }
  for (int i = 0; i < self->n_lines; i++)
    self->line_link_first[i + 1] += self->line_link_first[i];
  for (int n = 0; n < N; n++)
    self->out_first[n + 1] += self->out_first[n];
  {
    g_autofree int *fill_line = g_memdup2 (self->line_link_first, sizeof (int) * (self->n_lines + 1));
    g_autofree int *fill_out = g_memdup2 (self->out_first, sizeof (int) * (N + 1));

    for (int l = 0; l < M; l++)
      {
        self->line_links[fill_line[self->link_line[l]]++] = l;
        self->out_links[fill_out[self->link_from[l]]++] = l;
      }
  }
  for (int n = 0; n < N; n++)
    {
      int a = self->out_first[n];

      /* Insertion sort of the positions by priority: stable, out-degrees
       * are small. */
      for (int i = a; i < self->out_first[n + 1]; i++)
        {
          int pv = wfl_scenario_get_link (scenario, self->out_links[i])->priority;
          int j = i;

          while (j > a &&
                 wfl_scenario_get_link (scenario, self->out_links[a + self->out_priority[j - 1]])->priority > pv)
            {
              self->out_priority[j] = self->out_priority[j - 1];
              j--;
            }
          self->out_priority[j] = i - a;
        }
    }

  /* The mix total of each line whose mixes are all constant, summed in
   * the order split_request() sums it every week. */
  self->line_mix_total = g_new (double, MAX (self->n_lines, 1));
  for (int i = 0; i < self->n_lines; i++)
    {
      double total = 0;

      for (int k = self->line_link_first[i]; k < self->line_link_first[i + 1]; k++)
        {
          int l = self->line_links[k];

          if (self->mix.column[l] >= 0)
            {
              total = NAN;
              break;
            }
          total += self->mix.value[l];
        }
      self->line_mix_total[i] = total;
    }
  self->link_mix_share = g_new (double, MAX (M, 1));
  for (int l = 0; l < M; l++)
    self->link_mix_share[l] = self->mix.value[l] / self->line_mix_total[self->link_line[l]];

  /* Links in transit for more than a week (line_in_transit() sums their
   * shipments of earlier weeks), and those that deliver in a later week
   * at all (the arrivals). */
  self->line_in_transit_weeks = g_new0 (gboolean, MAX (self->n_lines, 1));
  self->transit_links = g_new (int, MAX (M, 1));
  for (int l = 0; l < M; l++)
    {
      if (self->link_transit[l] >= 2)
        self->line_in_transit_weeks[self->link_line[l]] = TRUE;
      if (self->link_transit[l] >= 1)
        self->transit_links[self->n_transit_links++] = l;
    }

  compute_topo_order (self);

  /* Orders, customer by customer. */
  self->ordered_cum = g_new0 (double, (gsize) MAX (n_customers, 1) * W);
  self->cust_order_first = g_new0 (int, N + 1);
  for (int n = 0; n < N; n++)
    self->n_orders += (int) wfl_scenario_get_node (scenario, n)->orders->len;
  self->order_customer = g_new (int, MAX (self->n_orders, 1));
  self->order_id = g_new0 (char *, MAX (self->n_orders, 1));
  self->order_quantity = g_new (double, MAX (self->n_orders, 1));
  self->order_placed = g_new (int, MAX (self->n_orders, 1));
  self->order_due = g_new (int, MAX (self->n_orders, 1));
  self->order_placed_date = g_new (WflDate, MAX (self->n_orders, 1));
  self->order_due_date = g_new (WflDate, MAX (self->n_orders, 1));
  self->cust_orders = g_new (int, MAX (self->n_orders, 1));
  {
    int o = 0;

    for (int n = 0; n < N; n++)
      {
        WflNode *node = wfl_scenario_get_node (scenario, n);
        g_autofree OrderKey *keys = g_new (OrderKey, MAX (node->orders->len, 1));
        int first = o;

        self->cust_order_first[n] = o;
        for (guint i = 0; i < node->orders->len; i++, o++)
          {
            WflOrder *order = g_ptr_array_index (node->orders, i);

            self->order_customer[o] = n;
            self->order_id[o] = g_strdup (order->id);
            self->order_quantity[o] = order->quantity;
            self->order_placed[o] = wfl_week_of_date (self->start, order->placed);
            self->order_placed_date[o] = order->placed;
            self->order_due_date[o] = order->due;
            self->order_due[o] = order->due != WFL_DATE_NONE ? wfl_week_of_date (self->start, order->due) : -1;
            keys[i].index = o;
            keys[i].priority = order->priority;
            keys[i].placed = order->placed;
            if (self->cust_row[n] >= 0 && self->order_placed[o] < W)
              self->ordered_cum[(gsize) self->cust_row[n] * W + self->order_placed[o]] += order->quantity;
          }
        qsort (keys, node->orders->len, sizeof (OrderKey), compare_order_keys);
        for (guint i = 0; i < node->orders->len; i++)
          self->cust_orders[first + (int) i] = keys[i].index;
        if (self->cust_row[n] >= 0)
          {
            double *cum = self->ordered_cum + (gsize) self->cust_row[n] * W;

            for (int t = 1; t < W; t++)
              cum[t] += cum[t - 1];
          }
      }
    self->cust_order_first[N] = o;
  }

  compile_quarters (self);
}

WflSimulation *
wfl_simulation_new (WflScenario  *scenario,
                    GError      **error)
{
  WflSimulation *self;

  g_return_val_if_fail (WFL_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!wfl_scenario_check (scenario, error))
    return NULL;

  self = g_object_new (WFL_TYPE_SIMULATION, NULL);
  compile (self, scenario);
  return self;
}

/* ------------------------------------------------------------------ */
/* Run state */

WflSimRun *
_wfl_simulation_variant_new (WflSimulation *self)
{
  WflSimRun *run = g_new0 (WflSimRun, 1);
  gsize nw = (gsize) self->n_nodes * self->n_weeks;
  gsize mw = (gsize) self->n_links * self->n_weeks;
  int max_out = 1;

  for (int n = 0; n < self->n_nodes; n++)
    max_out = MAX (max_out, self->out_first[n + 1] - self->out_first[n]);

  run->requirement = big_new (double, nw);
  run->starts = big_new (double, nw);
  run->completed = big_new (double, nw);
  run->stock_end = big_new (double, nw);
  run->binding = big_new (guint8, nw);
  run->binding_line = big_new (int, nw);
  run->shipped = big_new (double, mw);
  run->stock = g_new (double, MAX (self->n_nodes, 1));
  run->pool = g_new (double, MAX (self->n_lines, 1));
  run->received = g_new (double, MAX (self->n_nodes, 1));
  run->received_week = g_new (double, MAX (self->n_nodes, 1));
  run->req_link = g_new (double, MAX (self->n_links, 1));
  run->alloc = g_new (double, max_out);
  run->order_scratch = g_new (int, max_out);
  run->remaining = g_new (double, MAX (self->n_orders, 1));
  run->delivered = g_new (double, MAX (self->n_orders, 1));
  run->delivered_by_due = g_new (double, MAX (self->n_orders, 1));
  run->filled_week = g_new (int, MAX (self->n_orders, 1));
  run->scaled_node = -1;
  run->factor = 1;
  return run;
}

static void
lots_clear (Lots *lots)
{
  arena_clear (&lots->entry_arena);
  arena_clear (&lots->stamp_arena);
  lots->entries = NULL;
  lots->stamps = NULL;
  g_clear_pointer (&lots->stock_q, g_free);
  g_clear_pointer (&lots->pool_q, g_free);
  g_clear_pointer (&lots->transit_q, g_free);
  g_clear_pointer (&lots->batch_chain, big_free);
  g_clear_pointer (&lots->order_chain, g_free);
}

void
_wfl_simulation_variant_free (WflSimRun *run)
{
  if (run == NULL)
    return;
  big_free (run->requirement);
  big_free (run->starts);
  big_free (run->completed);
  big_free (run->stock_end);
  big_free (run->binding);
  big_free (run->binding_line);
  big_free (run->shipped);
  g_free (run->stock);
  g_free (run->pool);
  g_free (run->received);
  g_free (run->received_week);
  g_free (run->req_link);
  g_free (run->alloc);
  g_free (run->order_scratch);
  g_free (run->remaining);
  g_free (run->delivered);
  g_free (run->delivered_by_due);
  g_free (run->filled_week);
  lots_clear (&run->lots);
  g_free (run);
}

static void
lots_init (WflSimulation *self,
           Lots          *lots)
{
  int guess = MAX (64, 4 * (self->n_nodes + self->n_links));
  gsize max_stamps = 0;

  /* At most one stamp per node for its initial stock, one per week of
   * its running start and one per week's batch: reserve them all, so the
   * stamp arena never grows (only the stamps made are touched). */
  for (int n = 0; n < self->n_nodes; n++)
    max_stamps += 1 + (gsize) self->lead[n] + (gsize) self->n_weeks;

  lots_clear (lots);
  arena_resize (&lots->entry_arena, sizeof (LotEntry) * guess);
  lots->entries = lots->entry_arena.data;
  lots->n_alloc = arena_capacity (&lots->entry_arena, sizeof (LotEntry));
  lots->n_used = 0;
  lots->free_head = -1;
  arena_resize (&lots->stamp_arena, sizeof (Stamp) * MAX (max_stamps, 64));
  lots->stamps = lots->stamp_arena.data;
  lots->stamps_alloc = arena_capacity (&lots->stamp_arena, sizeof (Stamp));
  lots->n_stamps = 0;
  lots->stock_q = g_new (Queue, MAX (self->n_nodes, 1));
  lots->pool_q = g_new (Queue, MAX (self->n_lines, 1));
  lots->transit_q = g_new (Queue, MAX (self->n_links, 1));
  for (int i = 0; i < self->n_nodes; i++)
    lots->stock_q[i] = (Queue) { -1, -1 };
  for (int i = 0; i < self->n_lines; i++)
    lots->pool_q[i] = (Queue) { -1, -1 };
  for (int i = 0; i < self->n_links; i++)
    lots->transit_q[i] = (Queue) { -1, -1 };
  lots->batch_weeks = 1;
  for (int n = 0; n < self->n_nodes; n++)
    lots->batch_weeks = MAX (lots->batch_weeks, self->lead[n] + 1);
  lots->batch_chain = big_new (int, (gsize) self->n_nodes * lots->batch_weeks);
  lots->order_chain = g_new (int, MAX (self->n_orders, 1));
  for (int i = 0; i < self->n_orders; i++)
    lots->order_chain[i] = -1;
}

/* The stamp of the batch node n started in week t is needed until it
 * completes, in week t + lead ≤ t + batch_weeks − 1, so a ring of
 * batch_weeks weeks holds it. */
static inline gsize
batch_slot (WflSimulation *self,
            Lots          *lots,
            int            n,
            int            t)
{
  return (gsize) (t % lots->batch_weeks) * self->n_nodes + n;
}

static int
stamp_new (Lots *lots,
           int   node,
           int   start,
           int   end,
           int   arrived,
           int   parent)
{
  Stamp *s;

  if (lots->n_stamps == lots->stamps_alloc)
    {
      arena_resize (&lots->stamp_arena, sizeof (Stamp) * lots->stamps_alloc * 2);
      lots->stamps = lots->stamp_arena.data;
      lots->stamps_alloc = arena_capacity (&lots->stamp_arena, sizeof (Stamp));
    }
  s = &lots->stamps[lots->n_stamps];
  s->node = node;
  s->start = start;
  s->end = end;
  s->arrived = arrived;
  s->parent = parent;
  return lots->n_stamps++;
}

static void
queue_push (Lots   *lots,
            Queue  *q,
            double  qty,
            int     chain,
            int     arrived)
{
  int i;

  if (!(qty > 0))
    return;
  if (q->tail >= 0 && lots->entries[q->tail].chain == chain &&
      lots->entries[q->tail].arrived == arrived)
    {
      lots->entries[q->tail].qty += qty;
      return;
    }
  if (lots->free_head >= 0)
    {
      i = lots->free_head;
      lots->free_head = lots->entries[i].next;
    }
  else
    {
      if (lots->n_used == lots->n_alloc)
        {
          arena_resize (&lots->entry_arena, sizeof (LotEntry) * lots->n_alloc * 2);
          lots->entries = lots->entry_arena.data;
          lots->n_alloc = arena_capacity (&lots->entry_arena, sizeof (LotEntry));
        }
      i = lots->n_used++;
    }
  lots->entries[i] = (LotEntry) { qty, chain, arrived, -1 };
  if (q->tail >= 0)
    lots->entries[q->tail].next = i;
  else
    q->head = i;
  q->tail = i;
}

static void
queue_pop (Lots  *lots,
           Queue *q)
{
  int i = q->head;

  q->head = lots->entries[i].next;
  if (q->head < 0)
    q->tail = -1;
  lots->entries[i].next = lots->free_head;
  lots->free_head = i;
}

static void
queue_clear (Lots  *lots,
             Queue *q)
{
  while (q->head >= 0)
    queue_pop (lots, q);
}

/* Takes `amount` from the front of q.  Pieces go to dest (when not NULL)
 * arriving in week dest_arrived; *last receives the entry consumed last
 * among those that arrived latest (ties: later in consumption order). */
static void
queue_take (Lots   *lots,
            Queue  *q,
            double  amount,
            Queue  *dest,
            int     dest_arrived,
            int    *last_chain,
            int    *last_arrived)
{
  while (amount > 0 && q->head >= 0)
    {
      LotEntry *e = &lots->entries[q->head];
      double take;
      int chain = e->chain;
      int arrived = e->arrived;

      if (e->qty <= amount * (1 + EPS))
        {
          take = e->qty;
          queue_pop (lots, q);
        }
      else
        {
          take = amount;
          e->qty -= amount;
        }
      amount -= take;
      if (last_chain != NULL && arrived >= *last_arrived)
        {
          *last_arrived = arrived;
          *last_chain = chain;
        }
      if (dest != NULL)
        queue_push (lots, dest, take, chain, dest_arrived);
    }
}

/* ------------------------------------------------------------------ */
/* The weekly loop */

static inline double
snap (double value,
      double scale)
{
  return value > EPS * MAX (scale, 1.0) ? value : 0;
}

/* Good units of the batch a (non-customer) node started in week s:
 * starts × yield(start week). */
static inline double
good_at (WflSimulation *self,
         WflSimRun     *run,
         int            n,
         int            s)
{
  return s >= 0 ? run->starts[(gsize) s * self->n_nodes + n] * table_at (&self->yield, n, s)
                : self->initial_rate[n] * table_at (&self->yield, n, 0);
}

static inline double
capacity_at (WflSimulation *self,
             WflSimRun     *run,
             int            n,
             int            t)
{
  double c = table_at (&self->capacity, n, t);

  return n == run->scaled_node ? c * run->factor : c;
}

/* Units shipped on the line's links and not yet arrived, as seen after
 * this week's arrivals. */
static double
line_in_transit (WflSimulation *self,
                 WflSimRun     *run,
                 int            line,
                 int            t)
{
  double sum = 0;

  if (!self->line_in_transit_weeks[line])
    return 0;
  for (int k = self->line_link_first[line]; k < self->line_link_first[line + 1]; k++)
    {
      int l = self->line_links[k];
      for (int s = MAX (0, t - self->link_transit[l] + 1); s < t; s++)
        sum += run->shipped[(gsize) s * self->n_links + l];
    }
  return sum;
}

/* Splits a line's request over its links by mix. */
static void
split_request (WflSimulation *self,
               WflSimRun     *run,
               int            line,
               int            t,
               double         request)
{
  int a = self->line_link_first[line], b = self->line_link_first[line + 1];
  double total = self->line_mix_total[line];

  if (!isnan (total))
    {
      /* Constant mixes: mix / total is the same every week. */
      for (int k = a; k < b; k++)
        {
          int l = self->line_links[k];

          run->req_link[l] = total > 0 && request > 0 ? request * self->link_mix_share[l] : 0;
        }
      return;
    }

  total = 0;
  for (int k = a; k < b; k++)
    total += table_at (&self->mix, self->line_links[k], t);
  for (int k = a; k < b; k++)
    {
      int l = self->line_links[k];

      run->req_link[l] = total > 0 && request > 0
                         ? request * (table_at (&self->mix, l, t) / total)
                         : 0;
    }
}

static void
compute_needs (WflSimulation *self,
               WflSimRun     *run,
               int            n,
               int            t)
{
  gsize nt = (gsize) t * self->n_nodes + n;
  int L = self->lead[n];

  if (self->kind[n] == WFL_NODE_KIND_CUSTOMER)
    {
      double ordered = self->ordered_cum[(gsize) self->cust_row[n] * self->n_weeks + t];
      double need = 0;

      for (int i = self->line_first[n]; i < self->line_first[n + 1]; i++)
        need += line_in_transit (self, run, i, t);
      need = snap (ordered - run->received[n] - need, ordered);
      run->requirement[nt] = need;
      for (int i = self->line_first[n]; i < self->line_first[n + 1]; i++)
        split_request (self, run, i, t, need);
      return;
    }
  else
    {
      double need = 0, expected = 0, S;

      for (int k = self->out_first[n]; k < self->out_first[n + 1]; k++)
        need += run->req_link[self->out_links[k]];
      for (int s = t - L + 1; s < t; s++)
        expected += good_at (self, run, n, s);
      S = snap (need - run->stock[n] - expected, need) / table_at (&self->yield, n, t);
      run->requirement[nt] = S;

      for (int i = self->line_first[n]; i < self->line_first[n + 1]; i++)
        {
          double want = S * self->line_per_unit[i];
          double request = snap (want - run->pool[i] - line_in_transit (self, run, i, t), want);

          split_request (self, run, i, t, request);
        }
    }
}

/* Splits `supply` over the node's outgoing links by its policy; a link
 * never gets more than it requested.  Fills run->alloc in out-link order. */
static void
allocate (WflSimulation *self,
          WflSimRun     *run,
          int            n,
          double         supply)
{
  int a = self->out_first[n], b = self->out_first[n + 1], k = b - a;
  double total = 0;
  double *x = run->alloc;

  for (int i = 0; i < k; i++)
    total += run->req_link[self->out_links[a + i]];

  if (self->allocation[n] == WFL_ALLOCATION_FIXED_SHARE)
    {
      double sum = self->share_sum[n];

      for (int i = 0; i < k; i++)
        {
          int l = self->out_links[a + i];
          double cap = sum > 0 ? supply * (self->link_share[l] / sum) : 0;

          x[i] = MIN (run->req_link[l], cap);
        }
      return;
    }

  if (total <= supply)
    {
      for (int i = 0; i < k; i++)
        x[i] = run->req_link[self->out_links[a + i]];
      return;
    }

  switch ((WflAllocation) self->allocation[n])
    {
    case WFL_ALLOCATION_PRIORITY:
      {
        double left = supply;

        for (int j = a; j < b; j++)
          {
            int i = self->out_priority[j];
            double give = MIN (run->req_link[self->out_links[a + i]], left);

            x[i] = give;
            left -= give;
          }
      }
      break;

    case WFL_ALLOCATION_FAIR_SHARE:
      {
        int *order = run->order_scratch;
        double left = supply;

        /* Water-filling: requests ascending (stable), each gets the
         * smaller of its request and an equal part of what is left. */
        for (int i = 0; i < k; i++)
          {
            double r = run->req_link[self->out_links[a + i]];
            int j = i;

            while (j > 0 && run->req_link[self->out_links[a + order[j - 1]]] > r)
              {
                order[j] = order[j - 1];
                j--;
              }
            order[j] = i;
          }
        for (int j = 0; j < k; j++)
          {
            int i = order[j];
            double give = MIN (run->req_link[self->out_links[a + i]], left / (k - j));

            x[i] = give;
            left -= give;
          }
      }
      break;

    case WFL_ALLOCATION_PROPORTIONAL:
    case WFL_ALLOCATION_FIXED_SHARE:
    default:
      {
        double ratio = supply / total;

        for (int i = 0; i < k; i++)
          x[i] = run->req_link[self->out_links[a + i]] * ratio;
      }
      break;
    }
}

static void
fill_orders (WflSimulation *self,
             WflSimRun     *run,
             int            n,
             int            t)
{
  Lots *lots = &run->lots;
  int line = self->line_first[n] < self->line_first[n + 1] ? self->line_first[n] : -1;
  double avail = line >= 0 ? run->pool[line] : 0;

  for (int k = self->cust_order_first[n]; k < self->cust_order_first[n + 1]; k++)
    {
      int o = self->cust_orders[k];
      double take;

      if (run->filled_week[o] >= 0 || self->order_placed[o] > t)
        continue;
      take = MIN (run->remaining[o], avail);
      if (take > 0)
        {
          run->remaining[o] -= take;
          run->delivered[o] += take;
          if (self->order_due[o] >= 0 && t <= self->order_due[o])
            run->delivered_by_due[o] += take;
          avail -= take;
          if (run->track_lots)
            {
              int last_arrived = G_MININT;

              queue_take (lots, &lots->pool_q[line], take, NULL, 0,
                          &lots->order_chain[o], &last_arrived);
            }
        }
      if (run->remaining[o] <= EPS * MAX (self->order_quantity[o], 1.0))
        {
          run->remaining[o] = 0;
          run->filled_week[o] = t;
        }
    }

  if (line >= 0)
    {
      run->pool[line] = snap (avail, run->received_week[n]);
      if (run->pool[line] == 0 && run->track_lots)
        queue_clear (lots, &lots->pool_q[line]);
    }
}

static void
start_and_ship (WflSimulation *self,
                WflSimRun     *run,
                int            n,
                int            t)
{
  Lots *lots = &run->lots;
  int W = self->n_weeks;
  gsize nt = (gsize) t * self->n_nodes + n;
  int L = self->lead[n];
  double cap = capacity_at (self, run, n, t);
  double S = run->requirement[nt];
  double starts = MIN (cap, S);  /* D, the desired starts */
  double good;
  int limiting = -1;
  double shipped_total = 0;

  for (int i = self->line_first[n]; i < self->line_first[n + 1]; i++)
    {
      double lim = run->pool[i] / self->line_per_unit[i];

      if (lim < starts)
        starts = lim;
    }

  /* The binding constraint. */
  if (starts >= S * (1 - EPS))
    run->binding[nt] = WFL_BINDING_DEMAND;
  else if (cap <= starts * (1 + EPS) || cap == 0)
    run->binding[nt] = WFL_BINDING_CAPACITY;
  else
    {
      run->binding[nt] = WFL_BINDING_INPUT;
      for (int i = self->line_first[n]; i < self->line_first[n + 1]; i++)
        if (run->pool[i] / self->line_per_unit[i] <= starts * (1 + EPS))
          {
            limiting = i;
            break;
          }
    }
  run->binding_line[nt] = limiting;

  run->starts[nt] = starts;
  good = starts * table_at (&self->yield, n, t);

  /* Consume the inputs; the batch inherits the stamps of the input that
   * arrived last. */
  {
    int chain = -1, arrived = G_MININT;

    for (int i = self->line_first[n]; i < self->line_first[n + 1]; i++)
      {
        double use = starts * self->line_per_unit[i];
        double before = run->pool[i];

        run->pool[i] = snap (before - use, before);
        if (run->track_lots && use > 0)
          {
            queue_take (lots, &lots->pool_q[i], use, NULL, 0, &chain, &arrived);
            if (run->pool[i] == 0)
              queue_clear (lots, &lots->pool_q[i]);
          }
      }
    if (run->track_lots)
      {
        int batch = -1;

        if (starts > 0)
          batch = stamp_new (lots, n, t, t + L, chain >= 0 ? arrived : t, chain);
        lots->batch_chain[batch_slot (self, lots, n, t)] = batch;
        if (L == 0)
          queue_push (lots, &lots->stock_q[n], good, batch, t);
      }
  }

  if (L == 0)
    {
      run->completed[nt] = good;
      run->stock[n] += good;
    }

  /* Ship. */
  if (self->out_first[n] < self->out_first[n + 1])
    {
      double supply = run->stock[n];

      allocate (self, run, n, supply);
      for (int k = self->out_first[n]; k < self->out_first[n + 1]; k++)
        {
          int l = self->out_links[k];
          double x = run->alloc[k - self->out_first[n]];
          int T = self->link_transit[l];
          int line = self->link_line[l];

          run->shipped[(gsize) t * self->n_links + l] = x;
          shipped_total += x;
          if (x <= 0)
            continue;
          if (T == 0)
            {
              run->pool[line] += x;
              if (self->kind[self->link_to[l]] == WFL_NODE_KIND_CUSTOMER)
                {
                  run->received[self->link_to[l]] += x;
                  run->received_week[self->link_to[l]] += x;
                }
            }
          if (run->track_lots)
            {
              if (T == 0)
                queue_take (lots, &lots->stock_q[n], x, &lots->pool_q[line], t, NULL, NULL);
              else if (t + T < W)
                queue_take (lots, &lots->stock_q[n], x, &lots->transit_q[l], t + T, NULL, NULL);
              else
                queue_take (lots, &lots->stock_q[n], x, NULL, 0, NULL, NULL);
            }
        }
      run->stock[n] = snap (supply - shipped_total, supply);
      if (run->track_lots && run->stock[n] == 0)
        queue_clear (lots, &lots->stock_q[n]);
    }
}

/* Records what is left of a node's week (the rest was stored on the way). */
static void
record_node (WflSimulation *self,
             WflSimRun     *run,
             int            n,
             int            t)
{
  gsize nt = (gsize) t * self->n_nodes + n;

  if (self->kind[n] == WFL_NODE_KIND_CUSTOMER)
    {
      run->starts[nt] = 0;
      run->completed[nt] = run->received_week[n];
      run->stock_end[nt] = run->received[n];
      run->binding[nt] = WFL_BINDING_NONE;
      run->binding_line[nt] = -1;
    }
  else
    run->stock_end[nt] = run->stock[n];
}

/* Simulates every week into run; FALSE when cancelled. */
static gboolean
simulate (WflSimulation *self,
          WflSimRun     *run,
          GCancellable  *cancellable)
{
  int N = self->n_nodes, M = self->n_links, W = self->n_weeks;
  Lots *lots = &run->lots;

  for (int n = 0; n < N; n++)
    {
      run->stock[n] = self->initial_stock[n];
      run->received[n] = 0;
    }
  memset (run->pool, 0, sizeof (double) * MAX (self->n_lines, 1));
  memset (run->req_link, 0, sizeof (double) * MAX (M, 1));
  for (int o = 0; o < self->n_orders; o++)
    {
      run->remaining[o] = self->order_quantity[o];
      run->delivered[o] = 0;
      run->delivered_by_due[o] = self->order_due[o] >= 0 ? 0 : NAN;
      run->filled_week[o] = -1;
    }
  if (run->track_lots)
    {
      lots_init (self, lots);
      for (int n = 0; n < N; n++)
        if (self->initial_stock[n] > 0)
          {
            int L = self->lead[n];
            int chain = stamp_new (lots, n, -L - 1, -1, -L - 1, -1);

            queue_push (lots, &lots->stock_q[n], self->initial_stock[n], chain, -1);
          }
    }

  for (int t = 0; t < W; t++)
    {
      if ((t & 15) == 0 && g_cancellable_is_cancelled (cancellable))
        return FALSE;

      /* 1. Arrivals. */
      for (int n = 0; n < N; n++)
        {
          int L = self->lead[n];
          gsize nt = (gsize) t * N + n;

          run->received_week[n] = 0;
          run->completed[nt] = 0;
          if (L >= 1 && self->kind[n] != WFL_NODE_KIND_CUSTOMER)
            {
              double c = good_at (self, run, n, t - L);

              run->completed[nt] = c;
              run->stock[n] += c;
              if (run->track_lots && c > 0)
                {
                  int chain;

                  if (t - L >= 0)
                    chain = lots->batch_chain[batch_slot (self, lots, n, t - L)];
                  else
                    chain = stamp_new (lots, n, t - L, t, t - L, -1);
                  queue_push (lots, &lots->stock_q[n], c, chain, t);
                }
            }
        }
      for (int k = 0; k < self->n_transit_links; k++)
        {
          int l = self->transit_links[k];
          int T = self->link_transit[l];
          double q;
          int line, to;

          if (t - T < 0)
            continue;
          q = run->shipped[(gsize) (t - T) * M + l];
          if (q <= 0)
            continue;
          line = self->link_line[l];
          to = self->link_to[l];
          run->pool[line] += q;
          if (self->kind[to] == WFL_NODE_KIND_CUSTOMER)
            {
              run->received[to] += q;
              run->received_week[to] += q;
            }
          if (run->track_lots)
            {
              Queue *tq = &lots->transit_q[l];

              while (tq->head >= 0 && lots->entries[tq->head].arrived <= t)
                {
                  LotEntry e = lots->entries[tq->head];

                  queue_pop (lots, tq);
                  queue_push (lots, &lots->pool_q[line], e.qty, e.chain, t);
                }
            }
        }

      /* 2. Needs, downstream first. */
      for (int i = N - 1; i >= 0; i--)
        compute_needs (self, run, self->topo[i], t);

      /* 3. Start and ship, upstream first. */
      for (int i = 0; i < N; i++)
        {
          int n = self->topo[i];

          if (self->kind[n] == WFL_NODE_KIND_CUSTOMER)
            fill_orders (self, run, n, t);
          else
            start_and_ship (self, run, n, t);
          record_node (self, run, n, t);
        }
    }

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Results */

static void
build_order_results (WflSimulation *self)
{
  WflSimRun *run = self->run;
  Lots *lots = &run->lots;
  gsize n_stages = 0;
  gsize pos = 0;

  g_clear_pointer (&self->orders, g_free);
  g_clear_pointer (&self->stages, g_free);
  self->orders = g_new0 (WflOrderResult, MAX (self->n_orders, 1));

  for (int o = 0; o < self->n_orders; o++)
    if (run->filled_week[o] >= 0)
      {
        n_stages++;
        for (int c = lots->order_chain[o]; c >= 0; c = lots->stamps[c].parent)
          n_stages++;
      }
  self->stages = g_new0 (WflStage, MAX (n_stages, 1));

  for (int o = 0; o < self->n_orders; o++)
    {
      WflOrderResult *r = &self->orders[o];

      r->customer = (guint) self->order_customer[o];
      r->id = self->order_id[o];
      r->quantity = self->order_quantity[o];
      r->placed = self->order_placed_date[o];
      r->due = self->order_due_date[o];
      r->placed_week = self->order_placed[o] < self->n_weeks ? self->order_placed[o] : -1;
      r->due_week = self->order_due[o];
      r->filled_week = run->filled_week[o];
      r->delivered = run->delivered[o];
      r->delivered_by_due = run->delivered_by_due[o];
      r->lateness_weeks = (r->filled_week >= 0 && r->due_week >= 0) ? r->filled_week - r->due_week : 0;
      r->n_stages = 0;
      r->stages = self->stages + pos;

      if (r->filled_week >= 0)
        {
          guint depth = 0;
          WflStage *st = self->stages + pos;

          for (int c = lots->order_chain[o]; c >= 0; c = lots->stamps[c].parent)
            depth++;
          {
            guint k = depth;

            for (int c = lots->order_chain[o]; c >= 0; c = lots->stamps[c].parent)
              {
                const Stamp *s = &lots->stamps[c];

                k--;
                st[k].node = (guint) s->node;
                st[k].start_week = s->start;
                st[k].end_week = s->end;
                st[k].arrived_week = s->arrived;
              }
          }
          st[depth].node = r->customer;
          st[depth].start_week = r->filled_week;
          st[depth].end_week = r->filled_week;
          st[depth].arrived_week = r->filled_week;
          for (guint k = 0; k <= depth; k++)
            st[k].wait_before_weeks = k == 0 ? 0 : st[k].start_week - st[k - 1].end_week;
          r->n_stages = depth + 1;
          pos += depth + 1;
        }
    }
}

gboolean
wfl_simulation_run (WflSimulation  *self,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  self->has_run = FALSE;
  if (self->run == NULL)
    self->run = _wfl_simulation_variant_new (self);
  self->run->track_lots = TRUE;
  self->run->scaled_node = -1;
  self->run->factor = 1;

  if (!simulate (self, self->run, cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The simulation was cancelled."));
      return FALSE;
    }
  build_order_results (self);
  /* The lot pool is only needed to build the timelines. */
  lots_clear (&self->run->lots);
  self->has_run = TRUE;
  return TRUE;
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;

  if (wfl_simulation_run (source_object, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
wfl_simulation_run_async (WflSimulation       *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (WFL_IS_SIMULATION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wfl_simulation_run_async);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_thread);
}

gboolean
wfl_simulation_run_finish (WflSimulation  *self,
                           GAsyncResult   *result,
                           GError        **error)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
wfl_simulation_has_run (WflSimulation *self)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), FALSE);
  return self->has_run;
}

/* Mean lateness over orders with a due date; unfilled count as filled in
 * week n_weeks. */
static double
mean_lateness (WflSimulation *self,
               const int     *filled_week)
{
  double sum = 0;
  int count = 0;

  for (int o = 0; o < self->n_orders; o++)
    {
      int filled;

      if (self->order_due[o] < 0)
        continue;
      filled = filled_week[o] >= 0 ? filled_week[o] : self->n_weeks;
      sum += filled - self->order_due[o];
      count++;
    }
  return count > 0 ? sum / count : 0;
}

static gboolean
clamp_window (WflSimulation *self,
              int           *from,
              int           *to)
{
  *from = MAX (*from, 0);
  *to = MIN (*to, self->n_weeks - 1);
  return *from <= *to;
}

/* completed is week-major (a run's state) or node-major (the results). */
static double
delivered_in (WflSimulation *self,
              const double  *completed,
              gboolean       week_major,
              int            customer,
              int            from,
              int            to)
{
  double sum = 0;

  if (!clamp_window (self, &from, &to))
    return 0;
  for (int n = 0; n < self->n_nodes; n++)
    {
      if (self->kind[n] != WFL_NODE_KIND_CUSTOMER || (customer >= 0 && customer != n))
        continue;
      for (int t = from; t <= to; t++)
        sum += week_major ? completed[(gsize) t * self->n_nodes + n]
                          : completed[(gsize) n * self->n_weeks + t];
    }
  return sum;
}

void
_wfl_simulation_run_variant (WflSimulation *self,
                             WflSimRun     *run,
                             int            node,
                             double         factor,
                             int            from_week,
                             int            to_week,
                             double        *delivered,
                             double        *lateness)
{
  run->track_lots = FALSE;
  run->scaled_node = node;
  run->factor = factor;
  simulate (self, run, NULL);
  *delivered = delivered_in (self, run->completed, TRUE, -1, from_week, to_week);
  *lateness = mean_lateness (self, run->filled_week);
}

/* ------------------------------------------------------------------ */
/* Accessors */

#define CHECK_RUN(self, val) G_STMT_START {                     \
    g_return_val_if_fail (WFL_IS_SIMULATION (self), val);      \
    g_return_val_if_fail ((self)->has_run, val);               \
  } G_STMT_END

WflDate
wfl_simulation_get_start (WflSimulation *self)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), WFL_DATE_NONE);
  return self->start;
}

int
wfl_simulation_get_n_weeks (WflSimulation *self)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), 0);
  return self->n_weeks;
}

WflDate
wfl_simulation_get_week_date (WflSimulation *self,
                              int            week)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), WFL_DATE_NONE);
  return wfl_date_of_week (self->start, week);
}

guint
wfl_simulation_get_n_nodes (WflSimulation *self)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), 0);
  return (guint) self->n_nodes;
}

int
wfl_simulation_find_node (WflSimulation *self,
                          const char    *id)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), -1);
  for (int n = 0; n < self->n_nodes; n++)
    if (g_strcmp0 (self->node_id[n], id) == 0)
      return n;
  return -1;
}

#define CHECK_NODE(self, node, val) G_STMT_START {              \
    g_return_val_if_fail (WFL_IS_SIMULATION (self), val);      \
    g_return_val_if_fail ((int) (node) < (self)->n_nodes, val); \
  } G_STMT_END

const char *
wfl_simulation_get_node_id (WflSimulation *self,
                            guint          node)
{
  CHECK_NODE (self, node, NULL);
  return self->node_id[node];
}

const char *
wfl_simulation_get_node_name (WflSimulation *self,
                              guint          node)
{
  CHECK_NODE (self, node, NULL);
  return self->node_name[node];
}

const char *
wfl_simulation_get_node_unit (WflSimulation *self,
                              guint          node)
{
  CHECK_NODE (self, node, NULL);
  return self->node_unit[node];
}

WflNodeKind
wfl_simulation_get_node_kind (WflSimulation *self,
                              guint          node)
{
  CHECK_NODE (self, node, WFL_NODE_KIND_PROCESS);
  return (WflNodeKind) self->kind[node];
}

int
wfl_simulation_get_node_lead_weeks (WflSimulation *self,
                                    guint          node)
{
  CHECK_NODE (self, node, 0);
  return self->lead[node];
}

gboolean
wfl_simulation_node_has_capacity (WflSimulation *self,
                                  guint          node)
{
  CHECK_NODE (self, node, FALSE);
  return self->has_capacity[node];
}

guint
wfl_simulation_get_node_rank (WflSimulation *self,
                              guint          node)
{
  CHECK_NODE (self, node, 0);
  return (guint) self->rank[node];
}

guint
wfl_simulation_get_n_links (WflSimulation *self)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), 0);
  return (guint) self->n_links;
}

#define CHECK_LINK(self, link, val) G_STMT_START {              \
    g_return_val_if_fail (WFL_IS_SIMULATION (self), val);      \
    g_return_val_if_fail ((int) (link) < (self)->n_links, val); \
  } G_STMT_END

guint
wfl_simulation_get_link_from (WflSimulation *self,
                              guint          link)
{
  CHECK_LINK (self, link, 0);
  return (guint) self->link_from[link];
}

guint
wfl_simulation_get_link_to (WflSimulation *self,
                            guint          link)
{
  CHECK_LINK (self, link, 0);
  return (guint) self->link_to[link];
}

int
wfl_simulation_get_link_transit (WflSimulation *self,
                                 guint          link)
{
  CHECK_LINK (self, link, 0);
  return self->link_transit[link];
}

const char *
wfl_simulation_get_link_input (WflSimulation *self,
                               guint          link)
{
  CHECK_LINK (self, link, NULL);
  return self->line_name[self->link_line[link]];
}

#define NT(self, n, t) ((gsize) (t) * (self)->n_nodes + (n))
#define LT(self, l, t) ((gsize) (t) * (self)->n_links + (l))

/* One value of a series: stored, or derived exactly as the weekly loop
 * used to compute it (see WflSimRun). */
static double
node_value (WflSimulation *self,
            int            n,
            WflSeries      series,
            int            t)
{
  WflSimRun *run = self->run;
  gsize nt = NT (self, n, t);
  gboolean customer = self->kind[n] == WFL_NODE_KIND_CUSTOMER;

  switch (series)
    {
    case WFL_SERIES_CAPACITY:
      return customer || !self->has_capacity[n] ? NAN : table_at (&self->capacity, n, t);

    case WFL_SERIES_DESIRED:
      /* D = min (capacity, S); a customer's is its open need. */
      return customer ? run->requirement[nt]
                      : MIN (table_at (&self->capacity, n, t), run->requirement[nt]);

    case WFL_SERIES_REQUIREMENT:
      return run->requirement[nt];

    case WFL_SERIES_STARTS:
      return run->starts[nt];

    case WFL_SERIES_COMPLETED:
      return run->completed[nt];

    case WFL_SERIES_STOCK:
      return run->stock_end[nt];

    case WFL_SERIES_WIP:
      {
        /* The batches started in the last lead weeks, this one included
         * (the running start before week 0). */
        double wip = 0;

        if (customer || self->lead[n] == 0)
          return 0;
        for (int s = t - self->lead[n] + 1; s <= t; s++)
          wip += s >= 0 ? run->starts[NT (self, n, s)] : self->initial_rate[n];
        return wip;
      }

    case WFL_SERIES_UTILISATION:
      {
        double cap = table_at (&self->capacity, n, t);

        return !customer && self->has_capacity[n] && cap > 0 ? run->starts[nt] / cap : NAN;
      }

    case WFL_SERIES_SHIPPED:
      {
        /* Summed over the out links in the order the loop shipped them. */
        double total = 0;

        if (customer)
          return 0;
        for (int k = self->out_first[n]; k < self->out_first[n + 1]; k++)
          total += run->shipped[LT (self, self->out_links[k], t)];
        return total;
      }

    case WFL_N_SERIES:
    default:
      g_assert_not_reached ();
    }
}

void
wfl_simulation_get_node_series (WflSimulation *self,
                                guint          node,
                                WflSeries      series,
                                double        *out)
{
  g_return_if_fail (WFL_IS_SIMULATION (self));
  g_return_if_fail (self->has_run);
  g_return_if_fail ((int) node < self->n_nodes);
  g_return_if_fail (series < WFL_N_SERIES);
  g_return_if_fail (out != NULL);

  for (int t = 0; t < self->n_weeks; t++)
    out[t] = node_value (self, (int) node, series, t);
}

double
wfl_simulation_get_node_value (WflSimulation *self,
                               guint          node,
                               WflSeries      series,
                               int            week)
{
  CHECK_RUN (self, NAN);
  CHECK_NODE (self, node, NAN);
  g_return_val_if_fail (series < WFL_N_SERIES, NAN);
  g_return_val_if_fail (week >= 0 && week < self->n_weeks, NAN);
  return node_value (self, (int) node, series, week);
}

WflBinding
wfl_simulation_get_binding (WflSimulation  *self,
                            guint           node,
                            int             week,
                            const char    **input)
{
  gsize nt;

  CHECK_RUN (self, WFL_BINDING_NONE);
  CHECK_NODE (self, node, WFL_BINDING_NONE);
  g_return_val_if_fail (week >= 0 && week < self->n_weeks, WFL_BINDING_NONE);

  nt = NT (self, node, week);
  if (input != NULL)
    *input = self->run->binding_line[nt] >= 0 ? self->line_name[self->run->binding_line[nt]] : NULL;
  return (WflBinding) self->run->binding[nt];
}

guint
wfl_simulation_count_bound_weeks (WflSimulation *self,
                                  guint          node,
                                  int            from_week,
                                  int            to_week)
{
  guint count = 0;

  CHECK_RUN (self, 0);
  CHECK_NODE (self, node, 0);
  if (!clamp_window (self, &from_week, &to_week))
    return 0;
  for (int t = from_week; t <= to_week; t++)
    count += self->run->binding[NT (self, node, t)] == WFL_BINDING_CAPACITY;
  return count;
}

double
wfl_simulation_sum_node_series (WflSimulation *self,
                                guint          node,
                                WflSeries      series,
                                int            from_week,
                                int            to_week)
{
  double sum = 0;

  CHECK_RUN (self, NAN);
  CHECK_NODE (self, node, NAN);
  g_return_val_if_fail (series < WFL_N_SERIES, NAN);
  if (!clamp_window (self, &from_week, &to_week))
    return 0;
  for (int t = from_week; t <= to_week; t++)
    sum += node_value (self, (int) node, series, t);
  return sum;
}

double
wfl_simulation_get_link_shipped (WflSimulation *self,
                                 guint          link,
                                 int            week)
{
  CHECK_RUN (self, NAN);
  CHECK_LINK (self, link, NAN);
  g_return_val_if_fail (week >= 0 && week < self->n_weeks, NAN);
  return self->run->shipped[LT (self, link, week)];
}

double
wfl_simulation_sum_link_shipped (WflSimulation *self,
                                 guint          link,
                                 int            from_week,
                                 int            to_week)
{
  double sum = 0;

  CHECK_RUN (self, NAN);
  CHECK_LINK (self, link, NAN);
  if (!clamp_window (self, &from_week, &to_week))
    return 0;
  for (int t = from_week; t <= to_week; t++)
    sum += self->run->shipped[LT (self, link, t)];
  return sum;
}

guint
wfl_simulation_get_n_orders (WflSimulation *self)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), 0);
  return (guint) self->n_orders;
}

const WflOrderResult *
wfl_simulation_get_order (WflSimulation *self,
                          guint          order)
{
  CHECK_RUN (self, NULL);
  g_return_val_if_fail ((int) order < self->n_orders, NULL);
  return &self->orders[order];
}

double
wfl_simulation_get_delivered (WflSimulation *self,
                              int            customer,
                              int            from_week,
                              int            to_week)
{
  CHECK_RUN (self, NAN);
  return delivered_in (self, self->run->completed, TRUE, customer, from_week, to_week);
}

double
wfl_simulation_get_fill_rate (WflSimulation *self,
                              int            customer)
{
  double by_due = 0, quantity = 0;
  gboolean any = FALSE;

  CHECK_RUN (self, NAN);
  for (int o = 0; o < self->n_orders; o++)
    {
      if (self->order_due[o] < 0 || (customer >= 0 && self->order_customer[o] != customer))
        continue;
      any = TRUE;
      by_due += self->orders[o].delivered_by_due;
      quantity += self->order_quantity[o];
    }
  if (!any)
    return NAN;
  return quantity > 0 ? by_due / quantity : 1;
}

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return x < y ? -1 : (x > y);
}

gboolean
wfl_simulation_get_lead_time (WflSimulation *self,
                              int            customer,
                              double        *median,
                              double        *p90)
{
  g_autofree int *times = NULL;
  int n = 0;

  CHECK_RUN (self, FALSE);
  times = g_new (int, MAX (self->n_orders, 1));
  for (int o = 0; o < self->n_orders; o++)
    {
      if (self->run->filled_week[o] < 0 || (customer >= 0 && self->order_customer[o] != customer))
        continue;
      times[n++] = self->run->filled_week[o] - self->order_placed[o];
    }
  if (n == 0)
    return FALSE;
  qsort (times, n, sizeof (int), compare_int);
  /* Nearest rank: the ceil (p × n)-th smallest. */
  if (median != NULL)
    *median = times[MAX ((int) ceil (0.5 * n), 1) - 1];
  if (p90 != NULL)
    *p90 = times[MAX ((int) ceil (0.9 * n), 1) - 1];
  return TRUE;
}

double
wfl_simulation_get_mean_lateness (WflSimulation *self)
{
  CHECK_RUN (self, NAN);
  return mean_lateness (self, self->run->filled_week);
}

guint
wfl_simulation_get_n_quarters (WflSimulation *self)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), 0);
  return (guint) self->n_quarters;
}

void
wfl_simulation_get_quarter_weeks (WflSimulation *self,
                                  guint          quarter,
                                  int           *first_week,
                                  int           *last_week)
{
  g_return_if_fail (WFL_IS_SIMULATION (self));
  g_return_if_fail ((int) quarter < self->n_quarters);
  if (first_week != NULL)
    *first_week = self->quarter_first[quarter];
  if (last_week != NULL)
    *last_week = self->quarter_first[quarter + 1] - 1;
}

double
wfl_simulation_get_quarter_utilisation (WflSimulation *self,
                                        guint          node,
                                        guint          quarter)
{
  int a, b;
  double starts, cap;

  CHECK_RUN (self, NAN);
  CHECK_NODE (self, node, NAN);
  g_return_val_if_fail ((int) quarter < self->n_quarters, NAN);
  if (!self->has_capacity[node])
    return NAN;
  wfl_simulation_get_quarter_weeks (self, quarter, &a, &b);
  starts = wfl_simulation_sum_node_series (self, node, WFL_SERIES_STARTS, a, b);
  cap = wfl_simulation_sum_node_series (self, node, WFL_SERIES_CAPACITY, a, b);
  return cap > 0 ? starts / cap : NAN;
}

double
wfl_simulation_get_quarter_bound_share (WflSimulation *self,
                                        guint          node,
                                        guint          quarter)
{
  int a, b;

  CHECK_RUN (self, NAN);
  CHECK_NODE (self, node, NAN);
  g_return_val_if_fail ((int) quarter < self->n_quarters, NAN);
  wfl_simulation_get_quarter_weeks (self, quarter, &a, &b);
  return (double) wfl_simulation_count_bound_weeks (self, node, a, b) / (double) (b - a + 1);
}

/* Whether node n limited the flow in week t: it was capacity-bound and
 * what it makes was wanted at once, that is one of its consumers was held
 * back by the line n feeds (binding input:<that line>) or is a customer
 * still short of what it ordered.  A supplier that runs at capacity only
 * to pile material up in front of a downstream bottleneck (requests carry
 * the whole outstanding requirement) is capacity-bound but not limiting. */
static gboolean
is_limiting (WflSimulation *self,
             guint          n,
             int            t)
{
  if (self->run->binding[NT (self, n, t)] != WFL_BINDING_CAPACITY)
    return FALSE;

  for (guint l = 0; l < wfl_simulation_get_n_links (self); l++)
    {
      guint to;
      const char *line = NULL;

      if (wfl_simulation_get_link_from (self, l) != n)
        continue;
      to = wfl_simulation_get_link_to (self, l);
      if (wfl_simulation_get_node_kind (self, to) == WFL_NODE_KIND_CUSTOMER)
        {
          if (wfl_simulation_get_node_value (self, to, WFL_SERIES_DESIRED, t) > 0)
            return TRUE;
        }
      else if (wfl_simulation_get_binding (self, to, t, &line) == WFL_BINDING_INPUT &&
               g_strcmp0 (line, wfl_simulation_get_link_input (self, l)) == 0)
        return TRUE;
    }
  return FALSE;
}

guint
wfl_simulation_count_limiting_weeks (WflSimulation *self,
                                     guint          node,
                                     int            from_week,
                                     int            to_week)
{
  guint weeks = 0;

  CHECK_RUN (self, 0);
  g_return_val_if_fail (node < (guint) self->n_nodes, 0);
  if (!clamp_window (self, &from_week, &to_week))
    return 0;
  for (int t = from_week; t <= to_week; t++)
    weeks += is_limiting (self, node, t);
  return weeks;
}

int
wfl_simulation_get_top_bottleneck (WflSimulation *self,
                                   int            from_week,
                                   int            to_week)
{
  int best = -1;
  guint best_weeks = 0;
  double best_short = 0;

  CHECK_RUN (self, -1);
  if (!clamp_window (self, &from_week, &to_week))
    return -1;
  for (int n = 0; n < self->n_nodes; n++)
    {
      guint weeks = 0;
      double shortfall = 0;
      for (int t = from_week; t <= to_week; t++)
        if (is_limiting (self, n, t))
          {
            weeks++;
            shortfall += self->run->requirement[NT (self, n, t)] -
                         self->run->starts[NT (self, n, t)];
          }
      if (weeks > 0 && (weeks > best_weeks || (weeks == best_weeks && shortfall > best_short)))
        {
          best = n;
          best_weeks = weeks;
          best_short = shortfall;
        }
    }
  return best;
}
