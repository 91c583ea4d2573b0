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
 *   wfl-simulation-products.c the end products and what each node reaches
 *   wfl-simulation-capacity.c pools, capacity expansions and their
 *                             equipment suppliers
 *
 * This header is for those files only: the layout of WflSimulation and its
 * run state, and the functions one section calls in another.  What other
 * files of the model may use is in wfl-simulation-private.h.  Everything
 * the weekly loop calls per node and week stays static (or static inline
 * here) so that it can be inlined. */

#pragma once

#include <math.h>

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
 * it.  One stamp per node-week batch.  Each queue is a ring buffer, a
 * block of a power of two entries in one arena, so that a queue's lots
 * are contiguous in memory (the weekly loop walks them in order); a full
 * queue moves into a block twice its size and gives its old block to the
 * free list of that size, so queues allocate only when the arena has to
 * grow.
 *
 * Both the entries and the stamps are arenas (see Arena) that hand out
 * fresh slots from their end, so only the pages actually used are ever
 * touched: a big scenario holds about a million lots, and touching fresh
 * memory a 4 KiB page at a time is what cost most of a run (page faults
 * are expensive, in virtual machines above all). */

typedef struct
{
  int base;    /* its block's first entry */
  int cap;     /* the block's size: 0 (none yet) or a power of two */
  int head;    /* the front's position in the block */
  int len;
} Queue;

/* A lot in a buffer: `arrived` is the week it reached the buffer,
 * `shipped` the week it left its supplier's stock (its arrival minus the
 * link's transit; for a lot in a node's own stock, the week it completed). */
typedef struct
{
  double qty;
  int    chain;    /* in a free block's first entry: the next free block of its size */
  int    arrived;
  int    shipped;
} LotEntry;

#define LOT_BLOCK_CLASSES 31

/* One stage of a chain: the node's batch started in `start`, completed in
 * `end`, from material that left its supplier in `shipped` and reached
 * the node in `arrived` (both `start` for a batch that consumed no lot). */
typedef struct
{
  int node;
  int start;
  int end;
  int arrived;
  int shipped;
  int parent;
} Stamp;

/* Where the lot consumed last among those that arrived latest came from:
 * what a batch (or an order) inherits. */
typedef struct
{
  int chain;
  int arrived;
  int shipped;
} LotOrigin;

#define LOT_ORIGIN_NONE ((LotOrigin) { -1, G_MININT, G_MININT })

typedef struct
{
  Arena     entry_arena;
  LotEntry *entries;       /* entry_arena.data */
  int       n_alloc;
  int       n_used;        /* entries [0, n_used) were handed out at least once */
  int       free_block[LOT_BLOCK_CLASSES];  /* per size 2^c: the first free block, or -1 */
  Arena     stamp_arena;
  Stamp    *stamps;        /* stamp_arena.data */
  int       n_stamps;
  int       stamps_alloc;
  Queue    *stock_q;       /* per node */
  Queue    *pool_q;        /* per line */
  Queue    *transit_q;     /* per link */
  int      *batch_chain;   /* per node, for the last batch_weeks weeks: see batch_slot() */
  int       batch_weeks;   /* the longest lead time + 1 */
  LotOrigin *order_origin;  /* per order: the last units received (their chain, arrival, shipping) */
} Lots;

/* The lot log.  The weekly loop does not move lots itself: it writes
 * what it does to them as operations (LotOp) into a ring, and
 * wfl-simulation-lots.c replays them, in the same order, into Lots.  Lots
 * never feed back into quantities, so on a big scenario the replay runs
 * on a thread of its own beside the loop; on a small one the loop replays
 * the ring itself whenever it is full.  Either way every queue sees the
 * same operations in the same order, so the timelines are bit-identical.
 *
 * An operation packs its kind into the top 4 bits of op_a and a node,
 * line, link or order index into the rest; b is a week. */
typedef enum
{
  LOT_OP_COMPLETE,     /* a: node, b: week; qty good units completed into its stock */
  LOT_OP_TRANSIT,      /* a: link, b: week; its lots that arrive by then move to its line's pool */
  LOT_OP_TAKE,         /* a: line; qty taken from its pool into the current origin */
  LOT_OP_POOL_CLEAR,   /* a: line; its pool is empty */
  LOT_OP_BATCH,        /* a: node, b: week; a batch started from the current origin; qty good */
  LOT_OP_NO_BATCH,     /* a: node, b: week; no batch started */
  LOT_OP_SHIP,         /* a: link, b: week; qty shipped from its supplier's stock */
  LOT_OP_STOCK_CLEAR,  /* a: node; its stock is empty */
  LOT_OP_ORDER_END,    /* a: order; it received the current origin's units last */
} LotOpKind;

