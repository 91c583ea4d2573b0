/* wfl-simulation-lots.c: the lot pool, and the order timelines it yields
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Setting up and clearing the lot pool of a run (Lots in
 * wfl-simulation-internal.h; the weekly loop in wfl-simulation-step.c
 * moves the lots), and, after a run, reading every filled order's stamp
 * chain into its timeline of stages. */

#define G_LOG_DOMAIN "wfl-simulation"

#include "config.h"

#include "wfl-simulation-internal.h"

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

/* What _wfl_simulation_lots_init() below and the order timelines take:
 * every stamp it reserves, the entry arena as it grows (lots wait in a
 * node's stock or a line's pool one batch a week: about one entry per
 * node-week at most, while the arena moves into one twice its size), and
 * the timelines. */
gsize
_wfl_simulation_lots_bytes (const WflSimSize *size)
{
  gsize stamps = size->nodes * (1 + size->weeks) + size->lead_sum;

  return stamps * sizeof (Stamp) +
         MAX (64, size->nodes * size->weeks) * sizeof (LotEntry) +
         size->nodes * (size->max_lead + 1) * sizeof (int) +                 /* batch_chain */
         (2 * size->nodes + size->links) * sizeof (Queue) +
         size->orders * (sizeof (int) + sizeof (WflOrderResult) + 8 * sizeof (WflStage));
}

void
_wfl_simulation_lots_init (WflSimulation *self,
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
