/* wfl-simulation-lots.c: the lot pool, and the order timelines it yields
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The lot pool of a run (Lots in wfl-simulation-internal.h): setting it
 * up and clearing it, its queues, replaying the lot log the weekly loop
 * (wfl-simulation-step.c) writes, on a thread of its own on a big
 * scenario, and, after a run, reading every filled order's stamp chain
 * into its timeline of stages. */

#define G_LOG_DOMAIN "wfl-simulation"

#include "config.h"

#include "wfl-simulation-internal.h"

/* How many operations the ring holds (16 bytes each), and how often the
 * loop hands them to the replay thread. */
#define LOG_CAP      (1u << 16)
#define LOG_PUBLISH  (1u << 12)

void
_wfl_simulation_lots_clear (Lots *lots)
{
  _wfl_arena_clear (&lots->entry_arena);
  _wfl_arena_clear (&lots->stamp_arena);
  lots->entries = NULL;
  lots->stamps = NULL;
  g_clear_pointer (&lots->stock_q, g_free);
  g_clear_pointer (&lots->pool_q, g_free);
  g_clear_pointer (&lots->transit_q, g_free);
  g_clear_pointer (&lots->batch_chain, _wfl_big_free);
  g_clear_pointer (&lots->order_origin, g_free);
}

/* What lots_init() below and the order timelines take:
 * every stamp it reserves, the entry arena as it grows (lots wait in a
 * node's stock or a line's pool one batch a week: about one entry per
 * node-week at most, while the arena moves into one twice its size), and
 * the timelines, the lot log's ring and its thread's list of nodes. */
gsize
_wfl_simulation_lots_bytes (const WflSimSize *size)
{
  gsize stamps = size->nodes * (1 + size->weeks) + size->lead_sum;

  return (gsize) LOG_CAP * sizeof (LotOp) +                                 /* the lot log */
         size->nodes * 2 * sizeof (int) +                                   /* its thread's plan */
         stamps * sizeof (Stamp) +
         MAX (64, size->nodes * size->weeks) * sizeof (LotEntry) +
         size->nodes * (size->max_lead + 1) * sizeof (int) +                 /* batch_chain */
         (2 * size->nodes + size->links) * sizeof (Queue) +
         size->orders * (sizeof (int) + sizeof (WflOrderResult) + 8 * sizeof (WflStage));
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

  _wfl_simulation_lots_clear (lots);
  _wfl_arena_resize (&lots->entry_arena, sizeof (LotEntry) * guess);
  lots->entries = lots->entry_arena.data;
  lots->n_alloc = _wfl_arena_capacity (&lots->entry_arena, sizeof (LotEntry));
  lots->n_used = 0;
  for (int c = 0; c < LOT_BLOCK_CLASSES; c++)
    lots->free_block[c] = -1;
  _wfl_arena_resize (&lots->stamp_arena, sizeof (Stamp) * MAX (max_stamps, 64));
  lots->stamps = lots->stamp_arena.data;
  lots->stamps_alloc = _wfl_arena_capacity (&lots->stamp_arena, sizeof (Stamp));
  lots->n_stamps = 0;
  lots->stock_q = g_new (Queue, MAX (self->n_nodes, 1));
  lots->pool_q = g_new (Queue, MAX (self->n_lines, 1));
  lots->transit_q = g_new (Queue, MAX (self->n_links, 1));
  for (int i = 0; i < self->n_nodes; i++)
    lots->stock_q[i] = (Queue) { 0, 0, 0, 0 };
  for (int i = 0; i < self->n_lines; i++)
    lots->pool_q[i] = (Queue) { 0, 0, 0, 0 };
  for (int i = 0; i < self->n_links; i++)
    lots->transit_q[i] = (Queue) { 0, 0, 0, 0 };
  lots->batch_weeks = 1;
  for (int n = 0; n < self->n_nodes; n++)
    lots->batch_weeks = MAX (lots->batch_weeks, self->lead[n] + 1);
  lots->batch_chain = big_new (int, (gsize) self->n_nodes * lots->batch_weeks);
  lots->order_origin = g_new (LotOrigin, MAX (self->n_orders, 1));
  for (int i = 0; i < self->n_orders; i++)
    lots->order_origin[i] = LOT_ORIGIN_NONE;
}