#define LOT_OP_SHIFT 28

typedef struct
{
  guint32 op_a;
  gint32  b;
  double  qty;
} LotOp;

typedef struct _LotLog LotLog;
typedef struct _PlanSplit PlanSplit;

struct _LotLog
{
  LotOp         *ops;        /* the ring: cap, a power of two */
  guint          cap;
  guint          w;          /* the writer's count of operations */
  guint          limit;      /* write up to here before _wfl_lot_log_flush() */
  guint          replayed;   /* without a thread: operations replayed */
  /* Shared with the thread (g_atomic_int_*). */
  gint           published;  /* operations the thread may replay */
  gint           consumed;   /* operations it has replayed */
  gint           done;
  gint           reader_asleep;
  gint           writer_waiting;
  GMutex         lock;
  GCond          cond;
  GThread       *thread;     /* NULL: the loop replays the ring itself */
  WflSimulation *self;
  Lots          *lots;
  LotOrigin      origin;     /* the replay's current origin (LOT_OP_TAKE) */
  PlanSplit     *split;      /* with the thread: the plan's half it makes */
};

void _wfl_lot_log_flush (LotLog *log);

/* Writes one operation to the log. */
static inline void
lot_log_put (LotLog    *log,
             LotOpKind  op,
             int        a,
             int        b,
             double     qty)
{
  LotOp *o;

  if (G_UNLIKELY (log->w == log->limit))
    _wfl_lot_log_flush (log);
  o = &log->ops[log->w & (log->cap - 1)];
  o->op_a = ((guint32) op << LOT_OP_SHIFT) | (guint32) a;
  o->b = b;
  o->qty = qty;
  log->w++;
}

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

/* One horizon of a node's plan: its starts over weeks t … t + h before
 * any line limits them, and the two lines that can match the fewest
 * starts within the horizon (a line's plan is limited by the others). */
typedef struct _Horizon
{
  int    h;
  double base;       /* min (G, D + later starts) */
  int    least;      /* the line that can match the fewest starts, or -1 */
  double first;      /* … that many */
  double second;     /* the fewest of the other lines */
} Horizon;

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
  double   *received_lo;     /* per node: what rounding took from received (add_received()) */
  double   *received_week;   /* per node (customers) */
  double   *req_link;        /* per link: this week's ship request */
  double   *plan_link;       /* per link: this week's plan request (over the supplier's lead) */
  double   *gross_link;      /* per link: the whole outstanding requirement */
  double   *prev_plan;       /* per link: last week's plan request */
  double   *part;            /* per link: its part of its supplier's output */
  double   *in_rate;         /* per node: starts per week its inputs can feed */
  double   *out_rate;        /* per node: good units per week it can put out */
  double   *take_rate;       /* per node: starts per week it and its consumers can take */
  double   *on_hand;         /* scratch, per line of one node: pool + in transit */
  Horizon  *horizons; /* scratch, the distinct horizons of one node's lines */
  double   *plan_m;          /* scratch, per horizon and line of one node: the starts the line can match */
  double   *wip_cum;         /* per node (wip_first): its work in progress completing within k weeks */
  int      *wip_week;        /* per node: the week wip_cum was summed for, or -1 */
  int      *scarce_line;     /* per node: the line with the least for this week, or -1 */
  double   *demand;          /* scratch, 6 per line of one customer (wfl-simulation-demand.c) */
  double   *alloc;           /* scratch, per out link of one node */
  int      *order_scratch;   /* scratch, per out link of one node */

  /* Orders.  remaining is what an order still needs (its needed
   * quantity − delivered; docs/model.md "Forecasts, order inflation and
   * cancellation"). */
  double   *remaining;
  double   *delivered;
  double   *delivered_by_due;
  int      *filled_week;

  Lots      lots;
  LotLog   *lot_log;         /* while a run that tracks lots goes on, else NULL */

  /* Version 2: quotas (wfl-simulation-quota.c) */
  double   *quota_used;      /* per quota row: shipped in its current period */
  int      *quota_period;    /* per quota row: that period, -1 before the first */
  double   *alloc_cap;       /* scratch, per out link of one node */
  double   *alloc_weight;    /* scratch, per out link of one node */

  /* Capacity (wfl-simulation-capacity.c).  The capacity table the run
   * uses: the simulation's, or (a variant that scales an equipment
   * supplier) a copy whose expanded rows follow the variant's tools. */
  const Table *cap;
  Table     cap_variant;     /* value and column borrowed; varying owned */
  int      *exp_qualified;   /* per expansion: the variant's qualified week */
};

