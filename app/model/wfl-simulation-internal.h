/* wfl-simulation-internal.h: what the wfl-simulation*.c files share
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The simulation is one type in several files, by section:
 *
 *   wfl-simulation.c          the type, the public entry points (new, run,
 *                             run_async) and the variant runs of
 *                             wfl-simulation-private.h
 *   wfl-simulation-memory.c   the huge-page blocks and the arenas
 *   wfl-simulation-compile.c  a scenario into the flat arrays below
 *   wfl-simulation-step.c     the weekly loop and the lot queues it moves
 *   wfl-simulation-lots.c     the lot pool's set-up, and the order
 *                             timelines read from its stamps
 *   wfl-simulation-results.c  the accessors: series, derived series and
 *                             key figures
 *
 * This header is for those files only: the layout of WflSimulation and its
 * run state, and the functions one section calls in another.  What other
 * files of the model may use is in wfl-simulation-private.h.  Everything
 * the weekly loop calls per node and week stays static (or static inline
 * here) so that it can be inlined. */

#pragma once

#include "wfl-simulation.h"
#include "wfl-simulation-private.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------ */
/* Memory (wfl-simulation-memory.c) */

/* Large arrays (node × week, link × week): n × size bytes, uninitialised,
 * in huge pages from 1 MiB up (see wfl-simulation-memory.c).  Free with
 * _wfl_big_free(). */
gpointer _wfl_big_alloc (gsize n,
                         gsize size);
void     _wfl_big_free  (gpointer p);

#define big_new(type, n) ((type *) _wfl_big_alloc ((n), sizeof (type)))

/* A growable array for the lot arenas, which only grow and whose final
 * size is unknown: a _wfl_big_alloc() block.  A huge block grows into a
 * bigger one by moving its pages to the start of the new block with mremap():
 * nothing is copied and no page is faulted in twice, so a run touches
 * only the memory it uses, once.  Smaller ones are copied. */
typedef struct
{
  gpointer data;
  gsize    bytes;
} Arena;

void     _wfl_arena_resize   (Arena *arena,
                              gsize  bytes);
int      _wfl_arena_capacity (Arena *arena,
                              gsize  size);
void     _wfl_arena_clear    (Arena *arena);

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

/* ------------------------------------------------------------------ */
/* The compiled model and the state of a run */

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

/* ------------------------------------------------------------------ */
/* Functions one section calls in another */

/* wfl-simulation-compile.c */
void     _wfl_simulation_compile             (WflSimulation *self,
                                              WflScenario   *scenario);

/* wfl-simulation-step.c: simulates every week into run; FALSE when
 * cancelled. */
gboolean _wfl_simulation_simulate            (WflSimulation *self,
                                              WflSimRun     *run,
                                              GCancellable  *cancellable);

/* wfl-simulation-lots.c */
void     _wfl_simulation_lots_init           (WflSimulation *self,
                                              Lots          *lots);
void     _wfl_simulation_lots_clear          (Lots          *lots);
void     _wfl_simulation_build_order_results (WflSimulation *self);

/* wfl-simulation-results.c */
double   _wfl_simulation_mean_lateness       (WflSimulation *self,
                                              const int     *filled_week);
double   _wfl_simulation_delivered_in        (WflSimulation *self,
                                              const double  *completed,
                                              gboolean       week_major,
                                              int            customer,
                                              int            from,
                                              int            to);

G_END_DECLS