/* ------------------------------------------------------------------ */
/* Lot queues */

/* How many operations ahead the replay prefetches the queues of. */
#define PREFETCH_AHEAD 8

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
           int   shipped,
           int   parent)
{
  Stamp *s;

  if (lots->n_stamps == lots->stamps_alloc)
    {
      _wfl_arena_resize (&lots->stamp_arena, sizeof (Stamp) * lots->stamps_alloc * 2);
      lots->stamps = lots->stamp_arena.data;
      lots->stamps_alloc = _wfl_arena_capacity (&lots->stamp_arena, sizeof (Stamp));
    }
  s = &lots->stamps[lots->n_stamps];
  s->node = node;
  s->start = start;
  s->end = end;
  s->arrived = arrived;
  s->shipped = shipped;
  s->parent = parent;
  return lots->n_stamps++;
}

/* The i-th entry of q from its front. */
static inline LotEntry *
queue_at (Lots        *lots,
          const Queue *q,
          int          i)
{
  return &lots->entries[q->base + ((q->head + i) & (q->cap - 1))];
}

/* A block of 2^c entries: a free one of that size, else fresh ones from
 * the arena's end. */
static int
block_new (Lots *lots,
           int   c)
{
  int size = 1 << c, b;

  if (lots->free_block[c] >= 0)
    {
      b = lots->free_block[c];
      lots->free_block[c] = lots->entries[b].chain;
      return b;
    }
  if (lots->n_alloc - lots->n_used < size)
    {
      gsize want = (gsize) MAX (lots->n_alloc, 1) * 2;

      while (want < (gsize) lots->n_used + size)
        want *= 2;
      _wfl_arena_resize (&lots->entry_arena, sizeof (LotEntry) * want);
      lots->entries = lots->entry_arena.data;
      lots->n_alloc = _wfl_arena_capacity (&lots->entry_arena, sizeof (LotEntry));
    }
  b = lots->n_used;
  lots->n_used += size;
  return b;
}

/* Moves q into a block twice its size (4 entries at first), its front
 * first. */
static void
queue_grow (Lots  *lots,
            Queue *q)
{
  int cap = q->cap > 0 ? 2 * q->cap : 4;
  int b = block_new (lots, g_bit_nth_lsf (cap, -1));

  for (int i = 0; i < q->len; i++)
    lots->entries[b + i] = *queue_at (lots, q, i);
  if (q->cap > 0)
    {
      int c = g_bit_nth_lsf (q->cap, -1);

      lots->entries[q->base].chain = lots->free_block[c];
      lots->free_block[c] = q->base;
    }
  q->base = b;
  q->cap = cap;
  q->head = 0;
}

static void
queue_push (Lots   *lots,
            Queue  *q,
            double  qty,
            int     chain,
            int     arrived,
            int     shipped)
{
  if (!(qty > 0))
    return;
  if (q->len > 0)
    {
      LotEntry *tail = queue_at (lots, q, q->len - 1);

      if (tail->chain == chain && tail->arrived == arrived && tail->shipped == shipped)
        {
          tail->qty += qty;
          return;
        }
    }
  if (q->len == q->cap)
    queue_grow (lots, q);
  *queue_at (lots, q, q->len) = (LotEntry) { qty, chain, arrived, shipped };
  q->len++;
}

/* Asks the processor to load q's front (or tail) ahead of its use: the
 * loop goes from queue to queue, and each would otherwise wait for
 * memory. */
static inline void
queue_prefetch (Lots        *lots,
                const Queue *q,
                gboolean     tail)
{
  if (q->len > 0)
    __builtin_prefetch (queue_at (lots, q, tail ? q->len - 1 : 0), 1);
}

static inline void
queue_pop (Queue *q)
{
  q->head = (q->head + 1) & (q->cap - 1);
  q->len--;
}

/* Empties q; it keeps its block. */
static inline void
queue_clear (Queue *q)
{
  q->head = 0;
  q->len = 0;
}

/* Takes `amount` from the front of q.  Pieces go to dest (when not NULL)
 * arriving in week dest_arrived, shipped in week dest_shipped; *last (when
 * not NULL) receives the origin of the entry consumed last among those
 * that arrived latest (ties: later in consumption order). */