/* One period of a grant, as compiled (wfl-simulation-quota.c). */
typedef struct
{
  WflGrantPeriod  pub;
  int             donor_row;
  int             recipient_row;
} GrantPeriod;

struct _WflSimulation
{
  GObject     parent_instance;

  /* Capacity edits applied while compiling (wfl_simulation_new_with_edits()),
   * NULL afterwards. */
  const WflCapacityEdit *edits;
  guint       n_edits;

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
  int        *line_ship_horizon;  /* per line: the longest transit + cover-weeks of its links */
  int        *line_plan_horizon;  /* per line: the longest supplier lead + transit + cover-weeks */
  int        *node_h_first;   /* node -> its plan's horizons [node_h_first[n], node_h_first[n + 1]) in node_h */
  int        *node_h;         /* per node: 0 and its lines' ship and plan horizons, distinct, ascending */
  int        *line_ship_k;    /* per line: its ship horizon's index in node_h */
  int        *line_plan_k;    /* per line: its plan horizon's index in node_h */
  int         max_plan_cells; /* the most horizons × lines of one node */
  int        *wip_first;      /* node -> its max (lead − 1, 0) slots in a run's wip_cum */
  int        *transit_links;  /* the links with transit ≥ 1 week, in document order */
  int         n_transit_links;

  int        *link_from;
  int        *link_to;
  int        *link_line;
  int        *link_transit;
  int        *link_cover;
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

  int         n_products;     /* end products: the distinct units of the customers */
  char      **product_unit;
  int        *node_product;   /* customer -> its end product, else -1 */
  guint8     *reaches;        /* node × n_products: whether its flow reaches that product's customers */

  int        *week_quarter;
  int         n_quarters;
  int        *quarter_first;  /* n_quarters + 1 */

  /* Demand (version 2; wfl-simulation-demand.c): products, customers'
   * product lines, order inflation and cancellation, forecasts. */
  int         n_skus;
  char      **sku_id;
  char      **sku_name;
  double     *sku_compute;   /* per unit; NAN when not known */
  int         reference_sku; /* -1 when none */
  char       *compute_unit;      /* NULL when none */
  int        *node_sku;      /* -1 when none */
  int        *line_sku;      /* customers' lines: the product of their links' sources */
  gboolean   *cust_lines;        /* per node: a customer with several lines (products) */
  int        *order_sku;     /* -1: any */
  int        *order_line;        /* the line an order is filled from; -1: any of its customer's */
  double     *order_needed;      /* quantity / booked-to-needed at its placing */
  double     *order_extra;       /* quantity − needed: booked beyond need */
  int        *order_cancel;      /* the week its rest is cancelled; G_MAXINT: never */
  int         n_forecasts;
  int        *cust_forecast_first;  /* node -> range of its forecasts */
  int        *forecast_line;     /* -1: any of the customer's lines */
  int        *forecast_horizon;
  gsize      *forecast_first;    /* where its weeks start in forecast_cum */
  int        *forecast_length;   /* its weeks there: the calendar and the longest horizon after it */
  double     *forecast_cum;      /* per forecast and week: units forecast from its first week on */
  double     *forecast_ordered;  /* forecast × calendar week: orders of its product placed from its first week on */

  /* The results of wfl_simulation_run(), week-major (week × node,
   * week × link) as the weekly loop writes them. */
  /* Capacity (wfl-simulation-capacity.c): pools, and the expansions
   * with their equipment suppliers, served at compile time (the nominal
   * dates below; a variant run of an equipment supplier serves its own). */
  int        *pool_nodes;     /* the pools, document order */
  int         n_pool_nodes;
  guint8     *line_is_pool;   /* per line: it draws on pools */
  int         n_expansions;
  int        *exp_node;       /* the node whose capacity grows */
  double     *exp_amount;     /* capacity a week it adds */
  int        *exp_ordered;    /* week it is ordered in (negative: before the calendar) */
  WflDate    *exp_ordered_date;
  int        *exp_lead;
  int        *exp_qualification;
  int        *exp_supplier;   /* equipment node, or -1 */
  double     *exp_tools;
  int        *exp_queue;      /* expansions with a supplier: by supplier, ordered week, document order */
  int        *exp_queue_first;  /* node -> its range in exp_queue (n_nodes + 1) */
  int        *exp_tools_start;  /* week its first tool started (no supplier: ordered) */
  int        *exp_tools_done;   /* week its last tool arrived (no supplier: ordered) */
  int        *exp_delivered;    /* tools done + lead */
  int        *exp_qualified;    /* delivered + qualification: the capacity step */
  int        *exp_row;        /* node -> its row in exp_base, or -1 (NULL: no expansions) */
  double     *exp_base;       /* row × week: the capacity before expansions */