static void
queue_take (Lots      *lots,
            Queue     *q,
            double     amount,
            Queue     *dest,
            int        dest_arrived,
            int        dest_shipped,
            LotOrigin *last)
{
  while (amount > 0 && q->len > 0)
    {
      LotEntry *e = queue_at (lots, q, 0);
      double take;
      int chain = e->chain;
      int arrived = e->arrived;
      int shipped = e->shipped;

      if (e->qty <= amount * (1 + EPS))
        {
          take = e->qty;
          queue_pop (q);
        }
      else
        {
          take = amount;
          e->qty -= amount;
        }
      amount -= take;
      if (last != NULL && arrived >= last->arrived)
        *last = (LotOrigin) { chain, arrived, shipped };
      if (dest != NULL)
        queue_push (lots, dest, take, chain, dest_arrived, dest_shipped);
    }
}


/* ------------------------------------------------------------------ */
/* Replaying the lot log */

/* The first lots: every node's initial stock. */
static void
lots_start (WflSimulation *self,
            Lots          *lots)
{
  lots_init (self, lots);
  for (int n = 0; n < self->n_nodes; n++)
    if (self->initial_stock[n] > 0)
      {
        int L = self->lead[n];
        int chain = stamp_new (lots, n, -L - 1, -1, -L - 1, -L - 1, -1);

        queue_push (lots, &lots->stock_q[n], self->initial_stock[n], chain, -1, -1);
      }
}

/* The queue an operation works on first, to prefetch. */
static inline void
op_prefetch (WflSimulation *self,
             Lots          *lots,
             const LotOp   *op)
{
  int a = (int) (op->op_a & ((1u << LOT_OP_SHIFT) - 1));

  switch ((LotOpKind) (op->op_a >> LOT_OP_SHIFT))
    {
    case LOT_OP_TRANSIT:
      queue_prefetch (lots, &lots->transit_q[a], FALSE);
      queue_prefetch (lots, &lots->pool_q[self->link_line[a]], TRUE);
      break;
    case LOT_OP_TAKE:
      queue_prefetch (lots, &lots->pool_q[a], FALSE);
      break;
    case LOT_OP_SHIP:
      queue_prefetch (lots, &lots->stock_q[self->link_from[a]], FALSE);
      break;
    case LOT_OP_COMPLETE:
    case LOT_OP_BATCH:
      queue_prefetch (lots, &lots->stock_q[a], TRUE);
      break;
    default:
      break;
    }
}

/* Does one operation of the weekly loop to the lots (LotOpKind). */
static inline void
op_apply (WflSimulation *self,
          Lots          *lots,
          LotOrigin     *origin,
          const LotOp   *op)
{
  int a = (int) (op->op_a & ((1u << LOT_OP_SHIFT) - 1));
  int t = op->b;

  switch ((LotOpKind) (op->op_a >> LOT_OP_SHIFT))
    {
    case LOT_OP_COMPLETE:
      {
        int L = self->lead[a];
        int chain = t - L >= 0 ? lots->batch_chain[batch_slot (self, lots, a, t - L)]
                               : stamp_new (lots, a, t - L, t, t - L, t - L, -1);

        queue_push (lots, &lots->stock_q[a], op->qty, chain, t, t);
      }
      break;

    case LOT_OP_TRANSIT:
      {
        Queue *tq = &lots->transit_q[a];
        Queue *pq = &lots->pool_q[self->link_line[a]];

        while (tq->len > 0 && queue_at (lots, tq, 0)->arrived <= t)
          {
            LotEntry e = *queue_at (lots, tq, 0);

            queue_pop (tq);
            queue_push (lots, pq, e.qty, e.chain, t, e.shipped);
          }
      }
      break;

    case LOT_OP_TAKE:
      queue_take (lots, &lots->pool_q[a], op->qty, NULL, 0, 0, origin);
      break;

    case LOT_OP_POOL_CLEAR:
      queue_clear (&lots->pool_q[a]);
      break;

    case LOT_OP_BATCH:
    case LOT_OP_NO_BATCH:
      {
        int L = self->lead[a];
        int batch = -1;

        if ((LotOpKind) (op->op_a >> LOT_OP_SHIFT) == LOT_OP_BATCH)
          batch = stamp_new (lots, a, t, t + L, origin->chain >= 0 ? origin->arrived : t,
                             origin->chain >= 0 ? origin->shipped : t, origin->chain);
        lots->batch_chain[batch_slot (self, lots, a, t)] = batch;
        if (L == 0)
          queue_push (lots, &lots->stock_q[a], op->qty, batch, t, t);
        *origin = LOT_ORIGIN_NONE;
      }
      break;

    case LOT_OP_SHIP:
      {
        int T = self->link_transit[a];
        Queue *stock = &lots->stock_q[self->link_from[a]];

        if (T == 0)
          queue_take (lots, stock, op->qty, &lots->pool_q[self->link_line[a]], t, t, NULL);
        else if (t + T < self->n_weeks)
          queue_take (lots, stock, op->qty, &lots->transit_q[a], t + T, t, NULL);
        else
          queue_take (lots, stock, op->qty, NULL, 0, 0, NULL);
      }
      break;

    case LOT_OP_STOCK_CLEAR:
      queue_clear (&lots->stock_q[a]);
      break;

    case LOT_OP_ORDER_END:
      if (origin->arrived != G_MININT)
        lots->order_origin[a] = *origin;
      *origin = LOT_ORIGIN_NONE;
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Replays operations from .. to − 1 of the ring. */
static void
replay (LotLog *log,
        guint   from,
        guint   to)
{
  WflSimulation *self = log->self;
  Lots *lots = log->lots;
  guint mask = log->cap - 1;

  for (guint i = from; i != to; i++)
    {
      if (to - i > PREFETCH_AHEAD)
        op_prefetch (self, lots, &log->ops[(i + PREFETCH_AHEAD) & mask]);
      op_apply (self, lots, &log->origin, &log->ops[i & mask]);
    }
}

/* Wakes whichever side sleeps on the log's condition. */
static void
log_wake (LotLog *log)
{
  g_mutex_lock (&log->lock);
  g_cond_broadcast (&log->cond);
  g_mutex_unlock (&log->lock);
}

/* The thread replays the ring in stretches of at most this many
 * operations, so that it joins a week's plan soon after the loop asks. */
#define REPLAY_STRETCH 1024

/* The thread beside the loop: it helps with each week's plan when the
 * loop asks (_wfl_lot_log_plan()), and replays the operations the loop
 * has published in between. */
static gpointer
replay_thread (gpointer data)
{
  LotLog *log = data;
  gint *request = _wfl_plan_split_request (log->split);
  guint done_to = 0;
  gint helped = 0;

  lots_start (log->self, log->lots);
  for (;;)
    {
      gint asked = g_atomic_int_get (request);
      guint to = (guint) g_atomic_int_get (&log->published);

      if (asked != helped)
        {
          _wfl_plan_split_side (log->split, 1, asked - 1);
          helped = asked;
          continue;
        }
      if (to != done_to)
        {
          to = to - done_to > REPLAY_STRETCH ? done_to + REPLAY_STRETCH : to;
          replay (log, done_to, to);
          done_to = to;
          g_atomic_int_set (&log->consumed, (gint) done_to);
          if (g_atomic_int_get (&log->writer_waiting))
            log_wake (log);
          continue;
        }
      if (g_atomic_int_get (&log->done))
        {
          if ((guint) g_atomic_int_get (&log->published) == done_to)
            break;
          continue;
        }
      /* Nothing to do: sleep until the loop asks for help with a plan or
       * has written a good part of the ring (_wfl_lot_log_flush()). */
      g_mutex_lock (&log->lock);
      g_atomic_int_set (&log->reader_asleep, 1);
      while ((guint) g_atomic_int_get (&log->published) == done_to &&
             g_atomic_int_get (request) == helped && !g_atomic_int_get (&log->done))
        g_cond_wait (&log->cond, &log->lock);
      g_atomic_int_set (&log->reader_asleep, 0);
      g_mutex_unlock (&log->lock);
    }
  return NULL;
}

void
_wfl_lot_log_plan (LotLog *log,
                   int     t)
{
  g_atomic_int_set (_wfl_plan_split_request (log->split), t + 1);
  if (g_atomic_int_get (&log->reader_asleep))
    log_wake (log);
}

/* Whether a run of this size replays its lots on a thread of its own:
 * a thread costs about what replaying a few thousand node-weeks does. */
static gboolean
wants_thread (WflSimulation *self)
{
  if (self->lot_thread >= 0)
    return self->lot_thread > 0;
  return (gsize) self->n_nodes * (gsize) self->n_weeks >= 200000 && g_get_num_processors () > 1;
}

LotLog *
_wfl_lot_log_begin (WflSimulation *self,
                    WflSimRun     *run)
{
  LotLog *log = g_new0 (LotLog, 1);

  g_assert (MAX (MAX (self->n_nodes, self->n_links), MAX (self->n_lines, self->n_orders)) <
            (1 << LOT_OP_SHIFT));
  log->cap = LOG_CAP;
  log->ops = g_new (LotOp, log->cap);
  log->self = self;
  log->lots = &run->lots;
  log->origin = LOT_ORIGIN_NONE;
  g_mutex_init (&log->lock);
  g_cond_init (&log->cond);
  if (wants_thread (self))
    {
      log->limit = LOG_PUBLISH;
      log->split = _wfl_plan_split_new (self, run);
      log->thread = g_thread_new ("wfl-lots", replay_thread, log);
    }
  else
    {
      lots_start (self, log->lots);
      log->limit = log->cap;
    }
  return log;
}

/* The loop has written up to log->limit: hands what it wrote to the
 * replay, and makes room in the ring. */
void
_wfl_lot_log_flush (LotLog *log)
{
  guint pending;

  if (log->thread == NULL)
    {
      replay (log, log->replayed, log->w);
      log->replayed = log->w;
      log->limit = log->w + log->cap;
      return;
    }

  g_atomic_int_set (&log->published, (gint) log->w);
  pending = log->w - (guint) g_atomic_int_get (&log->consumed);
  /* Wake a sleeping replay only for a good part of the ring, so that it
   * works in long stretches rather than waking for every few weeks. */
  if (pending >= log->cap / 4 && g_atomic_int_get (&log->reader_asleep))
    log_wake (log);
  if (pending >= log->cap)
    {
      g_mutex_lock (&log->lock);
      g_atomic_int_set (&log->writer_waiting, 1);
      g_cond_broadcast (&log->cond);
      while (log->w - (guint) g_atomic_int_get (&log->consumed) >= log->cap)
        g_cond_wait (&log->cond, &log->lock);
      g_atomic_int_set (&log->writer_waiting, 0);
      g_mutex_unlock (&log->lock);
    }
  log->limit = MIN (log->w + LOG_PUBLISH, (guint) g_atomic_int_get (&log->consumed) + log->cap);
}

/* The run is over (or cancelled): replays what is left, and frees log. */
void
_wfl_lot_log_end (LotLog *log)
{
  if (log->thread == NULL)
    replay (log, log->replayed, log->w);
  else
    {
      g_atomic_int_set (&log->published, (gint) log->w);
      g_atomic_int_set (&log->done, 1);
      log_wake (log);
      g_thread_join (log->thread);
      _wfl_plan_split_free (log->split);
    }
  g_mutex_clear (&log->lock);
  g_cond_clear (&log->cond);
  g_free (log->ops);
  g_free (log);
}

/* ------------------------------------------------------------------ */
/* Timelines */

/* The rows of a filled order's timeline (WflStage in wfl-simulation.h,
 * docs/model.md "Lots and order timelines") from its chain: the stages
 * that started before the placed week p become one STOCK row, the others
 * WORK rows, then the customer.  Each row's wait is cut into held,
 * transit and waiting at the stage, all clipped to the previous row's
 * end, so the rows tile the weeks p … filled − 1.  Returns the number of
 * rows written to st (at most the chain's length + 1). */
static guint
timeline_rows (const Lots     *lots,
               int             o,
               int             p,
               WflOrderResult *r,
               WflStage       *st)
{
  const LotOrigin *origin = &lots->order_origin[o];
  guint depth = 0, n = 0;
  int prev_end = p;
  g_autofree int *chain = NULL;

  for (int c = origin->chain; c >= 0; c = lots->stamps[c].parent)
    depth++;
  chain = g_new (int, MAX (depth, 1));
  {
    guint k = depth;

    for (int c = origin->chain; c >= 0; c = lots->stamps[c].parent)
      chain[--k] = c;
  }

  for (guint k = 0; k < depth; k++)
    {
      const Stamp *s = &lots->stamps[chain[k]];
      WflStage *row;

      if (s->start < p)
        {
          /* Made before the order: the last such stage is where the
           * units were when it was placed; one STOCK row for them all. */
          if (k + 1 < depth && lots->stamps[chain[k + 1]].start < p)
            continue;
          row = &st[n++];
          *row = (WflStage) { (guint) s->node, WFL_STAGE_KIND_STOCK, p, MAX (p, s->end),
                              p, p, s->end, 0, 0, 0, 0 };
          prev_end = row->end_week;
          continue;
        }

      row = &st[n++];
      *row = (WflStage) { (guint) s->node, WFL_STAGE_KIND_WORK, s->start, s->end,
                          s->start, s->start, s->end, 0, 0, 0, 0 };
      if (n == 1)
        /* Nothing of the last units had started: their turn had not come. */
        row->allocation_weeks = s->start - p;
      else
        {
          row->shipped_week = MAX (s->shipped, prev_end);
          row->arrived_week = MAX (s->arrived, row->shipped_week);
          row->transit_weeks = row->arrived_week - row->shipped_week;
          row->wait_weeks = (row->shipped_week - prev_end) + (s->start - row->arrived_week);
        }
      row->wait_before_weeks = s->start - prev_end;
      prev_end = s->end;
    }

  {
    WflStage *row = &st[n++];
    int f = r->filled_week;

    *row = (WflStage) { r->customer, WFL_STAGE_KIND_CUSTOMER, f, f, f, f, f, f - prev_end, 0, 0, 0 };
    if (n == 1)
      row->allocation_weeks = f - p;
    else
      {
        row->shipped_week = CLAMP (origin->shipped, prev_end, f);
        row->arrived_week = CLAMP (origin->arrived, row->shipped_week, f);
        row->transit_weeks = row->arrived_week - row->shipped_week;
        row->wait_weeks = (row->shipped_week - prev_end) + (f - row->arrived_week);
      }
  }

  for (guint k = 0; k < n; k++)
    {
      const WflStage *row = &st[k];

      r->timeline_weeks[WFL_TIMELINE_ALLOCATION] += row->allocation_weeks;
      r->timeline_weeks[WFL_TIMELINE_WAIT] += row->wait_weeks;
      r->timeline_weeks[WFL_TIMELINE_TRANSIT] += row->transit_weeks;
      r->timeline_weeks[row->kind == WFL_STAGE_KIND_STOCK ? WFL_TIMELINE_STOCK : WFL_TIMELINE_WORK] +=
        row->end_week - row->start_week;
    }
  return n;
}

/* The demand figures of an order's result (docs/model.md "Forecasts,
 * order inflation and cancellation"): what it booked beyond what it
 * received is cancelled when it was filled (its needed quantity), or in
 * the week it was cancelled. */
static void
order_demand_result (WflSimulation  *self,
                     int             o,
                     WflOrderResult *r)
{
  double rest = self->order_quantity[o] - r->delivered;

  r->sku = self->order_sku[o];
  r->needed = self->order_needed[o];
  r->cancelled = 0;
  r->cancelled_week = -1;
  if (r->filled_week < 0 && self->order_cancel[o] >= self->n_weeks)
    return;
  r->cancelled = snap (rest, self->order_quantity[o]);
  if (r->cancelled > 0)
    r->cancelled_week = r->filled_week >= 0 ? r->filled_week : MAX (self->order_cancel[o], 0);
}

void
_wfl_simulation_build_order_results (WflSimulation *self)
{
  WflSimRun *run = self->run;
  Lots *lots = &run->lots;
  gsize n_stages = 0;
  gsize pos = 0;

  g_clear_pointer (&self->orders, g_free);
  g_clear_pointer (&self->stages, g_free);
  self->orders = g_new0 (WflOrderResult, MAX (self->n_orders, 1));

  /* A run without lots (wfl_simulation_run_without_timelines()) has no
   * timelines. */
  for (int o = 0; o < self->n_orders && run->track_lots; o++)
    if (run->filled_week[o] >= 0)
      {
        n_stages++;
        for (int c = lots->order_origin[o].chain; c >= 0; c = lots->stamps[c].parent)
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
      order_demand_result (self, o, r);

      if (r->filled_week >= 0 && run->track_lots)
        {
          r->n_stages = timeline_rows (lots, o, self->order_placed[o], r, self->stages + pos);
          pos += r->n_stages;
        }
    }
}