  WflSimRun  *run;
  gboolean    has_run;
  int         lot_thread;    /* _wfl_simulation_set_lot_thread() */
  WflOrderResult *orders;
  WflStage   *stages;

  /* Version 2: allocation and availability (wfl-simulation-quota.c).
   * Each is compiled only when the scenario uses it, so that a scenario
   * without them costs nothing more. */
  gboolean    has_availability;
  Table       open;           /* link × week: 1 open, 0 closed (with has_availability) */
  gboolean    has_weights;
  Table       weight;         /* link × week (with has_weights: a node uses weighted-fair-share) */
  guint8     *quota_kind;     /* per node: its WflPeriod */
  int        *period_of_week[3];  /* per WflPeriod in use: week → period */
  int        *period_first[3];    /* per WflPeriod in use: first week of each period, and n_weeks */
  int        *period_key[3];      /* per WflPeriod in use: each period's week, month or quarter key */
  int         n_periods[3];
  int         n_quota_rows;   /* the links out of nodes with the quota policy */
  int        *quota_row;      /* per link: its row, or -1 */
  int        *quota_row_link; /* per row: its link */
  int        *quota_offset;   /* per row + 1: its periods' range in the quota_* arrays */
  double     *quota_own;      /* the link's quota schedule in each period */
  double     *quota_granted;  /* received through grants */
  double     *quota_given;    /* given up through grants */
  GrantPeriod *grant_periods;
  int         n_grant_periods;
  char      **grant_source;   /* per grant period: its source id, or NULL */
};

/* ------------------------------------------------------------------ */
/* The weekly loop's small helpers (wfl-simulation-step.c and
 * wfl-simulation-plan.c) */

/* Adds x to customer n's cumulative received total with Neumaier's
 * compensated summation: the rounding error of each addition is kept in
 * received_lo, so the total is that of exact sums (25,000 from weekly
 * shipments of 1,473.392025, not 25,000.000000000007). */
static inline void
add_received (WflSimRun *run,
              int        n,
              double     x)
{
  double sum = run->received[n], next = sum + x;

  run->received_lo[n] += fabs (sum) >= fabs (x) ? (sum - next) + x : (x - next) + sum;
  run->received[n] = next;
  run->received_week[n] += x;
}

/* A quantity below the tolerance of its scale counts as zero. */
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
  double c = table_at (run->cap, n, t);

  return n == run->scaled_node ? c * run->factor : c;
}

/* ------------------------------------------------------------------ */
/* Functions one section calls in another */

/* wfl-simulation-compile.c */
void     _wfl_simulation_compile             (WflSimulation *self,
                                              WflScenario   *scenario);

/* wfl-simulation-products.c: the end products, after compiling. */
void     _wfl_simulation_compile_products    (WflSimulation *self);

/* wfl-simulation-step.c: simulates every week into run; FALSE when
 * cancelled. */
gboolean _wfl_simulation_simulate            (WflSimulation *self,
                                              WflSimRun     *run,
                                              GCancellable  *cancellable);

/* wfl-simulation-plan.c: this week's requirements and requests, from
 * the state after the arrivals (docs/model.md, step 2). */
void     _wfl_simulation_plan_week           (WflSimulation *self,
                                              WflSimRun     *run,
                                              int            t);

/* wfl-simulation-plan.c: the plan of a week made by the loop (side 0)
 * and the lot replay thread (side 1) together, on a big scenario that
 * has the thread (_wfl_lot_log_begin()).  The thread runs
 * _wfl_plan_split_side (split, 1, t) once the loop has asked for week t
 * (*_wfl_plan_split_request () = t + 1). */
/* wfl-simulation.c: the scratch of one node's plan in run (on_hand,
 * horizons, plan_m, demand), for a run or the thread that helps with its
 * plan. */
void     _wfl_simulation_plan_scratch_new    (WflSimulation *self,
                                              WflSimRun     *run);
void     _wfl_simulation_plan_scratch_free   (WflSimRun     *run);
PlanSplit *_wfl_plan_split_new               (WflSimulation *self,
                                              WflSimRun     *run);
void     _wfl_plan_split_free                (PlanSplit     *split);
void     _wfl_plan_split_side                (PlanSplit     *split,
                                              int            side,
                                              int            t);
gint    *_wfl_plan_split_request             (PlanSplit     *split);
/* wfl-simulation-lots.c: asks the thread to help with week t's plan. */
void     _wfl_lot_log_plan                   (LotLog        *log,
                                              int            t);

/* wfl-simulation-quota.c: version 2's allocation and availability */
void     _wfl_simulation_compile_quotas      (WflSimulation *self,
                                              WflScenario   *scenario);
void     _wfl_simulation_quotas_free         (WflSimulation *self);
void     _wfl_simulation_quota_run_new       (WflSimulation *self,
                                              WflSimRun     *run);
void     _wfl_simulation_quota_run_free      (WflSimRun     *run);
void     _wfl_simulation_quota_run_reset     (WflSimulation *self,
                                              WflSimRun     *run);
/* Splits supply over node n's out links into run->alloc under the
 * weighted-fair-share and quota policies. */
void     _wfl_simulation_allocate_v2         (WflSimulation *self,
                                              WflSimRun     *run,
                                              int            n,
                                              int            t,
                                              double         supply);
/* The parts of node w's out links (compute_parts()) when a link may be
 * closed or the node's policy is weighted-fair-share or quota. */
void     _wfl_simulation_parts_v2            (WflSimulation *self,
                                              WflSimRun     *run,
                                              int            w,
                                              int            t);

static inline gboolean
link_open (WflSimulation *self,
           int            l,
           int            t)
{
  return !self->has_availability || table_at (&self->open, l, t) > 0;
}

/* wfl-simulation-capacity.c: expansions before the capacity table is
 * compiled (exp_row), the table's expanded rows (base capacity in out,
 * expansions added), pools after the lines; the run's capacity before
 * the weekly loop and the equipment suppliers' rows after it. */
void     _wfl_simulation_compile_expansions  (WflSimulation *self,
                                              WflScenario   *scenario);
void     _wfl_simulation_expand_row          (WflSimulation *self,
                                              int            n,
                                              double        *out);
void     _wfl_simulation_compile_pools       (WflSimulation *self);
void     _wfl_simulation_capacity_begin      (WflSimulation *self,
                                              WflSimRun     *run);
void     _wfl_simulation_capacity_end        (WflSimulation *self,
                                              WflSimRun     *run);
void     _wfl_simulation_capacity_free       (WflSimulation *self);
void     _wfl_simulation_capacity_run_free   (WflSimRun     *run);

/* wfl-simulation-lots.c */
void     _wfl_simulation_lots_clear          (Lots          *lots);
LotLog  *_wfl_lot_log_begin                  (WflSimulation *self,
                                              WflSimRun     *run);
void     _wfl_lot_log_end                    (LotLog        *log);
void     _wfl_simulation_build_order_results (WflSimulation *self);

/* wfl-simulation-plan.c, for wfl-simulation-demand.c */
void     _wfl_simulation_split_request       (WflSimulation *self,
                                              double        *dest,
                                              int            line,
                                              int            t,
                                              double         request);
double   _wfl_simulation_line_in_transit     (WflSimulation *self,
                                              WflSimRun     *run,
                                              int            line,
                                              int            t);

/* wfl-simulation-demand.c (docs/model.md "Products" and "Forecasts,
 * order inflation and cancellation") */
void     _wfl_simulation_compile_demand      (WflSimulation *self,
                                              WflScenario   *scenario);
void     _wfl_simulation_free_demand         (WflSimulation *self);
/* Whether customer n's needs take the demand path (several product lines
 * or forecasts); otherwise the plain rules of "Needs and requests". */
static inline gboolean
cust_has_demand (WflSimulation *self,
                 int            n)
{
  return self->cust_lines[n] || self->cust_forecast_first[n] < self->cust_forecast_first[n + 1];
}
void     _wfl_simulation_customer_demand     (WflSimulation *self,
                                              WflSimRun     *run,
                                              int            n,
                                              int            t);
/* Whether order o is open in week t: placed, neither filled nor cancelled. */
static inline gboolean
order_is_open (WflSimulation *self,
               WflSimRun     *run,
               int            o,
               int            t)
{
  return run->filled_week[o] < 0 && self->order_placed[o] <= t && self->order_cancel[o] > t;
}

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
